/*
 * cache_check.h - which syscalls skip the filter altogether.
 *
 * Since Linux 5.11 the kernel, when a filter is attached, emulates it for
 * every syscall number of its native arch and of its compat arch, knowing
 * only nr and arch (kernel/seccomp.c, seccomp_cache_prepare_bitmap and
 * seccomp_is_const_allow).  The emulation follows the one path those two
 * values select and accepts only LD|W|ABS of nr or arch, JA, JEQ/JGE/JGT/
 * JSET with a constant, ALU AND with a constant and RET of a constant; a
 * path of those ending in exactly SECCOMP_RET_ALLOW puts the syscall in a
 * bitmap, and later calls of it run no filter instruction at all.
 *
 * Which arches the kernel caches (SECCOMP_ARCH_NATIVE / _COMPAT in
 * arch/<arch>/include/asm/seccomp.h, as of Linux 6.12):
 *   x86_64 (and an x32 program's kernel): x86_64, compat i386;
 *   aarch64: aarch64, compat arm;  ppc64: ppc64, compat ppc;
 *   ppc64le: ppc64le, compat ppcle (no libseccomp arch, so no filter has it);
 *   s390x: s390x, compat s390;  parisc64: parisc64, compat parisc;
 *   riscv64: riscv64 only;  32-bit i386, arm, ppc, s390, parisc: themselves;
 *   MIPS: none (no SECCOMP_ARCH_NATIVE), so nothing is cached there.
 * x32 numbers (bit 30) lie past the bitmap and are never cached.  The
 * bitmap's size is the arch's syscall table; here, one past the highest
 * number libseccomp knows (newer kernels have a few more, which a
 * deny-by-default filter denies anyway).  Not modelled, as they do not
 * depend on the program: the kernel's always-allowed uretprobe/uprobe, and
 * the intersection with filters attached earlier.
 */
#ifndef SE_CACHE_CHECK_H
#define SE_CACHE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "program.h"
#include "resolve.h"

#define SE_CACHE_MAX_ARCHES 2 /* native, compat */

struct se_cache_arch {
	const char *name;    /* "x86_64", "i386", "ppcle" */
	uint32_t audit_arch;
	uint32_t size;       /* numbers 0..size-1 are emulated */
	unsigned allowed;    /* M: constant-allow in the reference */
	unsigned kept;       /* N: of those, constant-allow in the candidate too */
	uint64_t emulated;   /* instructions the emulation runs over 0..size-1 (candidate's) */
};

struct se_cache_report {
	struct se_cache_arch arch[SE_CACHE_MAX_ARCHES]; /* native first */
	size_t n_arches; /* 0: the kernel keeps no cache for this target */
	unsigned allowed, kept; /* over the arches */
	uint64_t emulated;      /* over the arches: the attach-time work of the cache */
	uint64_t numbers;       /* numbers emulated, over the arches */
	/* the first constant-allow syscall the candidate does not keep */
	bool lost;
	size_t lost_index; /* into arch[] */
	uint32_t lost_nr;
	uint32_t lost_token; /* libseccomp token naming it; 0 for ppcle */
};

/* Does a kernel of 5.11 or later keep the cache for a filter built for
 * `target` (false for MIPS)? */
bool se_cache_kernel_caches(const struct se_arch *target);

/* The kernel's verdict for one (arch, nr): does this program allow it on
 * a path the emulator accepts?  *steps (if not NULL): the instructions the
 * emulation ran, the last included. */
bool se_cache_emulate(const struct sock_filter *prog, size_t len, uint32_t arch, uint32_t nr,
		      unsigned *steps);
/* se_cache_emulate without the count. */
bool se_cache_const_allow(const struct sock_filter *prog, size_t len, uint32_t arch, uint32_t nr);

/* Count, for a filter built for `target`, the syscalls `ref` lets skip the
 * filter (M) and how many of them `cand` still does (N), and the instructions
 * the emulation of `cand` runs; `cand` may be NULL to count `ref` alone
 * (N = M).  Returns 0 if N == M, 1 if not (the
 * first lost one in `out`), -1 on allocation failure. */
int se_cache_check(const struct se_program *ref, const struct se_program *cand,
		   const struct se_arch *target, struct se_cache_report *out);

/* "298 of 298 constant-allow syscalls skip the filter (x86_64 298 of 298,
 * i386 ... )", or "no syscall skips the filter: the kernel keeps no cache
 * for mips64". */
void se_cache_format(const struct se_cache_report *r, const struct se_arch *target, char *out,
		     size_t len);
/* "x86_64 nr 0 (read) is constant-allow in the reference but would run the
 * optimized filter: 297 of 298 constant-allow syscalls skip the filter" */
void se_cache_format_lost(const struct se_cache_report *r, char *out, size_t len);

#endif
