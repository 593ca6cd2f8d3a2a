/*
 * The filter bench's children.  Attach: the child times bench_attach() of
 * the program, as child.c times any install.  Calls: the child attaches the
 * program untimed, checks it is in force, then times `calls` keyctl probes
 * and `calls` personality queries in tight loops; the parent divides.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "attach.h"
#include "child.h"
#include "filters.h"

static int attach_filter(const void *arg)
{
	const struct bench_filter *f = arg;
	return bench_attach(f->insns, f->len);
}

int bench_filter_attach(const struct bench_filter *f, const struct bench_seccomp_state *before,
			int64_t *ns)
{
	struct bench_sample s;
	if (bench_time_install(f->label, attach_filter, f, &s) != 0 ||
	    bench_check_child(f->label, &s.e, 1, f->docker, before) != 0)
		return -1;
	*ns = s.ns;
	return 0;
}

struct call_job {
	const struct bench_filter *f;
	long calls;
};

struct call_sample {
	struct bench_evidence e;
	long persona;  /* what personality(0xffffffff) returned: the persona, or -1 */
	int64_t keyctl_ns, personality_ns; /* for `calls` calls each */
};

/* Nanoseconds for n calls of syscall nr with a first argument (the others 0). */
static int64_t time_calls(long nr, unsigned long arg0, long n)
{
	int64_t start = bench_now_ns();
	for (long i = 0; i < n; i++)
		syscall(nr, arg0, 0UL, 0UL);
	return bench_now_ns() - start;
}

_Noreturn static void call_child(const void *arg, int fd)
{
	const struct call_job *j = arg;
	struct call_sample s = {.e.rc = j->f->insns ? bench_attach(j->f->insns, j->f->len) : 0};
	if (bench_seccomp_state(&s.e.after) != 0)
		s.e.after.mode = s.e.after.filters = -1;
	s.e.probe_errno = bench_probe_errno();
	s.persona = syscall(SYS_personality, BENCH_PERSONALITY_QUERY);
	s.keyctl_ns = time_calls(SYS_keyctl, 0UL /* KEYCTL_GET_KEYRING_ID */, j->calls);
	s.personality_ns = time_calls(SYS_personality, BENCH_PERSONALITY_QUERY, j->calls);
	_exit(write(fd, &s, sizeof s) == (ssize_t)sizeof s ? 0 : 1);
}

int bench_filter_calls(const struct bench_filter *f, long calls,
		       const struct bench_seccomp_state *before, int64_t *keyctl_ns,
		       int64_t *personality_ns)
{
	const struct call_job j = {f, calls};
	struct call_sample s;
	if (bench_fork(f->label, call_child, &j, &s, sizeof s) != 0 ||
	    bench_check_child(f->label, &s.e, f->insns != NULL, f->docker, before) != 0)
		return -1;
	if (s.persona < 0)
		return fprintf(stderr, "%s: %s: personality(0xffffffff) failed; it must be allowed\n",
			       program_invocation_short_name, f->label), -1;
	*keyctl_ns = s.keyctl_ns;
	*personality_ns = s.personality_ns;
	return 0;
}
