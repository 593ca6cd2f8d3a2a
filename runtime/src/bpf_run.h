/*
 * bpf_run.h - run a seccomp classic-BPF program on one call, as the kernel
 * would, in the runtime's own process: the trap-log supervisor asks the
 * enforcing program what it would have answered (supervisor.h).
 */
#ifndef SECCOMP_EMBED_BPF_RUN_H
#define SECCOMP_EMBED_BPF_RUN_H

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdint.h>

/* The program's return value for `d` (held as the kernel would see it, in
 * this machine's byte order).  A program the kernel would refuse to load
 * cannot reach here; anything malformed returns SECCOMP_RET_KILL_PROCESS. */
uint32_t se_bpf_run(const struct sock_filter *prog, unsigned len, const struct seccomp_data *d);

#endif
