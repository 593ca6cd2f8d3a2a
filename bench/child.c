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

static int64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

_Noreturn static void measure(const struct bench_method *m, const char *profile, int fd)
{
	int64_t start = now_ns();
	struct bench_sample s = {.rc = m->install(profile)};
	s.ns = now_ns() - start;
	if (bench_seccomp_state(&s.after) != 0)
		s.after.mode = s.after.filters = -1;
	s.probe_errno = bench_probe_errno();
	_exit(write(fd, &s, sizeof s) == (ssize_t)sizeof s ? 0 : 1);
}

static int reap(pid_t pid, const char *method)
{
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return fprintf(stderr, "seccomp_embed_bench: waitpid: %s\n", strerror(errno)), -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	fprintf(stderr, "seccomp_embed_bench: the %s child %s %d\n", method,
		WIFSIGNALED(status) ? "was killed by signal" : "exited with status",
		WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	return -1;
}

int bench_run_child(const struct bench_method *m, const char *profile, struct bench_sample *out)
{
	int fds[2];
	if (pipe(fds) != 0)
		return fprintf(stderr, "seccomp_embed_bench: pipe: %s\n", strerror(errno)), -1;
	fflush(NULL); /* nothing buffered may be written twice */
	pid_t pid = fork();
	if (pid == 0)
		measure(m, profile, fds[1]);
	close(fds[1]);
	if (pid < 0) {
		fprintf(stderr, "seccomp_embed_bench: fork: %s\n", strerror(errno));
		close(fds[0]);
		return -1;
	}
	ssize_t got;
	while ((got = read(fds[0], out, sizeof *out)) < 0 && errno == EINTR)
		;
	close(fds[0]);
	int rc = reap(pid, m->name);
	if (rc == 0 && got != (ssize_t)sizeof *out)
		return fprintf(stderr, "seccomp_embed_bench: the %s child sent no result\n", m->name), -1;
	return rc;
}
