/*
 * raw_syscall.h - one syscall made by our own instruction, not libc's, so
 * that a test knows exactly where it is: guest_raw6_after is the address of
 * the instruction after it (what a SIGSYS report's pc must say, and where
 * the program must resume).  Returns the kernel's answer as -errno on
 * every arch (ppc64's `sc` convention, CR0.SO and a positive errno, is
 * undone here).
 */
#ifndef GUEST_RAW_SYSCALL_H
#define GUEST_RAW_SYSCALL_H

long guest_raw6(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
extern const char guest_raw6_after[];

#endif
