/*
 * opt_weights.h - how much a short path to each run is worth.  A syscall
 * the kernel's cache lets through (constant ALLOW) runs no filter at all,
 * so its depth barely matters; denied and argument-checked syscalls run the
 * filter every time.  Gaps with no known syscall are rarely called.  Every
 * number below an arch's last syscall also costs once, at attach time, when
 * the kernel walks the program for its cache.
 */
#ifndef SE_OPT_WEIGHTS_H
#define SE_OPT_WEIGHTS_H

#include "opt_dag.h"
#include "opt_line.h"
#include "opt_hints.h"
#include "resolve.h"

/* Fills line->runs[].weight; -1 when out of memory. */
int se_weigh_line(struct se_line *line, const struct se_dag *dag, const struct se_arch_set *arches,
		  const struct se_opt_hints *hints);

#endif
