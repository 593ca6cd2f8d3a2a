/*
 * fuzz_names.h - the syscalls libseccomp knows on each arch, as (number,
 * name) pairs: where the fuzz tests pick random names from (x32 and the
 * compat arches included) and how they find every number a name has, so
 * that its argument conditions are probed wherever the filter tests them.
 */
#ifndef FUZZ_NAMES_H
#define FUZZ_NAMES_H

#include <stddef.h>
#include <stdint.h>

struct fuzz_syscall {
	uint32_t nr; /* as seccomp_data.nr holds it: x32's with bit 30 */
	char *name;
};

/* The table of a libseccomp arch token, built on first use (exits on
 * allocation failure: tests only). */
const struct fuzz_syscall *fuzz_syscalls(uint32_t token, size_t *n);

/* Every number `name` has on `token`: libseccomp's own, its multiplexer's
 * (x86 socketcall, ipc) and direct ones only the table shows (x86's socket
 * is 359 as well as socketcall).  Returns how many were written. */
size_t fuzz_numbers_of(uint32_t token, const char *name, uint32_t *out, size_t cap);

void fuzz_names_free(void);

#endif
