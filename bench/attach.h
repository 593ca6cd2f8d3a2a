/*
 * Attaching a classic-BPF program the way every bench filter is attached:
 * prctl(PR_SET_NO_NEW_PRIVS) then seccomp(2) with TSYNC and SPEC_ALLOW, the
 * flags the embedded install of the Docker default passes (that profile
 * has no `flags`, so runc's SPEC_ALLOW), so that programs are compared,
 * not flags.
 */
#ifndef BENCH_ATTACH_H
#define BENCH_ATTACH_H

#include <linux/filter.h>
#include <stddef.h>

/* 0 once the filter is in force, or a negative errno. */
int bench_attach(const struct sock_filter *insns, size_t len);

#endif
