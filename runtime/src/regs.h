/*
 * regs.h - where a trapped syscall's arguments, PC and result live in the
 * signal context, per architecture.  The kernel restores the registers of
 * the syscall before raising SIGSYS, so the arguments are the ones the
 * program passed; the handler must store a result, or the syscall appears
 * to return its own number (x86) or first argument (elsewhere).
 *
 * se_regs_restart() moves the PC back onto the syscall instruction, so that
 * returning from the handler makes the same call again: the kernel has put
 * back the registers the call was made with.
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

#if defined(__x86_64__)
#define SE_GREG(uc, r) ((uc)->uc_mcontext.gregs[r])
static inline void se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	static const int amd64[6] = {REG_RDI, REG_RSI, REG_RDX, REG_R10, REG_R8, REG_R9};
	static const int i386[6] = {REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP};
	const int *r = arch == AUDIT_ARCH_I386 ? i386 : amd64;
	for (int i = 0; i < 6; i++) {
		a[i] = (uint64_t)SE_GREG(uc, r[i]);
		if (arch == AUDIT_ARCH_I386)
			a[i] &= 0xffffffffu;
	}
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return (uint64_t)SE_GREG(uc, REG_RIP); }
static inline void se_regs_set_result(ucontext_t *uc, long v) { SE_GREG(uc, REG_RAX) = v; }
/* `syscall` and `int $0x80` are both 2 bytes; the kernel restored RAX. */
static inline void se_regs_restart(ucontext_t *uc) { SE_GREG(uc, REG_RIP) -= 2; }

#elif defined(__aarch64__)
static inline void se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	(void)arch;
	for (int i = 0; i < 6; i++)
		a[i] = uc->uc_mcontext.regs[i];
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return uc->uc_mcontext.pc; }
static inline void se_regs_set_result(ucontext_t *uc, long v) { uc->uc_mcontext.regs[0] = (uint64_t)v; }
static inline void se_regs_restart(ucontext_t *uc) { uc->uc_mcontext.pc -= 4; /* svc */ }

#elif defined(__arm__)
static inline void se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	const mcontext_t *m = &uc->uc_mcontext;
	(void)arch;
	a[0] = m->arm_r0; a[1] = m->arm_r1; a[2] = m->arm_r2;
	a[3] = m->arm_r3; a[4] = m->arm_r4; a[5] = m->arm_r5;
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return uc->uc_mcontext.arm_pc; }
static inline void se_regs_set_result(ucontext_t *uc, long v) { uc->uc_mcontext.arm_r0 = (unsigned long)v; }
/* svc is 2 bytes in Thumb state (CPSR.T), 4 in ARM state */
static inline void se_regs_restart(ucontext_t *uc)
{
	uc->uc_mcontext.arm_pc -= (uc->uc_mcontext.arm_cpsr & 0x20) ? 2 : 4;
}

#elif defined(__riscv) && __riscv_xlen == 64
static inline void se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	(void)arch;
	for (int i = 0; i < 6; i++)
		a[i] = uc->uc_mcontext.__gregs[10 + i];
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return uc->uc_mcontext.__gregs[0]; }
static inline void se_regs_set_result(ucontext_t *uc, long v) { uc->uc_mcontext.__gregs[10] = (unsigned long)v; }
static inline void se_regs_restart(ucontext_t *uc) { uc->uc_mcontext.__gregs[0] -= 4; /* ecall */ }

#elif defined(__powerpc64__)
#define SE_PPC_NIP 32
#define SE_PPC_CCR 38
#define SE_PPC_TRAP 40
#define SE_PPC_CR0_SO 0x10000000UL
#define SE_PPC_TRAP_SCV 0x3000
static inline void se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	(void)arch;
	for (int i = 0; i < 6; i++)
		a[i] = uc->uc_mcontext.gp_regs[3 + i];
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
static inline void se_regs_restart(ucontext_t *uc) { uc->uc_mcontext.gp_regs[SE_PPC_NIP] -= 4; /* sc, scv */ }

#elif defined(__s390x__)
static inline void se_regs_args(const ucontext_t *uc, uint32_t arch, uint64_t a[6])
{
	(void)arch;
	for (int i = 0; i < 6; i++)
		a[i] = uc->uc_mcontext.gregs[2 + i];
}
static inline uint64_t se_regs_pc(const ucontext_t *uc) { return uc->uc_mcontext.psw.addr; }
static inline void se_regs_set_result(ucontext_t *uc, long v) { uc->uc_mcontext.gregs[2] = (unsigned long)v; }
static inline void se_regs_restart(ucontext_t *uc) { uc->uc_mcontext.psw.addr -= 2; /* svc */ }

#else
#error "seccomp-embed: no SIGSYS register map for this architecture"
#endif

#endif
