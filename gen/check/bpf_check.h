/*
 * bpf_check.h - would seccomp(2) accept this program?  The kernel's
 * load-time checks (bpf_check_classic, seccomp_check_filter and
 * check_load_and_stores), so that an optimised program the kernel would
 * refuse is an error at build time, not at install time.
 */
#ifndef SE_BPF_CHECK_H
#define SE_BPF_CHECK_H

#include <linux/filter.h>
#include <stddef.h>

#include "bpf_eval.h"

/* SE_BPF_OK, or the first problem, with the instruction it is at (*at):
 * SE_BPF_BAD_LENGTH, SE_BPF_NO_RET for a last instruction that is not a
 * RET, then per instruction the faults of bpf_eval.h, then a scratch cell
 * read on a path that did not write it. */
enum se_bpf_fault se_bpf_check(const struct sock_filter *prog, size_t len, size_t *at);

#endif
