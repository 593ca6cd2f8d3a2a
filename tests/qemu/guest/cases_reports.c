/*
 * The SIGSYS reporter, every arch: a report read field by field from a
 * call with six distinct arguments made by our own instruction (so its pc
 * is known); the call resumes right after that instruction, once;
 * SECCOMP_EMBED_CRASH, SECCOMP_EMBED_REPORT_ONCE (SECCOMP_EMBED_REPORT_FD
 * carries every report of these cases).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest.h"

static const long six[6] = {OPT_TRAP, 0x1111, 0x2222, 0x3333, 0x4444, 0x5555};

struct seen {
	long rc;
	long pid, tid;
	int after; /* the instruction after the call ran */
};
static struct seen *seen;

static int trap_body(void *arg)
{
	const char *env = arg;
	if (env)
		putenv((char *)env);
	if (seccomp_embed_install(&guest_enforce, 0))
		return 100;
	seen->pid = getpid();
	seen->tid = syscall(SYS_gettid);
	seen->rc = guest_raw6(SYS_prctl, six[0], six[1], six[2], six[3], six[4], six[5]);
	seen->after = 1;
	return 0;
}

/* On s390x the frame holds -ENOSYS where argument 0 was (regs.h): the
 * report says "?", and a rule that tests argument 0 cannot be named. */
static int arg0_unknown(void)
{
#if defined(__s390x__)
	return 1;
#else
	return 0;
#endif
}

static void check_fields(const char *name, const struct live_report *r)
{
	char call[96];
	snprintf(call, sizeof call, "prctl(%ld)", (long)SYS_prctl);
	char want_call[96];
	snprintf(want_call, sizeof want_call, "%s(%s)", r->name, r->nr_text);
	live_check(strcmp(call, want_call) == 0, name, "syscall: expected %s, got %s", call, want_call);
	live_check((long)r->pid == seen->pid && (long)r->tid == seen->tid, name,
		   "pid/tid: expected %ld/%ld, got %lu/%lu", seen->pid, seen->tid, r->pid, r->tid);
	live_check(strcmp(r->arch, guest_enforce.arches[0].name) == 0, name,
		   "arch: expected %s, got %s", guest_enforce.arches[0].name, r->arch);
	for (int i = 0; i < 6; i++) {
		if (i == 0 && arg0_unknown()) {
			live_check(!(r->known & 1), name, "args[0]: expected ?, got %#llx", r->args[0]);
			continue;
		}
		live_check((r->known & (1u << i)) && r->args[i] == (unsigned long long)six[i], name,
			   "args[%d]: expected %#lx, got %#llx", i, six[i], r->args[i]);
	}
	live_check(r->pc == (unsigned long long)(uintptr_t)guest_raw6_after, name,
		   "pc: expected %p (after the syscall instruction), got %#llx",
		   (const void *)guest_raw6_after, r->pc);
	const char *rule = arg0_unknown() ? "unknown" : "syscalls[0]";
	live_check(strcmp(r->rule, rule) == 0, name, "rule: expected %s, got %s", rule, r->rule);
}

/* The report, field by field, and the call's resumption. */
static void fields(void)
{
	const char *name = "a TRAP report, field by field; the call returns ENOSYS once";
	struct live_child c;
	struct live_report r;
	char why[200], how[160];
	live_run(trap_body, NULL, 1, &c);
	live_check(c.code == 0 && seen->after && seen->rc == -ENOSYS, name,
		   "expected the call to return -ENOSYS and the program to go on, got %ld, child %s",
		   seen->rc, live_describe(&c, how, sizeof how));
	char *nl = c.reports ? strchr(c.reports, '\n') : NULL;
	if (live_check(nl && nl[1] == '\0', name, "expected one report line, got:\n%s",
		       c.reports ? c.reports : "")) {
		*nl = '\0';
		if (live_check(live_parse_report(c.reports, &r, why, sizeof why) == 0, name,
			       "the line does not parse (%s): %s", why, c.reports))
			check_fields(name, &r);
		live_check(strcmp(r.outcome, "returning ENOSYS") == 0, name,
			   "outcome: expected returning ENOSYS, got %s", r.outcome);
	}
	live_child_free(&c);
	live_case_done(name);
}

static int crash_body(void *arg)
{
	(void)arg;
	putenv("SECCOMP_EMBED_CRASH=1");
	if (seccomp_embed_install(&guest_enforce, 0))
		return 100;
	guest_raw6(SYS_getppid, 0, 0, 0, 0, 0, 0);
	return 3; /* not reached */
}

static void crash(void)
{
	const char *name = "SECCOMP_EMBED_CRASH=1: reported, then death by SIGSYS";
	struct live_child c;
	char how[160];
	live_run(crash_body, NULL, 1, &c);
	live_check(c.signal == SIGSYS, name, "child %s", live_describe(&c, how, sizeof how));
	live_check(c.reports && strstr(c.reports, "syscall getppid(") &&
			   strstr(c.reports, "crashing (SECCOMP_EMBED_CRASH=1)"),
		   name, "expected the crash reported, got:\n%s", c.reports ? c.reports : "");
	live_child_free(&c);
	live_case_done(name);
}

static int once_body(void *arg)
{
	(void)arg;
	putenv("SECCOMP_EMBED_REPORT_ONCE=1");
	if (seccomp_embed_install(&guest_enforce, 0))
		return 100;
	for (int i = 0; i < 3; i++)
		if (guest_raw6(SYS_getppid, 0, 0, 0, 0, 0, 0) != -ENOSYS)
			return 4;
	exit(0); /* exit(), not _exit(): the summary is written at exit */
}

static void once(void)
{
	const char *name = "SECCOMP_EMBED_REPORT_ONCE=1: one report, then a count at exit";
	struct live_child c;
	char how[160];
	live_run(once_body, NULL, 1, &c);
	const char *r = c.reports ? c.reports : "";
	int violations = 0;
	for (const char *p = r; (p = strstr(p, "seccomp-embed: violation:")); p++)
		violations++;
	live_check(c.code == 0 && violations == 1 && strstr(r, "seccomp-embed: summary: syscall getppid(") &&
			   strstr(r, ": 3 time(s)"),
		   name, "child %s, reports:\n%s", live_describe(&c, how, sizeof how), r);
	live_child_free(&c);
	live_case_done(name);
}

void cases_reports(void)
{
	seen = mmap(NULL, sizeof *seen, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fields();
	crash();
	once();
}
