/*
 * The SIGSYS reporter: for every syscall a filter answered with TRAP, one
 * report saying what was called, by whom, with what, which profile rule
 * decided it and what happens now (report_line.h); then that outcome.
 *
 * Everything here runs inside a signal handler: no malloc, no stdio, no
 * locks.  Numbers are formatted by hand (fmt.c), each line is one write(2),
 * errno is preserved, and a trap inside the handler is not reported again.
 * A trap-log filter's TRAPs (its denials that kill) are reported by its
 * supervisor (supervisor.h) instead: the handler hands the call over with
 * SECCOMP_EMBED_REPORT_NR, so it needs no syscall the profile may deny.
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
#include "report_line.h"
#include "report_once.h"
#include "switches.h"

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1 /* si_code of a seccomp SIGSYS */
#endif
#define MAX_FILTERS 16

struct installed {
	const struct seccomp_embed_filter *filter;
	const struct seccomp_embed_program *program;
	int in_process; /* trap-log without a supervisor (trap_fallback.h) */
};

static struct installed installed[MAX_FILTERS];
static volatile sig_atomic_t n_installed;
static struct sigaction previous;
static int handler_ready;
static const struct se_switches *sw;
static struct se_once_table once;
static int task_dir_fd = -1; /* /proc/self/task, opened while setting up */
static __thread volatile sig_atomic_t depth __attribute__((tls_model("initial-exec")));

/* In enforce mode TRAP carries no data; in trap-log mode the data says what
 * the enforcing filter would have done (seccomp_embed.h). */
static struct se_verdict verdict_of(unsigned data)
{
	unsigned cls = data >> SECCOMP_EMBED_TRAP_LOG_CLASS_SHIFT;
	unsigned value = data & SECCOMP_EMBED_TRAP_LOG_VALUE_MASK;
	struct se_verdict v = {SE_FATE_ERRNO, ENOSYS, SECCOMP_RET_TRAP | value};
	switch (cls) {
	case SECCOMP_EMBED_TRAP_LOG_ERRNO:
		v = (struct se_verdict){SE_FATE_ERRNO, (int)value, SECCOMP_RET_ERRNO | value};
		break;
	case SECCOMP_EMBED_TRAP_LOG_KILL_THREAD:
		v = (struct se_verdict){SE_FATE_KILL_THREAD, 0, SECCOMP_RET_KILL_THREAD};
		break;
	case SECCOMP_EMBED_TRAP_LOG_KILL_PROCESS:
		v = (struct se_verdict){SE_FATE_KILL_PROCESS, 0, SECCOMP_RET_KILL_PROCESS};
		break;
	case SECCOMP_EMBED_TRAP_LOG_TRACE: /* no tracer attached: the kernel says ENOSYS */
		v = (struct se_verdict){SE_FATE_ERRNO, ENOSYS, SECCOMP_RET_TRACE | value};
		break;
	}
	if (sw->crash)
		v.fate = SE_FATE_CRASH;
	return v;
}

/* The filter installed last that can account for the call decides the
 * report: the kernel runs every layer and the strictest outcome wins. */
static struct se_decision decide(const struct se_call *c, uint32_t action,
				 const struct seccomp_embed_program **program)
{
	struct se_decision d = {0, SE_DECIDER_UNKNOWN, 0};
	*program = 0;
	for (int i = (int)n_installed - 1; i >= 0; i--) {
		const struct installed *in = &installed[i];
		if (!se_attr_arch_name(in->filter, c))
			continue;
		if (!d.filter) {
			d.filter = in->filter;
			*program = in->program;
		}
		d.decider = se_attr_decider(in->filter, in->program, c, action, &d.profile_index);
		if (d.decider != SE_DECIDER_UNKNOWN) {
			d.filter = in->filter;
			*program = in->program;
			break;
		}
	}
	/* no filter has the arch: its arch check killed the call */
	if (!d.filter && n_installed > 0 && action == SECCOMP_RET_KILL_THREAD)
		d.decider = SE_DECIDER_BAD_ARCH;
	return d;
}

/* The trap-log supervisor writes the report: it answers 1 if the process
 * has other threads, 0 if not; -1 means it was not asked (another filter
 * decided SECCOMP_EMBED_REPORT_NR first). */
static long hand_over(const struct se_call *c, uint64_t pc, unsigned data)
{
	/* one value per argument: a word is 32 bits on 32-bit arches, where
	 * arguments and pc are too */
	long part1 = syscall(SECCOMP_EMBED_REPORT_NR, 1L, (long)c->arch, (long)c->nr,
			     (long)c->args[0], (long)c->args[1], (long)c->args[2]);
	if (part1 < 0)
		return -1;
	return syscall(SECCOMP_EMBED_REPORT_NR, 2L, (long)c->args[3], (long)c->args[4],
		       (long)c->args[5], (long)pc,
		       (long)(data | (SE_ARGS_ALL & ~c->known) << 16));
}

static void report(const struct se_call *c, uint64_t pc, const struct se_decision *d,
		   const struct se_verdict *v, const struct seccomp_embed_program *p)
{
	struct se_report r = {.pid = (uint64_t)syscall(SYS_getpid),
			      .tid = (uint64_t)syscall(SYS_gettid), .pc = pc, .call = *c,
			      .decision = *d, .verdict = *v, .name_filter = n_installed > 1};
	if (d->filter && p)
		se_attr_near_miss(d->filter, p, c, &r.miss);
	if (!sw->once || !se_once_seen(&once, &r))
		se_report_write(&r, sw->format, sw->report_fd);
}

static void once_summary(void)
{
	se_once_summary(&once, sw->format, sw->report_fd);
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
 * might deny, and does not make the trapped call again: on return from the
 * handler, SIGSYS blocked (rt_sigreturn restores uc_sigmask), the thread
 * calls SECCOMP_EMBED_DIE_NR, which traps (die.h), and for a blocked SIGSYS
 * the kernel restores the default action and delivers it. */
static void die_by_sigsys(ucontext_t *uc)
{
	sigaddset(&uc->uc_sigmask, SIGSYS);
	se_regs_die(uc);
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

/* `others`: whether other threads exist, as the supervisor said, or -1. */
static void carry_out(const struct se_verdict *v, ucontext_t *uc, long others)
{
	switch (v->fate) {
	case SE_FATE_ERRNO: se_regs_set_result(uc, -(long)v->err); return;
	case SE_FATE_KILL_THREAD:
		if (others < 0 ? other_threads_exist() : others > 0)
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

static int in_process(const struct seccomp_embed_filter *f)
{
	for (int i = 0; i < (int)n_installed; i++)
		if (installed[i].filter == f)
			return installed[i].in_process;
	return 0;
}

static void on_trap(siginfo_t *info, ucontext_t *uc)
{
	const struct seccomp_embed_program *p;
	unsigned data = (unsigned)info->si_errno & 0xffffu;
	struct se_call c = {.arch = info->si_arch, .nr = (uint32_t)info->si_syscall};
	long others = -1;
	c.known = se_regs_args(uc, c.arch, c.args);
	struct se_verdict v = verdict_of(data);
	struct se_decision d = decide(&c, v.action, &p);
	if (d.filter && d.filter->mode != SECCOMP_EMBED_MODE_ENFORCE && !in_process(d.filter))
		others = hand_over(&c, se_regs_pc(uc), data);
	if (others < 0)
		report(&c, se_regs_pc(uc), &d, &v, p);
	carry_out(&v, uc, others);
}

static void on_sigsys(int sig, siginfo_t *info, void *ctx)
{
	int saved_errno = errno;
	if (info->si_code != SYS_SECCOMP) {
		chain(sig, info, ctx);
		errno = saved_errno;
		return;
	}
	if (depth++ > 0) /* the reporter's own call was denied: fail it, report nothing more */
		se_regs_set_result((ucontext_t *)ctx, -ENOSYS);
	else
		on_trap(info, ctx);
	depth--;
	errno = saved_errno;
}

/* --- setting up (not in signal context) ------------------------------------ */

int se_report_register(const struct seccomp_embed_filter *filter,
		       const struct seccomp_embed_program *program)
{
	if (n_installed == MAX_FILTERS)
		return -ENOSPC;
	installed[n_installed] = (struct installed){filter, program, 0};
	__atomic_thread_fence(__ATOMIC_RELEASE);
	n_installed = n_installed + 1;
	return 0;
}

void se_report_mark_in_process(void)
{
	if (n_installed > 0)
		installed[n_installed - 1].in_process = 1;
}

void se_report_unregister_last(void)
{
	if (n_installed > 0)
		n_installed = n_installed - 1;
}

int seccomp_embed_reporter_install(unsigned int flags)
{
	struct sigaction sa;
	sigset_t set;
	sw = se_switches_read(flags);
	if (!handler_ready) {
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = on_sigsys;
		sa.sa_flags = SA_SIGINFO | SA_NODEFER;
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGSYS, &sa, &previous) != 0)
			return -errno;
		if (sw->once && atexit(once_summary) != 0)
			return -ENOMEM;
		task_dir_fd = open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		handler_ready = 1;
	}
	/* a blocked SIGSYS makes the kernel kill the process without a report */
	sigemptyset(&set);
	sigaddset(&set, SIGSYS);
	return sigprocmask(SIG_UNBLOCK, &set, 0) == 0 ? 0 : -errno;
}
