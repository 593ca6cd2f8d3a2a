/*
 * regs.h - where a trapped syscall's arguments, PC and result live in the
 * signal context, per architecture.  The kernel restores the registers of
 * the syscall before raising SIGSYS, so the arguments are the ones the
 * program passed; the handler must store a result, or the syscall appears
 * to return its own number (x86) or first argument (elsewhere).
 *
 * se_regs_args() returns which arguments the frame really holds: on s390x
 * the kernel has already written -ENOSYS over argument 0 (gpr2) when the
 * signal frame is built, and the original (orig_gpr2) is not in it, so
 * argument 0 is unknown there.  On ppc64, `sc` may have negated an argument
 * 0 in [-4095, -1] (CR0.SO convention); orig_gpr3 holds the true value for
 * `sc` and `scv` alike.
 *
 * se_regs_die() makes returning from the handler execute our own syscall
 * instruction (se_die_insn, die.h) with SECCOMP_EMBED_DIE_NR: with SIGSYS
 * blocked, the filter's TRAP for that number makes the kernel kill the
 * process by SIGSYS, whatever the call was and whatever its arguments.
 *
 * On x86_64 a call through `int $0x80` traps with si_arch = AUDIT_ARCH_I386
 * and its arguments in the i386 registers, so everything is decoded by the
 * arch the kernel reports, not the one this file is compiled for.
 */
#ifndef SECCOMP_EMBED_REGS_H
#define SECCOMP_EMBED_REGS_H

#include <linux/audit.h>
#include <signal.h>
#include <stdint.h>
#include <ucontext.h>

#include "attribute.h"
#include "die.h"

#if defined(__x86_64__)
#define SE_GREG(uc, r) ((uc)->uc_mcontext.gregs[r])
static inline unsigned se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	static const int amd64[6] = {REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9};
	static const int i386[6] = {REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP};
	const int *r = arch == AUDIT_ARCH_I386 ? i386 : amd64;
	for (int i = 0; i < 6; i++) {
		a[i] = (uint64_t)SE_GREG(uc, r[i]);
		if (arch == AUDIT_ARCH_I386)
			a[i] &= 0xffffffffu;
	}
	return SE_ARGS_ALL;
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return (uint64_t)SE_GREG(uc, REG_RIP); }
static inline void se_regs_set_result(ucontext_t *uc, long v) { SE_GREG(uc, REG_RAX) = v; }
static inline void se_regs_die(ucontext_t *uc)
{
	SE_GREG(uc, REG_RAX) = SECCOMP_EMBED_DIE_NR;
	SE_GREG(uc, REG_RIP) = (greg_t)(uintptr_t)se_die_insn;
}

#elif defined(__aarch64__)
static inline unsigned se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	(void)arch;
	for (int i = 0; i < 6; i++)
		a[i] = uc->uc_mcontext.regs[i];
	return SE_ARGS_ALL;
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return uc->uc_mcontext.pc; }
static inline void se_regs_set_result(ucontext_t *uc, long v) { uc->uc_mcontext.regs[0] = (uint64_t)v; }
static inline void se_regs_die(ucontext_t *uc)
{
	uc->uc_mcontext.regs[8] = SECCOMP_EMBED_DIE_NR;
	uc->uc_mcontext.pc = (uint64_t)(uintptr_t)se_die_insn;
}

#elif defined(__arm__)
#define SE_ARM_CPSR_T 0x20u          /* Thumb state */
#define SE_ARM_CPSR_IT 0x0600fc00u   /* Thumb IT block state */
static inline unsigned se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	const mcontext_t *m = &uc->uc_mcontext;
	(void)arch;
	a[0] = m->arm_r0; a[1] = m->arm_r1; a[2] = m->arm_r2;
	a[3] = m->arm_r3; a[4] = m->arm_r4; a[5] = m->arm_r5;
	return SE_ARGS_ALL;
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return uc->uc_mcontext.arm_pc; }
static inline void se_regs_set_result(ucontext_t *uc, long v) { uc->uc_mcontext.arm_r0 = (unsigned long)v; }
/* se_die_insn is ARM code (die.c): leave Thumb state and any IT block */
static inline void se_regs_die(ucontext_t *uc)
{
	uc->uc_mcontext.arm_r7 = SECCOMP_EMBED_DIE_NR;
	uc->uc_mcontext.arm_pc = (unsigned long)(uintptr_t)se_die_insn;
	uc->uc_mcontext.arm_cpsr &= ~(unsigned long)(SE_ARM_CPSR_T | SE_ARM_CPSR_IT);
}

#elif defined(__riscv) && __riscv_xlen == 64
static inline unsigned se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	(void)arch;
	for (int i = 0; i < 6; i++)
		a[i] = uc->uc_mcontext.__gregs[10 + i];
	return SE_ARGS_ALL;
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return uc->uc_mcontext.__gregs[0]; }
static inline void se_regs_set_result(ucontext_t *uc, long v) { uc->uc_mcontext.__gregs[10] = (unsigned long)v; }
static inline void se_regs_die(ucontext_t *uc)
{
	uc->uc_mcontext.__gregs[17] = SECCOMP_EMBED_DIE_NR; /* a7 */
	uc->uc_mcontext.__gregs[0] = (unsigned long)(uintptr_t)se_die_insn;
}

#elif defined(__powerpc64__)
#define SE_PPC_NIP 32
#define SE_PPC_ORIG_GPR3 34
#define SE_PPC_CCR 38
#define SE_PPC_TRAP 40
#define SE_PPC_CR0_SO 0x10000000UL
#define SE_PPC_TRAP_SCV 0x3000
static inline unsigned se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	(void)arch;
	a[0] = uc->uc_mcontext.gp_regs[SE_PPC_ORIG_GPR3];
	for (int i = 1; i < 6; i++)
		a[i] = uc->uc_mcontext.gp_regs[3 + i];
	return SE_ARGS_ALL;
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return uc->uc_mcontext.gp_regs[SE_PPC_NIP]; }
/* `sc` reports failure as a positive errno with CR0.SO set; `scv` (entered
 * through trap vector 0x3000) uses the negative-errno convention. */
static inline void se_regs_set_result(ucontext_t *uc, long v)
{
	unsigned long *g = uc->uc_mcontext.gp_regs;
	if ((g[SE_PPC_TRAP] & ~0xfUL) == SE_PPC_TRAP_SCV || v >= 0) {
		g[3] = (unsigned long)v;
		if (v >= 0)
			g[SE_PPC_CCR] &= ~SE_PPC_CR0_SO;
		return;
	}
	g[3] = (unsigned long)-v;
	g[SE_PPC_CCR] |= SE_PPC_CR0_SO;
}
static inline void se_regs_die(ucontext_t *uc)
{
	uc->uc_mcontext.gp_regs[0] = SECCOMP_EMBED_DIE_NR;
	uc->uc_mcontext.gp_regs[SE_PPC_NIP] = (unsigned long)(uintptr_t)se_die_insn;
}

#elif defined(__s390x__)
/* gpr2 holds -ENOSYS by now, not argument 0 (see above) */
static inline unsigned se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	(void)arch;
	a[0] = 0;
	for (int i = 1; i < 6; i++)
		a[i] = uc->uc_mcontext.gregs[2 + i];
	return SE_ARGS_ALL & ~1u;
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return uc->uc_mcontext.psw.addr; }
static inline void se_regs_set_result(ucontext_t *uc, long v) { uc->uc_mcontext.gregs[2] = (unsigned long)v; }
/* se_die_insn is `svc 0`: the number is taken from gpr1 */
static inline void se_regs_die(ucontext_t *uc)
{
	uc->uc_mcontext.gregs[1] = SECCOMP_EMBED_DIE_NR;
	uc->uc_mcontext.psw.addr = (unsigned long)(uintptr_t)se_die_insn;
}

#else
#error "seccomp-embed: no SIGSYS register map for this architecture"
#endif

#endif
