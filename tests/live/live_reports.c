/*
 * The SIGSYS reporter, live, with tests/profiles/reports.json (ALLOW by
 * default; chmod TRAP as syscalls[0], mkdir ERRNO, getpgrp TRAP as
 * syscalls[2]) and tests/profiles/trap-default.json (TRAP by default).
 * Report lines go to a pipe (SECCOMP_EMBED_REPORT_FD) and are parsed field
 * by field; the child leaves what the parent needs to compare (its pid, tid,
 * the path pointer, what the calls returned) in shared memory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <seccomp_embed.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "live_common.h"

#ifndef __x86_64__
int main(void)
{
	live_skip("live_reports", "the expected report lines are x86_64's (chmod(90))");
	return live_finish();
}
#else

extern const struct seccomp_embed_filter reports, trap_default;

#define ERRNO_SENTINEL 4242

/* Filled in by the child, read by the parent. */
struct facts {
	long pid, tid;
	unsigned long path_ptr;
	long rc;
	int err;
	int errno_after; /* errno after a raw (wrapper-less) trapped syscall */
	int returned;    /* the trapped call returned at all */
};
static struct facts *facts;
static char path[96];
static unsigned long libc_lo, libc_hi; /* libc's text, from /proc/self/maps */

/* --- what a line must say ------------------------------------------------ */

struct want {
	long pid, tid;
	const char *syscall; /* "chmod(90)" */
	int check_args;      /* compare args[0], args[1] */
	unsigned long long arg0, arg1;
	const char *rule, *outcome;
	unsigned long pc_lo, pc_hi; /* where the syscall instruction is; 0: libc's text */
};

/* Checks one violation line field by field; each field is one check. */
static void check_line(const char *name, const char *line, const struct want *w)
{
	struct live_report r;
	char why[200], call[100];
	if (!live_check(live_parse_report(line, &r, why, sizeof why) == 0, name,
			"report line does not parse: %s\n  line: %s", why, line))
		return;
	live_check(r.kind == LIVE_VIOLATION, name, "expected a violation line, got: %s", line);
	live_check((long)r.pid == w->pid, name, "pid: expected %ld, got %lu", w->pid, r.pid);
	live_check((long)r.tid == w->tid, name, "tid: expected %ld, got %lu", w->tid, r.tid);
	snprintf(call, sizeof call, "%s(%s)", r.name, r.nr_text);
	live_check(strcmp(call, w->syscall) == 0, name, "syscall: expected %s, got %s", w->syscall,
		   call);
	live_check(strcmp(r.arch, "x86_64") == 0, name, "arch: expected x86_64, got %s", r.arch);
	if (w->check_args) {
		live_check(r.args[0] == w->arg0, name, "args[0]: expected %#llx, got %#llx", w->arg0,
			   r.args[0]);
		live_check(r.args[1] == w->arg1, name, "args[1]: expected %#llx, got %#llx", w->arg1,
			   r.args[1]);
	}
	/* the PC follows a `syscall` instruction (0f 05), in libc's text unless
	 * the call was made by our own code */
	unsigned long lo = w->pc_lo ? w->pc_lo : libc_lo, hi = w->pc_lo ? w->pc_hi : libc_hi;
	live_check(r.pc != 0 && r.pc >= lo + 2 && r.pc <= hi, name,
		   "pc: expected an address in %s [%#lx, %#lx], got %#llx",
		   w->pc_lo ? "live_raw_syscall2()" : "libc's text", lo, hi, r.pc);
	if (r.pc >= lo + 2 && r.pc <= hi) {
		const unsigned char *insn = (const unsigned char *)(uintptr_t)(r.pc - 2);
		live_check(insn[0] == 0x0f && insn[1] == 0x05, name,
			   "pc: expected it right after a syscall instruction (0f 05), found %02x %02x",
			   insn[0], insn[1]);
	}
	live_check(strcmp(r.rule, w->rule) == 0, name, "rule: expected %s, got %s", w->rule, r.rule);
	live_check(strcmp(r.outcome, w->outcome) == 0, name, "outcome: expected \"%s\", got \"%s\"",
		   w->outcome, r.outcome);
}

/* The report text must be exactly `n` complete lines; returns the first. */
static const char *expect_lines(const char *name, const struct live_child *c, long n)
{
	long lines = 0;
	for (size_t i = 0; i < c->reports_len; i++)
		lines += c->reports[i] == '\n';
	int complete = c->reports_len == 0 || c->reports[c->reports_len - 1] == '\n';
	if (!live_check(lines == n && complete, name,
			"expected exactly %ld complete report line(s), got %ld%s:\n%s", n, lines,
			complete ? "" : " and a torn one", c->reports))
		return NULL;
	if (n > 0)
		c->reports[strcspn(c->reports, "\n")] = '\0';
	return c->reports;
}

static void libc_text(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];
	while (f && fgets(line, sizeof line, f)) {
		unsigned long lo, hi;
		char perms[8], file[400] = "";
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %399s", &lo, &hi, perms, file) < 3)
			continue;
		const char *base = strrchr(file, '/');
		base = base ? base + 1 : file;
		if (perms[2] == 'x' && (strncmp(base, "libc.so", 7) == 0 || strncmp(base, "libc-", 5) == 0)) {
			libc_lo = lo;
			libc_hi = hi;
		}
	}
	if (f)
		fclose(f);
}

/* --- chmod(path, 0123) trapped: the line, field by field ------------------ */

static void note_self(void)
{
	facts->pid = getpid();
	facts->tid = gettid();
	facts->path_ptr = (unsigned long)path;
}

static void *chmod_in_thread(void *arg)
{
	(void)arg;
	note_self();
	errno = 0;
	facts->rc = chmod(path, 0123);
	facts->err = errno;
	facts->returned = 1;
	return NULL;
}

static int chmod_body(void *arg)
{
	int threaded = *(int *)arg;
	if (seccomp_embed_install(&reports, 0))
		return 100;
	if (threaded) {
		pthread_t t;
		if (pthread_create(&t, NULL, chmod_in_thread, NULL) != 0)
			return 101;
		pthread_join(t, NULL);
	} else {
		chmod_in_thread(NULL);
	}
	return 0;
}

static void chmod_report_case(int threaded)
{
	const char *name = threaded ? "chmod(path, 0123) trapped in a second thread"
				    : "chmod(path, 0123) trapped";
	struct live_child c;
	char got[160];
	memset(facts, 0, sizeof *facts);
	live_run(chmod_body, &threaded, 1, &c);
	live_check(c.signal == 0 && c.code == 0, name, "expected the child to exit 0, child %s",
		   live_describe(&c, got, sizeof got));
	live_check(facts->returned && facts->rc == -1 && facts->err == ENOSYS, name,
		   "expected chmod to return -1 with errno ENOSYS, got %ld errno %d (%s)", facts->rc,
		   facts->err, strerrorname_np(facts->err) ? strerrorname_np(facts->err) : "?");
	if (threaded)
		live_check(facts->tid != facts->pid, name,
			   "expected the thread's tid to differ from the pid, both %ld", facts->pid);
	const char *line = expect_lines(name, &c, 1);
	if (line) {
		struct want w = {.pid = facts->pid, .tid = facts->tid, .syscall = "chmod(90)",
				 .check_args = 1, .arg0 = facts->path_ptr, .arg1 = 0123,
				 .rule = "syscalls[0]", .outcome = "returning ENOSYS"};
		check_line(name, line, &w);
	}
	live_check(SYS_chmod == 90, name, "SYS_chmod is %d, not 90", (int)SYS_chmod);
	live_child_free(&c);
	live_case_done(name);
}

/* --- errno survives the handler ------------------------------------------- */

/* A raw `syscall` instruction has no wrapper to set errno: whatever errno
 * holds afterwards is what the handler left.  With `broken_fd` the report
 * write fails (EPIPE) inside the handler, which must not leak out either. */
static int errno_body(void *arg)
{
	int broken_fd = *(int *)arg;
	if (broken_fd) {
		int p[2];
		char fd_text[16];
		if (pipe(p) != 0)
			return 101;
		close(p[0]);
		signal(SIGPIPE, SIG_IGN);
		snprintf(fd_text, sizeof fd_text, "%d", p[1]);
		setenv("SECCOMP_EMBED_REPORT_FD", fd_text, 1);
	}
	if (seccomp_embed_install(&reports, 0))
		return 100;
	errno = ERRNO_SENTINEL;
	facts->rc = live_raw_syscall2(SYS_chmod, (long)path, 0123);
	facts->errno_after = errno;
	facts->returned = 1;
	return 0;
}

static void errno_case(int broken_fd)
{
	const char *name = broken_fd ? "errno preserved when the report write fails (EPIPE)"
				     : "errno preserved across the handler (raw syscall)";
	struct live_child c;
	char got[160];
	memset(facts, 0, sizeof *facts);
	live_run(errno_body, &broken_fd, 1, &c);
	live_check(c.signal == 0 && c.code == 0, name, "expected the child to exit 0, child %s",
		   live_describe(&c, got, sizeof got));
	live_check(facts->returned && facts->rc == -ENOSYS, name,
		   "expected the raw chmod to return -ENOSYS (%d), got %ld", -ENOSYS, facts->rc);
	live_check(facts->errno_after == ERRNO_SENTINEL, name,
		   "expected errno still %d after the handler, got %d (%s)", ERRNO_SENTINEL,
		   facts->errno_after,
		   strerrorname_np(facts->errno_after) ? strerrorname_np(facts->errno_after) : "?");
	if (!broken_fd && expect_lines(name, &c, 1)) {
		struct want w = {.pid = c.pid, .tid = c.pid, .syscall = "chmod(90)", .check_args = 1,
				 .arg0 = (unsigned long)path, .arg1 = 0123, .rule = "syscalls[0]",
				 .outcome = "returning ENOSYS",
				 .pc_lo = (unsigned long)live_raw_syscall2,
				 .pc_hi = (unsigned long)live_raw_syscall2 + 128};
		check_line(name, c.reports, &w);
	}
	if (broken_fd)
		expect_lines(name, &c, 0);
	live_child_free(&c);
	live_case_done(name);
}

/* --- ERRNO is not reported; TRAP by default is ----------------------------- */

static int mkdir_body(void *arg)
{
	(void)arg;
	if (seccomp_embed_install(&reports, 0))
		return 100;
	long rc = mkdir("/tmp/seccomp-embed-never", 0700);
	live_result(rc, errno);
	return 0;
}

static void mkdir_case(void)
{
	const char *name = "mkdir (ERRNO rule): EPERM, no report";
	struct live_child c;
	char got[160];
	live_run(mkdir_body, NULL, 1, &c);
	live_check(c.has_result && c.rc == -1 && c.err == EPERM, name,
		   "expected -1 with errno EPERM, child %s", live_describe(&c, got, sizeof got));
	expect_lines(name, &c, 0);
	live_child_free(&c);
	live_case_done(name);
}

static int trap_default_body(void *arg)
{
	(void)arg;
	if (seccomp_embed_install(&trap_default, 0))
		return 100;
	long rc = syscall(SYS_getppid);
	live_result(rc, errno);
	return 0;
}

static void trap_default_case(void)
{
	const char *name = "getppid under a TRAP defaultAction";
	struct live_child c;
	char got[160];
	live_run(trap_default_body, NULL, 1, &c);
	live_check(c.has_result && c.rc == -1 && c.err == ENOSYS, name,
		   "expected -1 with errno ENOSYS, child %s", live_describe(&c, got, sizeof got));
	/* only the getppid line matters; other traps (none expected) would show */
	const char *line = expect_lines(name, &c, 1);
	if (line) {
		struct want w = {.pid = c.pid, .tid = c.pid, .syscall = "getppid(110)",
				 .rule = "defaultAction", .outcome = "returning ENOSYS"};
		check_line(name, line, &w);
	}
	live_child_free(&c);
	live_case_done(name);
}

/* --- SECCOMP_EMBED_CRASH=1 ------------------------------------------------- */

static int crash_body(void *arg)
{
	const struct seccomp_embed_filter *f = arg;
	setenv("SECCOMP_EMBED_CRASH", "1", 1);
	if (seccomp_embed_install(f, 0))
		return 100;
	note_self();
	chmod(path, 0123);
	facts->returned = 1;
	return 0;
}

/* `hint`: what a failure most likely means, printed with it. */
static void crash_case(const char *name, const struct seccomp_embed_filter *f, const char *rule,
		       const char *hint)
{
	struct live_child c;
	char got[160];
	memset(facts, 0, sizeof *facts);
	live_run(crash_body, (void *)f, 1, &c);
	live_check(c.signal == SIGSYS, name,
		   "expected the child killed by SIGSYS (status 159), child %s%s%s",
		   live_describe(&c, got, sizeof got), hint ? "\n  hint: " : "", hint ? hint : "");
	live_check(!facts->returned, name, "expected chmod never to return, it did");
	const char *line = expect_lines(name, &c, 1);
	if (line) {
		struct want w = {.pid = facts->pid, .tid = facts->tid, .syscall = "chmod(90)",
				 .check_args = 1, .arg0 = (unsigned long)path, .arg1 = 0123,
				 .rule = rule, .outcome = "crashing (SECCOMP_EMBED_CRASH=1)"};
		check_line(name, line, &w);
	}
	live_child_free(&c);
	live_case_done(name);
}

/* --- report once, then a summary at exit ---------------------------------- */

#define ONCE_ENV 1
#define ONCE_FLAG 2

static int once_body(void *arg)
{
	int how = *(int *)arg;
	if (how == ONCE_ENV)
		setenv("SECCOMP_EMBED_REPORT_ONCE", "1", 1);
	if (seccomp_embed_install(&reports, how == ONCE_FLAG ? SECCOMP_EMBED_REPORT_ONCE : 0))
		return 100;
	int bad = 0;
	for (int i = 0; i < 5; i++)
		bad += !(chmod(path, 0123) == -1 && errno == ENOSYS);
	for (int i = 0; i < 2; i++)
		bad += !(syscall(SYS_getpgrp) == -1 && errno == ENOSYS);
	exit(bad ? 10 : 0); /* exit(), not _exit(): the summary is printed at exit */
}

struct once_count {
	int violations, chmod_v, getpgrp_v, summaries, bad;
	unsigned long chmod_n, getpgrp_n;
	char first_bad[300];
};

static void count_once_line(const char *line, void *ctx)
{
	struct once_count *k = ctx;
	struct live_report r;
	char why[200];
	if (live_parse_report(line, &r, why, sizeof why) != 0) {
		if (!k->bad++)
			snprintf(k->first_bad, sizeof k->first_bad, "%s (%s)", line, why);
		return;
	}
	int is_chmod = strcmp(r.name, "chmod") == 0 && r.nr == 90 &&
		       strcmp(r.rule, "syscalls[0]") == 0;
	int is_getpgrp = strcmp(r.name, "getpgrp") == 0 && r.nr == 111 &&
			 strcmp(r.rule, "syscalls[2]") == 0;
	if (r.kind == LIVE_VIOLATION) {
		k->violations++;
		k->chmod_v += is_chmod;
		k->getpgrp_v += is_getpgrp;
	} else {
		k->summaries++;
		if (is_chmod)
			k->chmod_n = r.count;
		if (is_getpgrp)
			k->getpgrp_n = r.count;
	}
}

static void once_case(int how)
{
	const char *name = how == ONCE_ENV ? "SECCOMP_EMBED_REPORT_ONCE=1: 5 chmod + 2 getpgrp"
			   : how == ONCE_FLAG ? "install flag SECCOMP_EMBED_REPORT_ONCE: 5 chmod + 2 getpgrp"
					      : "without report-once: 5 chmod + 2 getpgrp";
	struct live_child c;
	struct once_count k = {0};
	char got[160];
	live_run(once_body, &how, 1, &c);
	live_check(c.signal == 0 && c.code == 0, name,
		   "expected the child to exit 0 (every call -1/ENOSYS), child %s",
		   live_describe(&c, got, sizeof got));
	long n = live_for_each_line(c.reports, c.reports_len, count_once_line, &k);
	live_check(n >= 0 && k.bad == 0, name, "every line must parse; first bad: %s",
		   k.bad ? k.first_bad : "(torn last line)");
	if (how) {
		live_check(k.violations == 2 && k.chmod_v == 1 && k.getpgrp_v == 1, name,
			   "expected one violation line for chmod and one for getpgrp, got %d "
			   "(chmod %d, getpgrp %d):\n%s",
			   k.violations, k.chmod_v, k.getpgrp_v, c.reports);
		live_check(k.summaries == 2 && k.chmod_n == 5 && k.getpgrp_n == 2, name,
			   "expected 2 summary lines, chmod 5 time(s) and getpgrp 2 time(s), got %d "
			   "(chmod %lu, getpgrp %lu):\n%s",
			   k.summaries, k.chmod_n, k.getpgrp_n, c.reports);
	} else {
		live_check(k.violations == 7 && k.chmod_v == 5 && k.getpgrp_v == 2 && k.summaries == 0,
			   name, "expected 7 violation lines (5 chmod, 2 getpgrp), no summary, got:\n%s",
			   c.reports);
	}
	live_child_free(&c);
	live_case_done(name);
}

int main(void)
{
	facts = mmap(NULL, sizeof *facts, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (facts == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	libc_text();
	if (!libc_lo) {
		printf("FAIL setup: libc's text not found in /proc/self/maps\n");
		return 1;
	}
	if (live_scratch_file(path, sizeof path, "reports") != 0)
		return 1;
	chmod_report_case(0);
	chmod_report_case(1);
	errno_case(0);
	errno_case(1);
	mkdir_case();
	trap_default_case();
	crash_case("SECCOMP_EMBED_CRASH=1: the first violation ends the process", &reports,
		   "syscalls[0]", NULL);
	crash_case("SECCOMP_EMBED_CRASH=1 under a TRAP default that denies rt_sigaction",
		   &trap_default, "defaultAction",
		   "dying by SIGSYS must not need rt_sigaction: when the profile traps it, the call "
		   "traps inside the handler, whose outcome (crash) is to die again: a recursion "
		   "until the stack overflows (SIGSEGV)");
	once_case(ONCE_ENV);
	once_case(ONCE_FLAG);
	once_case(0);
	unlink(path);
	return live_finish();
}
#endif
