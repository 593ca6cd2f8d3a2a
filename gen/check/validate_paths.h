/*
 * validate_paths.h - the argument half of translation validation, by
 * paths rather than samples.  For one (arch, nr), both programs are walked
 * together with the argument words unknown: every test either program
 * makes splits the inputs in two, the tests passed narrow each word's
 * range, and wherever the two programs end in different returns, an input
 * inside those ranges is built and run on both to confirm it.  Sampled
 * values can miss a rule that needs several conditions at once (a call
 * allowed only when args[0] == 7 and args[3] < 4096); its path cannot.
 */
#ifndef SE_VALIDATE_PATHS_H
#define SE_VALIDATE_PATHS_H

#include <stdbool.h>

#include "bpf_eval.h"
#include "program.h"

/* 1 and `out` set to an input on which the programs return different
 * values; 0 if no path pair differs (or the walk had to stop: programs
 * using what it does not model are left to the sampled inputs). */
int se_paths_find_difference(const struct se_program *ref, const struct se_program *cand,
			     uint32_t arch, uint32_t nr, bool big_endian, struct se_bpf_data *out);

#endif
