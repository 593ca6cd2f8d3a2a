/*
 * compare.h - do two filters decide alike?  A filter here is what the
 * kernel runs for a thread: one or more programs (layers), every one run
 * on each syscall and the strictest outcome kept.  Translation validation
 * (validate.h) compares one program with one; `seccomp-embed diff` compares
 * what a process runs under with what a profile says, on the same inputs
 * (validate_inputs.h): every syscall number of every arch, the edge values
 * of every constant any layer compares with, and each path pair where
 * arguments are read.
 */
#ifndef SE_COMPARE_H
#define SE_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "bpf_eval.h"
#include "program.h"
#include "resolve.h"

/* The layers of one filter in the order they were installed. */
struct se_stack {
	const struct se_program *layers;
	size_t n;
};

/* The kernel's verdict (kernel/seccomp.c, seccomp_run_filters): every
 * layer runs; the lowest action as a signed 32-bit number wins
 * (KILL_PROCESS, KILL_THREAD, TRAP, ERRNO, USER_NOTIF, TRACE, LOG, ALLOW),
 * on a tie the newest layer's data.  A fault in any layer is the result.
 * `steps` adds up every layer's; `loaded` and `reads_data` join them. */
void se_stack_run(const struct se_stack *s, const uint32_t words[SE_BPF_DATA_WORDS],
		  struct se_bpf_result *r);

/* One input on which the two filters decide differently. */
struct se_difference {
	struct se_bpf_data input;
	const struct se_arch *arch; /* the arch of the set the input is for; NULL: foreign */
	struct se_bpf_result a, b;
};

/* Called with each difference, at most one per (arch value, nr): returns
 * nonzero to stop, 0 to go on with the next syscall number. */
typedef int (*se_difference_fn)(void *ctx, const struct se_difference *d);

/* Runs both filters on every input.  Returns 0 if they always agree, 1 if
 * `found` was called (and, if it asked, stopped the sweep), -1 on
 * allocation failure.  `inputs` (may be NULL) counts the inputs tried.  The
 * arch set's first entry gives the byte order; every arch in it brings its
 * syscall numbers. */
int se_compare_stacks(const struct se_stack *a, const struct se_stack *b,
		      const struct se_arch_set *arches, se_difference_fn found, void *ctx,
		      unsigned long long *inputs);

/* The arch that names the input's syscall: x32 for x86_64's audit arch
 * with bit 30 set, whether or not the filter covers x32; NULL for an arch
 * value seccomp-embed does not know. */
const struct se_arch *se_naming_arch(const struct se_bpf_data *d);

/* "arch x86_64 nr 56 (clone)", "arch 0x12345678 (not in the filter) nr 3". */
void se_difference_call(const struct se_difference *d, char *out, size_t len);

/* "ERRNO(EPERM)", "ALLOW", or "fails at insn 7 (jump out of the program)". */
void se_describe_result(const struct se_bpf_result *r, const char *errno_family, char *out,
			size_t len);

#endif
