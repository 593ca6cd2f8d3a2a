/*
 * options.c - parses `echo-daemon [--port N] [--max-clients N] [--help]`.
 * Both `--port N` and `--port=N` are accepted; every mistake is one line on
 * stderr and ECHO_USAGE_ERROR, so the program can exit 2.
 */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"usage: echo-daemon [--port N] [--max-clients N]\n"
	"\n"
	"A TCP echo server on 127.0.0.1 that sandboxes itself with a seccomp filter\n"
	"compiled at build time from profiles/echo-daemon.json, right after listen().\n"
	"Each line a client sends is echoed back, except these, which try a syscall\n"
	"the profile forbids and answer \"OK ...\" or \"ERR <reason>\":\n"
	"  OPEN <path>   open(2) the file for reading\n"
	"  EXEC <path>   execve(2) the program\n"
	"  SOCKET        socket(2) a TCP socket\n"
	"  FORK          fork(2)\n"
	"\n"
	"  --port N         port to listen on (default 7007); 0 picks a free port\n"
	"  --max-clients N  exit (status 0) once N clients have come and gone\n"
	"  --help           this text\n"
	"\n"
	"The first line on stdout is \"echo-daemon: listening on 127.0.0.1:PORT\".\n"
	"SIGTERM or SIGINT stops it cleanly (status 0).\n";

/* A whole decimal number in [min, max], or -1 with a message. */
static int parse_number(const char *option, const char *text, unsigned long min,
			unsigned long max, unsigned long *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(text, &end, 10);
	if (text[0] < '0' || text[0] > '9' || *end != '\0' || errno == ERANGE || v < min ||
	    v > max) {
		fprintf(stderr, "echo-daemon: %s needs a number from %lu to %lu, not '%s'\n", option,
			min, max, text);
		return -1;
	}
	*out = v;
	return 0;
}

/* The value of `name` at argv[*i] ("--name=V" or "--name V"), NULL if
 * argv[*i] is another option; *missing is set when the value is absent. */
static const char *option_value(char **argv, int argc, int *i, const char *name, int *missing)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

enum echo_parse_result echo_options_parse(int argc, char **argv, struct echo_options *out)
{
	unsigned long v;
	out->port = ECHO_DEFAULT_PORT;
	out->max_clients = 0;
	for (int i = 1; i < argc; i++) {
		int missing = 0;
		const char *value;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return ECHO_HELP;
		} else if ((value = option_value(argv, argc, &i, "--port", &missing))) {
			if (parse_number("--port", value, 0, 65535, &v) != 0)
				return ECHO_USAGE_ERROR;
			out->port = (unsigned short)v;
		} else if ((value = option_value(argv, argc, &i, "--max-clients", &missing))) {
			if (parse_number("--max-clients", value, 1, 1000000, &v) != 0)
				return ECHO_USAGE_ERROR;
			out->max_clients = v;
		} else {
			if (missing)
				fprintf(stderr, "echo-daemon: %s needs a value (try --help)\n", argv[i]);
			else
				fprintf(stderr, "echo-daemon: unknown argument '%s' (try --help)\n",
					argv[i]);
			return ECHO_USAGE_ERROR;
		}
	}
	return ECHO_RUN;
}
