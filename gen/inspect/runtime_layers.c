#include "runtime_layers.h"

#include <linux/seccomp.h>
#include <seccomp_embed.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The runtime's die.c builds the same four instructions; live_diff.bats
 * proves the two agree by diffing a process that installed it. */
static const struct sock_filter death[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_EMBED_DIE_NR, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP | (SECCOMP_EMBED_TRAP_LOG_KILL_PROCESS
						      << SECCOMP_EMBED_TRAP_LOG_CLASS_SHIFT)),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

int se_death_filter(struct se_program *out)
{
	out->insns = malloc(sizeof death);
	out->len = out->insns ? sizeof death / sizeof *death : 0;
	if (out->insns)
		memcpy(out->insns, death, sizeof death);
	return out->insns ? 0 : -1;
}

bool se_is_death_filter(const struct se_program *p)
{
	return p->len == sizeof death / sizeof *death &&
	       memcmp(p->insns, death, sizeof death) == 0;
}
