/*
 * enosys_stub.h - runc's ENOSYS stub.
 *
 * A deny-by-default profile answers EPERM for syscalls newer than itself,
 * and the C library only falls back to an older syscall on ENOSYS.  runc
 * therefore runs a stub before the filter: on each arch, a syscall number
 * above the highest one the profile names gets ERRNO(ENOSYS).
 */
#ifndef SE_ENOSYS_STUB_H
#define SE_ENOSYS_STUB_H

#include "program.h"
#include "resolve.h"
#include "syscall_table.h"

/* Highest syscall number any rule of `p` (that applies) names, per arch of
 * the filter; -1 where none resolves.  `applies[i]` says whether rule i is
 * in effect.  Every arch of the filter counts, the target too even when the
 * profile does not list it: current runc adds the native arch to the
 * profile's list, because Docker's archMap has no entry for some arches. */
void se_stub_last_syscalls(const struct se_profile *p, const bool *applies,
			   const struct se_arch_set *arches, enum se_syscall_source src,
			   long last[SE_MAX_ARCHES]);

/* Prepend the stub to `filter`.  Returns 0, or -1 on allocation failure. */
int se_stub_prepend(const struct se_arch_set *arches, const long last[SE_MAX_ARCHES],
		    uint32_t enosys_ret, struct se_program *filter);

#endif
