/*
 * One timed attach of a raw program (programs.h).  After the clock stops the
 * child writes its sample (one write), then waits in pause() for the parent,
 * which stops it, reads /proc/PID/status and kills it: whatever the filter
 * denies afterwards, the evidence comes from the kernel.  A child whose
 * filter kills it at pause() is read as the zombie it is (waitid WNOWAIT).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attach.h"
#include "child.h"
#include "programs.h"

#define REPORT_TIMEOUT_MS 10000

struct attach_sample {
	int rc; /* bench_attach's */
	int64_t ns;
};

int bench_program_read(const char *label, const char *file, struct bench_program *out)
{
	FILE *f = fopen(file, "rb");
	long size = -1;
	memset(out, 0, sizeof *out);
	snprintf(out->label, sizeof out->label, "%s", label);
	if (f && fseek(f, 0, SEEK_END) == 0)
		size = ftell(f);
	if (!f || size <= 0 || size % (long)sizeof(struct sock_filter) != 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || !(out->owned = malloc((size_t)size)) ||
	    fread(out->owned, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, file,
			!f ? strerror(errno) : "not a raw BPF program (a multiple of 8 bytes)");
		if (f)
			fclose(f);
		free(out->owned);
		out->owned = NULL;
		return -1;
	}
	fclose(f);
	out->insns = out->owned;
	out->len = (size_t)size / sizeof(struct sock_filter);
	return 0;
}

_Noreturn static void attach_child(const struct bench_program *p, int fd)
{
	int64_t start = bench_now_ns();
	struct attach_sample s = {.rc = bench_attach(p->insns, p->len)};
	s.ns = bench_now_ns() - start;
	if (write(fd, &s, sizeof s) != (ssize_t)sizeof s)
		_exit(1);
	for (;;)
		pause(); /* until the parent has looked; a denied pause() spins briefly */
}

/* The sample, within REPORT_TIMEOUT_MS (a filter that denies write never sends). */
static int receive(const char *label, int fd, struct attach_sample *s)
{
	struct pollfd pfd = {fd, POLLIN, 0};
	int ready;
	while ((ready = poll(&pfd, 1, REPORT_TIMEOUT_MS)) < 0 && errno == EINTR)
		;
	if (ready == 1 && read(fd, s, sizeof *s) == (ssize_t)sizeof *s)
		return 0;
	fprintf(stderr, "%s: %s: the child sent no result (does the filter deny write?)\n",
		program_invocation_short_name, label);
	return -1;
}

/* Stop the child (or find it dead), read its seccomp state, kill and reap it. */
static void inspect(pid_t pid, struct bench_seccomp_state *after)
{
	char path[64];
	siginfo_t info;
	int status, rc;
	kill(pid, SIGSTOP);
	while ((rc = waitid(P_PID, (id_t)pid, &info, WSTOPPED | WEXITED | WNOWAIT)) < 0 &&
	       errno == EINTR)
		;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (rc != 0 || bench_seccomp_state_of(path, after) != 0)
		after->mode = after->filters = -1;
	if (after->mode == 3) /* SECCOMP_MODE_DEAD: its filter killed it at pause(), so in force */
		after->mode = 2;
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

int bench_program_attach(const struct bench_program *p, const struct bench_seccomp_state *before,
			 int64_t *ns)
{
	int fds[2];
	struct attach_sample s;
	struct bench_evidence e = {0};
	if (pipe(fds) != 0)
		return fprintf(stderr, "%s: pipe: %s\n", program_invocation_short_name,
			       strerror(errno)), -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		attach_child(p, fds[1]);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return fprintf(stderr, "%s: fork: %s\n", program_invocation_short_name,
			       strerror(errno)), -1;
	}
	int got = receive(p->label, fds[0], &s);
	close(fds[0]);
	inspect(pid, &e.after);
	if (got != 0)
		return -1;
	e.rc = s.rc;
	*ns = s.ns;
	/* the probe is the Docker default's; here only the filter count speaks */
	e.probe_errno = 0;
	return bench_check_child(p->label, &e, 1, 0, before);
}
