/*
 * The floor: what installing any seccomp filter costs, with a program of
 * one instruction (RET ALLOW), attached as every bench filter is
 * (attach.h: no_new_privs, TSYNC, SPEC_ALLOW), so that embedded/floor
 * measures the program and the runtime, not a difference in flags.
 */
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "attach.h"
#include "methods.h"

const struct sock_filter bench_one_instruction[1] = {
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

int bench_install_floor(const char *profile)
{
	(void)profile;
	return bench_attach(bench_one_instruction, 1);
}
