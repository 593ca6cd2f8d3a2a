/*
 * kernel_syscalls.h - the syscalls of Linux 6.18, per ABI, as the kernel
 * numbers them (kernel_syscalls_data.c, written by
 * scripts/kernel-syscalls.sh from the kernel's own tables).  They name what
 * the host's libseccomp may not know yet.
 */
#ifndef SE_KERNEL_SYSCALLS_H
#define SE_KERNEL_SYSCALLS_H

#include <stddef.h>
#include <stdint.h>

struct se_kernel_syscall {
	uint32_t nr; /* as seccomp_data.nr holds it: x32 with bit 30, MIPS from 4000 */
	const char *name;
};

struct se_kernel_table {
	const char *arch; /* Docker's name of the ABI (struct se_arch.docker) */
	const struct se_kernel_syscall *calls; /* by increasing number */
	size_t n;
};

/* One per ABI, ended by an entry whose arch is NULL. */
extern const struct se_kernel_table se_kernel_tables[];

#endif
