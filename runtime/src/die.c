#include "die.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp_embed.h>
#include <stddef.h>

/* The stub: the syscall instruction, then back to it (the call never
 * returns: it traps with SIGSYS blocked). */
#if defined(__x86_64__)
__asm__(".text\n.globl se_die_insn\n.type se_die_insn,@function\n"
	"se_die_insn:\n\tsyscall\n\tjmp se_die_insn\n.size se_die_insn,.-se_die_insn\n");
#elif defined(__aarch64__)
__asm__(".text\n.globl se_die_insn\n.type se_die_insn,%function\n.balign 4\n"
	"se_die_insn:\n\tsvc #0\n\tb se_die_insn\n.size se_die_insn,.-se_die_insn\n");
#elif defined(__arm__)
__asm__(".text\n.arm\n.globl se_die_insn\n.type se_die_insn,%function\n.balign 4\n"
	"se_die_insn:\n\tsvc #0\n\tb se_die_insn\n.size se_die_insn,.-se_die_insn\n");
#elif defined(__riscv)
__asm__(".text\n.globl se_die_insn\n.type se_die_insn,@function\n.balign 4\n"
	"se_die_insn:\n\tecall\n\tj se_die_insn\n.size se_die_insn,.-se_die_insn\n");
#elif defined(__powerpc64__)
__asm__(".text\n.globl se_die_insn\n.type se_die_insn,@function\n.balign 4\n"
	"se_die_insn:\n\tsc\n\tb se_die_insn\n.size se_die_insn,.-se_die_insn\n");
#elif defined(__s390x__)
__asm__(".text\n.globl se_die_insn\n.type se_die_insn,@function\n.balign 4\n"
	"se_die_insn:\n\tsvc 0\n\tj se_die_insn\n.size se_die_insn,.-se_die_insn\n");
#else
#error "seccomp-embed: no death stub for this architecture"
#endif

static const struct sock_filter die_filter[] = SECCOMP_EMBED_DIE_FILTER_INSNS;

long se_die_filter_install(long (*load)(const void *prog, unsigned long kflags, unsigned flags),
			   unsigned long kflags, unsigned flags)
{
	static int installed;
	const struct sock_fprog prog = {sizeof die_filter / sizeof *die_filter,
					(struct sock_filter *)die_filter};
	if (installed)
		return 0;
	long rc = load(&prog, kflags, flags);
	if (rc == 0)
		installed = 1;
	return rc > 0 ? -EBUSY : rc;
}
