#include "read_filters.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"

#ifndef PTRACE_SECCOMP_GET_FILTER
#define PTRACE_SECCOMP_GET_FILTER 0x420c /* linux/ptrace.h, which clashes with sys/ptrace.h */
#endif

/* The kernel bounds a thread's filters by their instructions (32768 in
 * all, each costing 4 more), not by number: 8192 one-instruction filters
 * fit, more than anything real; past this many, say so rather than guess. */
#define MAX_FILTERS 8192
#define MAX_THREADS 65536

/* "Key:\tvalue" of /proc/TID/status as a number; -1 when absent. */
static long status_field(pid_t tid, const char *key)
{
	char path[64], line[256];
	long value = -1;
	size_t klen = strlen(key);
	snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			value = strtol(line + klen + 1, NULL, 10);
			break;
		}
	fclose(f);
	return value;
}

static int cannot_trace(pid_t tid, int err)
{
	if (err == ESRCH)
		return se_fail("no process or thread %d", (int)tid);
	if (err == EPERM)
		return se_fail("cannot trace %d: it is traced by another process already, or this "
			       "user may not trace it (root, or CAP_SYS_PTRACE, is needed for "
			       "another user's process and under kernel.yama.ptrace_scope)",
			       (int)tid);
	return se_fail("cannot trace %d: %s", (int)tid, strerror(err));
}

#define THREAD_GONE 1

/* Seized and stopped; or THREAD_GONE (it ended first: nothing printed) or
 * SE_EINPUT, detached again. */
static int attach(pid_t tid)
{
	int status;
	if (ptrace(PTRACE_SEIZE, tid, 0, 0) != 0)
		return errno == ESRCH ? THREAD_GONE : cannot_trace(tid, errno);
	if (ptrace(PTRACE_INTERRUPT, tid, 0, 0) != 0 || waitpid(tid, &status, __WALL) != tid) {
		int err = errno;
		ptrace(PTRACE_DETACH, tid, 0, 0);
		return err == ESRCH || err == ECHILD ? THREAD_GONE
						     : se_fail("cannot stop thread %d: %s", (int)tid,
							       strerror(err));
	}
	return WIFEXITED(status) || WIFSIGNALED(status) ? THREAD_GONE : 0;
}

/* The kernel answers EACCES both to a caller without CAP_SYS_ADMIN and to
 * one under seccomp itself (kernel/seccomp.c, get_nth_filter's caller);
 * our own status tells which. */
static int cannot_read(pid_t tid, int err)
{
	if (err == EACCES && status_field(getpid(), "Seccomp") > 0)
		return se_fail("cannot read the filters of %d: seccomp-embed is itself under "
			       "seccomp here, and the kernel lets only an unconfined process read "
			       "filters (run it outside the sandbox)", (int)tid);
	if (err == EACCES || err == EPERM)
		return se_fail("cannot read the filters of %d: reading a filter needs "
			       "CAP_SYS_ADMIN (run as root)", (int)tid);
	if (err == EIO)
		return se_fail("cannot read the filters of %d: the kernel was built without "
			       "CONFIG_CHECKPOINT_RESTORE, which reading filters needs", (int)tid);
	return se_fail("cannot read the filters of %d: %s", (int)tid, strerror(err));
}

/* Filter `index`, 0 the first installed (the kernel counts from the oldest);
 * 1 when there is none at that index, SE_EINPUT or -1 (memory) on error. */
static int read_one(pid_t tid, unsigned long index, struct se_program *p)
{
	long len = ptrace(PTRACE_SECCOMP_GET_FILTER, tid, (void *)index, NULL);
	if (len < 0 && (errno == ENOENT || (errno == EINVAL && index == 0)))
		return 1; /* past the last; EINVAL at 0: not in filter mode */
	if (len <= 0 || len > SE_BPF_MAX_INSNS)
		return len < 0 ? cannot_read(tid, errno)
			       : se_internal("filter %lu of %d has %ld instructions", index,
					     (int)tid, len);
	p->insns = calloc((size_t)len, sizeof *p->insns);
	if (!p->insns)
		return se_internal("out of memory");
	p->len = (size_t)len;
	if (ptrace(PTRACE_SECCOMP_GET_FILTER, tid, (void *)index, p->insns) != len)
		return cannot_read(tid, errno);
	return 0;
}

static void thread_free(struct se_thread_filters *t)
{
	for (size_t i = 0; i < t->n; i++)
		se_program_free(&t->filters[i]);
	free(t->filters);
	t->filters = NULL;
	t->n = 0;
}

static int grow(struct se_thread_filters *t)
{
	struct se_program *more = realloc(t->filters, (t->n + 1) * sizeof *more);
	if (!more)
		return se_internal("out of memory");
	t->filters = more;
	t->filters[t->n] = (struct se_program){0};
	return 0;
}

static int read_stopped(struct se_thread_filters *t)
{
	int rc = 0;
	while (rc == 0 && t->n < MAX_FILTERS) {
		if ((rc = grow(t)) != 0 || (rc = read_one(t->tid, t->n, &t->filters[t->n])) != 0)
			break;
		t->n++;
	}
	if (rc == 0)
		return se_fail("thread %d has more than %d filters", (int)t->tid, MAX_FILTERS);
	se_program_free(&t->filters[t->n]);
	return rc == 1 ? 0 : rc;
}

/* 0, THREAD_GONE or SE_EINPUT. */
static int read_thread(struct se_thread_filters *t)
{
	long mode = status_field(t->tid, "Seccomp");
	if (mode < 0)
		return THREAD_GONE;
	t->mode = mode == 1 ? SE_SECCOMP_STRICT : mode == 2 ? SE_SECCOMP_FILTER : SE_SECCOMP_NONE;
	if (t->mode != SE_SECCOMP_FILTER)
		return 0;
	int rc = attach(t->tid);
	if (rc)
		return rc;
	rc = read_stopped(t);
	ptrace(PTRACE_DETACH, t->tid, 0, 0);
	return rc;
}

static int add_thread(struct se_process_filters *p, pid_t tid)
{
	if (p->n_threads == MAX_THREADS)
		return se_fail("process %d has more than %d threads", (int)p->pid, MAX_THREADS);
	struct se_thread_filters *more = realloc(p->threads, (p->n_threads + 1) * sizeof *more);
	if (!more)
		return se_internal("out of memory");
	p->threads = more;
	p->threads[p->n_threads++] = (struct se_thread_filters){.tid = tid};
	return 0;
}

/* Every thread of the process, or only `pid` when it is a thread's own id. */
static int list_threads(struct se_process_filters *p)
{
	char path[64];
	long tgid = status_field(p->pid, "Tgid");
	if (tgid < 0)
		return cannot_trace(p->pid, ESRCH);
	p->one_thread = tgid != p->pid;
	if (p->one_thread)
		return add_thread(p, p->pid);
	snprintf(path, sizeof path, "/proc/%d/task", (int)p->pid);
	DIR *dir = opendir(path);
	if (!dir)
		return cannot_trace(p->pid, errno);
	int rc = 0;
	for (struct dirent *e; rc == 0 && (e = readdir(dir));)
		if (e->d_name[0] >= '0' && e->d_name[0] <= '9')
			rc = add_thread(p, (pid_t)atol(e->d_name));
	closedir(dir);
	return rc;
}

static void read_comm(struct se_process_filters *p)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/comm", (int)p->pid);
	FILE *f = fopen(path, "r");
	if (f && fgets(p->comm, sizeof p->comm, f))
		p->comm[strcspn(p->comm, "\n")] = '\0';
	if (f)
		fclose(f);
}

static int by_tid(const void *a, const void *b)
{
	pid_t x = ((const struct se_thread_filters *)a)->tid;
	pid_t y = ((const struct se_thread_filters *)b)->tid;
	return (x > y) - (x < y);
}

/* Every listed thread; one that ended after the listing confines nothing
 * and is dropped, unless it is the one asked for. */
static int read_threads(struct se_process_filters *p)
{
	for (size_t i = 0; i < p->n_threads;) {
		int rc = read_thread(&p->threads[i]);
		if (rc == THREAD_GONE && p->threads[i].tid == p->pid)
			return cannot_trace(p->pid, ESRCH);
		if (rc == THREAD_GONE) {
			memmove(&p->threads[i], &p->threads[i + 1],
				(p->n_threads - i - 1) * sizeof *p->threads);
			p->n_threads--;
		} else if (rc) {
			return rc;
		} else {
			i++;
		}
	}
	return p->n_threads ? 0 : cannot_trace(p->pid, ESRCH);
}

int se_read_process(pid_t pid, struct se_process_filters *out)
{
	*out = (struct se_process_filters){.pid = pid};
	if (pid <= 0)
		return se_fail("%d: expected a process id", (int)pid);
	if (pid == getpid())
		return se_fail("%d is seccomp-embed itself, which cannot trace itself", (int)pid);
	int rc = list_threads(out);
	if (rc == 0) {
		qsort(out->threads, out->n_threads, sizeof *out->threads, by_tid);
		rc = read_threads(out);
	}
	read_comm(out);
	if (rc)
		se_process_filters_free(out);
	return rc;
}

void se_process_filters_free(struct se_process_filters *p)
{
	for (size_t i = 0; i < p->n_threads; i++)
		thread_free(&p->threads[i]);
	free(p->threads);
	p->threads = NULL;
	p->n_threads = 0;
}

bool se_threads_alike(const struct se_thread_filters *a, const struct se_thread_filters *b)
{
	if (a->mode != b->mode || a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->filters[i].len != b->filters[i].len ||
		    memcmp(a->filters[i].insns, b->filters[i].insns,
			   a->filters[i].len * sizeof *a->filters[i].insns) != 0)
			return false;
	return true;
}
