/*
 * The guest's /init: mounts /proc, /dev and a tmpfs on /tmp, runs the suite and
 * the live tests copied beside it, says how each ended on the console
 * (the host reads these lines: qemu's exit status says nothing), and
 * powers the machine off.
 *
 *   SE-QEMU-BEGIN <arch>
 *   ... the tests' own lines ...
 *   SE-QEMU-TEST <name> status=<exit status>
 *   SE-QEMU-END failed=<number of tests that did not exit 0>
 *
 * Run as any other process (not 1), it is the suite alone: CTest runs it so
 * on the build machine (live_guest_suite).
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guest.h"

static const char *const others[] = {"/live_trap_log_threads", "/live_trap_log_fallback", NULL};

const char *guest_path(const char *name)
{
	static char path[128];
	snprintf(path, sizeof path, "/tmp/%s", name);
	return path;
}

static int run_suite(void)
{
	if (getenv("GUEST_ONLY")) { /* a debugging aid: one group alone */
		const char *g = getenv("GUEST_ONLY");
		if (!strcmp(g, "threads")) cases_threads();
		if (!strcmp(g, "reports")) cases_reports();
		if (!strcmp(g, "dev")) cases_dev_modes();
		return live_finish();
	}
	cases_enforce();
	cases_threads();
	cases_reports();
	cases_dev_modes();
	return live_finish();
}

/* A test of its own: another binary of the initramfs. */
static int run_other(const char *path)
{
	pid_t pid = fork();
	if (pid == 0) {
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 126;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void set_up(void)
{
	mkdir("/proc", 0555);
	mkdir("/dev", 0755);
	mkdir("/tmp", 01777);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("tmpfs", "/tmp", "tmpfs", 0, NULL);
	setenv("PATH", "/", 1);
}

int main(void)
{
	struct utsname u;
	int failed = 0;
	int init = getpid() == 1; /* else a test run on the build machine itself */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!init)
		return run_suite();
	set_up();
	uname(&u);
	printf("SE-QEMU-BEGIN %s %s\n", u.machine, u.release);
	fflush(stdout);
	pid_t pid = fork(); /* the suite in a child: whatever it does, /init goes on */
	if (pid == 0)
		_exit(run_suite());
	int status;
	waitpid(pid, &status, 0);
	int rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	printf("SE-QEMU-TEST guest_suite status=%d\n", rc);
	failed += rc != 0;
	for (int i = 0; others[i]; i++) {
		fflush(stdout);
		rc = run_other(others[i]);
		printf("SE-QEMU-TEST %s status=%d\n", others[i] + 1, rc);
		failed += rc != 0;
	}
	printf("SE-QEMU-END failed=%d\n", failed);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
