#define _GNU_SOURCE
#include "notify_loop.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "bpf_run.h"
#include "fmt.h"
#include "report_once.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif
#ifndef SECCOMP_USER_NOTIF_FLAG_CONTINUE
#define SECCOMP_USER_NOTIF_FLAG_CONTINUE (1UL << 0)
#endif
#define MAX_DYING 64   /* threads between a kill report and their death */
#define MAX_PENDING 64 /* threads between the two parts of a trap report */

/* What the SIGSYS reporter sends over SECCOMP_EMBED_REPORT_NR (report.c),
 * one value per argument (32 bits wide on 32-bit arches):
 * part 1: arch, nr, args 0-2; part 2: args 3-5, pc, and the TRAP data with,
 * above bit 16, the arguments the frame did not hold (regs.h). */
enum { SE_REPORT_PART1 = 1, SE_REPORT_PART2 = 2 };

struct pending {
	pid_t tid;
	struct se_call call;
};

struct state {
	struct se_shared *sh;
	const struct seccomp_embed_filter *f;
	const struct seccomp_embed_program *p;
	const struct se_switches *sw;
	int listener;
	int closed_copy; /* the installer closed its copy of the listener */
	pid_t dying[MAX_DYING];
	pid_t crashing[MAX_DYING]; /* SECCOMP_EMBED_CRASH: processes sent SIGSYS */
	struct pending pending[MAX_PENDING];
	struct se_once_table once;
};

static struct state st; /* in the supervisor only, which is single-threaded */

static void publish(struct se_shared *sh, int state)
{
	__atomic_store_n(&sh->state, state, __ATOMIC_RELEASE);
}

/* Everything but the report's destination: a descriptor kept here would
 * keep a pipe the program closes from ending, or a file from going away. */
static void close_inherited(int keep)
{
	for (int fd = 0; fd < 1024; fd++)
		if (fd != keep)
			close(fd);
}

/* "Tgid:" of /proc/TID/status: the process a notifying thread belongs to. */
static pid_t process_of(pid_t tid)
{
	char path[40], buf[512];
	struct se_line l = {.len = 0};
	se_line_str(&l, "/proc/");
	se_line_dec(&l, (uint64_t)tid);
	se_line_str(&l, "/status");
	memcpy(path, l.buf, l.len);
	path[l.len] = '\0';
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return tid;
	buf[n] = '\0';
	char *t = strstr(buf, "\nTgid:");
	pid_t pid = 0;
	for (t = t ? t + 6 : NULL; t && (*t == ' ' || *t == '\t'); t++)
		;
	for (; t && *t >= '0' && *t <= '9'; t++)
		pid = pid * 10 + (*t - '0');
	return pid ? pid : tid;
}

/* Does the process have a thread besides the caller (KILL_THREAD ends
 * only the caller, unless it is the last)? */
static int other_threads(pid_t pid)
{
	char path[40];
	struct se_line l = {.len = 0};
	se_line_str(&l, "/proc/");
	se_line_dec(&l, (uint64_t)pid);
	se_line_str(&l, "/task");
	memcpy(path, l.buf, l.len);
	path[l.len] = '\0';
	DIR *d = opendir(path);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n > 1;
}

static void report(struct se_report *r)
{
	r->decision.filter = st.f;
	if (st.sw->once && se_once_seen(&st.once, r))
		return;
	se_report_write(r, st.sw->format, st.sw->report_fd);
}

static pid_t *slot_of(pid_t tid, pid_t *table, int size)
{
	for (int i = 0; i < size; i++)
		if (table[i] == tid)
			return &table[i];
	return NULL;
}

static void mark(pid_t id, pid_t *table)
{
	pid_t *free_slot = slot_of(0, table, MAX_DYING);
	if (free_slot && !slot_of(id, table, MAX_DYING))
		*free_slot = id;
}

/* A thread that reported its own death may make the calls dying takes
 * (report.c, carry_out): exit, or the return from the handler. */
static int dying_call(pid_t tid, uint32_t nr)
{
	return slot_of(tid, st.dying, MAX_DYING) &&
	       (nr == SYS_exit || nr == SYS_exit_group || nr == SYS_rt_sigreturn);
}

static struct pending *pending_of(pid_t tid)
{
	for (int i = 0; i < MAX_PENDING; i++)
		if (st.pending[i].tid == tid)
			return &st.pending[i];
	for (int i = 0; i < MAX_PENDING; i++)
		if (st.pending[i].tid == 0)
			return &st.pending[i];
	return &st.pending[0];
}

/* The outcome the TRAP data stands for (seccomp_embed.h). */
static uint32_t action_of_trap(unsigned data)
{
	switch (data >> SECCOMP_EMBED_TRAP_LOG_CLASS_SHIFT) {
	case SECCOMP_EMBED_TRAP_LOG_KILL_THREAD: return SECCOMP_RET_KILL_THREAD;
	case SECCOMP_EMBED_TRAP_LOG_KILL_PROCESS: return SECCOMP_RET_KILL_PROCESS;
	default: return SECCOMP_RET_TRAP | (data & SECCOMP_EMBED_TRAP_LOG_VALUE_MASK);
	}
}

/* A report the SIGSYS handler hands over; returns what the handler is
 * answered: 1 if the process has other threads. */
static long trap_report(const struct seccomp_notif *req, pid_t pid)
{
	const __u64 *a = req->data.args;
	struct pending *pe = pending_of((pid_t)req->pid);
	if (a[0] == SE_REPORT_PART1) {
		*pe = (struct pending){(pid_t)req->pid,
				       {(uint32_t)a[1], (uint32_t)a[2], {a[3], a[4], a[5]},
					SE_ARGS_ALL}};
		return 0;
	}
	struct se_report r = {.pid = (uint64_t)pid, .tid = req->pid, .pc = a[4], .call = pe->call};
	uint32_t action = action_of_trap((unsigned)a[5] & 0xffffu);
	r.call.args[3] = a[1];
	r.call.args[4] = a[2];
	r.call.args[5] = a[3];
	r.call.known = SE_ARGS_ALL & ~(unsigned)(a[5] >> 16);
	pe->tid = 0;
	r.verdict = se_verdict_of_action(action);
	r.decision.decider = se_attr_decider(st.f, st.p, &r.call, action, &r.decision.profile_index);
	if (r.verdict.fate == SE_FATE_KILL_THREAD || r.verdict.fate == SE_FATE_KILL_PROCESS) {
		if (st.sw->crash)
			r.verdict.fate = SE_FATE_CRASH;
		mark((pid_t)req->pid, st.dying);
	}
	report(&r);
	return other_threads(pid);
}

/* A denial the filter handed over: report it, then its outcome. */
static void denial(const struct seccomp_notif *req, pid_t pid, struct seccomp_notif_resp *resp)
{
	uint32_t action = se_bpf_run(st.p->enforce_insns, st.p->enforce_len, &req->data);
	struct se_report r = {.pid = (uint64_t)pid, .tid = req->pid,
			      .pc = req->data.instruction_pointer,
			      .call = {req->data.arch, (uint32_t)req->data.nr, {0}, SE_ARGS_ALL}};
	memcpy(r.call.args, req->data.args, sizeof r.call.args);
	uint32_t kind = action & SECCOMP_RET_ACTION_FULL;
	if (kind == SECCOMP_RET_ALLOW || kind == SECCOMP_RET_LOG) {
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE; /* the enforcing filter allows it */
		return;
	}
	r.verdict = se_verdict_of_action(action);
	r.learn = st.f->mode == SECCOMP_EMBED_MODE_LEARN;
	r.decision.decider = se_attr_decider(st.f, st.p, &r.call, action, &r.decision.profile_index);
	se_attr_near_miss(st.f, st.p, &r.call, &r.miss);
	if (st.sw->crash && !r.learn)
		r.verdict.fate = SE_FATE_CRASH;
	/* a crashing process is on its way out: its last calls are not news */
	if (!slot_of(pid, st.crashing, MAX_DYING))
		report(&r);
	if (r.learn)
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	else
		resp->error = -(r.verdict.err ? r.verdict.err : ENOSYS);
	if (r.verdict.fate == SE_FATE_CRASH && !slot_of(pid, st.crashing, MAX_DYING)) {
		mark(pid, st.crashing);
		kill(pid, SIGSYS); /* pending when the call returns: its default action */
	}
}

static void answer(const struct seccomp_notif *req, struct seccomp_notif_resp *resp)
{
	pid_t pid = process_of((pid_t)req->pid);
	uint32_t nr = (uint32_t)req->data.nr;
	memset(resp, 0, sizeof *resp);
	resp->id = req->id;
	if (nr == SECCOMP_EMBED_REPORT_NR) {
		resp->val = trap_report(req, pid);
	} else if (!st.closed_copy && (pid_t)req->pid == st.sh->installer && nr == SYS_close &&
		   req->data.args[0] == (uint64_t)st.sh->listener) {
		st.closed_copy = 1; /* the runtime's own copy of the listener (install.c) */
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else if (dying_call((pid_t)req->pid, nr)) {
		resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else {
		denial(req, pid, resp);
	}
}

static void serve(void)
{
	struct seccomp_notif_sizes sizes;
	/* the kernel's structures may have grown: sized as it says, zeroed */
	static unsigned char req_buf[1024], resp_buf[1024];
	struct seccomp_notif *req = (struct seccomp_notif *)req_buf;
	struct seccomp_notif_resp *resp = (struct seccomp_notif_resp *)resp_buf;
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) != 0 ||
	    sizes.seccomp_notif > sizeof req_buf || sizes.seccomp_notif_resp > sizeof resp_buf)
		return;
	for (;;) {
		struct pollfd pfd = {st.listener, POLLIN, 0};
		if (poll(&pfd, 1, -1) < 0 && errno != EINTR)
			return;
		if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))
			return; /* no task uses the filter any more */
		if (!(pfd.revents & POLLIN))
			continue;
		memset(req_buf, 0, sizes.seccomp_notif);
		if (ioctl(st.listener, SECCOMP_IOCTL_NOTIF_RECV, req) != 0)
			continue; /* ENOENT: the caller went away; EINTR */
		answer(req, resp);
		ioctl(st.listener, SECCOMP_IOCTL_NOTIF_SEND, resp); /* ENOENT: it went away */
	}
}

/* Waits for the listener's number; -1 if the filter never comes. */
static int take_listener(int pidfd)
{
	struct timespec pause = {0, 200 * 1000};
	for (;;) {
		int n = __atomic_load_n(&st.sh->listener, __ATOMIC_ACQUIRE);
		if (n == -2)
			return -1;
		if (n >= 0) {
			int fd = (int)syscall(SYS_pidfd_getfd, pidfd, n, 0);
			publish(st.sh, fd >= 0 ? SE_SUP_SERVING : -errno);
			return fd;
		}
		struct pollfd p = {pidfd, POLLIN, 0}; /* readable: the program has ended */
		if (poll(&p, 1, 0) > 0)
			return -1;
		nanosleep(&pause, NULL);
	}
}

void se_supervise(struct se_shared *sh, const struct seccomp_embed_filter *f,
		  const struct seccomp_embed_program *p, const struct se_switches *sw)
{
	int pidfd, probe;
	st = (struct state){.sh = sh, .f = f, .p = p, .sw = sw, .listener = -1};
	signal(SIGPIPE, SIG_IGN);
	close_inherited(sw->report_fd);
	pidfd = (int)syscall(SYS_pidfd_open, sh->program, 0);
	probe = pidfd < 0 ? -1 : (int)syscall(SYS_pidfd_getfd, pidfd, sh->probe_fd, 0);
	if (probe < 0) {
		publish(sh, -errno);
		_exit(1);
	}
	close(probe);
	publish(sh, SE_SUP_READY);
	if ((st.listener = take_listener(pidfd)) < 0)
		_exit(1);
	serve();
	if (sw->once)
		se_once_summary(&st.once, sw->format, sw->report_fd);
	_exit(0);
}
