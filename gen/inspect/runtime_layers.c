#include "runtime_layers.h"

#include <linux/seccomp.h>
#include <seccomp_embed.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The runtime's own (seccomp_embed.h); live_diff.bats also diffs a
 * process that installed it. */
static const struct sock_filter death[] = SECCOMP_EMBED_DIE_FILTER_INSNS;

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
