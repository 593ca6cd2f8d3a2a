/*
 * The floor: what installing any seccomp filter costs, with a program of
 * one instruction (RET ALLOW).  It sets no_new_privs and passes the same
 * flags as the embedded install of the Docker default (TSYNC, and
 * SPEC_ALLOW because that profile has no `flags`), so that embedded/floor
 * measures the program and the runtime, not a difference in flags.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "methods.h"

#ifndef SECCOMP_FILTER_FLAG_SPEC_ALLOW
#define SECCOMP_FILTER_FLAG_SPEC_ALLOW (1UL << 2)
#endif

int bench_install_floor(const char *profile)
{
	static const struct sock_filter allow[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	const struct sock_fprog prog = {.len = 1, .filter = (struct sock_filter *)allow};
	(void)profile;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -errno;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_SPEC_ALLOW, &prog) != 0)
		return -errno;
	return 0;
}
