/*
 * test_path_costs.c - what `seccomp-embed stats` counts (gen/stats/path_costs.c),
 * on programs written here by hand for an x86_64-only filter, whose every
 * path is known:
 *
 *  1. personality is allowed only when args[0] == 5: 7 instructions when
 *     the low half differs, 9 when it matches.  The count must be the most
 *     over the probe values (9), not what zero arguments take (7), and every
 *     other syscall must skip the filter (N == M, all but personality).
 *  2. read is allowed after an `LD IMM` the kernel's cache does not accept:
 *     it counts in M but not in N, and runs the filter as "allowed,
 *     uncached"; every other syscall is denied in 5 instructions.
 */
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdio.h>

#include "arch.h"
#include "path_costs.h"
#include "syscall_table.h"

#define NR_PERSONALITY 135 /* x86_64 */
#define NR_READ 0

static unsigned failures;

static void expect(int ok, const char *what, unsigned long got, unsigned long want)
{
	if (ok)
		return;
	failures++;
	fprintf(stderr, "FAIL: %s: got %lu, want %lu\n", what, got, want);
}

#define EXPECT_EQ(what, got, want) \
	expect((unsigned long)(got) == (unsigned long)(want), what, (unsigned long)(got), \
	       (unsigned long)(want))

static const struct sock_filter arg_checked[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4),                        /* 0: arch */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 8), /* 1: else kill */
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),                        /* 2: nr */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NR_PERSONALITY, 0, 5),    /* 3: else allow */
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 16),                       /* 4: args[0] low */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 5, 0, 2),                 /* 5: else deny */
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 20),                       /* 6: args[0] high */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),                 /* 7: 0 -> allow */
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 1),             /* 8 */
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),                 /* 9 */
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_THREAD),           /* 10 */
};

static const struct sock_filter uncached[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4),                        /* 0: arch */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 5), /* 1: else kill */
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),                        /* 2: nr */
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NR_READ, 0, 2),           /* 3: else deny */
	BPF_STMT(BPF_LD | BPF_IMM, 0),                                /* 4: the cache stops here */
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),                 /* 5 */
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 1),             /* 6 */
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_THREAD),           /* 7 */
};

static int measure(const struct sock_filter *insns, size_t len, struct se_costs *out)
{
	struct se_program prog = {(struct sock_filter *)insns, len};
	struct se_arch_set arches = {{se_arch_find("x86_64")}, 1};
	struct se_probe_plan plan;
	int rc = se_probe_plan_make(&prog, &prog, &arches, &plan);
	if (rc == 0)
		rc = se_costs_measure(&prog, &arches, &plan, true, out);
	se_probe_plan_free(&plan);
	if (rc)
		fprintf(stderr, "FAIL: se_costs_measure returned %d\n", rc);
	failures += rc != 0;
	return rc;
}

/* Every group of the target equals the same group over all arches: the
 * filter has the target alone. */
static void same_scopes(const struct se_costs *c)
{
	for (int g = 0; g < SE_COST_GROUPS; g++) {
		EXPECT_EQ("target n == all n", c->target[g].n, c->all[g].n);
		EXPECT_EQ("target sum == all sum", c->target[g].sum, c->all[g].sum);
	}
}

static void test_argument_checked(void)
{
	struct se_costs c;
	if (measure(arg_checked, sizeof arg_checked / sizeof *arg_checked, &c))
		return;
	EXPECT_EQ("cached arches of an x86_64 filter", c.cache.n_arches, 2);
	EXPECT_EQ("x86_64 M: every number but personality", c.cache.arch[0].allowed,
		  c.cache.arch[0].size - 1);
	EXPECT_EQ("x86_64 N == M", c.cache.arch[0].kept, c.cache.arch[0].allowed);
	EXPECT_EQ("i386 M: killed as a foreign arch", c.cache.arch[1].allowed, 0);
	EXPECT_EQ("argument-checked syscalls", c.target[SE_COST_ARGS].n, 1);
	EXPECT_EQ("personality: the most over args[0] (== 5 takes 9)",
		  c.target[SE_COST_ARGS].max, 9);
	EXPECT_EQ("denied syscalls", c.target[SE_COST_DENIED].n, 0);
	EXPECT_EQ("allowed, uncached syscalls", c.target[SE_COST_UNCACHED].n, 0);
	same_scopes(&c);
}

static void test_uncached(long known, unsigned long last)
{
	struct se_costs c;
	if (measure(uncached, sizeof uncached / sizeof *uncached, &c))
		return;
	EXPECT_EQ("x86_64 M: read alone", c.cache.arch[0].allowed, 1);
	EXPECT_EQ("x86_64 N: LD IMM keeps read out of the cache", c.cache.arch[0].kept, 0);
	EXPECT_EQ("allowed, uncached syscalls", c.target[SE_COST_UNCACHED].n, 1);
	EXPECT_EQ("read runs 6 instructions", c.target[SE_COST_UNCACHED].max, 6);
	EXPECT_EQ("denied: every other known syscall", c.target[SE_COST_DENIED].n, known - 1);
	EXPECT_EQ("denied in 5 instructions (max)", c.target[SE_COST_DENIED].max, 5);
	EXPECT_EQ("denied in 5 instructions (sum)", c.target[SE_COST_DENIED].sum, 5 * (known - 1));
	EXPECT_EQ("argument-checked syscalls", c.target[SE_COST_ARGS].n, 0);
	same_scopes(&c);
	EXPECT_EQ("every number from read's 0", c.numbers_first, 0);
	EXPECT_EQ("to the last x86_64 syscall", c.numbers_last, last);
	/* the gaps (no syscall has them) count as well: every number but read */
	EXPECT_EQ("every number denied but read", c.numbers_denied.n, last);
	EXPECT_EQ("more numbers than syscalls", c.numbers_denied.n > (size_t)known - 1, 1);
	EXPECT_EQ("each in 5 instructions", c.numbers_denied.sum, 5UL * last);
}

int main(void)
{
	struct se_syscall_entry *table;
	long known = se_syscall_table(se_arch_find("x86_64"), &table);
	if (known < 1) {
		fprintf(stderr, "FAIL: libseccomp knows %ld x86_64 syscalls\n", known);
		return 1;
	}
	unsigned long last = 0; /* below x32's numbers */
	for (long i = 0; i < known; i++)
		if (table[i].nr < 0x40000000 && table[i].nr > last)
			last = table[i].nr;
	se_syscall_table_free(table, known);
	test_argument_checked();
	test_uncached(known, last);
	if (failures)
		fprintf(stderr, "%u failures\n", failures);
	else
		printf("test_check_path_costs: ok (%ld known x86_64 syscalls)\n", known);
	return failures ? 1 : 0;
}
