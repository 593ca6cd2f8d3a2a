/*
 * opt_layout.h - a placed program under construction (opt_ir.h) -> a
 * program with offsets: jumps through a JA go straight to its target, RETs
 * are laid out in pools (opt_pool.h), and a conditional jump still further
 * than 255 instructions goes through a trampoline (a copy of the RET it
 * reaches, or a JA) placed right after it.
 */
#ifndef SE_OPT_LAYOUT_H
#define SE_OPT_LAYOUT_H

#include "opt_ir.h"

/* Returns 0, -1 when out of memory, 1 if longer than BPF_MAXINSNS. */
int se_layout_program(struct se_ir *ir, struct se_program *out);

#endif
