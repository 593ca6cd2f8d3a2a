/*
 * test_check_cache.c - the port of the kernel's rule for which syscalls
 * skip the filter (gen/check/cache_check.c).
 *
 *  1. Small programs, one per clause of seccomp_is_const_allow(): what it
 *     follows (loads of nr and arch, JA, JEQ/JGE/JGT/JSET K, AND K, RET K)
 *     and what stops it (an argument or instruction_pointer load, LD IMM,
 *     RET A, X operands, other ALU ops, scratch memory, a RET of anything
 *     but exactly ALLOW, running off the end), and how many instructions
 *     the walk runs (the attach-time work `stats` reports).
 *  2. Every profile of ../shared/corpus on the eight test arches: on the
 *     reference (libseccomp's program with runc's stub, whose nr paths use
 *     only what the kernel follows), a syscall is constant-allow exactly
 *     when gen/check/bpf_eval.c runs it to ALLOW without reading anything but nr
 *     and arch.
 *  3. Docker's default profile for amd64: 298 to 301 x86_64 syscalls skip
 *     the filter (../shared/notes/filter-performance.md: 298 of 301; the
 *     argument-checked clone, socket and personality run it), and a copy
 *     that loads an argument on read's path, deciding exactly alike (the
 *     validation cannot tell), is reported with the syscalls it loses.
 * Without the corpus, parts 2 and 3 use the project's own profiles (profiles/).
 */
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis_programs.h"
#include "bpf_eval.h"
#include "cache_check.h"
#include "validate.h"

#define DOCKER_DEFAULT analysis_docker_default(corpus)
#define ALLOW SECCOMP_RET_ALLOW
#define NR_READ 0

static unsigned failures, checks;

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define STMT(c, k) {(uint16_t)(c), 0, 0, (k)}
#define JUMP(c, k, t, f) {(uint16_t)(c), (t), (f), (k)}

struct rule_case {
	const char *what;
	struct sock_filter prog[6];
	size_t len;
	bool cached;    /* for x86_64 nr 0 */
	unsigned steps; /* instructions the emulation runs, the last included */
};

/* Each program is run for nr 0 on x86_64; "cached" is what the kernel's
 * emulator answers, clause by clause. */
static const struct rule_case rule_cases[] = {
	{"RET ALLOW", {STMT(BPF_RET | BPF_K, ALLOW)}, 1, true, 1},
	{"RET ALLOW with data", {STMT(BPF_RET | BPF_K, ALLOW | 1)}, 1, false, 1},
	{"RET ERRNO", {STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 1)}, 1, false, 1},
	{"RET LOG", {STMT(BPF_RET | BPF_K, SECCOMP_RET_LOG)}, 1, false, 1},
	{"arch check, then ALLOW",
	 {STMT(BPF_LD | BPF_W | BPF_ABS, 4), JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 1),
	  STMT(BPF_RET | BPF_K, ALLOW), STMT(BPF_RET | BPF_K, 0)}, 4, true, 3},
	{"JSET, JGE, JGT on nr",
	 {STMT(BPF_LD | BPF_W | BPF_ABS, 0), JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x40000000, 3, 0),
	  JUMP(BPF_JMP | BPF_JGE | BPF_K, 1, 2, 0), JUMP(BPF_JMP | BPF_JGT | BPF_K, 0, 1, 0),
	  STMT(BPF_RET | BPF_K, ALLOW), STMT(BPF_RET | BPF_K, 0)}, 6, true, 5},
	{"AND K on nr, JA",
	 {STMT(BPF_LD | BPF_W | BPF_ABS, 0), STMT(BPF_ALU | BPF_AND | BPF_K, 0xff),
	  JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 2), STMT(BPF_JMP | BPF_JA, 1), STMT(BPF_RET | BPF_K, 0),
	  STMT(BPF_RET | BPF_K, ALLOW)}, 6, true, 5},
	{"argument load on the path",
	 {STMT(BPF_LD | BPF_W | BPF_ABS, 16), STMT(BPF_RET | BPF_K, ALLOW)}, 2, false, 1},
	{"instruction_pointer load on the path",
	 {STMT(BPF_LD | BPF_W | BPF_ABS, 8), STMT(BPF_RET | BPF_K, ALLOW)}, 2, false, 1},
	{"argument load off the path",
	 {STMT(BPF_LD | BPF_W | BPF_ABS, 0), JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
	  STMT(BPF_LD | BPF_W | BPF_ABS, 16), STMT(BPF_RET | BPF_K, ALLOW)}, 4, true, 3},
	{"LD IMM then RET A",
	 {STMT(BPF_LD | BPF_IMM, ALLOW), STMT(BPF_RET | BPF_A, 0)}, 2, false, 1},
	{"LD IMM then RET K",
	 {STMT(BPF_LD | BPF_IMM, 0), STMT(BPF_RET | BPF_K, ALLOW)}, 2, false, 1},
	{"JEQ X",
	 {STMT(BPF_LD | BPF_W | BPF_ABS, 0), JUMP(BPF_JMP | BPF_JEQ | BPF_X, 0, 0, 0),
	  STMT(BPF_RET | BPF_K, ALLOW)}, 3, false, 2},
	{"ALU OR K", {STMT(BPF_ALU | BPF_OR | BPF_K, 0), STMT(BPF_RET | BPF_K, ALLOW)}, 2, false, 1},
	{"TAX", {STMT(BPF_MISC | BPF_TAX, 0), STMT(BPF_RET | BPF_K, ALLOW)}, 2, false, 1},
	{"ST", {STMT(BPF_ST, 0), STMT(BPF_RET | BPF_K, ALLOW)}, 2, false, 1},
	{"no RET", {STMT(BPF_LD | BPF_W | BPF_ABS, 0)}, 1, false, 1},
};

static void check_rules(void)
{
	for (size_t i = 0; i < N(rule_cases); i++) {
		const struct rule_case *c = &rule_cases[i];
		unsigned steps;
		bool got = se_cache_emulate(c->prog, c->len, AUDIT_ARCH_X86_64, 0, &steps);
		checks += 2;
		if (got != c->cached || got != se_cache_const_allow(c->prog, c->len, AUDIT_ARCH_X86_64, 0)) {
			printf("FAIL rule \"%s\": %s, expected %s\n", c->what,
			       got ? "cached" : "not cached", c->cached ? "cached" : "not cached");
			failures++;
		}
		if (steps != c->steps) {
			printf("FAIL rule \"%s\": the emulation ran %u instructions, expected %u\n",
			       c->what, steps, c->steps);
			failures++;
		}
	}
	printf("%zu emulator rules checked\n", N(rule_cases));
}

/* Where the kernel keeps no cache, nothing is counted; where the compat
 * arch has no libseccomp arch (ppcle), nothing is allowed on it. */
static void check_kernel_arches(void)
{
	struct sock_filter allow = STMT(BPF_RET | BPF_K, ALLOW);
	struct se_program p = {&allow, 1};
	struct se_cache_report r;
	char line[300];
	static const struct {
		const char *target;
		size_t n_arches;
	} cases[] = {{"mips64", 0}, {"riscv64", 1}, {"arm64", 2}, {"x86", 1}, {"ppc64le", 2}};
	for (size_t i = 0; i < N(cases); i++) {
		const struct se_arch *a = se_arch_find(cases[i].target);
		int rc = se_cache_check(&p, NULL, a, &r);
		se_cache_format(&r, a, line, sizeof line);
		checks++;
		/* an allow-all program: every number below the table size is cached */
		if (rc != 0 || r.n_arches != cases[i].n_arches ||
		    (r.n_arches && r.allowed != r.arch[0].size + (r.n_arches > 1 ? r.arch[1].size : 0))) {
			printf("FAIL --arch %s: %s\n", cases[i].target, line);
			failures++;
		} else {
			printf("  allow-all --arch %-8s %s\n", cases[i].target, line);
		}
	}
}

/* ------------------------------------------------------------------ */

/* On the reference, the kernel's rule and "ALLOW without reading more than
 * nr and arch" must agree on every number of every cached arch. */
static void agrees_with_eval(const struct analysis_ref *r, const char *where)
{
	struct se_cache_report rep;
	const struct se_arch *target = r->arches.arches[0];
	if (se_cache_check(&r->prog, NULL, target, &rep) != 0) {
		printf("FAIL %s: the reference does not keep its own cache\n", where);
		failures++;
		return;
	}
	for (size_t a = 0; a < rep.n_arches; a++)
		for (uint32_t nr = 0; nr < rep.arch[a].size; nr++) {
			struct se_bpf_data d = {nr, rep.arch[a].audit_arch, 0, {0}};
			struct se_bpf_result res;
			bool cached = se_cache_const_allow(r->prog.insns, r->prog.len, d.arch, nr);
			se_bpf_eval(r->prog.insns, r->prog.len, &d, r->big_endian, &res);
			checks++;
			if (cached != (res.ret == ALLOW && !res.reads_data)) {
				printf("FAIL %s: %s nr %u: kernel rule says %s, bpf_eval returns 0x%08x%s\n",
				       where, rep.arch[a].name, (unsigned)nr, cached ? "cached" : "not cached",
				       (unsigned)res.ret, res.reads_data ? " reading arguments" : "");
				failures++;
				return;
			}
		}
}

static void agreement_one(const struct analysis_ref *r, const char *file, const char *target,
			  const char *where, void *ctx)
{
	(void)file;
	(void)target;
	(void)ctx;
	agrees_with_eval(r, where);
}

static void corpus_agreement(const char *corpus)
{
	size_t programs = analysis_each(corpus, agreement_one, NULL, &failures);
	printf("corpus: the kernel rule and bpf_eval agree on %zu programs\n", programs);
	if (!programs) {
		printf("FAIL: no corpus program\n");
		failures++;
	}
}

/* ------------------------------------------------------------------ */

/* The reference with "if nr == 0, load args[0]" in front: it decides
 * exactly alike, but nr 0 of every arch now reads an argument. */
static struct se_program loads_argument(const struct se_program *ref, bool big_endian)
{
	struct sock_filter head[] = {
		STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		JUMP(BPF_JMP | BPF_JEQ | BPF_K, NR_READ, 0, 1),
		STMT(BPF_LD | BPF_W | BPF_ABS, big_endian ? 20 : 16),
	};
	struct se_program out;
	if (se_program_concat(head, N(head), ref, &out)) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	return out;
}

static void docker_default(const char *corpus)
{
	struct analysis_ref r;
	struct se_cache_report rep;
	struct se_validate_failure vf;
	struct se_program bad;
	char line[400];
	unsigned lost_expected = 0;
	const struct se_arch *target;

	if (analysis_reference(corpus, DOCKER_DEFAULT, "amd64", &r) != 0) {
		printf("FAIL: no reference for %s\n", DOCKER_DEFAULT);
		failures++;
		analysis_ref_free(&r);
		return;
	}
	target = r.arches.arches[0];
	if (se_cache_check(&r.prog, &r.prog, target, &rep) != 0 || rep.kept != rep.allowed) {
		printf("FAIL: the reference against itself loses syscalls\n");
		failures++;
	}
	se_cache_format(&rep, target, line, sizeof line);
	printf("%s --arch amd64, reference: %s\n", DOCKER_DEFAULT, line);
	if (rep.n_arches != 2 || strcmp(rep.arch[0].name, "x86_64") != 0 ||
	    rep.arch[0].allowed < 298 || rep.arch[0].allowed > 301) {
		printf("FAIL: expected 298 to 301 cacheable x86_64 syscalls (the notes: 298 of 301)\n");
		failures++;
	}

	bad = loads_argument(&r.prog, r.big_endian);
	for (size_t a = 0; a < rep.n_arches; a++)
		lost_expected += se_cache_const_allow(r.prog.insns, r.prog.len, rep.arch[a].audit_arch,
						      NR_READ);
	if (se_validate(&r.prog, &bad, &r.arches, &vf) != 0) {
		printf("FAIL: the argument load changed what the program decides\n");
		failures++;
	}
	checks += 3;
	if (se_cache_check(&r.prog, &bad, target, &rep) != 1 || rep.lost_index != 0 ||
	    rep.lost_nr != NR_READ || rep.allowed - rep.kept != lost_expected || !lost_expected) {
		printf("FAIL: the argument load on read's path was not reported as %u lost syscalls\n",
		       lost_expected);
		failures++;
	}
	se_cache_format_lost(&rep, line, sizeof line);
	printf("  argument load on read's path: %s\n", line);
	if (!strstr(line, "x86_64 nr 0 (read)")) {
		printf("FAIL: the message does not name x86_64's read\n");
		failures++;
	}
	se_program_free(&bad);
	analysis_ref_free(&r);
}

int main(void)
{
	const char *corpus;

	setvbuf(stdout, NULL, _IOLBF, 0);
	check_rules();
	check_kernel_arches();
	corpus = analysis_corpus();
	if (corpus) {
		docker_default(corpus);
		corpus_agreement(corpus);
	}
	printf("%u checks, %u failures\n", checks, failures);
	if (failures)
		return 1;
	return corpus ? 0 : ANALYSIS_SKIP;
}
