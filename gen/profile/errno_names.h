/*
 * errno_names.h - errno names for podman's `errno`/`defaultErrno` strings and
 * for readable output.  Numbers are the Linux generic ABI (x86, arm, riscv,
 * s390, powerpc); MIPS and PA-RISC renumber many of them.
 */
#ifndef SE_ERRNO_NAMES_H
#define SE_ERRNO_NAMES_H

#include <stdbool.h>

/* The number for NAME on the given family ("generic", "mips", "parisc"), or
 * -1 if unknown, or -2 if known but numbered differently on that family and
 * not in this table. */
int se_errno_from_name(const char *name, const char *family);
/* The generic-ABI name of an errno value, or NULL. */
const char *se_errno_name(unsigned value, const char *family);
/* ENOSYS on that family: the ENOSYS stub's return value. */
unsigned se_enosys(const char *family);

#endif
