/*
 * fuzz_mutate.c - see fuzz_mutate.h.
 */
#include "fuzz_mutate.h"

#include "analysis_programs.h"
#include "bpf_sim.h"

#define FIRST_ARG_OFFSET 16u /* offsetof(struct seccomp_data, args) */

/* The offset the last load before jump `at` on the straight line reads,
 * or -1 if none (a jump's target may be reached from elsewhere too; the
 * straight line is what the backends write). */
static long loaded_before(const struct sock_filter *p, size_t at)
{
	for (size_t i = at; i-- > 0;) {
		if (BPF_CLASS(p[i].code) == BPF_LD)
			return BPF_MODE(p[i].code) == BPF_ABS ? (long)p[i].k : -1;
		if (BPF_CLASS(p[i].code) == BPF_JMP || BPF_CLASS(p[i].code) == BPF_RET)
			return -1;
	}
	return -1;
}

/* Jumps on arguments are where inputs are thinnest. */
static bool jumps_on_argument(const struct sock_filter *p, size_t at)
{
	return loaded_before(p, at) >= (long)FIRST_ARG_OFFSET;
}

/* A high word lies at +4 in each 8-byte argument on little-endian, +0 on
 * big-endian. */
static bool jumps_on_high_half(const struct sock_filter *p, size_t at, bool big_endian)
{
	long k = loaded_before(p, at);
	return k >= (long)FIRST_ARG_OFFSET && k % 8 == (big_endian ? 0 : 4);
}

static bool conditional(const struct sock_filter *insn)
{
	return BPF_CLASS(insn->code) == BPF_JMP && BPF_OP(insn->code) != BPF_JA &&
	       insn->jt != insn->jf;
}

/* Does jump `i` qualify in round `round` (0 first, 1 if round 0 found
 * nothing)? */
static bool candidate(const struct se_program *p, size_t i, enum fuzz_mutation kind,
		      bool big_endian, int round)
{
	if (!conditional(&p->insns[i]))
		return false;
	if (kind == FUZZ_SKIP_HIGH_HALF)
		return round == 0 && jumps_on_high_half(p->insns, i, big_endian);
	return jumps_on_argument(p->insns, i) == (round == 0);
}

bool fuzz_mutant_make(struct fuzz_rng *r, const struct se_program *p, enum fuzz_mutation kind,
		      bool big_endian, struct fuzz_mutant *out)
{
	size_t pick = p->len, seen = 0;
	for (int round = 0; round < 2 && pick == p->len; round++)
		for (size_t i = 0; i < p->len; i++)
			if (candidate(p, i, kind, big_endian, round) &&
			    fuzz_below(r, ++seen) == 0) /* reservoir sampling */
				pick = i;
	if (pick == p->len)
		return false;
	out->prog = analysis_copy(p);
	out->at = pick;
	out->on_arg = jumps_on_argument(p->insns, pick);
	out->prog.insns[pick].jt = kind == FUZZ_SWAP_BRANCHES ? p->insns[pick].jf : p->insns[pick].jt;
	out->prog.insns[pick].jf = p->insns[pick].jt;
	return true;
}

void fuzz_mutant_free(struct fuzz_mutant *m)
{
	se_program_free(&m->prog);
}

const struct bpf_sim_data *fuzz_first_difference(const struct se_program *a,
						 const struct se_program *b, bool big_endian,
						 const struct probe_set *inputs)
{
	for (size_t i = 0; i < inputs->n; i++)
		if (bpf_sim_run(a->insns, a->len, &inputs->v[i], big_endian, NULL) !=
		    bpf_sim_run(b->insns, b->len, &inputs->v[i], big_endian, NULL))
			return &inputs->v[i];
	return NULL;
}
