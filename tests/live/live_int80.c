/*
 * `int $0x80` from a 64-bit program enters the kernel as i386 (si_arch
 * AUDIT_ARCH_I386, i386 numbers).  The amd64 no-chmod filter also carries
 * i386 rules, so i386 chmod (15) must get EPERM.  Many kernels have no IA-32
 * emulation (`int $0x80` then faults with SIGSEGV): the case is skipped,
 * not passed, there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp_embed.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "live_common.h"

#ifndef __x86_64__
int main(void)
{
	live_skip("live_int80", "int $0x80 exists only on x86_64");
	return live_finish();
}
#else

extern const struct seccomp_embed_filter live_no_chmod;

#define I386_GETPID 20
#define I386_CHMOD 15
#define NO_EMULATION 77

/* In 64-bit mode int $0x80 takes i386 numbers and arguments in ebx, ecx...
 * and clobbers r8-r11. */
static long int80(long nr, long a0, long a1)
{
	long ret;
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a0), "c"(a1)
			 : "r8", "r9", "r10", "r11", "memory");
	return ret;
}

static void on_segv(int sig)
{
	(void)sig;
	_exit(NO_EMULATION);
}

static int probe_body(void *arg)
{
	(void)arg;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_segv;
	sigaction(SIGSEGV, &sa, NULL);
	long rc = int80(I386_GETPID, 0, 0);
	return rc == getpid() ? 0 : 1;
}

/* The path must be addressable in 32 bits. */
static int chmod_body(void *arg)
{
	const char *path = arg;
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
			 -1, 0);
	if (low == MAP_FAILED)
		return 101;
	snprintf(low, 4096, "%s", path);
	if (seccomp_embed_install(&live_no_chmod, 0))
		return 100;
	long rc = int80(I386_CHMOD, (long)(unsigned long)low, 0600);
	live_result(rc < 0 ? -1 : rc, rc < 0 ? (int)-rc : 0);
	return 0;
}

int main(void)
{
	const char *name = "i386 chmod(15) through int $0x80 under amd64 no-chmod";
	char path[96], got[160];
	struct live_child c;
	live_run(probe_body, NULL, 0, &c);
	live_child_free(&c);
	if ((c.signal == 0 && c.code == NO_EMULATION) || c.signal == SIGSEGV) {
		printf("SKIP: no IA-32 emulation (int $0x80 faults); the i386 path is covered by "
		       "the simulated verdict tables\n");
		live_skipped++;
		return live_finish();
	}
	if (!live_check(c.signal == 0 && c.code == 0, name,
			"probe: int $0x80 getpid(20) without a filter: expected the pid or SIGSEGV, "
			"child %s",
			live_describe(&c, got, sizeof got))) {
		live_case_done(name);
		return live_finish();
	}
	if (live_scratch_file(path, sizeof path, "int80") != 0)
		return 1;
	live_run(chmod_body, path, 0, &c);
	live_check(c.has_result && c.rc == -1 && c.err == EPERM, name,
		   "expected -1 with errno EPERM, child %s", live_describe(&c, got, sizeof got));
	live_child_free(&c);
	live_case_done(name);
	unlink(path);
	return live_finish();
}
#endif
