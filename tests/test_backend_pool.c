/*
 * test_backend_pool.c - the backend's RET pools (gen/backend/opt_pool.c), through the
 * program layout they serve (gen/backend/opt_layout.c).  Each program is run with
 * gen/check/bpf_eval.c on every number it tells apart:
 *
 *  1. A chain of 600 JEQs on nr, each to one of four RETs placed once at
 *     the end: the program decides as the chain says, every path is as
 *     long as in the chain (a jump to a RET lands on a copy of it), and the
 *     RETs come in a few pools, not one copy beside each far jump.
 *  2. 300 JEQs to 300 different RETs: more values than one pool can hold
 *     within reach; still right (the far-jump fix covers what pools miss).
 *  3. A load that falls into its RET keeps it in place.
 */
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>

#include "bpf_eval.h"
#include "opt_layout.h"

#define CHAIN 600
#define VALUES 4
#define DEFAULT_RET SECCOMP_RET_KILL_PROCESS

static unsigned failures;

static void fail(const char *what, uint32_t nr, const char *detail)
{
	printf("FAIL %s, nr %u: %s\n", what, nr, detail);
	failures++;
}

static uint32_t ret_value(unsigned i, unsigned values)
{
	return SECCOMP_RET_ERRNO | (i % values + 1);
}

/* LD nr; JEQ 0 -> R(0); JEQ 1 -> R(1); ...; default: the RETs last. */
static int build_chain(unsigned n, unsigned values, struct se_program *out)
{
	struct se_ir ir;
	uint32_t rets[CHAIN + 1], jeqs[CHAIN];
	int rc = -1;
	se_ir_init(&ir);
	uint32_t ld = se_ir_new(&ir, BPF_LD | BPF_W | BPF_ABS, 0, SE_IR_NEXT, SE_IR_NEXT);
	if (ld == UINT32_MAX || se_ir_place(&ir, ld))
		goto out;
	for (unsigned v = 0; v <= values; v++)
		if ((rets[v] = se_ir_new(&ir, BPF_RET | BPF_K, v < values ? ret_value(v, values) : DEFAULT_RET,
					  0, 0)) == UINT32_MAX)
			goto out;
	for (unsigned i = 0; i < n; i++)
		if ((jeqs[i] = se_ir_new(&ir, BPF_JMP | BPF_JEQ | BPF_K, i, rets[i % values], 0)) ==
			    UINT32_MAX || se_ir_place(&ir, jeqs[i]))
			goto out;
	for (unsigned i = 0; i < n; i++)
		ir.insns[jeqs[i]].jf = i + 1 < n ? jeqs[i + 1] : rets[values];
	for (unsigned v = 0; v <= values; v++)
		if (se_ir_place(&ir, rets[v]))
			goto out;
	rc = se_layout_program(&ir, out);
out:
	se_ir_free(&ir);
	return rc;
}

static size_t count_rets(const struct se_program *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->len; i++)
		n += BPF_CLASS(p->insns[i].code) == BPF_RET;
	return n;
}

static void check_chain(const char *what, unsigned n, unsigned values, size_t most_rets)
{
	struct se_program p;
	if (build_chain(n, values, &p) != 0) {
		fail(what, 0, "the builder failed");
		return;
	}
	for (uint32_t nr = 0; nr <= n + 2; nr++) {
		struct se_bpf_data d = {.nr = nr, .arch = AUDIT_ARCH_X86_64};
		struct se_bpf_result r;
		uint32_t want = nr < n ? ret_value(nr, values) : DEFAULT_RET;
		uint32_t want_steps = nr < n ? nr + 3 : n + 2; /* LD, the JEQs up to nr, RET */
		char detail[96];
		if (se_bpf_eval(p.insns, p.len, &d, false, &r) != 0 || r.fault) {
			fail(what, nr, "the program faults");
		} else if (r.ret != want) {
			snprintf(detail, sizeof detail, "returns %#x, expected %#x", r.ret, want);
			fail(what, nr, detail);
		} else if (r.steps != want_steps) {
			snprintf(detail, sizeof detail, "runs %u instructions, expected %u", r.steps,
				 want_steps);
			fail(what, nr, detail);
		}
	}
	if (count_rets(&p) > most_rets) {
		char detail[96];
		snprintf(detail, sizeof detail, "%zu RETs in %zu instructions, expected at most %zu",
			 count_rets(&p), p.len, most_rets);
		fail(what, 0, detail);
	}
	printf("%s: %zu instructions, %zu RETs\n", what, p.len, count_rets(&p));
	free(p.insns);
}

/* LD arch falling into RET ALLOW: nothing to pool, nothing to move. */
static void check_fall_through(void)
{
	struct se_ir ir;
	struct se_program p = {0};
	struct se_bpf_data d = {.nr = 0, .arch = AUDIT_ARCH_X86_64};
	struct se_bpf_result r = {0};
	se_ir_init(&ir);
	uint32_t ld = se_ir_new(&ir, BPF_LD | BPF_W | BPF_ABS, 4, SE_IR_NEXT, SE_IR_NEXT);
	uint32_t ret = se_ir_new(&ir, BPF_RET | BPF_K, SECCOMP_RET_ALLOW, 0, 0);
	int rc = ld == UINT32_MAX || ret == UINT32_MAX || se_ir_place(&ir, ld) ||
		 se_ir_place(&ir, ret) || se_layout_program(&ir, &p);
	if (rc || p.len != 2 || se_bpf_eval(p.insns, p.len, &d, false, &r) ||
	    r.ret != SECCOMP_RET_ALLOW)
		fail("a load falling into its RET", 0, "not kept as LD, RET ALLOW");
	se_ir_free(&ir);
	free(p.insns);
}

int main(void)
{
	/* four values and the default: a pool of at most five every ~250 instructions */
	check_chain("600 JEQs to 4 RETs", CHAIN, VALUES, (VALUES + 1) * (CHAIN / 240 + 1));
	/* 300 values: no bound on copies, only on being right */
	check_chain("300 JEQs to 300 RETs", 300, 300, 2 * 300);
	check_fall_through();
	printf("%u failures\n", failures);
	return failures ? 1 : 0;
}
