#define _GNU_SOURCE /* strerrorname_np */
#include "command.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

/* SAVE: the one feature that needs a syscall the sandbox refuses. */
static int save(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return errno;
	dprintf(fd, "%zu keys\n", kv_count());
	close(fd);
	return 0;
}

static void saved(int err, char *reply, size_t len)
{
	if (err)
		snprintf(reply, len, "ERR %s\n", strerrorname_np(err));
	else
		snprintf(reply, len, "OK\n");
}

void kv_command(char *line, char *reply, size_t len)
{
	char *save_ptr, value[KV_MAX_VALUE];
	const char *verb = strtok_r(line, " ", &save_ptr);
	const char *key = strtok_r(NULL, " ", &save_ptr);
	const char *rest = strtok_r(NULL, "", &save_ptr);
	if (!verb)
		snprintf(reply, len, "ERR empty line\n");
	else if (strcmp(verb, "SET") == 0 && key && rest)
		snprintf(reply, len, kv_set(key, rest) ? "OK\n" : "ERR full\n");
	else if (strcmp(verb, "GET") == 0 && key)
		snprintf(reply, len, kv_get(key, value) ? "VALUE %s\n" : "NOTFOUND\n", value);
	else if (strcmp(verb, "DEL") == 0 && key)
		snprintf(reply, len, kv_del(key) ? "OK\n" : "NOTFOUND\n");
	else if (strcmp(verb, "COUNT") == 0)
		snprintf(reply, len, "COUNT %zu\n", kv_count());
	else if (strcmp(verb, "SAVE") == 0 && key)
		saved(save(key), reply, len);
	else
		snprintf(reply, len, "ERR unknown command\n");
}
