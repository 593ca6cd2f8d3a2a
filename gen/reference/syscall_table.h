/*
 * syscall_table.h - which syscalls each arch has, by name and number: the
 * kernel's own tables up to Linux 6.18 (kernel_syscalls.h), joined with
 * what the host's libseccomp knows.  For the rules a profile's names become,
 * runc's ENOSYS stub, the name tables that let violation reports name a
 * denied syscall, and the sweeps that must reach every syscall an arch has.
 *
 * Where a name's number comes from is a choice (--syscalls): `kernel`, the
 * default, takes it from the kernel's tables first, so that a syscall newer
 * than the host's libseccomp (mseal on Debian 12) is still filtered;
 * `host-libseccomp` only from libseccomp, as a Docker built with it would.
 */
#ifndef SE_SYSCALL_TABLE_H
#define SE_SYSCALL_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

enum se_syscall_source { SE_SYSCALLS_KERNEL, SE_SYSCALLS_HOST_LIBSECCOMP };

struct se_syscall_entry {
	uint32_t nr; /* as seen in seccomp_data.nr */
	char *name;
};

/* Every syscall of the arch, kernel's and libseccomp's, sorted by nr.
 * Returns the count, or -1 on allocation failure. */
long se_syscall_table(const struct se_arch *a, struct se_syscall_entry **out);
void se_syscall_table_free(struct se_syscall_entry *t, long n);

/* The number of `name` on `a` (>= 0), or -1 where `a` has no such syscall. */
long se_syscall_nr(const struct se_arch *a, const char *name, enum se_syscall_source src);
/* Does the host's libseccomp number `name` on `a` (so that a rule it adds
 * by name reaches `a`)? */
bool se_libseccomp_has(const struct se_arch *a, const char *name);
/* Does any arch have a syscall of this name? */
bool se_syscall_known(const char *name, enum se_syscall_source src);
/* The name of syscall `nr` on `a`, or NULL; `buf` may hold it. */
const char *se_syscall_name(const struct se_arch *a, uint32_t nr, char buf[64]);

/* Calls `fn` with the name of every syscall of every arch in the kernel's
 * tables (which hold every name libseccomp knows), for suggestions; names
 * shared by several arches come once per arch.  The strings are static. */
void se_syscall_each_name(void (*fn)(void *ctx, const char *name), void *ctx);

#endif
