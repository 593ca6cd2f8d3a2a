#include "syscall_table.h"

#include <seccomp.h>
#include <stdbool.h>
#include <stdlib.h>

/* Syscall numbers start at one of these bases (MIPS o32/n64/n32, x32, the
 * ARM private range) and no table is longer than SPAN. */
#define X32_BASE 0x40000000u
static const uint32_t bases[] = {0, 4000, 5000, 6000, 0x0f0000u, X32_BASE};
#define SPAN 1100

static int add(struct se_syscall_entry **t, long *n, long *cap, uint32_t nr, char *name)
{
	if (*n == *cap) {
		long bigger = *cap ? *cap * 2 : 512;
		struct se_syscall_entry *grown = realloc(*t, (size_t)bigger * sizeof *grown);
		if (!grown)
			return -1;
		*t = grown;
		*cap = bigger;
	}
	(*t)[(*n)++] = (struct se_syscall_entry){nr, name};
	return 0;
}

/* x32 numbers carry bit 30; no other arch has numbers there. */
static bool base_applies(const struct se_arch *a, uint32_t base)
{
	return (a->token == SCMP_ARCH_X32) == (base == X32_BASE);
}

long se_syscall_table(const struct se_arch *a, struct se_syscall_entry **out)
{
	long n = 0, cap = 0;
	*out = NULL;
	for (size_t b = 0; b < sizeof bases / sizeof *bases; b++)
		for (uint32_t i = 0; base_applies(a, bases[b]) && i < SPAN; i++) {
			char *name = seccomp_syscall_resolve_num_arch(a->token, (int)(bases[b] + i));
			if (name && add(out, &n, &cap, bases[b] + i, name)) {
				free(name);
				se_syscall_table_free(*out, n);
				return -1;
			}
		}
	return n;
}

void se_syscall_table_free(struct se_syscall_entry *t, long n)
{
	for (long i = 0; i < n; i++)
		free(t[i].name);
	free(t);
}
