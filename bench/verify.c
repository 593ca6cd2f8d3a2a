/* See verify.h. */
#include <errno.h>
#include <fcntl.h>
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
	char text[8192];
	ssize_t len = 0, got;
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
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
