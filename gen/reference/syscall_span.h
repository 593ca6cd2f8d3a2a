/*
 * syscall_span.h - where an arch's syscall numbers lie, for sweeps that
 * must reach every syscall the arch has (validate.h, cache_check.h).
 */
#ifndef SE_SYSCALL_SPAN_H
#define SE_SYSCALL_SPAN_H

#include <stddef.h>
#include <stdint.h>

#include "arch.h"

#define SE_X32_BASE 0x40000000u     /* x32 numbers carry bit 30 */
#define SE_ARM_PRIVATE_BASE 0x0f0000u /* ARM's breakpoint, cacheflush, set_tls... */

/* Numbers first..end-1; end is one past the highest libseccomp knows. */
struct se_syscall_span {
	uint32_t first, end;
};

/* The main table from 0 (MIPS's 4000/5000/6000 bases included), then ARM's
 * private calls and x32's numbers where the arch has them. */
struct se_syscall_spans {
	struct se_syscall_span span[3];
	size_t n;
};

/* Returns 0, or -1 on allocation failure. */
int se_syscall_spans(const struct se_arch *a, struct se_syscall_spans *out);

/* One past the last number of the arch's main table (0 if it has none):
 * where the kernel's cache bitmap and a sweep of "every number" end, ARM's
 * private calls and x32's numbers being spans of their own.  Returns 0, or
 * -1 on allocation failure. */
int se_syscall_main_end(const struct se_arch *a, uint32_t *end);

#endif
