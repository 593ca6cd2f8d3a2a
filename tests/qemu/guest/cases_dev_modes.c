/*
 * The development modes, every arch.  Each call runs under the enforce
 * build and under the trap-log build of tests/qemu/profiles/guest.json:
 * the outcome must be the same (the errno, or death by SIGSYS), with one
 * report line in trap-log naming the call, its first argument and the
 * rule.  Among them: rules decided by argument 0, one whose argument 0 is
 * AT_FDCWD (-100, which ppc64's `sc` convention negates), kills, and a
 * kill of a thread.  Then learn: the same denials reported and let run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest.h"

struct dev_case {
	const char *label;
	long nr;
	long a0, a2;        /* a1 is the scratch path where a case needs one */
	int in_thread;      /* make the call in a second thread */
	const char *syscall;
	const char *rule;   /* in the trap-log report */
	int kills;          /* the enforcing outcome is death by SIGSYS */
	int traps;          /* trap-log reports it from the SIGSYS frame (a kill) */
	int errno_value;    /* ... else this errno */
};

static const struct dev_case dev_cases[] = {
	{"ERRNO decided by argument 0", SYS_personality, PERSONA_EPROTO, 0, 0, "personality",
	 "syscalls[5]", 0, 0, EPROTO},
	{"ERRNO decided by argument 0 = AT_FDCWD", SYS_mkdirat, AT_FDCWD, MODE_ODD, 0, "mkdirat",
	 NULL, 0, 0, EOPNOTSUPP},
	{"KILL_PROCESS decided by argument 0", SYS_getpgid, PGID_KILL_PROCESS, 0, 0, "getpgid",
	 "syscalls[3]", 1, 1, 0},
	{"KILL_PROCESS decided by argument 0 = AT_FDCWD", SYS_fchmodat, AT_FDCWD, MODE_ODD, 0,
	 "fchmodat", NULL, 1, 1, 0},
	{"KILL_THREAD in a second thread", SYS_getpgid, PGID_KILL_THREAD, 0, 1, "getpgid",
	 "syscalls[4]", 0, 1, 0},
	{"ERRNO on 32-bit-wide arguments", SYS_prctl, OPT_NARROW, 0, 0, "prctl", "syscalls[2]", 0,
	 0, EXDEV},
};

struct run {
	const struct seccomp_embed_filter *f;
	const struct dev_case *k;
};

static long call(const struct dev_case *k)
{
	if (k->nr == SYS_prctl)
		return guest_raw6(k->nr, k->a0, 0, 0x89abcdefL, 0, 7, 0);
	return guest_raw6(k->nr, k->a0, (long)guest_path("odd"), k->a2, 0, 0, 0);
}

static void *in_thread(void *arg)
{
	call(arg);
	return NULL;
}

static int dev_body(void *arg)
{
	const struct run *r = arg;
	if (seccomp_embed_install(r->f, 0))
		return 100;
	if (r->k->in_thread) {
		pthread_t t;
		if (pthread_create(&t, NULL, in_thread, (void *)r->k))
			return 101;
		pthread_join(t, NULL);
		live_result(7, 0); /* the process went on */
		return 0;
	}
	long rc = call(r->k);
	live_result(rc < 0 ? -1 : rc, rc < 0 ? (int)-rc : 0);
	return 0;
}

static int same(const struct live_child *a, const struct live_child *b)
{
	return a->signal == b->signal && a->code == b->code && a->has_result == b->has_result &&
	       a->rc == b->rc && a->err == b->err;
}

/* The rule of a case whose rule depends on the width of long. */
static const char *rule_of(const struct dev_case *k)
{
	if (k->rule)
		return k->rule;
	if (k->nr == SYS_mkdirat)
		return GUEST_64BIT ? "syscalls[7]" : "syscalls[8]";
	return GUEST_64BIT ? "syscalls[9]" : "syscalls[10]";
}

static void check_report(const char *name, const struct dev_case *k, const struct live_child *t)
{
	struct live_report r;
	char why[200];
	char *nl = t->reports ? strchr(t->reports, '\n') : NULL;
	if (!live_check(nl && nl[1] == '\0', name, "trap-log: expected one report line, got:\n%s",
			t->reports ? t->reports : ""))
		return;
	*nl = '\0';
	if (!live_check(live_parse_report(t->reports, &r, why, sizeof why) == 0, name,
			"trap-log: the line does not parse (%s): %s", why, t->reports))
		return;
	live_check(strcmp(r.name, k->syscall) == 0, name, "syscall: expected %s, got %s", k->syscall,
		   r.name);
	/* kills are reported from the SIGSYS frame, which on s390x lost argument 0 */
	int unknown = k->traps && strcmp(guest_enforce.arches[0].name, "s390x") == 0;
	unsigned long long want0 = (unsigned long long)k->a0;
	if (!GUEST_64BIT)
		want0 &= 0xffffffffu;
	if (unknown) {
		live_check(!(r.known & 1), name, "args[0]: expected ?, got %#llx", r.args[0]);
		live_check(strcmp(r.rule, "unknown") == 0, name, "rule: expected unknown, got %s",
			   r.rule);
	} else {
		live_check((r.known & 1) && r.args[0] == want0, name, "args[0]: expected %#llx, got %#llx",
			   want0, r.args[0]);
		live_check(strcmp(r.rule, rule_of(k)) == 0, name, "rule: expected %s, got %s",
			   rule_of(k), r.rule);
	}
}

static void trap_log_case(const struct dev_case *k)
{
	char name[160], he[160], ht[160];
	struct live_child e, t;
	struct run re = {&guest_enforce, k}, rt = {&guest_trap_log, k};
	snprintf(name, sizeof name, "trap-log = enforce: %s", k->label);
	live_run(dev_body, &re, 1, &e);
	live_run(dev_body, &rt, 1, &t);
	live_describe(&e, he, sizeof he);
	live_describe(&t, ht, sizeof ht);
	if (k->kills)
		live_check(e.signal == SIGSYS, name, "enforce: expected death by SIGSYS, child %s", he);
	else if (k->in_thread)
		live_check(e.code == 0 && e.rc == 7, name, "enforce: expected the process to go on, %s", he);
	else
		live_check(e.has_result && e.err == k->errno_value, name, "enforce: expected %s, %s",
			   strerrorname_np(k->errno_value), he);
	live_check(same(&e, &t), name, "trap-log %s, enforce %s", ht, he);
	live_check(e.reports_len == 0, name, "enforce: expected no report, got:\n%s", e.reports);
	check_report(name, k, &t);
	live_child_free(&e);
	live_child_free(&t);
	live_case_done(name);
}

/* learn: the denial is reported with what it would have got, and runs. */
static void learn_case(void)
{
	const char *name = "learn: a denied call is reported, then runs";
	static const struct dev_case k = {"", SYS_personality, PERSONA_EPROTO, 0, 0, "personality",
					  "syscalls[5]", 0, 0, 0};
	struct run r = {&guest_learn, &k};
	struct live_child c;
	char how[160];
	live_run(dev_body, &r, 1, &c);
	live_check(c.code == 0 && c.has_result && c.rc >= 0, name,
		   "expected personality to succeed, child %s", live_describe(&c, how, sizeof how));
	live_check(c.reports && strstr(c.reports, "seccomp-embed: learn: ") &&
			   strstr(c.reports, "would be returning EPROTO; allowed (learn mode)"),
		   name, "expected a learn report, got:\n%s", c.reports ? c.reports : "");
	live_child_free(&c);
	live_case_done(name);
}

void cases_dev_modes(void)
{
	for (size_t i = 0; i < sizeof dev_cases / sizeof *dev_cases; i++)
		trap_log_case(&dev_cases[i]);
	learn_case();
}
