/*
 * opt_ir.h - a program under construction whose jumps name their targets
 * (ids) instead of offsets, and the order its instructions are placed in.
 * opt_layout.h turns it into a program.
 */
#ifndef SE_OPT_IR_H
#define SE_OPT_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "program.h"

#define SE_IR_NEXT UINT32_MAX /* LD/ALU: falls through to the next in order */

struct se_ir_insn {
	uint16_t code;
	uint32_t k;
	uint32_t jt, jf; /* ids; for JA, jt is the target */
};

struct se_ir {
	struct se_ir_insn *insns; /* by id */
	size_t n, cap;
	uint32_t *order;          /* ids in program order */
	size_t n_order, cap_order;
};

/* LD and ALU go on to the next instruction in order: never split from it. */
static inline bool se_ir_falls_through(const struct se_ir_insn *in)
{
	return BPF_CLASS(in->code) == BPF_LD || BPF_CLASS(in->code) == BPF_ALU;
}

void se_ir_init(struct se_ir *ir);
void se_ir_free(struct se_ir *ir);
/* A new instruction (not yet placed); returns its id or UINT32_MAX. */
uint32_t se_ir_new(struct se_ir *ir, uint16_t code, uint32_t k, uint32_t jt, uint32_t jf);
/* Appends an instruction to the program order. */
int se_ir_place(struct se_ir *ir, uint32_t id);
/* Inserts an instruction at position `at` of the program order. */
int se_ir_insert(struct se_ir *ir, size_t at, uint32_t id);

#endif
