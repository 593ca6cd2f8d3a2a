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
/* The same from another process's status file (/proc/PID/status), for a
 * child whose filter may deny it the open and read. */
int bench_seccomp_state_of(const char *status_path, struct bench_seccomp_state *s);

/* keyctl(KEYCTL_GET_KEYRING_ID, 0, 0): never allowed by the Docker default
 * profile (EPERM), and EINVAL (or ENOSYS) without a filter.  Returns the
 * errno it failed with, 0 if it succeeded. */
int bench_probe_errno(void);

/* What a child reports after installing (or not) a filter. */
struct bench_evidence {
	int rc;                          /* the install's: 0 or a negative errno */
	struct bench_seccomp_state after;
	int probe_errno;                 /* bench_probe_errno() afterwards */
};

/* 0 if the evidence shows what `name` should have done: with `adds_filter`,
 * filter mode and one more filter than `before`, otherwise no change; the
 * probe denied with EPERM exactly when `denies_probe`.  Otherwise one line
 * on stderr saying why the sample proves nothing, and -1. */
int bench_check_child(const char *name, const struct bench_evidence *e, int adds_filter,
		      int denies_probe, const struct bench_seccomp_state *before);

/* The parent's state, read once; -1 (said on stderr) if it cannot be read
 * or the probe is denied already, so that no child could prove anything. */
int bench_check_parent(struct bench_seccomp_state *before);

#endif
