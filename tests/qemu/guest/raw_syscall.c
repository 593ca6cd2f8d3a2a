#include "raw_syscall.h"

#if defined(__x86_64__)
__asm__(".text\n.globl guest_raw6\n.type guest_raw6,@function\n.globl guest_raw6_after\n"
	"guest_raw6:\n"
	"\tmov %rdi, %rax\n\tmov %rsi, %rdi\n\tmov %rdx, %rsi\n\tmov %rcx, %rdx\n"
	"\tmov %r8, %r10\n\tmov %r9, %r8\n\tmov 8(%rsp), %r9\n"
	"\tsyscall\nguest_raw6_after:\n\tret\n.size guest_raw6,.-guest_raw6\n");
#elif defined(__aarch64__)
__asm__(".text\n.globl guest_raw6\n.type guest_raw6,%function\n.globl guest_raw6_after\n"
	".balign 4\nguest_raw6:\n"
	"\tmov x8, x0\n\tmov x0, x1\n\tmov x1, x2\n\tmov x2, x3\n\tmov x3, x4\n"
	"\tmov x4, x5\n\tmov x5, x6\n"
	"\tsvc #0\nguest_raw6_after:\n\tret\n.size guest_raw6,.-guest_raw6\n");
#elif defined(__arm__)
/* ARM state; a0-a2 in r1-r3, a3-a5 on the stack (above the 4 saved words) */
__asm__(".text\n.arm\n.globl guest_raw6\n.type guest_raw6,%function\n.globl guest_raw6_after\n"
	".balign 4\nguest_raw6:\n"
	"\tpush {r4, r5, r7, lr}\n\tmov r7, r0\n\tmov r0, r1\n\tmov r1, r2\n\tmov r2, r3\n"
	"\tldr r3, [sp, #16]\n\tldr r4, [sp, #20]\n\tldr r5, [sp, #24]\n"
	"\tsvc #0\nguest_raw6_after:\n\tpop {r4, r5, r7, pc}\n.size guest_raw6,.-guest_raw6\n");
#elif defined(__riscv)
__asm__(".text\n.globl guest_raw6\n.type guest_raw6,@function\n.globl guest_raw6_after\n"
	".balign 4\nguest_raw6:\n"
	"\tmv a7, a0\n\tmv a0, a1\n\tmv a1, a2\n\tmv a2, a3\n\tmv a3, a4\n\tmv a4, a5\n\tmv a5, a6\n"
	"\tecall\nguest_raw6_after:\n\tret\n.size guest_raw6,.-guest_raw6\n");
#elif defined(__powerpc64__)
/* `sc`, not `scv`: the convention whose first argument the kernel may
 * negate; failure is CR0.SO with a positive errno */
__asm__(".text\n.globl guest_raw6\n.type guest_raw6,@function\n.globl guest_raw6_after\n"
	".balign 4\nguest_raw6:\n"
	"\tmr 0, 3\n\tmr 3, 4\n\tmr 4, 5\n\tmr 5, 6\n\tmr 6, 7\n\tmr 7, 8\n\tmr 8, 9\n"
	"\tsc\nguest_raw6_after:\n\tbnslr\n\tneg 3, 3\n\tblr\n.size guest_raw6,.-guest_raw6\n");
#elif defined(__s390x__)
/* nr, a0-a3 in r2-r6, a4 and a5 on the stack; r6 and r7 are callee-saved */
__asm__(".text\n.globl guest_raw6\n.type guest_raw6,@function\n.globl guest_raw6_after\n"
	".balign 4\nguest_raw6:\n"
	"\tstmg %r6, %r7, 48(%r15)\n\tlgr %r1, %r2\n\tlgr %r2, %r3\n\tlgr %r3, %r4\n"
	"\tlgr %r4, %r5\n\tlgr %r5, %r6\n\tlg %r6, 160(%r15)\n\tlg %r7, 168(%r15)\n"
	"\tsvc 0\nguest_raw6_after:\n\tlmg %r6, %r7, 48(%r15)\n\tbr %r14\n"
	".size guest_raw6,.-guest_raw6\n");
#else
#error "no raw syscall for this architecture"
#endif
