/*
 * The clock runs in the child, from fork() returning there to the install
 * returning: fork, exit and scheduling cost the same whatever the filter,
 * and would bury the difference between the embedded install and the floor.
 * The result goes back through a pipe, one write, after the clock stops.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "child.h"

int64_t bench_now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int reap(pid_t pid, const char *name)
{
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return fprintf(stderr, "%s: waitpid: %s\n", program_invocation_short_name,
				       strerror(errno)), -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	fprintf(stderr, "%s: the %s child %s %d\n", program_invocation_short_name, name,
		WIFSIGNALED(status) ? "was killed by signal" : "exited with status",
		WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	return -1;
}

int bench_fork(const char *name, void (*body)(const void *arg, int fd), const void *arg,
	       void *out, size_t size)
{
	int fds[2];
	if (pipe(fds) != 0)
		return fprintf(stderr, "%s: pipe: %s\n", program_invocation_short_name,
			       strerror(errno)), -1;
	fflush(NULL); /* nothing buffered may be written twice */
	pid_t pid = fork();
	if (pid == 0) {
		body(arg, fds[1]);
		_exit(1); /* a body that returns sent nothing */
	}
	close(fds[1]);
	if (pid < 0) {
		fprintf(stderr, "%s: fork: %s\n", program_invocation_short_name, strerror(errno));
		close(fds[0]);
		return -1;
	}
	ssize_t got;
	while ((got = read(fds[0], out, size)) < 0 && errno == EINTR)
		;
	close(fds[0]);
	int rc = reap(pid, name);
	if (rc == 0 && got != (ssize_t)size)
		return fprintf(stderr, "%s: the %s child sent no result\n",
			       program_invocation_short_name, name), -1;
	return rc;
}

struct timed_install {
	int (*install)(const void *arg);
	const void *arg;
};

_Noreturn static void measure(const void *arg, int fd)
{
	const struct timed_install *t = arg;
	int64_t start = bench_now_ns();
	struct bench_sample s = {.e.rc = t->install(t->arg)};
	s.ns = bench_now_ns() - start;
	if (bench_seccomp_state(&s.e.after) != 0)
		s.e.after.mode = s.e.after.filters = -1;
	s.e.probe_errno = bench_probe_errno();
	_exit(write(fd, &s, sizeof s) == (ssize_t)sizeof s ? 0 : 1);
}

int bench_time_install(const char *name, int (*install)(const void *arg), const void *arg,
		       struct bench_sample *out)
{
	const struct timed_install t = {install, arg};
	return bench_fork(name, measure, &t, out, sizeof *out);
}

struct method_call {
	const struct bench_method *m;
	const char *profile;
};

static int install_method(const void *arg)
{
	const struct method_call *c = arg;
	return c->m->install(c->profile);
}

int bench_run_child(const struct bench_method *m, const char *profile, struct bench_sample *out)
{
	const struct method_call c = {m, profile};
	return bench_time_install(m->name, install_method, &c, out);
}
