/*
 * start_profile.h - the profile `seccomp-embed suggest --start` writes: deny
 * by default with EPERM (as Docker), the target's own arch only (a call
 * through another ABI, such as int $0x80 on x86_64, is denied), and the
 * syscalls every glibc or musl program needs whatever it does:
 *
 *   - from the moment the filter is installed in the program (the runtime,
 *     at start-up or when asked) to its end: exit and exit_group (threads
 *     and the process end), rt_sigreturn (a signal handler returns),
 *     restart_syscall (a call a stop interrupted resumes); and what the C
 *     library calls at moments one run may not reach: brk, mmap and munmap
 *     (malloc and free), futex (a contended lock) -- compile's lints ask
 *     for the same;
 *   - with `exec` also what the dynamic loader and libc's start-up call
 *     before main(), for a filter applied before execve (raw BPF given to
 *     bwrap): execve itself, mprotect, the opens, reads
 *     and stats of loading libraries, arch_prctl/set_tls, set_tid_address,
 *     set_robust_list, rseq, prlimit64, getrandom.  Measured with strace on
 *     glibc 2.36 (dynamic and static) and musl 1.2.3 programs.
 *
 * Names the arch does not have are left out, so the profile compiles with
 * no warning for that arch.
 */
#ifndef SE_START_PROFILE_H
#define SE_START_PROFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "arch.h"

void se_start_profile(FILE *f, const struct se_arch *arch, bool exec);

#endif
