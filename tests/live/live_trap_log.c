/*
 * `--mode trap-log` must reproduce enforce mode exactly.  Each profile is
 * built twice (enforce and trap-log); each denied call runs in one child
 * under each.  Expected: the same return value and errno, or the same death
 * signal; in trap-log exactly one report line for the call, naming it, with
 * its six arguments, the deciding rule and the outcome; in enforce mode no
 * line (only the profile's own TRAP reports there).
 *
 * Profiles: Docker's latest default (../shared/corpus, --kernel 6.1; skipped
 * when the corpus was absent at build time) and tests/profiles/kill-rules.json
 * (KILL_PROCESS, KILL_THREAD, KILL, ERRNO with errnoRet, TRACE, TRAP).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/reboot.h>
#include <pthread.h>
#include <seccomp_embed.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include "live_common.h"

#ifndef __x86_64__
int main(void)
{
	live_skip("live_trap_log", "the syscall numbers in the expectations are x86_64's");
	return live_finish();
}
#else

extern const struct seccomp_embed_filter kill_enforce, kill_trap_log;
extern const struct seccomp_embed_filter kill_default_enforce, kill_default_trap_log;
extern const struct seccomp_embed_filter strict_errno_enforce, strict_errno_trap_log;
extern const struct seccomp_embed_filter moby_enforce, moby_trap_log;

#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif
#ifndef AF_ALG
#define AF_ALG 38
#endif
#define X32_BIT 0x40000000L
#define NR_FILE_GETATTR 468 /* newer than every name the profile has: the ENOSYS stub answers */

struct tl_case {
	const char *label;
	long nr;
	unsigned long a[6];
	int threaded;        /* 1: make the call in a second thread; 2: in the main
				thread while a second one lives on */
	const char *syscall; /* as the report names it, "mount(165)" */
	const char *rule;    /* deciding rule in the report */
	int want_signal;     /* enforce: death by this signal, or 0 ... */
	int want_err;        /* ... the call fails with this errno */
	const char *outcome; /* the report's outcome */
	int trap_rule;       /* the profile's own TRAP: a report in enforce mode too */
	const char *hint;    /* what a failure most likely means */
	const char *arch;    /* the report's arch; NULL: x86_64, or x32 for x32 numbers */
};

struct tl_run {
	const struct seccomp_embed_filter *filter;
	const struct tl_case *k;
};

static int thread_returned;

/* Outlives a main thread killed in its call, then says so. */
static void *survivor(void *arg)
{
	(void)arg;
	usleep(100 * 1000);
	live_result(1, 0);
	return NULL;
}

static void *call_in_thread(void *arg)
{
	const struct tl_case *k = arg;
	syscall(k->nr, k->a[0], k->a[1], k->a[2], k->a[3], k->a[4], k->a[5]);
	thread_returned = 1;
	return NULL;
}

static int tl_body(void *arg)
{
	const struct tl_run *run = arg;
	const struct tl_case *k = run->k;
	if (seccomp_embed_install(run->filter, 0))
		return 100;
	if (k->threaded == 2) {
		pthread_t t;
		if (pthread_create(&t, NULL, survivor, NULL) != 0)
			return 101;
		syscall(k->nr, k->a[0], k->a[1], k->a[2], k->a[3], k->a[4], k->a[5]);
		pthread_join(t, NULL);
		live_result(-1, ESRCH); /* the main thread was not killed */
		return 0;
	}
	if (k->threaded) {
		pthread_t t;
		if (pthread_create(&t, NULL, call_in_thread, (void *)k) != 0)
			return 101;
		pthread_join(t, NULL);
		live_result(thread_returned, 0); /* 0: the thread died in the call */
		return 0;
	}
	long rc = syscall(k->nr, k->a[0], k->a[1], k->a[2], k->a[3], k->a[4], k->a[5]);
	live_result(rc, errno);
	return 0;
}

static int same_outcome(const struct live_child *a, const struct live_child *b)
{
	if (a->signal || b->signal)
		return a->signal == b->signal;
	return a->code == b->code && a->has_result == b->has_result && a->rc == b->rc &&
	       a->err == b->err;
}

static int count_lines(const struct live_child *c)
{
	int n = 0;
	for (size_t i = 0; i < c->reports_len; i++)
		n += c->reports[i] == '\n';
	return n;
}

static void check_report(const char *name, const struct tl_case *k, const struct live_child *c)
{
	struct live_report r;
	char why[200], call[100];
	int n = count_lines(c);
	if (!live_check(n == 1 && c->reports[c->reports_len - 1] == '\n', name,
			"trap-log: expected exactly one report line, got %d:\n%s", n, c->reports))
		return;
	c->reports[c->reports_len - 1] = '\0';
	if (!live_check(live_parse_report(c->reports, &r, why, sizeof why) == 0, name,
			"trap-log: the line does not parse: %s\n  line: %s", why, c->reports))
		return;
	snprintf(call, sizeof call, "%s(%s)", r.name, r.nr_text);
	int args_ok = 1;
	for (int i = 0; i < 6; i++)
		args_ok &= r.args[i] == k->a[i];
	live_check(r.kind == LIVE_VIOLATION && (long)r.pid == c->pid &&
			   (k->threaded == 1 ? (long)r.tid != c->pid : (long)r.tid == c->pid),
		   name, "trap-log: expected pid %ld and %s tid, got pid %lu tid %lu", (long)c->pid,
		   k->threaded == 1 ? "another" : "the same", r.pid, r.tid);
	live_check(strcmp(call, k->syscall) == 0, name, "trap-log: syscall: expected %s, got %s",
		   k->syscall, call);
	const char *arch = k->arch ? k->arch : k->nr & X32_BIT ? "x32" : "x86_64";
	live_check(strcmp(r.arch, arch) == 0, name, "trap-log: arch: expected %s, got %s", arch,
		   r.arch);
	live_check(args_ok, name,
		   "trap-log: args: expected %#lx %#lx %#lx %#lx %#lx %#lx, got %#llx %#llx %#llx "
		   "%#llx %#llx %#llx",
		   k->a[0], k->a[1], k->a[2], k->a[3], k->a[4], k->a[5], r.args[0], r.args[1],
		   r.args[2], r.args[3], r.args[4], r.args[5]);
	live_check(strcmp(r.rule, k->rule) == 0, name, "trap-log: rule: expected %s, got %s",
		   k->rule, r.rule);
	live_check(strcmp(r.outcome, k->outcome) == 0, name,
		   "trap-log: outcome: expected \"%s\", got \"%s\"", k->outcome, r.outcome);
}

static void run_case(const char *profile, const struct seccomp_embed_filter *enforce,
		     const struct seccomp_embed_filter *trap_log, const struct tl_case *k)
{
	char name[200], got_e[200], got_t[200];
	struct live_child e, t;
	struct tl_run re = {enforce, k}, rt = {trap_log, k};
	snprintf(name, sizeof name, "%s: %s", profile, k->label);
	live_run(tl_body, &re, 1, &e);
	live_run(tl_body, &rt, 1, &t);
	live_describe(&e, got_e, sizeof got_e);
	live_describe(&t, got_t, sizeof got_t);
	if (k->want_signal)
		live_check(e.signal == k->want_signal, name, "enforce: expected death by %s, child %s",
			   sigabbrev_np(k->want_signal), got_e);
	else if (k->threaded == 2)
		live_check(e.has_result && e.rc == 1, name,
			   "enforce: expected the main thread to die in the call and the second thread "
			   "to go on, child %s",
			   got_e);
	else if (k->threaded)
		live_check(e.signal == 0 && e.code == 0 && e.has_result && e.rc == 0, name,
			   "enforce: expected the thread to die in the call and the process to go on, "
			   "child %s",
			   got_e);
	else
		live_check(e.signal == 0 && e.code == 0 && e.has_result && e.rc == -1 &&
				   e.err == k->want_err,
			   name, "enforce: expected -1 with errno %s, child %s",
			   strerrorname_np(k->want_err), got_e);
	live_check(same_outcome(&e, &t), name,
		   "trap-log differs from enforce: enforce %s, trap-log %s%s%s", got_e, got_t,
		   k->hint ? "\n  hint: " : "", k->hint ? k->hint : "");
	live_check(count_lines(&e) == (k->trap_rule ? 1 : 0), name,
		   "enforce: expected %d report line(s), got:\n%s", k->trap_rule ? 1 : 0, e.reports);
	check_report(name, k, &t);
	live_child_free(&e);
	live_child_free(&t);
	live_case_done(name);
}

#define U(x) ((unsigned long)(x))
#define DENY(label, nr, a0, a1, a2, a3, rule, err, outcome)                                        \
	{ label, nr, {U(a0), U(a1), U(a2), U(a3), 0, 0}, 0, NULL, rule, 0, err, outcome, 0, NULL, NULL }

/* Every call is harmless should a filter let it through (bad magic, bad
 * paths, NULL pointers): the machine running the tests is never changed. */
static void kill_cases(void)
{
	static struct itimerval itv;
	static char buf[512];
	struct tl_case cases[] = {
		{"getpgid: KILL_PROCESS", SYS_getpgid, {0}, 0, "getpgid(121)", "syscalls[0]", SIGSYS,
		 0, "killing process", 0, NULL, NULL},
		{"getsid in the only thread: KILL_THREAD", SYS_getsid, {0}, 0, "getsid(124)",
		 "syscalls[1]", SIGSYS, 0, "killing thread", 0, NULL, NULL},
		{"getsid in a second thread: KILL_THREAD ends that thread only", SYS_getsid, {0}, 1,
		 "getsid(124)", "syscalls[1]", 0, 0, "killing thread", 0, NULL, NULL},
		{"getsid in the main thread, a second thread lives on: KILL_THREAD", SYS_getsid, {0},
		 2, "getsid(124)", "syscalls[1]", 0, 0, "killing thread", 0, NULL, NULL},
		{"getpgid in a second thread: KILL_PROCESS ends every thread", SYS_getpgid, {0}, 1,
		 "getpgid(121)", "syscalls[0]", SIGSYS, 0, "killing process", 0, NULL, NULL},
		{"getpriority: ERRNO errnoRet 13", SYS_getpriority, {PRIO_PROCESS, 0}, 0,
		 "getpriority(140)", "syscalls[2]", 0, EACCES, "returning EACCES", 0, NULL, NULL},
		{"sched_getscheduler: TRACE without a tracer", SYS_sched_getscheduler, {0}, 0,
		 "sched_getscheduler(145)", "syscalls[3]", 0, ENOSYS, "returning ENOSYS", 0,
		 NULL, NULL},
		{"getitimer: the profile's own TRAP", SYS_getitimer, {ITIMER_REAL, U(&itv)}, 0,
		 "getitimer(36)", "syscalls[4]", 0, ENOSYS, "returning ENOSYS", 1, NULL, NULL},
		{"sysinfo: KILL (= KILL_THREAD)", SYS_sysinfo, {U(buf)}, 0, "sysinfo(99)",
		 "syscalls[5]", SIGSYS, 0, "killing thread", 0, NULL, NULL},
		/* No arch entry of the filter owns the call: the report can name neither
		 * the syscall nor the arch (printed as its AUDIT_ARCH value); what
		 * decided is the filter's arch check: "bad-arch". */
		{"x32 getpid, x32 not in the profile's arches: bad arch, KILL_THREAD",
		 X32_BIT | SYS_getpid, {0}, 0, "?(0x40000027)", "bad-arch", SIGSYS, 0, "killing thread",
		 0, NULL, "0xc000003e"},
		{"times(NULL): ERRNO on an argument, errnoRet 22", SYS_times, {0}, 0, "times(100)",
		 "syscalls[6]", 0, EINVAL, "returning EINVAL", 0, NULL, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		run_case("kill-rules", &kill_enforce, &kill_trap_log, &cases[i]);
}

/* Strict profiles that allow nothing the trap-log outcomes could lean on
 * beyond what the generator adds: no rt_sigaction or rt_sigprocmask (to
 * reset SIGSYS before dying), no openat (to count the threads left).  Both
 * once broke trap-log mode: a SIGSEGV from a recursion in the handler instead
 * of SIGSYS, and a whole process killed instead of one thread. */
static void strict_cases(void)
{
	static const char sigaction_bug[] =
		"dying by SIGSYS must not need a syscall the profile denies (rt_sigaction, "
		"rt_sigprocmask): a denied one traps inside the handler, whose outcome is to die "
		"again, recursing until the stack overflows (SIGSEGV)";
	static const char task_bug[] =
		"counting the threads left must not need openat: if it fails, the runtime takes "
		"this thread for the last one and kills the whole process";
	struct tl_case kill_default[] = {
		{"getppid: KILL_PROCESS by the default action", SYS_getppid, {0}, 0, "getppid(110)",
		 "defaultAction", SIGSYS, 0, "killing process", 0, sigaction_bug, NULL},
		{"getsid in the only thread: KILL_THREAD", SYS_getsid, {0}, 0, "getsid(124)",
		 "syscalls[1]", SIGSYS, 0, "killing thread", 0, sigaction_bug, NULL},
	};
	struct tl_case strict_errno[] = {
		{"getsid in a second thread: KILL_THREAD ends that thread only", SYS_getsid, {0}, 1,
		 "getsid(124)", "syscalls[1]", 0, 0, "killing thread", 0, task_bug, NULL},
	};
	for (size_t i = 0; i < sizeof kill_default / sizeof *kill_default; i++)
		run_case("kill-default (no rt_sigaction)", &kill_default_enforce,
			 &kill_default_trap_log, &kill_default[i]);
	for (size_t i = 0; i < sizeof strict_errno / sizeof *strict_errno; i++)
		run_case("strict-errno (no openat)", &strict_errno_enforce, &strict_errno_trap_log,
			 &strict_errno[i]);
}

/* The rule that denies clone3: in Docker's file, or in profiles/docker-default.json
 * where the corpus is absent (tests/CMakeLists.txt). */
#ifdef LIVE_MOBY_IS_OURS
#define CLONE3_RULE "syscalls[28]"
#else
#define CLONE3_RULE "syscalls[20]"
#endif

static void moby_cases(void)
{
	const char *nowhere = "/nonexistent/seccomp-embed";
	const char *D = "defaultAction";
	const char *P = "returning EPERM";
	struct tl_case cases[] = {
		DENY("mount", SYS_mount, "none", nowhere, "tmpfs", 0, D, EPERM, P),
		DENY("umount2", SYS_umount2, nowhere, 0, 0, 0, D, EPERM, P),
		DENY("reboot (bad magic)", SYS_reboot, 0, 0, LINUX_REBOOT_CMD_CAD_OFF, 0, D, EPERM, P),
		DENY("swapon", SYS_swapon, nowhere, 0, 0, 0, D, EPERM, P),
		DENY("swapoff", SYS_swapoff, nowhere, 0, 0, 0, D, EPERM, P),
		DENY("kexec_load (bad flags)", SYS_kexec_load, 0, 17, 0, 0xdead0000, D, EPERM, P),
		DENY("init_module", SYS_init_module, 0, 0, "", 0, D, EPERM, P),
		DENY("finit_module", SYS_finit_module, -1, "", 0, 0, D, EPERM, P),
		DENY("delete_module", SYS_delete_module, "seccomp_embed_none", 04000, 0, 0, D, EPERM,
		     P),
		DENY("personality(0x1ffffffff)", SYS_personality, 0x1ffffffffUL, 0, 0, 0, D, EPERM, P),
		DENY("socket(AF_VSOCK)", SYS_socket, AF_VSOCK, SOCK_STREAM, 0, 0, D, EPERM, P),
		DENY("socket(AF_ALG)", SYS_socket, AF_ALG, SOCK_SEQPACKET, 0, 0, D, EPERM, P),
		DENY("unshare(CLONE_NEWUSER)", SYS_unshare, CLONE_NEWUSER, 0, 0, 0, D, EPERM, P),
		DENY("setns", SYS_setns, -1, CLONE_NEWNET, 0, 0, D, EPERM, P),
		DENY("pivot_root", SYS_pivot_root, nowhere, nowhere, 0, 0, D, EPERM, P),
		DENY("acct", SYS_acct, nowhere, 0, 0, 0, D, EPERM, P),
		DENY("settimeofday(NULL, NULL)", SYS_settimeofday, 0, 0, 0, 0, D, EPERM, P),
		DENY("clock_settime(NULL)", SYS_clock_settime, CLOCK_REALTIME, 0, 0, 0, D, EPERM, P),
		DENY("add_key", SYS_add_key, 0, 0, 0, 0, D, EPERM, P),
		DENY("userfaultfd", SYS_userfaultfd, 0, 0, 0, 0, D, EPERM, P),
		DENY("bpf", SYS_bpf, 0xffff, 0, 0, 0, D, EPERM, P),
		DENY("perf_event_open", SYS_perf_event_open, 0, 0, -1, -1, D, EPERM, P),
		DENY("iopl(4)", SYS_iopl, 4, 0, 0, 0, D, EPERM, P),
		DENY("syslog(SIZE_BUFFER)", SYS_syslog, 10, 0, 0, 0, D, EPERM, P),
		DENY("io_uring_setup", SYS_io_uring_setup, 0, 0, 0, 0, D, EPERM, P),
		DENY("x32 mount", X32_BIT | SYS_mount, "none", nowhere, "tmpfs", 0, D, EPERM, P),
		DENY("x32 kexec_load", X32_BIT | 528, 0, 17, 0, 0xdead0000, D, EPERM, P),
		DENY("clone3: ERRNO(ENOSYS) by a rule", SYS_clone3, 0, 0, 0, 0, CLONE3_RULE,
		     ENOSYS, "returning ENOSYS"),
		DENY("file_getattr: newer than the profile, ENOSYS stub", NR_FILE_GETATTR, 0, 0, 0, 0,
		     "enosys-stub", ENOSYS, "returning ENOSYS"),
		DENY("syscall 1000: above every known number, ENOSYS stub", 1000, 0, 0, 0, 0,
		     "enosys-stub", ENOSYS, "returning ENOSYS"),
	};
	static const char *const names[] = {
		"mount(165)", "umount2(166)", "reboot(169)", "swapon(167)", "swapoff(168)",
		"kexec_load(246)", "init_module(175)", "finit_module(313)", "delete_module(176)",
		"personality(135)", "socket(41)", "socket(41)", "unshare(272)", "setns(308)",
		"pivot_root(155)", "acct(163)", "settimeofday(164)", "clock_settime(227)",
		"add_key(248)", "userfaultfd(323)", "bpf(321)", "perf_event_open(298)", "iopl(172)",
		"syslog(103)", "io_uring_setup(425)", "mount(0x400000a5)", "kexec_load(0x40000210)",
		"clone3(435)", "file_getattr(468)", "?(1000)",
	};
	_Static_assert(sizeof names / sizeof *names == sizeof cases / sizeof *cases,
		       "one report name per case");
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		cases[i].syscall = names[i];
		run_case("moby default (latest, kernel 6.1)", &moby_enforce, &moby_trap_log, &cases[i]);
	}
}

int main(void)
{
	kill_cases();
	strict_cases();
	moby_cases();
	return live_finish();
}
#endif
