/*
 * call_list - makes the syscalls named on its command line, in order, and
 * prints what each returned: the subject of tests/bats/suggest*.bats.
 * Built with a filter installed at start-up (seccomp-embed compile
 * --install startup) it is a program under that filter; built alone, it
 * runs unconfined (for strace).
 *
 *   call_list [--stop-on-error] CALL...
 *   CALL: NAME or NAME:ARG,ARG,...  (NAME from the table below)
 *         int80:NR,ARG,...           (x86_64: the i386 syscall NR by int $0x80)
 *   ARG:  a number (strtoll, base 0); @TEXT (a pointer to TEXT); & (a
 *         pointer to a zeroed 4 KiB buffer)
 *
 * Prints "NAME = RC" or "NAME = -1 ERRNO" per call; --stop-on-error stops
 * after the first call that fails (as most code does).  Exit 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const struct {
	const char *name;
	long nr;
} calls[] = {
	{"getppid", SYS_getppid}, {"getuid", SYS_getuid},     {"getgid", SYS_getgid},
	{"umask", SYS_umask},     {"socket", SYS_socket},     {"ioctl", SYS_ioctl},
	{"fcntl", SYS_fcntl},     {"prctl", SYS_prctl},       {"personality", SYS_personality},
	{"uname", SYS_uname},     {"getcwd", SYS_getcwd},     {"syslog", SYS_syslog},
	{"mkdirat", SYS_mkdirat}, {"fchmodat", SYS_fchmodat}, {"sched_yield", SYS_sched_yield},
};

static char buffer[4096];

static long arg_value(const char *s)
{
	if (s[0] == '@')
		return (long)(s + 1);
	if (strcmp(s, "&") == 0)
		return (long)buffer;
	return strtoll(s, NULL, 0);
}

static long int80(long nr, const long *a)
{
#if defined(__x86_64__)
	long ret;
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a[0]), "c"(a[1]), "d"(a[2]), "S"(a[3]), "D"(a[4])
			 : "memory");
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
#else
	(void)nr;
	(void)a;
	errno = ENOSYS;
	return -1;
#endif
}

/* One CALL; prints its result and returns it (-1 when it failed). */
static long make_call(char *spec)
{
	long a[6] = {0}, nr = -1;
	char *name = strtok(spec, ":"), *rest = strtok(NULL, ""), *tok;
	int n = 0, by_int80 = strcmp(name, "int80") == 0;
	for (tok = rest ? strtok(rest, ",") : NULL; tok && n < 7; tok = strtok(NULL, ","))
		if (by_int80 && nr < 0)
			nr = strtol(tok, NULL, 0);
		else
			a[n++] = arg_value(tok);
	for (size_t i = 0; !by_int80 && i < sizeof calls / sizeof *calls; i++)
		if (strcmp(calls[i].name, name) == 0)
			nr = calls[i].nr;
	if (nr < 0) {
		fprintf(stderr, "call_list: unknown call %s\n", name);
		exit(2);
	}
	errno = 0;
	long rc = by_int80 ? int80(nr, a) : syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (rc < 0)
		printf("%s = -1 %s\n", name, strerrorname_np(errno));
	else
		printf("%s = %ld\n", name, rc);
	fflush(stdout);
	return rc;
}

int main(int argc, char **argv)
{
	int stop = argc > 1 && strcmp(argv[1], "--stop-on-error") == 0;
	for (int i = 1 + stop; i < argc; i++)
		if (make_call(argv[i]) < 0 && stop)
			break;
	return 0;
}
