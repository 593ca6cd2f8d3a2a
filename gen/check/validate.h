/*
 * validate.h - translation validation: does an optimised program decide
 * exactly like the reference?  Optimisers of seccomp filters have shipped
 * filter-weakening bugs (a 64-bit compare done on the low half only,
 * merged comparisons), so every program the backend writes is run side by
 * side with the reference on:
 *
 *   - every syscall number of every arch of the filter (MIPS from 4000,
 *     5000 and 6000, ARM's private calls, x32's numbers, which x86_64's
 *     audit arch shares) and a margin past the highest one; nr -1,
 *     0x7fffffff, 0x80000000 and their kin; every constant either program
 *     compares nr with, and its neighbours;
 *   - the same numbers on arch values the filter does not cover: one no
 *     program names, and every other one either program compares with;
 *   - for every (arch, nr) whose path reads arguments in either program:
 *     boundary values of every constant either program compares each
 *     argument word with (c-1, c, c+1, each 32-bit half alone and the two
 *     combined, each mask bit, 0, all ones), varied per argument with the
 *     others at 0 and at all ones, then all arguments together.
 *
 * The optimised program must also pass the kernel's load-time checks.
 */
#ifndef SE_VALIDATE_H
#define SE_VALIDATE_H

#include <stddef.h>

#include "bpf_eval.h"
#include "program.h"
#include "resolve.h"

struct se_validate_failure {
	/* the candidate would not load: why, and where (SE_BPF_OK otherwise) */
	enum se_bpf_fault load_fault;
	size_t load_fault_at;
	/* else the first input on which the results differ */
	struct se_bpf_data input;
	const struct se_arch *arch; /* the filter's arch the input is for; NULL: foreign */
	struct se_bpf_result ref, cand;
	const char *errno_family;   /* the target's, for naming ERRNO values */
	unsigned long long inputs;  /* inputs tried; also set when all agree */
};

/* Returns 0 if `cand` decides like `ref` on every input above, 1 if not
 * (`failure` says where), -1 on allocation failure.  The arches' byte order
 * (all share the target's) decides where argument halves lie. */
int se_validate(const struct se_program *ref, const struct se_program *cand,
		const struct se_arch_set *arches, struct se_validate_failure *failure);

/* One line: "validation failed: arch x86_64 nr 56 (clone) args 0x7e020000
 * 0x0 0x0 0x0 0x0 0x0: reference ERRNO(EPERM), optimized ALLOW". */
void se_validate_format(const struct se_validate_failure *f, char *out, size_t len);

#endif
