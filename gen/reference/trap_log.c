#include "trap_log.h"

#include <linux/seccomp.h>
#include <seccomp_embed.h>

const char *const se_reporter_syscalls[] = {"write", "writev", "getpid", "gettid",
					    "rt_sigreturn", "tgkill", "exit_group", NULL};

/* Reproducing KILL_THREAD needs more: counting the threads left (lseek and
 * getdents64 on a directory opened beforehand) and ending just one (exit). */
const char *const se_trap_log_syscalls[] = {"lseek", "getdents64", "exit", NULL};

static uint32_t encode(unsigned cls, uint32_t value)
{
	return SECCOMP_RET_TRAP | (cls << SECCOMP_EMBED_TRAP_LOG_CLASS_SHIFT) |
	       (value & SECCOMP_EMBED_TRAP_LOG_VALUE_MASK);
}

uint32_t se_trap_log_encode(uint32_t ret)
{
	uint32_t data = ret & SECCOMP_RET_DATA;
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO: return encode(SECCOMP_EMBED_TRAP_LOG_ERRNO, data);
	case SECCOMP_RET_KILL_THREAD: return encode(SECCOMP_EMBED_TRAP_LOG_KILL_THREAD, 0);
	case SECCOMP_RET_KILL_PROCESS: return encode(SECCOMP_EMBED_TRAP_LOG_KILL_PROCESS, 0);
	case SECCOMP_RET_TRACE: return encode(SECCOMP_EMBED_TRAP_LOG_TRACE, data);
	case SECCOMP_RET_TRAP: return encode(SECCOMP_EMBED_TRAP_LOG_TRAP, data);
	default: return ret; /* ALLOW, LOG: nothing to see */
	}
}

void se_trap_log_transform(struct se_program *p)
{
	for (size_t i = 0; i < p->len; i++) {
		struct sock_filter *f = &p->insns[i];
		if (BPF_CLASS(f->code) == BPF_RET && BPF_RVAL(f->code) == BPF_K)
			f->k = se_trap_log_encode(f->k);
	}
}
