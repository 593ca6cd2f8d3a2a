/*
 * test_check_validate.c - translation validation (gen/check/validate.c) accepts what
 * decides alike and catches what does not, with the input that shows it.
 *
 *  1. Every profile of ../shared/corpus on the eight test arches: the
 *     reference against itself, and against a trivially re-laid-out copy
 *     (a leading no-op jump, jumps threaded through JAs, JAs to a RET
 *     replaced by the RET, an unreachable RET appended): equal.
 *  2. Deliberately broken optimisations of the reference for Docker's
 *     default profile and for runc's syscall-args test profile, on amd64
 *     and s390x (big-endian, where argument halves swap places): a 64-bit
 *     compare done on the low half only, an off-by-one in a JGT constant
 *     on nr and on an argument, a JEQ with its branches swapped, a RET
 *     changed to ALLOW, and a program the kernel would not load.  Each
 *     must be reported, on an input whose reference path goes through the
 *     broken instruction and on which tests/support/bpf_sim.c (the
 *     independent kernel model) sees the two programs differ.
 *  3. Docker's default profile for amd64 (x86_64, x86 and x32) is
 *     validated in well under 100 ms.
 * Without the corpus, on the project's own profiles (profiles/) instead.
 */
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analysis_programs.h"
#include "bpf_sim.h"
#include "validate.h"

#define DOCKER_DEFAULT analysis_docker_default(corpus)
#define SYSCALL_ARGS "opencontainers-runc-test-syscall-args.json"
#define MARK 0x7fc0ffeeu   /* a RET value no program holds */
#define BUDGET_MS 100.0
#define SWEEP 1100u        /* syscall numbers tried when looking for a witness */

static unsigned failures, validations;

/* What the input that shows a mutation must hold, beyond reaching it. */
enum want { WANT_ANY, WANT_NR, WANT_HIGH_DIFFERS, WANT_LOW };

struct mutant {
	const char *what;
	struct se_program prog;
	size_t site;    /* the broken instruction */
	enum want want;
	unsigned arg;   /* WANT_HIGH_DIFFERS, WANT_LOW: which argument */
	uint32_t value; /* WANT_NR: nr; WANT_LOW: the low half; WANT_HIGH_DIFFERS: not the high half */
};

static bool is_load(const struct sock_filter *in)
{
	return in->code == (BPF_LD | BPF_W | BPF_ABS);
}

static bool is_ret(const struct sock_filter *in)
{
	return BPF_CLASS(in->code) == BPF_RET;
}

/* The offset the accumulator was last loaded from before pc, in program
 * order (what libseccomp's straight-line blocks compare), or UINT32_MAX. */
static uint32_t last_load(const struct se_program *p, size_t pc)
{
	while (pc-- > 0)
		if (is_load(&p->insns[pc]))
			return p->insns[pc].k;
	return UINT32_MAX;
}

/* Is the word at `offset` an argument's high half on this byte order? */
static bool high_half(uint32_t offset, bool big_endian)
{
	return offset >= 16 && offset < 64 && ((offset / 4) % 2 == 0) == big_endian;
}

/* ------------------------------------------------------------------ */
/* Re-laid out, deciding alike                                         */
/* ------------------------------------------------------------------ */

static void thread_jumps(struct se_program *p, unsigned *changed)
{
	for (size_t pc = 0; pc < p->len; pc++) {
		struct sock_filter *in = &p->insns[pc];
		if (in->code == (BPF_JMP | BPF_JA) && is_ret(&p->insns[pc + 1 + in->k])) {
			*in = p->insns[pc + 1 + in->k];
			(*changed)++;
			continue;
		}
		if (BPF_CLASS(in->code) != BPF_JMP || in->code == (BPF_JMP | BPF_JA))
			continue;
		for (int b = 0; b < 2; b++) {
			uint8_t *off = b ? &in->jf : &in->jt;
			const struct sock_filter *t = &p->insns[pc + 1 + *off];
			size_t to = pc + 1 + *off + 1 + t->k;
			if (t->code == (BPF_JMP | BPF_JA) && to - pc - 1 <= 255) {
				*off = (uint8_t)(to - pc - 1);
				(*changed)++;
			}
		}
	}
}

static struct se_program relaid(const struct se_program *ref, unsigned *changed)
{
	struct se_program p = {malloc((ref->len + 2) * sizeof *ref->insns), ref->len + 2};
	if (!p.insns) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	p.insns[0] = (struct sock_filter){BPF_JMP | BPF_JA, 0, 0, 0};
	memcpy(p.insns + 1, ref->insns, ref->len * sizeof *ref->insns);
	p.insns[ref->len + 1] = (struct sock_filter){BPF_RET | BPF_K, 0, 0, SECCOMP_RET_KILL_PROCESS};
	*changed = 0;
	thread_jumps(&p, changed);
	return p;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void expect_equal(const struct analysis_ref *r, const struct se_program *cand,
			 const char *where)
{
	struct se_validate_failure f;
	int rc = se_validate(&r->prog, cand, &r->arches, &f);
	char line[400];
	validations++;
	if (rc == 0 && f.inputs > 1000)
		return;
	failures++;
	se_validate_format(&f, line, sizeof line);
	printf("FAIL %s: %s\n", where, rc == 0 ? "too few inputs tried" : line);
}

static void equal_one(const struct analysis_ref *r, const char *file, const char *target,
		      const char *where, void *ctx)
{
	unsigned changed;
	struct se_program other = relaid(&r->prog, &changed);
	(void)file;
	(void)target;
	expect_equal(r, &r->prog, where);
	expect_equal(r, &other, where);
	*(unsigned *)ctx += changed;
	se_program_free(&other);
}

static void equal_on_corpus(const char *corpus)
{
	unsigned changed = 0;
	size_t n = analysis_each(corpus, equal_one, &changed, &failures);
	printf("corpus: %zu programs, %u validations equal; re-laying out changed %u jumps\n", n,
	       validations, changed);
	if (!changed || !n) {
		printf("FAIL: nothing was compared, or the re-layout changed nothing\n");
		failures++;
	}
}

/* ------------------------------------------------------------------ */
/* Broken optimisations                                                */
/* ------------------------------------------------------------------ */

static struct mutant mutate(const char *what, const struct se_program *ref, size_t site,
			    struct sock_filter to)
{
	struct mutant m = {what, analysis_copy(ref), site, WANT_ANY, 0, 0};
	m.prog.insns[site] = to;
	return m;
}

/* The reference with a RET of MARK in place of `site`: an input's path
 * goes through the site iff this returns MARK. */
static struct se_program marked(const struct analysis_ref *r, size_t site)
{
	struct se_program p = analysis_copy(&r->prog);
	p.insns[site] = (struct sock_filter){BPF_RET | BPF_K, 0, 0, MARK};
	return p;
}

static bool reaches(const struct se_program *marked_prog, const struct bpf_sim_data *d,
		    bool big_endian)
{
	return bpf_sim_run(marked_prog->insns, marked_prog->len, d, big_endian, NULL) == MARK;
}

/* Is there, among every syscall number (x32's too) of every arch of the
 * filter with args[arg] set to one of `values`, an input whose reference
 * path goes through the mutated instruction and on which bpf_sim sees the
 * mutant differ?  Without one, the mutation changes nothing and proves
 * nothing. */
static bool has_witness(const struct analysis_ref *r, const struct mutant *m, unsigned arg,
			const uint64_t *values, size_t n_values)
{
	struct se_program mark = marked(r, m->site);
	bool found = false;
	for (size_t a = 0; a < r->arches.n && !found; a++)
		for (uint32_t n = 0; n < 2 * SWEEP && !found; n++)
			for (size_t v = 0; v < n_values && !found; v++) {
				struct bpf_sim_data d = {
					(int32_t)(n < SWEEP ? n : 0x40000000u + n - SWEEP),
					r->arches.arches[a]->audit_arch, 0, {0}};
				d.args[arg] = values[v];
				found = reaches(&mark, &d, r->big_endian) &&
					bpf_sim_run(r->prog.insns, r->prog.len, &d, r->big_endian,
						    NULL) != bpf_sim_run(m->prog.insns, m->prog.len,
									 &d, r->big_endian, NULL);
			}
	se_program_free(&mark);
	return found;
}

/* Candidate witnesses for a broken high-half compare of Kh: the high half
 * Kh + 1 with every constant the program compares the low half with. */
static size_t low_half_witnesses(const struct se_program *p, uint32_t lo_offset, uint32_t kh,
				 uint64_t *out, size_t cap)
{
	size_t n = 0;
	for (size_t pc = 0; pc < p->len && n < cap; pc++)
		if (BPF_CLASS(p->insns[pc].code) == BPF_JMP && p->insns[pc].code != (BPF_JMP | BPF_JA) &&
		    last_load(p, pc) == lo_offset)
			out[n++] = (uint64_t)(kh + 1) << 32 | p->insns[pc].k;
	return n;
}

/* LD hi; JEQ Kh (jt 0): the JEQ made to always pass, so that only the low
 * half is compared. */
static bool low_half_only(const struct analysis_ref *r, struct mutant *m)
{
	const struct se_program *p = &r->prog;
	for (size_t pc = 0; pc + 1 < p->len; pc++) {
		const struct sock_filter *next = &p->insns[pc + 1];
		uint64_t witnesses[64];
		size_t n;
		if (!is_load(&p->insns[pc]) || !high_half(p->insns[pc].k, r->big_endian) ||
		    next->code != (BPF_JMP | BPF_JEQ | BPF_K) || next->jt != 0)
			continue;
		*m = mutate("64-bit compare on the low half only", p, pc + 1,
			    (struct sock_filter){BPF_JMP | BPF_JA, 0, 0, 0});
		m->want = WANT_HIGH_DIFFERS;
		m->arg = (p->insns[pc].k - 16) / 8;
		m->value = next->k;
		n = low_half_witnesses(p, p->insns[pc].k ^ 4, next->k, witnesses, 64);
		if (has_witness(r, m, m->arg, witnesses, n))
			return true;
		se_program_free(&m->prog);
	}
	return false;
}

/* Would the two programs differ on nr, on some arch of the filter? */
static bool differs_on_nr(const struct analysis_ref *r, const struct se_program *a,
			  const struct se_program *b, uint32_t nr)
{
	for (size_t i = 0; i < r->arches.n; i++) {
		struct bpf_sim_data d = {(int32_t)nr, r->arches.arches[i]->audit_arch, 0, {0}};
		if (bpf_sim_run(a->insns, a->len, &d, r->big_endian, NULL) !=
		    bpf_sim_run(b->insns, b->len, &d, r->big_endian, NULL))
			return true;
	}
	return false;
}

static bool jgt_on_nr(const struct analysis_ref *r, struct mutant *m)
{
	const struct se_program *p = &r->prog;
	for (size_t pc = 0; pc < p->len; pc++) {
		struct sock_filter in = p->insns[pc];
		if (in.code != (BPF_JMP | BPF_JGT | BPF_K) || last_load(p, pc) != 0)
			continue;
		in.k++;
		*m = mutate("off-by-one JGT on nr", p, pc, in);
		m->want = WANT_NR;
		m->value = in.k;
		if (differs_on_nr(r, p, &m->prog, in.k))
			return true;
		se_program_free(&m->prog);
	}
	return false;
}

static bool jgt_on_argument(const struct analysis_ref *r, struct mutant *m)
{
	const struct se_program *p = &r->prog;
	for (size_t pc = 0; pc < p->len; pc++) {
		struct sock_filter in = p->insns[pc];
		uint32_t from = pc ? p->insns[pc - 1].k : 0;
		if (in.code != (BPF_JMP | BPF_JGT | BPF_K) || !pc || !is_load(&p->insns[pc - 1]) ||
		    from < 16 || high_half(from, r->big_endian))
			continue;
		in.k++;
		*m = mutate("off-by-one JGT on an argument", p, pc, in);
		m->want = WANT_LOW;
		m->arg = (from - 16) / 8;
		m->value = in.k;
		if (has_witness(r, m, m->arg, &(uint64_t){in.k}, 1))
			return true;
		se_program_free(&m->prog);
	}
	return false;
}

static bool swapped_jump(const struct analysis_ref *r, struct mutant *m)
{
	const struct se_program *p = &r->prog;
	for (size_t pc = 0; pc < p->len; pc++) {
		struct sock_filter in = p->insns[pc];
		uint8_t jt = in.jt;
		if (in.code != (BPF_JMP | BPF_JEQ | BPF_K) || last_load(p, pc) != 0 || in.jt == in.jf)
			continue;
		in.jt = in.jf;
		in.jf = jt;
		*m = mutate("JEQ on nr with its branches swapped", p, pc, in);
		if (differs_on_nr(r, p, &m->prog, in.k))
			return true;
		se_program_free(&m->prog);
	}
	return false;
}

static bool ret_changed(const struct analysis_ref *r, struct mutant *m)
{
	const struct se_program *p = &r->prog;
	for (size_t pc = 0; pc < p->len; pc++)
		if (p->insns[pc].code == (BPF_RET | BPF_K) &&
		    p->insns[pc].k == (SECCOMP_RET_ERRNO | 1)) {
			*m = mutate("RET ERRNO(EPERM) changed to ALLOW", p, pc,
				    (struct sock_filter){BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW});
			if (has_witness(r, m, 0, &(uint64_t){0}, 1))
				return true;
			se_program_free(&m->prog);
		}
	return false;
}

/* What the right input must look like, beyond reaching the site. */
static const char *wrong_input(const struct mutant *m, const struct se_validate_failure *f)
{
	const struct se_bpf_data *d = &f->input;
	if (!f->arch)
		return "the input's arch is not one of the filter's";
	switch (m->want) {
	case WANT_NR:
		return d->nr == m->value ? NULL : "nr is not the one past the JGT constant";
	case WANT_HIGH_DIFFERS:
		return (uint32_t)(d->args[m->arg] >> 32) != m->value
			       ? NULL
			       : "the argument's high half matches the constant: it shows nothing";
	case WANT_LOW:
		return (uint32_t)d->args[m->arg] == m->value
			       ? NULL
			       : "the argument's low half is not the one past the JGT constant";
	case WANT_ANY:
		break;
	}
	return NULL;
}

static void expect_caught(const struct analysis_ref *r, struct mutant *m, const char *where)
{
	struct se_validate_failure f;
	struct bpf_sim_data d;
	char line[400];
	const char *wrong;
	int rc = se_validate(&r->prog, &m->prog, &r->arches, &f);

	se_validate_format(&f, line, sizeof line);
	if (rc != 1) {
		printf("FAIL %s: %s not caught\n", where, m->what);
		failures++;
		return;
	}
	d = (struct bpf_sim_data){(int32_t)f.input.nr, f.input.arch, f.input.ip, {0}};
	memcpy(d.args, f.input.args, sizeof d.args);
	if (bpf_sim_run(r->prog.insns, r->prog.len, &d, r->big_endian, NULL) ==
	    bpf_sim_run(m->prog.insns, m->prog.len, &d, r->big_endian, NULL))
		wrong = "bpf_sim sees no difference on the reported input";
	else
		wrong = wrong_input(m, &f);
	if (!wrong) {
		struct se_program mark = marked(r, m->site);
		if (!reaches(&mark, &d, r->big_endian))
			wrong = "the reported input's path does not reach the broken instruction";
		se_program_free(&mark);
	}
	if (wrong) {
		printf("FAIL %s: %s: %s (%s)\n", where, m->what, wrong, line);
		failures++;
		return;
	}
	printf("  %-40s caught after %7llu inputs: %s\n", m->what, f.inputs, line);
}

static void unloadable(const struct analysis_ref *r, const char *where)
{
	struct se_program p = analysis_copy(&r->prog);
	struct se_validate_failure f;
	char line[300];
	size_t last = p.len > 200 ? p.len - 200 : 0; /* a jump near the end reaches past it */
	for (size_t pc = p.len; pc-- > last;)
		if (BPF_CLASS(p.insns[pc].code) == BPF_JMP && p.insns[pc].code != (BPF_JMP | BPF_JA)) {
			p.insns[pc].jf = (uint8_t)(p.len - pc - 1); /* one past the end */
			break;
		}
	if (se_validate(&r->prog, &p, &r->arches, &f) != 1 || f.load_fault != SE_BPF_BAD_JUMP) {
		printf("FAIL %s: a jump past the end was not refused\n", where);
		failures++;
	} else {
		se_validate_format(&f, line, sizeof line);
		printf("  %-40s refused: %s\n", "jump past the end", line);
	}
	se_program_free(&p);
}

typedef bool (*mutation_fn)(const struct analysis_ref *, struct mutant *);

static void broken_optimisations(const char *corpus, unsigned found[5])
{
	/* without the corpus: a profile of ours with every kind of condition */
	const char *const files[] = {DOCKER_DEFAULT, strcmp(DOCKER_DEFAULT, "docker-default.json")
							     ? SYSCALL_ARGS
							     : "../tests/profiles/args-ranges.json"};
	static const char *const targets[] = {"amd64", "s390x"};
	static const mutation_fn kinds[5] = {low_half_only, jgt_on_nr, jgt_on_argument, swapped_jump,
					     ret_changed};
	for (size_t i = 0; i < 2; i++)
		for (size_t t = 0; t < 2; t++) {
			struct analysis_ref r;
			char where[200];
			snprintf(where, sizeof where, "%s --arch %s", files[i], targets[t]);
			if (analysis_reference(corpus, files[i], targets[t], &r) != 0) {
				printf("FAIL %s: no reference\n", where);
				failures++;
				analysis_ref_free(&r);
				continue;
			}
			printf("%s:\n", where);
			for (int k = 0; k < 5; k++) {
				struct mutant m;
				if (!kinds[k](&r, &m))
					continue;
				found[k]++;
				expect_caught(&r, &m, where);
				se_program_free(&m.prog);
			}
			unloadable(&r, where);
			analysis_ref_free(&r);
		}
}

/* ------------------------------------------------------------------ */

static void fast_enough(const char *corpus)
{
	struct analysis_ref r;
	struct se_validate_failure f;
	double best = 1e9;
	unsigned changed;
	struct se_program other;

	if (analysis_reference(corpus, DOCKER_DEFAULT, "amd64", &r) != 0) {
		printf("FAIL: no reference for %s\n", DOCKER_DEFAULT);
		failures++;
		analysis_ref_free(&r);
		return;
	}
	other = relaid(&r.prog, &changed);
	for (int i = 0; i < 3; i++) {
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (se_validate(&r.prog, &other, &r.arches, &f) != 0)
			failures++;
		best = ms_since(&t0) < best ? ms_since(&t0) : best;
	}
	printf("%s --arch amd64 (%zu arches, %zu insns): validated in %.1f ms, %llu inputs\n",
	       DOCKER_DEFAULT, r.arches.n, r.prog.len, best, f.inputs);
	if (best > BUDGET_MS) {
		printf("FAIL: validation took %.1f ms (budget %.0f ms)\n", best, BUDGET_MS);
		failures++;
	}
	se_program_free(&other);
	analysis_ref_free(&r);
}

int main(void)
{
	static const char *const names[5] = {"low half only", "JGT on nr", "JGT on an argument",
					     "swapped jump", "RET changed"};
	const char *corpus;
	unsigned found[5] = {0};

	setvbuf(stdout, NULL, _IOLBF, 0);
	corpus = analysis_corpus();
	if (!corpus)
		return ANALYSIS_SKIP;
	fast_enough(corpus);
	broken_optimisations(corpus, found);
	for (int k = 0; k < 5; k++)
		if (!found[k]) {
			printf("FAIL: no program to break with \"%s\"\n", names[k]);
			failures++;
		}
	equal_on_corpus(corpus);
	printf("%u failures\n", failures);
	return failures ? 1 : 0;
}
