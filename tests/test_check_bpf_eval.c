/*
 * test_check_bpf_eval.c - the generator's evaluator (gen/check/bpf_eval.c) and load
 * checker (gen/check/bpf_check.c) against the tests' kernel model
 * (tests/support/bpf_sim.c), which was written from the kernel sources
 * separately and is pinned down by test_support_bpf_sim.c.
 *
 *  1. Random programs over every opcode seccomp accepts (and some it does
 *     not), with operands near every edge the kernel checks: both
 *     checkers must accept the same programs, and on accepted ones both
 *     evaluators must return the same value after the same number of
 *     instructions, on random data in both byte orders.  The evaluator's
 *     "loaded" bits are checked by changing the fields it says it did not
 *     read: the result must not move.
 *  2. Every profile of ../shared/corpus on the eight test arches: the
 *     reference program and the generator's own output, on the probes of
 *     tests/support/verdict_probes.c (every syscall number, foreign arches,
 *     argument edges).  Without the corpus only part 1 runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_programs.h"
#include "bpf_check.h"
#include "bpf_eval.h"
#include "bpf_sim.h"
#include "compile.h"
#include "verdict_probes.h"

#define RANDOM_PROGRAMS 60000
#define RUNS_PER_PROGRAM 12
#define MAX_LEN 48

static unsigned long long compared, accepted_programs, rejected_programs;
static unsigned failures;

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t)(rng_state >> 16);
}

static uint32_t below(uint32_t n)
{
	return n ? rnd() % n : 0;
}

/* Every opcode seccomp accepts (loads more often). */
static const uint16_t codes[] = {
	BPF_LD | BPF_W | BPF_ABS, BPF_LD | BPF_W | BPF_ABS, BPF_LD | BPF_W | BPF_ABS,
	BPF_LD | BPF_W | BPF_LEN, BPF_LDX | BPF_W | BPF_LEN, BPF_LD | BPF_IMM, BPF_LDX | BPF_IMM,
	BPF_LD | BPF_MEM, BPF_LDX | BPF_MEM, BPF_ST, BPF_STX, BPF_ST, BPF_STX,
	BPF_ALU | BPF_ADD | BPF_K, BPF_ALU | BPF_ADD | BPF_X, BPF_ALU | BPF_SUB | BPF_K,
	BPF_ALU | BPF_SUB | BPF_X, BPF_ALU | BPF_MUL | BPF_K, BPF_ALU | BPF_MUL | BPF_X,
	BPF_ALU | BPF_DIV | BPF_K, BPF_ALU | BPF_DIV | BPF_X, BPF_ALU | BPF_AND | BPF_K,
	BPF_ALU | BPF_AND | BPF_X, BPF_ALU | BPF_OR | BPF_K, BPF_ALU | BPF_OR | BPF_X,
	BPF_ALU | BPF_XOR | BPF_K, BPF_ALU | BPF_XOR | BPF_X, BPF_ALU | BPF_LSH | BPF_K,
	BPF_ALU | BPF_LSH | BPF_X, BPF_ALU | BPF_RSH | BPF_K, BPF_ALU | BPF_RSH | BPF_X,
	BPF_ALU | BPF_NEG, BPF_MISC | BPF_TAX, BPF_MISC | BPF_TXA, BPF_JMP | BPF_JA,
	BPF_JMP | BPF_JEQ | BPF_K, BPF_JMP | BPF_JEQ | BPF_X, BPF_JMP | BPF_JGT | BPF_K,
	BPF_JMP | BPF_JGT | BPF_X, BPF_JMP | BPF_JGE | BPF_K, BPF_JMP | BPF_JGE | BPF_X,
	BPF_JMP | BPF_JSET | BPF_K, BPF_JMP | BPF_JSET | BPF_X, BPF_RET | BPF_K, BPF_RET | BPF_A,
};

/* Classic BPF or near misses that seccomp refuses. */
static const uint16_t refused[] = {
	BPF_ALU | BPF_MOD | BPF_K, BPF_LD | BPF_H | BPF_ABS, BPF_LD | BPF_W | BPF_IND,
	BPF_ALU | BPF_NEG | BPF_X, BPF_JMP | BPF_JA | BPF_X, BPF_RET | BPF_X, 0x7f, 0x120,
};

/* An operand near the edges the kernel checks, most of the time valid. */
static uint32_t operand(uint16_t code)
{
	bool edge = below(64) == 0;
	if (code == (BPF_LD | BPF_W | BPF_ABS))
		return edge ? (below(2) ? 64 : 4 * below(16) + 2) : 4 * below(16);
	if (code == (BPF_LD | BPF_MEM) || code == (BPF_LDX | BPF_MEM) || code == BPF_ST ||
	    code == BPF_STX)
		return edge ? 16 : below(4);
	if (BPF_CLASS(code) == BPF_ALU && (BPF_OP(code) == BPF_LSH || BPF_OP(code) == BPF_RSH))
		return edge ? 32 : below(32);
	if (code == (BPF_ALU | BPF_DIV | BPF_K))
		return below(4);
	switch (below(4)) {
	case 0: return below(8);
	case 1: return 0xffffffffu - below(4);
	case 2: return 0xc000003eu; /* AUDIT_ARCH_X86_64 */
	default: return rnd();
	}
}

/* A jump offset that mostly stays inside a program of `left` more
 * instructions. */
static uint32_t offset(size_t left)
{
	if (below(100) == 0)
		return (uint32_t)left + below(3);
	return left ? below((uint32_t)(left < 8 ? left : 8)) : 0;
}

static size_t random_program(struct sock_filter *p)
{
	size_t len = 1 + below(MAX_LEN);
	for (size_t pc = 0; pc < len; pc++) {
		uint16_t code = below(200) ? codes[below(sizeof codes / sizeof *codes)]
					   : refused[below(sizeof refused / sizeof *refused)];
		size_t left = len - pc - 1;
		if (pc + 1 == len && below(10))
			code = below(2) ? BPF_RET | BPF_K : BPF_RET | BPF_A;
		p[pc] = (struct sock_filter){code, 0, 0, operand(code)};
		if (code == (BPF_JMP | BPF_JA))
			p[pc].k = offset(left);
		else if (BPF_CLASS(code) == BPF_JMP)
			p[pc].jt = (uint8_t)offset(left), p[pc].jf = (uint8_t)offset(left);
	}
	return len;
}

static struct se_bpf_data random_data(void)
{
	struct se_bpf_data d = {below(4) ? below(8) : rnd(), below(2) ? 0xc000003eu : rnd(),
				below(2) ? 0 : (uint64_t)rnd() << 32 | rnd(), {0}};
	for (int i = 0; i < 6; i++)
		d.args[i] = below(3) ? below(8) : (uint64_t)rnd() << 32 | rnd();
	return d;
}

static struct bpf_sim_data to_sim(const struct se_bpf_data *d)
{
	struct bpf_sim_data s = {(int32_t)d->nr, d->arch, d->ip, {0}};
	memcpy(s.args, d->args, sizeof s.args);
	return s;
}

static void fail_at(const char *what, const struct sock_filter *p, size_t len)
{
	if (failures++ >= 10)
		return;
	printf("FAIL %s; program:\n", what);
	for (size_t i = 0; i < len; i++)
		printf("  %2zu: code 0x%04x jt %u jf %u k 0x%08x\n", i, p[i].code, p[i].jt, p[i].jf,
		       (unsigned)p[i].k);
}

/* Both evaluators agree on one input; returns the evaluator's result. */
static struct se_bpf_result compare_one(const struct sock_filter *p, size_t len,
					const struct se_bpf_data *d, bool be, const char *where)
{
	struct bpf_sim_data s = to_sim(d);
	struct se_bpf_result r;
	unsigned steps = 0;
	uint32_t want = bpf_sim_run(p, len, &s, be, &steps);
	int rc = se_bpf_eval(p, len, d, be, &r);
	compared++;
	if (rc != 0 || r.ret != want || r.steps != steps) {
		char what[300];
		snprintf(what, sizeof what, "%s: nr 0x%x arch 0x%x %s-endian: bpf_sim 0x%08x in %u "
			 "steps, bpf_eval 0x%08x in %u steps%s%s", where, (unsigned)d->nr,
			 (unsigned)d->arch, be ? "big" : "little", (unsigned)want, steps,
			 (unsigned)r.ret, (unsigned)r.steps, rc ? ", fault: " : "",
			 rc ? se_bpf_fault_str(r.fault) : "");
		fail_at(what, p, len);
	}
	return r;
}

/* Fields whose words were not loaded cannot change the result. */
static void check_unread(const struct sock_filter *p, size_t len, struct se_bpf_data d, bool be,
			 const struct se_bpf_result *first)
{
	unsigned lo = be ? 1 : 0;
	struct se_bpf_result again;
	if (!(first->loaded >> (2 + lo) & 1) && !(first->loaded >> (3 - lo) & 1))
		d.ip = ~d.ip;
	for (int i = 0; i < 6; i++)
		if (!(first->loaded >> (4 + 2 * i) & 1) && !(first->loaded >> (5 + 2 * i) & 1))
			d.args[i] = ~d.args[i] ^ 0x100000001ull;
	se_bpf_eval(p, len, &d, be, &again);
	if (again.ret != first->ret || again.steps != first->steps)
		fail_at("changing fields bpf_eval says were not read changed the result", p, len);
	if (first->reads_data != ((first->loaded & ~3u) != 0))
		fail_at("reads_data does not match the loaded bits", p, len);
}

static void random_programs(void)
{
	struct sock_filter p[MAX_LEN];
	for (unsigned n = 0; n < RANDOM_PROGRAMS; n++) {
		size_t len = random_program(p), at;
		bool sim_ok = bpf_sim_check(p, len, NULL, 0) == 0;
		bool ours_ok = se_bpf_check(p, len, &at) == SE_BPF_OK;
		if (sim_ok != ours_ok) {
			fail_at(sim_ok ? "bpf_check refuses what bpf_sim accepts"
				       : "bpf_check accepts what bpf_sim refuses", p, len);
			continue;
		}
		if (!sim_ok) {
			struct se_bpf_data d = random_data();
			struct se_bpf_result r;
			se_bpf_eval(p, len, &d, false, &r); /* must not crash */
			rejected_programs++;
			continue;
		}
		accepted_programs++;
		for (unsigned i = 0; i < RUNS_PER_PROGRAM; i++) {
			struct se_bpf_data d = random_data();
			bool be = i & 1;
			struct se_bpf_result r = compare_one(p, len, &d, be, "random program");
			check_unread(p, len, d, be, &r);
		}
	}
}

/* ------------------------------------------------------------------ */

static void on_probes(const struct se_program *prog, const struct analysis_ref *ref,
		      const struct probe_set *probes, const char *where)
{
	for (size_t i = 0; i < probes->n; i++) {
		const struct bpf_sim_data *s = &probes->v[i];
		struct se_bpf_data d = {(uint32_t)s->nr, s->arch, s->instruction_pointer, {0}};
		memcpy(d.args, s->args, sizeof d.args);
		compare_one(prog->insns, prog->len, &d, ref->big_endian, where);
	}
}

/* The generator's own program for the same profile and target. */
static const char *corpus_dir;

static int generated(const char *file, const char *target, const struct analysis_ref *ref,
		     struct se_compiled *c)
{
	char path[4096];
	struct se_diag d = {.file = path, .quiet = 1};
	struct se_options o = {0};
	struct se_kernel_version th[4];
	snprintf(path, sizeof path, "%s/%s", corpus_dir, file);
	o.profile = path;
	o.arch = target;
	o.format = SE_FORMAT_BPF;
	o.name = "seccomp_embed_filter";
	o.enosys_stub = true;
	o.quiet = true;
	o.has_kernel = se_kernel_thresholds(&ref->profile, th, 4) > 0;
	o.kernel = (struct se_kernel_version){6, 1};
	return se_compile(&d, &ref->profile, &o, c);
}

/* The reference and the generator's program, on the same probes. */
static void programs_of(const struct analysis_ref *r, const char *file, const char *target,
			const char *where, void *ctx)
{
	const struct se_profile *profiles[1] = {&r->profile};
	struct probe_set probes;
	struct se_compiled c;
	char what[300];
	if (probe_set_build(&probes, &r->arches, profiles, 1) != 0) {
		printf("FAIL %s: no probes\n", where);
		failures++;
		return;
	}
	snprintf(what, sizeof what, "%s reference", where);
	on_probes(&r->prog, r, &probes, what);
	(*(unsigned *)ctx)++;
	if (generated(file, target, r, &c) == 0) {
		snprintf(what, sizeof what, "%s generated", where);
		on_probes(&c.variants[0].prog, r, &probes, what);
		(*(unsigned *)ctx)++;
	}
	se_compiled_free(&c);
	probe_set_free(&probes);
}

int main(void)
{
	const char *corpus;
	unsigned programs = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	random_programs();
	printf("random programs: %llu accepted by both checkers, %llu refused by both\n",
	       accepted_programs, rejected_programs);
	if (accepted_programs < RANDOM_PROGRAMS / 10 || rejected_programs < RANDOM_PROGRAMS / 10) {
		printf("FAIL: the random programs no longer cover both sides of the checks\n");
		failures++;
	}
	corpus = corpus_dir = analysis_corpus();
	if (corpus) {
		analysis_each(corpus, programs_of, &programs, &failures);
		printf("corpus: %u programs\n", programs);
		if (programs == 0) {
			printf("FAIL: no corpus program was compared\n");
			failures++;
		}
	}
	printf("%llu runs compared, %u failures\n", compared, failures);
	return failures ? 1 : 0;
}
