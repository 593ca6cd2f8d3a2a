/*
 * host.h - facts of the machine the generator runs on: its arch (suggest's
 * default target; the arch of the filters dump and diff read) and its
 * kernel (the program diff compares a process with).
 */
#ifndef SE_HOST_H
#define SE_HOST_H

#include "arch.h"
#include "profile.h"

/* The arch the kernel runs as (uname -m); NULL if seccomp-embed does not
 * know it. */
const struct se_arch *se_host_arch(void);

/* The running kernel's MAJOR.MINOR; 0 on success, -1 if uname's release
 * does not start with one. */
int se_host_kernel(struct se_kernel_version *out);

#endif
