#include "opt_ir.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void se_ir_init(struct se_ir *ir)
{
	memset(ir, 0, sizeof *ir);
}

void se_ir_free(struct se_ir *ir)
{
	free(ir->insns);
	free(ir->order);
	se_ir_init(ir);
}

uint32_t se_ir_new(struct se_ir *ir, uint16_t code, uint32_t k, uint32_t jt, uint32_t jf)
{
	if (ir->n == ir->cap) {
		size_t cap = ir->cap ? ir->cap * 2 : 512;
		struct se_ir_insn *insns = realloc(ir->insns, cap * sizeof *insns);
		if (!insns)
			return UINT32_MAX;
		ir->insns = insns;
		ir->cap = cap;
	}
	ir->insns[ir->n] = (struct se_ir_insn){code, k, jt, jf};
	return (uint32_t)ir->n++;
}

int se_ir_insert(struct se_ir *ir, size_t at, uint32_t id)
{
	if (ir->n_order == ir->cap_order) {
		size_t cap = ir->cap_order ? ir->cap_order * 2 : 512;
		uint32_t *order = realloc(ir->order, cap * sizeof *order);
		if (!order)
			return -1;
		ir->order = order;
		ir->cap_order = cap;
	}
	memmove(&ir->order[at + 1], &ir->order[at], (ir->n_order - at) * sizeof *ir->order);
	ir->order[at] = id;
	ir->n_order++;
	return 0;
}

int se_ir_place(struct se_ir *ir, uint32_t id)
{
	return se_ir_insert(ir, ir->n_order, id);
}
