/*
 * Live tests of seccomp_embed_install(): each case runs in a forked child
 * that installs a generated filter and makes real syscalls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <seccomp_embed.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern const struct seccomp_embed_filter no_chmod, deny_all, x32_less;

static int passed, failed;

/* Runs `body` in a child; returns its exit status, or 128+signal. */
static int in_child(int (*body)(void))
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(body());
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void expect(const char *name, int (*body)(void), int want)
{
	int got = in_child(body);
	if (got == want) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s: child ended with %d, expected %d\n", name, got, want);
}

/* Exit codes carry the errno a syscall got (0 if it succeeded). */
static int errno_of(long rc)
{
	return rc < 0 ? errno : 0;
}

static char path[64];

static int chmod_under_no_chmod(void)
{
	if (seccomp_embed_install(&no_chmod, 0))
		return 100;
	return errno_of(chmod(path, 0600));
}

static int fchmodat_under_no_chmod(void)
{
	if (seccomp_embed_install(&no_chmod, 0))
		return 100;
	return errno_of(fchmodat(AT_FDCWD, path, 0600, 0));
}

static int getpid_under_no_chmod(void)
{
	if (seccomp_embed_install(&no_chmod, 0))
		return 100;
	return syscall(SYS_getpid) == getpid() ? 0 : 1;
}

static int chmod_without_filter(void)
{
	return errno_of(chmod(path, 0600));
}

/* Under deny-all even exit_group fails, so the child reports by the way
 * it dies: SIGILL from __builtin_trap() (no syscall) means "EPERM seen". */
static int first_syscall_under_deny_all(void)
{
	if (seccomp_embed_install(&deny_all, 0))
		return 100;
	if (syscall(SYS_getppid) == -1 && errno == EPERM)
		__builtin_trap();
	return 1;
}

#ifdef __x86_64__
#define X32_BIT 0x40000000L
/* The x32 ABI's chmod is denied by the x32 rules of the amd64 filter... */
static int x32_chmod_under_no_chmod(void)
{
	if (seccomp_embed_install(&no_chmod, 0))
		return 100;
	return errno_of(syscall(X32_BIT | SYS_chmod, path, 0600));
}

/* ...while an allowed x32 call reaches a kernel without x32 support. */
static int x32_getpid_under_no_chmod(void)
{
	if (seccomp_embed_install(&no_chmod, 0))
		return 100;
	return errno_of(syscall(X32_BIT | SYS_getpid));
}

/* Without x32 in the arch set, an x32 number is a bad arch: KILL_THREAD. */
static int x32_call_without_x32_in_set(void)
{
	if (seccomp_embed_install(&x32_less, 0))
		return 100;
	syscall(X32_BIT | SYS_getpid);
	return 0;
}
#endif

int main(void)
{
	snprintf(path, sizeof path, "/tmp/seccomp-embed-live-%d", (int)getpid());
	int fd = open(path, O_CREAT | O_WRONLY, 0644);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	close(fd);
	expect("chmod works without a filter", chmod_without_filter, 0);
	expect("chmod under no-chmod: EPERM", chmod_under_no_chmod, EPERM);
	expect("fchmodat under no-chmod: EPERM", fchmodat_under_no_chmod, EPERM);
	expect("getpid under no-chmod works", getpid_under_no_chmod, 0);
	expect("deny-all: first syscall after install is denied", first_syscall_under_deny_all,
	       128 + SIGILL);
#ifdef __x86_64__
	expect("x32 chmod under amd64 no-chmod: EPERM", x32_chmod_under_no_chmod, EPERM);
	expect("x32 getpid allowed, kernel has no x32: ENOSYS", x32_getpid_under_no_chmod, ENOSYS);
	expect("x32 call, x32 not in the set: killed by SIGSYS", x32_call_without_x32_in_set,
	       128 + SIGSYS);
#endif
	unlink(path);
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
