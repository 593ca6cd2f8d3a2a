/*
 * trap-log on a kernel without seccomp user notification.  The kernel here
 * has it, so the test makes one without: tests/profiles/old-kernel.json,
 * installed first, answers seccomp(2) with SECCOMP_FILTER_FLAG_NEW_LISTENER
 * EINVAL, as a kernel before Linux 5.0 does.  Then the runtime must fall
 * back to the in-process SIGSYS reporter and say so once; each denial gets
 * enforce's errno and one report line; learn mode, which cannot let a call
 * run without a supervisor, must refuse to install and say why.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live_common.h"

extern const struct seccomp_embed_filter old_kernel, threads_enforce, threads_trap_log,
	threads_learn;

static char file[64] = "/tmp/live_fallback.XXXXXX";

struct outcomes {
	long rc[3];
	int err[3];
};

static struct outcomes *shared;

static int body(void *arg)
{
	const struct seccomp_embed_filter *f = arg;
	dup2(live_report_fd, STDERR_FILENO); /* the runtime's notes, beside the reports */
	if (seccomp_embed_install(&old_kernel, 0))
		return 100;
	int rc = seccomp_embed_install(f, 0);
	if (rc)
		return rc == -ENOSYS ? 50 : 101;
	errno = 0;
	shared->rc[0] = chmod(file, 0600);
	shared->err[0] = errno;
	shared->rc[1] = mkdir("/tmp/live_fallback_never", 0700);
	shared->err[1] = errno;
	shared->rc[2] = socket(AF_INET, SOCK_STREAM, 0);
	shared->err[2] = errno;
	return 0;
}

static int count(const char *text, const char *what)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void run(const struct seccomp_embed_filter *f, struct live_child *c, struct outcomes *o)
{
	memset(shared, 0x55, sizeof *shared);
	live_run(body, (void *)f, 1, c);
	*o = *shared;
}

int main(void)
{
	const char *name = "no user notification: trap-log falls back, learn refuses";
	struct live_child e, t, l;
	struct outcomes oe, ot, ol;
	char how[200];
	setvbuf(stdout, NULL, _IOLBF, 0);
	shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int fd = mkstemp(file);
	if (shared == MAP_FAILED || fd < 0)
		return 2;
	close(fd);
	run(&threads_enforce, &e, &oe);
	run(&threads_trap_log, &t, &ot);
	run(&threads_learn, &l, &ol);
	live_check(e.signal == 0 && e.code == 0 && t.signal == 0 && t.code == 0, name,
		   "enforce and trap-log: expected exit 0, got %s and %s",
		   live_describe(&e, how, sizeof how), live_describe(&t, how + 100, 100));
	live_check(oe.rc[0] == -1 && oe.err[0] == EPERM && oe.err[1] == EACCES &&
			   oe.err[2] == EAFNOSUPPORT,
		   name, "enforce: expected EPERM, EACCES, EAFNOSUPPORT, got %d %d %d", oe.err[0],
		   oe.err[1], oe.err[2]);
	int same = 1;
	for (int i = 0; i < 3; i++)
		same &= oe.rc[i] == ot.rc[i] && oe.err[i] == ot.err[i];
	live_check(same, name,
		   "trap-log: outcomes %ld/%d %ld/%d %ld/%d differ from enforce's", ot.rc[0],
		   ot.err[0], ot.rc[1], ot.err[1], ot.rc[2], ot.err[2]);
	live_check(count(t.reports, "no supervisor process for trap-log (this kernel has no "
				    "seccomp user notification") == 1 &&
			   count(t.reports, "falling back to the in-process SIGSYS reporter") == 1,
		   name, "trap-log: expected the fallback said once, got:\n%s", t.reports);
	live_check(count(t.reports, "seccomp-embed: violation: ") == 3 &&
			   count(t.reports, "syscall chmod(") + count(t.reports, "syscall fchmodat(") == 1 &&
			   count(t.reports, "returning EPERM") == 1 &&
			   count(t.reports, "syscall mkdir(") + count(t.reports, "syscall mkdirat(") == 1 &&
			   count(t.reports, "returning EACCES") == 1 &&
			   count(t.reports, "syscall socket(") + count(t.reports, "syscall socketcall(") == 1,
		   name, "trap-log: expected one report per denied call, got:\n%s", t.reports);
	live_check(e.reports_len == 0, name, "enforce: expected nothing on the report pipe, got:\n%s",
		   e.reports);
	live_check(l.code == 50 && count(l.reports, "learn mode needs a supervisor process, and "
						    "there is none") == 1 &&
			   count(l.reports, "nothing was installed") == 1,
		   name, "learn: expected the install to fail with ENOSYS and say why, got %s:\n%s",
		   live_describe(&l, how, sizeof how), l.reports);
	live_case_done(name);
	live_child_free(&e);
	live_child_free(&t);
	live_child_free(&l);
	unlink(file);
	return live_finish();
}
