/*
 * die.h - dying as a killing filter kills: by SIGSYS with its default
 * action, delivered by the kernel, from inside the SIGSYS handler and
 * without any syscall the filter may deny.
 *
 * se_die_filter_install() adds, once per process, a filter of four
 * instructions: SECCOMP_EMBED_DIE_NR -> TRAP, anything else -> ALLOW (it
 * allows nothing the program's filter denies: the kernel takes the
 * strictest answer of all layers).  To die, the handler blocks SIGSYS in
 * the frame it returns to and points it at se_die_insn, the bare syscall
 * instruction, with SECCOMP_EMBED_DIE_NR in the number register
 * (regs.h): the call traps with SIGSYS blocked, and the kernel kills the
 * process by SIGSYS.  Nothing depends on the trapped call, its number or
 * its arguments, which some frames do not hold intact (s390x).
 */
#ifndef SECCOMP_EMBED_DIE_H
#define SECCOMP_EMBED_DIE_H

/* Not a C function: the syscall instruction, then a jump back to it. */
extern const char se_die_insn[];

/* Installs the filter with `kflags` (TSYNC as the caller's) through
 * `load`, which sets no_new_privs as needed.  Returns 0 or a negative
 * errno. */
long se_die_filter_install(long (*load)(const void *prog, unsigned long kflags, unsigned flags),
			   unsigned long kflags, unsigned flags);

#endif
