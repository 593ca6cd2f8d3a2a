/*
 * Evidence that a child really is sandboxed, so the bench cannot time a
 * no-op: the kernel's own count of filters, and a syscall the Docker
 * default profile denies.
 */
#ifndef BENCH_VERIFY_H
#define BENCH_VERIFY_H

/* The Seccomp lines of /proc/self/status. */
struct bench_seccomp_state {
	int mode;    /* 0 none, 1 strict, 2 filter; -1 unknown */
	int filters; /* Seccomp_filters (Linux >= 5.9); -1 unknown */
};

/* 0, or -1 if /proc/self/status cannot be read. */
int bench_seccomp_state(struct bench_seccomp_state *s);

/* keyctl(KEYCTL_GET_KEYRING_ID, 0, 0): never allowed by the Docker default
 * profile (EPERM), and EINVAL (or ENOSYS) without a filter.  Returns the
 * errno it failed with, 0 if it succeeded. */
int bench_probe_errno(void);

#endif
