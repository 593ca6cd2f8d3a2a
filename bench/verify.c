/* See verify.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "verify.h"

/* The number after `key` at the start of a line of `text`, or -1. */
static int field(const char *text, const char *key)
{
	size_t n = strlen(key);
	for (const char *line = text; line; line = strchr(line, '\n')) {
		line += *line == '\n';
		if (strncmp(line, key, n) == 0)
			return atoi(line + n);
	}
	return -1;
}

int bench_seccomp_state(struct bench_seccomp_state *s)
{
	return bench_seccomp_state_of("/proc/self/status", s);
}

int bench_seccomp_state_of(const char *status_path, struct bench_seccomp_state *s)
{
	char text[8192];
	ssize_t len = 0, got;
	int fd = open(status_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (len < (ssize_t)sizeof text - 1 &&
	       (got = read(fd, text + len, sizeof text - 1 - (size_t)len)) > 0)
		len += got;
	close(fd);
	text[len] = '\0';
	s->mode = field(text, "Seccomp:");
	s->filters = field(text, "Seccomp_filters:");
	return 0;
}

int bench_probe_errno(void)
{
	long rc = syscall(SYS_keyctl, 0L /* KEYCTL_GET_KEYRING_ID */, 0L /* no such key */, 0L);
	return rc < 0 ? errno : 0;
}

/* Why the evidence proves nothing, or NULL. */
static const char *unsound(const struct bench_evidence *e, int adds_filter, int denies_probe,
			   const struct bench_seccomp_state *before)
{
	if (e->rc != 0)
		return strerror(-e->rc);
	if (adds_filter && e->after.mode != 2)
		return "no seccomp filter in force afterwards (/proc/self/status Seccomp)";
	if (before->filters >= 0 && e->after.filters != before->filters + (adds_filter != 0))
		return adds_filter ? "the kernel does not count one more filter (Seccomp_filters)"
				   : "the kernel counts a filter that was not installed";
	if (denies_probe && e->probe_errno != EPERM)
		return "keyctl was not denied with EPERM: not the Docker default's filter";
	if (!denies_probe && e->probe_errno == EPERM)
		return "keyctl was denied where nothing should deny it";
	return NULL;
}

int bench_check_child(const char *name, const struct bench_evidence *e, int adds_filter,
		      int denies_probe, const struct bench_seccomp_state *before)
{
	const char *why = unsound(e, adds_filter, denies_probe, before);
	if (why)
		fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, name, why);
	return why ? -1 : 0;
}

int bench_check_parent(struct bench_seccomp_state *before)
{
	if (bench_seccomp_state(before) != 0)
		return fprintf(stderr, "%s: cannot read /proc/self/status\n",
			       program_invocation_short_name), -1;
	if (bench_probe_errno() == EPERM)
		return fprintf(stderr, "%s: keyctl is already denied here (an outer seccomp "
			       "filter?); the bench could not tell its filters work\n",
			       program_invocation_short_name), -1;
	return 0;
}
