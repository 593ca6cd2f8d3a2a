#include "opt_layout.h"

#include <stdbool.h>
#include <stdlib.h>

#include "opt_pool.h"

#define MAX_COND_JUMP 255

static bool is_cond(const struct se_ir_insn *in)
{
	return BPF_CLASS(in->code) == BPF_JMP && BPF_OP(in->code) != BPF_JA;
}

static bool is_ja(const struct se_ir_insn *in)
{
	return in->code == (BPF_JMP | BPF_JA);
}

/* A jump to a JA may as well go where the JA goes. */
static uint32_t through_ja(const struct se_ir *ir, uint32_t id)
{
	while (is_ja(&ir->insns[id]))
		id = ir->insns[id].jt;
	return id;
}

static void thread_jumps(struct se_ir *ir)
{
	for (size_t i = 0; i < ir->n; i++) {
		struct se_ir_insn *in = &ir->insns[i];
		if (is_cond(in)) {
			in->jt = through_ja(ir, in->jt);
			in->jf = through_ja(ir, in->jf);
		} else if (is_ja(in)) {
			in->jt = through_ja(ir, in->jt);
		}
	}
}

static int positions(const struct se_ir *ir, uint32_t **pos)
{
	uint32_t *p = malloc((ir->n ? ir->n : 1) * sizeof *p);
	if (!p)
		return -1;
	for (size_t i = 0; i < ir->n; i++)
		p[i] = UINT32_MAX;
	for (size_t i = 0; i < ir->n_order; i++)
		p[ir->order[i]] = (uint32_t)i;
	*pos = p;
	return 0;
}

/* The instruction reached through `target` when it is too far: the same
 * RET (costs nothing more to run) or a JA to it. */
static uint32_t trampoline(struct se_ir *ir, uint32_t target)
{
	const struct se_ir_insn t = ir->insns[target];
	if (BPF_CLASS(t.code) == BPF_RET)
		return se_ir_new(ir, t.code, t.k, 0, 0);
	return se_ir_new(ir, BPF_JMP | BPF_JA, 0, target, 0);
}

/* One pass: the first conditional jump that is too far gets a trampoline
 * right after it (nothing falls through into that slot: the jump names
 * both its targets).  Returns 1 if it changed something. */
static int fix_one_far_jump(struct se_ir *ir, const uint32_t *pos)
{
	for (size_t at = 0; at < ir->n_order; at++) {
		uint32_t id = ir->order[at];
		struct se_ir_insn *in = &ir->insns[id];
		if (!is_cond(in))
			continue;
		if (pos[in->jt] <= at || pos[in->jf] <= at || pos[in->jt] == UINT32_MAX ||
		    pos[in->jf] == UINT32_MAX)
			return -1; /* a backward or unplaced target: a bug upstream */
		uint32_t *branch = pos[in->jt] - at - 1 > MAX_COND_JUMP ? &in->jt
				 : pos[in->jf] - at - 1 > MAX_COND_JUMP ? &in->jf : NULL;
		if (!branch)
			continue;
		uint32_t t = trampoline(ir, *branch);
		if (t == UINT32_MAX || se_ir_insert(ir, at + 1, t))
			return -1;
		ir->insns[id].jt = branch == &in->jt ? t : ir->insns[id].jt;
		ir->insns[id].jf = branch == &in->jf ? t : ir->insns[id].jf;
		return 1;
	}
	return 0;
}

static struct sock_filter resolve(const struct se_ir_insn *in, const uint32_t *pos, uint32_t at)
{
	struct sock_filter f = {in->code, 0, 0, in->k};
	if (is_cond(in)) {
		f.jt = (uint8_t)(pos[in->jt] - at - 1);
		f.jf = (uint8_t)(pos[in->jf] - at - 1);
	} else if (is_ja(in)) {
		f.k = pos[in->jt] - at - 1;
	}
	return f;
}

int se_layout_program(struct se_ir *ir, struct se_program *out)
{
	uint32_t *pos = NULL;
	int rc;
	thread_jumps(ir);
	if (se_ir_pool_returns(ir))
		return -1;
	do {
		free(pos);
		if (positions(ir, &pos))
			return -1;
		rc = ir->n_order > SE_BPF_MAX_INSNS ? 2 : fix_one_far_jump(ir, pos);
	} while (rc == 1);
	if (rc) {
		free(pos);
		return rc < 0 ? -1 : 1;
	}
	out->insns = malloc(ir->n_order * sizeof *out->insns);
	if (!out->insns) {
		free(pos);
		return -1;
	}
	for (size_t i = 0; i < ir->n_order; i++)
		out->insns[i] = resolve(&ir->insns[ir->order[i]], pos, (uint32_t)i);
	out->len = ir->n_order;
	free(pos);
	return 0;
}
