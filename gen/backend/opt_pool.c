#include "opt_pool.h"

#include <stdbool.h>
#include <stdlib.h>

#define REACH 255      /* the farthest a conditional jump goes */
#define NODE_MARGIN 3  /* LD, ALU, JMP: a node is placed whole before the next pool */

struct ret_value {
	uint16_t code;
	uint32_t k;
	size_t waiting_since; /* position of the oldest jump still needing a copy, or SIZE_MAX */
	uint32_t next_copy;   /* while rewriting jumps: the nearest copy ahead */
};

struct pools {
	struct se_ir *ir;
	struct ret_value *values;
	size_t n_values;
	bool *in_place;       /* per original id: a RET that an LD or ALU falls into */
	size_t n_original;
};

static bool is_ret(const struct se_ir_insn *in)
{
	return BPF_CLASS(in->code) == BPF_RET;
}

static bool is_jump(const struct se_ir_insn *in)
{
	return BPF_CLASS(in->code) == BPF_JMP;
}

static bool pooled(const struct pools *p, uint32_t id)
{
	return is_ret(&p->ir->insns[id]) && !(id < p->n_original && p->in_place[id]);
}

static size_t value_of(const struct pools *p, uint32_t id)
{
	const struct se_ir_insn *in = &p->ir->insns[id];
	for (size_t v = 0; v < p->n_values; v++)
		if (p->values[v].code == in->code && p->values[v].k == in->k)
			return v;
	return SIZE_MAX;
}

static int collect(struct pools *p, const uint32_t *order, size_t n_order)
{
	struct se_ir *ir = p->ir;
	p->n_original = ir->n;
	p->in_place = calloc(ir->n ? ir->n : 1, sizeof *p->in_place);
	p->values = malloc((ir->n ? ir->n : 1) * sizeof *p->values);
	if (!p->in_place || !p->values)
		return -1;
	for (size_t i = 1; i < n_order; i++)
		p->in_place[order[i]] = is_ret(&ir->insns[order[i]]) &&
					se_ir_falls_through(&ir->insns[order[i - 1]]);
	for (uint32_t id = 0; id < ir->n; id++)
		if (pooled(p, id) && value_of(p, id) == SIZE_MAX)
			p->values[p->n_values++] = (struct ret_value){
				ir->insns[id].code, ir->insns[id].k, SIZE_MAX, UINT32_MAX};
	return 0;
}

static void note_waiting(struct pools *p, uint32_t target, size_t at)
{
	if (!pooled(p, target))
		return;
	struct ret_value *v = &p->values[value_of(p, target)];
	if (v->waiting_since == SIZE_MAX)
		v->waiting_since = at;
}

static void note_jump(struct pools *p, uint32_t id, size_t at)
{
	const struct se_ir_insn in = p->ir->insns[id];
	if (!is_jump(&in))
		return;
	note_waiting(p, in.jt, at);
	if (BPF_OP(in.code) != BPF_JA)
		note_waiting(p, in.jf, at);
}

/* The oldest waiting value, or SIZE_MAX; *n_waiting counts them all. */
static size_t oldest_waiting(const struct pools *p, size_t *n_waiting)
{
	size_t oldest = SIZE_MAX;
	*n_waiting = 0;
	for (size_t v = 0; v < p->n_values; v++) {
		if (p->values[v].waiting_since == SIZE_MAX)
			continue;
		(*n_waiting)++;
		if (oldest == SIZE_MAX || p->values[v].waiting_since < p->values[oldest].waiting_since)
			oldest = v;
	}
	return oldest;
}

/* Placing one more node first could leave the oldest jump out of reach. */
static bool pool_due(const struct pools *p, size_t at)
{
	size_t n_waiting, v = oldest_waiting(p, &n_waiting);
	if (v == SIZE_MAX)
		return false;
	return at + NODE_MARGIN + n_waiting - p->values[v].waiting_since > REACH;
}

/* One copy of each waiting value, the longest waiting first (nearest). */
static int place_pool(struct pools *p)
{
	size_t n_waiting, v;
	while ((v = oldest_waiting(p, &n_waiting)) != SIZE_MAX) {
		uint32_t id = se_ir_new(p->ir, p->values[v].code, p->values[v].k, 0, 0);
		if (id == UINT32_MAX || se_ir_place(p->ir, id))
			return -1;
		p->values[v].waiting_since = SIZE_MAX;
	}
	return 0;
}

static int lay_out(struct pools *p, const uint32_t *order, size_t n_order)
{
	struct se_ir *ir = p->ir;
	for (size_t i = 0; i < n_order; i++) {
		uint32_t id = order[i];
		if (pooled(p, id))
			continue;
		bool may_split = ir->n_order == 0 ||
				 !se_ir_falls_through(&ir->insns[ir->order[ir->n_order - 1]]);
		if (may_split && pool_due(p, ir->n_order) && place_pool(p))
			return -1;
		if (se_ir_place(ir, id))
			return -1;
		note_jump(p, id, ir->n_order - 1);
	}
	return place_pool(p);
}

static void retarget(struct pools *p, uint32_t *target)
{
	if (pooled(p, *target))
		*target = p->values[value_of(p, *target)].next_copy;
}

/* Every jump to a RET goes to the nearest copy after it. */
static void rewrite_jumps(struct pools *p)
{
	struct se_ir *ir = p->ir;
	for (size_t i = ir->n_order; i-- > 0;) {
		uint32_t id = ir->order[i];
		struct se_ir_insn *in = &ir->insns[id];
		if (pooled(p, id)) {
			p->values[value_of(p, id)].next_copy = id;
		} else if (is_jump(in)) {
			retarget(p, &in->jt);
			if (BPF_OP(in->code) != BPF_JA)
				retarget(p, &in->jf);
		}
	}
}

int se_ir_pool_returns(struct se_ir *ir)
{
	struct pools p = {.ir = ir};
	uint32_t *order = ir->order;
	size_t n_order = ir->n_order;
	int rc = collect(&p, order, n_order);
	if (rc == 0) {
		ir->order = NULL;
		ir->n_order = ir->cap_order = 0;
		rc = lay_out(&p, order, n_order);
		if (rc == 0)
			rewrite_jumps(&p);
		free(order);
	}
	free(p.in_place);
	free(p.values);
	return rc;
}
