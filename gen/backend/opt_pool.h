/*
 * opt_pool.h - the RETs of a program under construction, laid out in pools.
 *
 * Attaching a filter costs the kernel time in proportion to the program it
 * converts and JIT-compiles (each classic RET becomes two eBPF instructions,
 * and a program past one page of eBPF is reallocated), so a RET is better
 * reached by a jump than copied next to each jump that needs it.  Jumps
 * reach only 255 instructions ahead, so one copy of each RET value in use is
 * placed just before the first jump to it would fall out of reach, and every
 * jump goes to the nearest copy after it.  Paths are as long as before: a
 * jump to a RET lands on it either way.
 */
#ifndef SE_OPT_POOL_H
#define SE_OPT_POOL_H

#include "opt_ir.h"

/* Rewrites ir->order and the jumps into it; call after jumps through JAs
 * are threaded and before far jumps are fixed.  Returns 0, or -1 when out
 * of memory. */
int se_ir_pool_returns(struct se_ir *ir);

#endif
