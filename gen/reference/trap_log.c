#include "trap_log.h"

#include <linux/seccomp.h>
#include <seccomp_embed.h>
#include <stdlib.h>

#ifndef SECCOMP_RET_USER_NOTIF
#define SECCOMP_RET_USER_NOTIF 0x7fc00000U
#endif

const char *const se_reporter_syscalls[] = {"write", "writev", "getpid", "gettid",
					    "rt_sigreturn", "tgkill", "exit_group", NULL};

static uint32_t encode(unsigned cls, uint32_t value)
{
	return SECCOMP_RET_TRAP | (cls << SECCOMP_EMBED_TRAP_LOG_CLASS_SHIFT) |
	       (value & SECCOMP_EMBED_TRAP_LOG_VALUE_MASK);
}

uint32_t se_dev_mode_encode(uint32_t ret, enum se_dev_mode mode)
{
	uint32_t data = ret & SECCOMP_RET_DATA, action = ret & SECCOMP_RET_ACTION_FULL;
	if (action == SECCOMP_RET_ALLOW || action == SECCOMP_RET_LOG)
		return ret; /* allowed: nothing to see, nothing more allowed */
	if (action == SECCOMP_RET_TRAP) /* the profile's own: reported in the program, every mode */
		return encode(SECCOMP_EMBED_TRAP_LOG_TRAP, data);
	if (mode == SE_DEV_LEARN)
		return SECCOMP_RET_USER_NOTIF;
	switch (action) {
	case SECCOMP_RET_KILL_THREAD: return encode(SECCOMP_EMBED_TRAP_LOG_KILL_THREAD, 0);
	case SECCOMP_RET_KILL_PROCESS: return encode(SECCOMP_EMBED_TRAP_LOG_KILL_PROCESS, 0);
	case SECCOMP_RET_ERRNO:
		if (mode == SE_DEV_TRAP_ONLY)
			return encode(SECCOMP_EMBED_TRAP_LOG_ERRNO, data);
		return SECCOMP_RET_USER_NOTIF; /* the supervisor answers */
	default: /* TRACE */
		if (mode == SE_DEV_TRAP_ONLY)
			return encode(SECCOMP_EMBED_TRAP_LOG_TRACE, data);
		return SECCOMP_RET_USER_NOTIF;
	}
}

int se_dev_mode_transform(struct se_program *p, enum se_dev_mode mode, uint32_t target_audit)
{
	const struct sock_filter prefix[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4), /* arch */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, target_audit, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0), /* nr */
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_EMBED_REPORT_NR, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
	};
	struct se_program out;
	for (size_t i = 0; i < p->len; i++) {
		struct sock_filter *f = &p->insns[i];
		if (BPF_CLASS(f->code) == BPF_RET && BPF_RVAL(f->code) == BPF_K)
			f->k = se_dev_mode_encode(f->k, mode);
	}
	if (mode == SE_DEV_TRAP_ONLY)
		return 0; /* no supervisor to hand reports to */
	if (se_program_concat(prefix, sizeof prefix / sizeof *prefix, p, &out))
		return -1;
	se_program_free(p);
	*p = out;
	return 0;
}

bool se_program_may_trap(const struct se_program *p)
{
	for (size_t i = 0; i < p->len; i++)
		if (BPF_CLASS(p->insns[i].code) == BPF_RET && BPF_RVAL(p->insns[i].code) == BPF_K &&
		    (p->insns[i].k & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_TRAP)
			return true;
	return false;
}
