/*
 * probes.c - let a client ask the daemon to step outside its profile, so a
 * test can watch the kernel refuse it while the daemon keeps serving.
 * Each probe returns 0 or the errno its syscall failed with.
 */
#define _POSIX_C_SOURCE 200809L
#include "probes.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int probe_open(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* Unsandboxed this would replace the daemon by the program: the client
 * would see the connection close instead of an answer. */
static int probe_exec(const char *path)
{
	char *const args[] = {(char *)path, NULL};
	execve(path, args, environ);
	return errno;
}

static int probe_socket(const char *unused)
{
	(void)unused;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int probe_fork(const char *unused)
{
	(void)unused;
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return 0;
}

struct probe {
	const char *word;
	int takes_path; /* "WORD <path>" rather than "WORD" alone */
	int (*run)(const char *path);
};

static const struct probe probes[] = {
	{"OPEN", 1, probe_open},
	{"EXEC", 1, probe_exec},
	{"SOCKET", 0, probe_socket},
	{"FORK", 0, probe_fork},
};

/* The probe `line` names and its path argument in *path, or NULL. */
static const struct probe *find_probe(const char *line, const char **path)
{
	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		size_t n = strlen(probes[i].word);
		if (strncmp(line, probes[i].word, n) != 0)
			continue;
		if (!probes[i].takes_path && line[n] == '\0')
			return *path = NULL, &probes[i];
		if (probes[i].takes_path && line[n] == ' ' && line[n + 1] != '\0')
			return *path = line + n + 1, &probes[i];
	}
	return NULL;
}

size_t probe_run(const char *line, char *reply, size_t cap)
{
	const char *path;
	const struct probe *p = find_probe(line, &path);
	if (!p)
		return 0;
	int err = p->run(path);
	int n = err ? snprintf(reply, cap, "ERR %s\n", strerror(err)) : snprintf(reply, cap, "OK\n");
	return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}
