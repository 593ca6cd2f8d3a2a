/*
 * syscall_table.h - every (number, name) libseccomp knows for one arch, for
 * the name tables that let violation reports name a denied syscall.
 */
#ifndef SE_SYSCALL_TABLE_H
#define SE_SYSCALL_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h"

struct se_syscall_entry {
	uint32_t nr; /* as seen in seccomp_data.nr */
	char *name;
};

/* Sorted by nr.  Returns the count, or -1 on allocation failure. */
long se_syscall_table(const struct se_arch *a, struct se_syscall_entry **out);
void se_syscall_table_free(struct se_syscall_entry *t, long n);

#endif
