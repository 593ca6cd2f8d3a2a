#include "trap_fallback.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp_embed.h>
#include <stdlib.h>

#ifndef SECCOMP_RET_USER_NOTIF
#define SECCOMP_RET_USER_NOTIF 0x7fc00000U
#endif

int se_trap_fallback_program(const struct sock_fprog *prog, struct sock_fprog *out)
{
	struct sock_filter *copy = malloc(prog->len * sizeof *copy);
	if (!copy)
		return -ENOMEM;
	for (unsigned i = 0; i < prog->len; i++) {
		copy[i] = prog->filter[i];
		if (copy[i].code == (BPF_RET | BPF_K) &&
		    (copy[i].k & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_USER_NOTIF)
			copy[i].k = SECCOMP_RET_TRAP |
				    (SECCOMP_EMBED_TRAP_LOG_ASK << SECCOMP_EMBED_TRAP_LOG_CLASS_SHIFT);
	}
	out->len = prog->len;
	out->filter = copy;
	return 0;
}
