/*
 * The SIGSYS reporter: for every syscall a filter answered with TRAP, one
 * line saying what was called, by whom, with what, which profile rule
 * decided it and what happens now; then that outcome.
 *
 * Everything here runs inside a signal handler: no malloc, no stdio, no
 * locks.  Numbers are formatted by hand (fmt.c), each line is one write(2),
 * errno is preserved, and a trap inside the handler is not reported again.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "attribute.h"
#include "fmt.h"
#include "regs.h"
#include "report.h"

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1 /* si_code of a seccomp SIGSYS */
#endif
#define MAX_FILTERS 16
#define ONCE_SLOTS 1024

struct installed {
	const struct seccomp_embed_filter *filter;
	const struct seccomp_embed_program *program;
};

static struct installed installed[MAX_FILTERS];
static volatile sig_atomic_t n_installed;
static struct sigaction previous;
static int handler_ready;
static int report_fd = STDERR_FILENO;
static int crash_on_violation;
static int report_once;
static int task_dir_fd = -1; /* /proc/self/task, opened while setting up */
static __thread volatile sig_atomic_t depth __attribute__((tls_model("initial-exec")));

/* What the program experiences once the report is written. */
enum fate { FATE_ERRNO, FATE_KILL_THREAD, FATE_KILL_PROCESS, FATE_CRASH };

struct verdict {
	enum fate fate;
	int err;         /* for FATE_ERRNO */
	uint32_t action; /* the enforcing filter's SECCOMP_RET_* value */
};

struct decision {
	const struct seccomp_embed_filter *filter; /* NULL: no filter knows the arch */
	enum se_decider decider;
	unsigned profile_index;
};

/* In enforce mode TRAP carries no data; in trap-log mode the data says what
 * the enforcing filter would have done (seccomp_embed.h). */
static struct verdict verdict_of(unsigned data)
{
	unsigned cls = data >> SECCOMP_EMBED_TRAP_LOG_CLASS_SHIFT;
	unsigned value = data & SECCOMP_EMBED_TRAP_LOG_VALUE_MASK;
	struct verdict v = {FATE_ERRNO, ENOSYS, SECCOMP_RET_TRAP | value};
	switch (cls) {
	case SECCOMP_EMBED_TRAP_LOG_ERRNO:
		v = (struct verdict){FATE_ERRNO, (int)value, SECCOMP_RET_ERRNO | value};
		break;
	case SECCOMP_EMBED_TRAP_LOG_KILL_THREAD:
		v = (struct verdict){FATE_KILL_THREAD, 0, SECCOMP_RET_KILL_THREAD};
		break;
	case SECCOMP_EMBED_TRAP_LOG_KILL_PROCESS:
		v = (struct verdict){FATE_KILL_PROCESS, 0, SECCOMP_RET_KILL_PROCESS};
		break;
	case SECCOMP_EMBED_TRAP_LOG_TRACE: /* no tracer attached: the kernel says ENOSYS */
		v = (struct verdict){FATE_ERRNO, ENOSYS, SECCOMP_RET_TRACE | value};
		break;
	}
	if (crash_on_violation)
		v.fate = FATE_CRASH;
	return v;
}

/* The filter installed last that can account for the call decides the
 * report: the kernel runs every layer and the strictest outcome wins. */
static struct decision decide(const struct se_call *c, uint32_t action)
{
	struct decision d = {0, SE_DECIDER_UNKNOWN, 0};
	for (int i = (int)n_installed - 1; i >= 0; i--) {
		const struct installed *in = &installed[i];
		if (!se_attr_arch_name(in->filter, c))
			continue;
		if (!d.filter)
			d.filter = in->filter;
		d.decider = se_attr_decider(in->filter, in->program, c, action, &d.profile_index);
		if (d.decider != SE_DECIDER_UNKNOWN) {
			d.filter = in->filter;
			break;
		}
	}
	/* no filter has the arch: its arch check killed the call */
	if (!d.filter && n_installed > 0 && action == SECCOMP_RET_KILL_THREAD)
		d.decider = SE_DECIDER_BAD_ARCH;
	return d;
}

static const char *errno_name(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{EPERM, "EPERM"}, {ENOENT, "ENOENT"}, {ESRCH, "ESRCH"}, {EINTR, "EINTR"},
		{EIO, "EIO"}, {ENXIO, "ENXIO"}, {E2BIG, "E2BIG"}, {EBADF, "EBADF"},
		{EAGAIN, "EAGAIN"}, {ENOMEM, "ENOMEM"}, {EACCES, "EACCES"}, {EFAULT, "EFAULT"},
		{EBUSY, "EBUSY"}, {EEXIST, "EEXIST"}, {EXDEV, "EXDEV"}, {ENODEV, "ENODEV"},
		{ENOTDIR, "ENOTDIR"}, {EISDIR, "EISDIR"}, {EINVAL, "EINVAL"}, {ENFILE, "ENFILE"},
		{EMFILE, "EMFILE"}, {ENOTTY, "ENOTTY"}, {ENOSPC, "ENOSPC"}, {ESPIPE, "ESPIPE"},
		{EROFS, "EROFS"}, {EMLINK, "EMLINK"}, {EPIPE, "EPIPE"}, {ERANGE, "ERANGE"},
		{ENOSYS, "ENOSYS"}, {EOPNOTSUPP, "EOPNOTSUPP"}, {EAFNOSUPPORT, "EAFNOSUPPORT"},
		{ECONNREFUSED, "ECONNREFUSED"},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].e == e)
			return names[i].name;
	return 0;
}

static void put_decider(struct se_line *l, const struct decision *d)
{
	se_line_str(l, " rule ");
	switch (d->decider) {
	case SE_DECIDER_RULE:
		se_line_str(l, "syscalls[");
		se_line_dec(l, d->profile_index);
		se_line_str(l, "]");
		break;
	case SE_DECIDER_DEFAULT: se_line_str(l, "defaultAction"); break;
	case SE_DECIDER_STUB: se_line_str(l, "enosys-stub"); break;
	case SE_DECIDER_BAD_ARCH: se_line_str(l, "bad-arch"); break;
	default: se_line_str(l, "unknown"); break;
	}
	if (d->filter && n_installed > 1) {
		se_line_str(l, " of ");
		se_line_str(l, d->filter->name);
	}
}

static void put_fate(struct se_line *l, const struct verdict *v)
{
	const char *name = errno_name(v->err);
	switch (v->fate) {
	case FATE_KILL_THREAD: se_line_str(l, ": killing thread"); return;
	case FATE_KILL_PROCESS: se_line_str(l, ": killing process"); return;
	case FATE_CRASH: se_line_str(l, ": crashing (SECCOMP_EMBED_CRASH=1)"); return;
	default: break;
	}
	se_line_str(l, ": returning ");
	if (name)
		se_line_str(l, name);
	else
		se_line_dec(l, (uint64_t)v->err);
}

static void put_call(struct se_line *l, const struct se_call *c, const struct decision *d)
{
	const char *name = d->filter ? se_attr_syscall_name(d->filter, c) : 0;
	const char *arch = d->filter ? se_attr_arch_name(d->filter, c) : 0;
	se_line_str(l, " syscall ");
	se_line_str(l, name ? name : "?");
	se_line_str(l, "(");
	if (c->nr >= 0x40000000u && c->nr != 0xffffffffu)
		se_line_hex(l, c->nr);
	else
		se_line_sdec(l, (int32_t)c->nr);
	se_line_str(l, ") arch ");
	if (arch)
		se_line_str(l, arch);
	else
		se_line_hex(l, c->arch);
	se_line_str(l, " args");
	for (int i = 0; i < 6; i++) {
		se_line_str(l, " ");
		se_line_hex(l, c->args[i]);
	}
}

static void report(const struct se_call *c, uint64_t pc, const struct decision *d,
		   const struct verdict *v)
{
	struct se_line l = {.len = 0};
	se_line_str(&l, "seccomp-embed: violation: pid ");
	se_line_dec(&l, (uint64_t)syscall(SYS_getpid));
	se_line_str(&l, " tid ");
	se_line_dec(&l, (uint64_t)syscall(SYS_gettid));
	put_call(&l, c, d);
	se_line_str(&l, " pc ");
	se_line_hex(&l, pc);
	put_decider(&l, d);
	put_fate(&l, v);
	se_line_write(&l, report_fd);
}

/* --- report each (call, rule) once, count the rest ----------------------- */

struct once_slot {
	uint64_t key; /* 0: free; claimed with one compare-and-swap */
	uint32_t count;
	struct se_call call;
	struct decision decision;
};

static struct once_slot once_slots[ONCE_SLOTS];

static uint64_t once_key(const struct se_call *c, const struct decision *d)
{
	uint64_t k = ((uint64_t)c->arch << 32) ^ c->nr;
	k = k * 0x9E3779B97F4A7C15ull ^ ((uint64_t)d->decider << 24 | d->profile_index);
	k = k * 0x9E3779B97F4A7C15ull ^ (uintptr_t)d->filter;
	return k ? k : 1;
}

/* True if this (call, rule) was seen before; counts it either way.  A
 * full table reports everything rather than lose a denial. */
static int seen_before(const struct se_call *c, const struct decision *d)
{
	uint64_t key = once_key(c, d);
	for (unsigned probe = 0; probe < ONCE_SLOTS; probe++) {
		struct once_slot *s = &once_slots[(key + probe) % ONCE_SLOTS];
		uint64_t expected = 0;
		if (__atomic_load_n(&s->key, __ATOMIC_ACQUIRE) == key ||
		    !__atomic_compare_exchange_n(&s->key, &expected, key, 0, __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE)) {
			if (__atomic_load_n(&s->key, __ATOMIC_ACQUIRE) != key)
				continue;
			__atomic_add_fetch(&s->count, 1, __ATOMIC_RELAXED);
			return 1;
		}
		s->call = *c;
		s->decision = *d;
		__atomic_store_n(&s->count, 1, __ATOMIC_RELEASE);
		return 0;
	}
	return 0;
}

/* At exit: how often each reported (call, rule) happened. */
static void once_summary(void)
{
	for (unsigned i = 0; i < ONCE_SLOTS; i++) {
		struct once_slot *s = &once_slots[i];
		struct se_line l = {.len = 0};
		if (!__atomic_load_n(&s->key, __ATOMIC_ACQUIRE))
			continue;
		se_line_str(&l, "seccomp-embed: summary:");
		put_call(&l, &s->call, &s->decision);
		put_decider(&l, &s->decision);
		se_line_str(&l, ": ");
		se_line_dec(&l, __atomic_load_n(&s->count, __ATOMIC_ACQUIRE));
		se_line_str(&l, " time(s)");
		se_line_write(&l, report_fd);
	}
}

/* --- outcomes ------------------------------------------------------------- */

/* For a SIGSYS that did not come from seccomp, when the handler before us
 * was the default: that default action, i.e. death by SIGSYS.  If resetting
 * the action is refused, exit with the status a shell would show. */
static void die_by_default_action(void)
{
	struct sigaction dfl;
	sigset_t set;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	if (sigaction(SIGSYS, &dfl, 0) == 0) {
		sigemptyset(&set);
		sigaddset(&set, SIGSYS);
		sigprocmask(SIG_UNBLOCK, &set, 0);
		syscall(SYS_tgkill, syscall(SYS_getpid), syscall(SYS_gettid), SIGSYS);
	}
	syscall(SYS_exit_group, 128 + SIGSYS);
}

/* Die as the kernel would have killed us: by SIGSYS with its default action
 * (core dump; a shell sees status 159).  Needs no syscall that the filter
 * might deny: on return from the handler the thread runs the same syscall
 * again with SIGSYS blocked (rt_sigreturn restores uc_sigmask), it traps
 * again, and for a blocked SIGSYS the kernel restores the default action
 * and delivers it. */
static void die_by_sigsys(ucontext_t *uc)
{
	sigaddset(&uc->uc_sigmask, SIGSYS);
	se_regs_restart(uc);
}

/* KILL_THREAD ends only the calling thread; when it is the last one, the
 * process dies by SIGSYS, exactly as under the enforcing filter.  The
 * directory was opened beforehand: the filter may deny opening files. */
static int other_threads_exist(void)
{
	char buf[512];
	int entries = 0;
	long n;
	if (task_dir_fd < 0 || lseek(task_dir_fd, 0, SEEK_SET) != 0)
		return 0;
	while ((n = syscall(SYS_getdents64, task_dir_fd, buf, sizeof buf)) > 0)
		for (long off = 0; off < n; off += ((struct dirent64 *)(buf + off))->d_reclen)
			entries++;
	return entries > 3; /* ".", ".." and this thread */
}

static void carry_out(const struct verdict *v, ucontext_t *uc)
{
	switch (v->fate) {
	case FATE_ERRNO: se_regs_set_result(uc, -(long)v->err); return;
	case FATE_KILL_THREAD:
		if (other_threads_exist())
			syscall(SYS_exit, 0);
		die_by_sigsys(uc);
		return;
	default: die_by_sigsys(uc); return;
	}
}

/* --- the handler ---------------------------------------------------------- */

static void chain(int sig, siginfo_t *info, void *ctx)
{
	if (previous.sa_flags & SA_SIGINFO) {
		previous.sa_sigaction(sig, info, ctx);
	} else if (previous.sa_handler == SIG_DFL) {
		die_by_default_action();
	} else if (previous.sa_handler != SIG_IGN) {
		previous.sa_handler(sig);
	}
}

static void on_sigsys(int sig, siginfo_t *info, void *ctx)
{
	ucontext_t *uc = ctx;
	int saved_errno = errno;
	if (info->si_code != SYS_SECCOMP) {
		chain(sig, info, ctx);
		errno = saved_errno;
		return;
	}
	if (depth++ > 0) {
		/* the reporter's own call was denied: fail it, report nothing more */
		se_regs_set_result(uc, -ENOSYS);
	} else {
		struct verdict v = verdict_of((unsigned)info->si_errno & 0xffffu);
		struct se_call c = {.arch = info->si_arch, .nr = (uint32_t)info->si_syscall};
		se_regs_args(uc, c.arch, c.args);
		struct decision d = decide(&c, v.action);
		if (!report_once || !seen_before(&c, &d))
			report(&c, se_regs_pc(uc), &d, &v);
		carry_out(&v, uc);
	}
	depth--;
	errno = saved_errno;
}

/* --- setting up (not in signal context) ------------------------------------ */

int se_report_register(const struct seccomp_embed_filter *filter,
		       const struct seccomp_embed_program *program)
{
	if (n_installed == MAX_FILTERS)
		return -ENOSPC;
	installed[n_installed] = (struct installed){filter, program};
	__atomic_thread_fence(__ATOMIC_RELEASE);
	n_installed = n_installed + 1;
	return 0;
}

void se_report_unregister_last(void)
{
	if (n_installed > 0)
		n_installed = n_installed - 1;
}

static int env_flag(const char *name)
{
	const char *v = getenv(name);
	return v && *v && strcmp(v, "0") != 0;
}

/* Said once, at install: reports would otherwise vanish, or go where the
 * author is not looking, without a word. */
static void note_bad_report_fd(const char *value, const char *why)
{
	struct se_line l = {.len = 0};
	se_line_str(&l, "seccomp-embed: SECCOMP_EMBED_REPORT_FD=");
	se_line_str(&l, value);
	se_line_str(&l, " is ");
	se_line_str(&l, why);
	se_line_str(&l, "; violation reports go to standard error");
	se_line_write(&l, STDERR_FILENO);
}

/* The switches only change where reports go and make violations fatal;
 * nothing here can make the filter allow more. */
static void read_switches(unsigned flags)
{
	const char *fd = getenv("SECCOMP_EMBED_REPORT_FD");
	char *end;
	crash_on_violation = env_flag("SECCOMP_EMBED_CRASH");
	report_once = (flags & SECCOMP_EMBED_REPORT_ONCE) || env_flag("SECCOMP_EMBED_REPORT_ONCE");
	if (fd && *fd) {
		long n = strtol(fd, &end, 10);
		int fl = *end == '\0' && n >= 0 && n <= 0x7fffffff ? fcntl((int)n, F_GETFL) : -1;
		if (fl != -1 && (fl & O_ACCMODE) != O_RDONLY)
			report_fd = (int)n;
		else
			note_bad_report_fd(fd, fl == -1 ? "not an open file descriptor"
						  : "open for reading only");
	}
}

int seccomp_embed_reporter_install(unsigned int flags)
{
	struct sigaction sa;
	sigset_t set;
	if (!handler_ready) {
		read_switches(flags);
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_sigsys;
		sa.sa_flags = SA_SIGINFO | SA_NODEFER;
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGSYS, &sa, &previous) != 0)
			return -errno;
		if (report_once && atexit(once_summary) != 0)
			return -ENOMEM;
		task_dir_fd = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		handler_ready = 1;
	}
	/* a blocked SIGSYS makes the kernel kill the process without a report */
	sigemptyset(&set);
	sigaddset(&set, SIGSYS);
	return sigprocmask(SIG_UNBLOCK, &set, 0) == 0 ? 0 : -errno;
}
