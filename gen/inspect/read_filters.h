/*
 * read_filters.h - the seccomp filters a running process is confined by,
 * as the kernel holds them (PTRACE_SECCOMP_GET_FILTER), for `seccomp-embed
 * dump` and `diff`.  Filters belong to threads, not processes: a thread
 * that installed one without TSYNC runs under more than its siblings, so
 * every thread is read.
 */
#ifndef SE_READ_FILTERS_H
#define SE_READ_FILTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "program.h"

enum se_seccomp_mode { SE_SECCOMP_NONE, SE_SECCOMP_STRICT, SE_SECCOMP_FILTER };

/* What one thread runs under. */
struct se_thread_filters {
	pid_t tid;
	enum se_seccomp_mode mode;
	struct se_program *filters; /* [0] installed first; the kernel runs them all */
	size_t n;
};

struct se_process_filters {
	pid_t pid;        /* as asked for */
	bool one_thread;  /* pid is a thread's id, not its process's: only it was read */
	char comm[32];    /* /proc/PID/comm */
	struct se_thread_filters *threads;
	size_t n_threads;
};

/* Attaches to each thread in turn (PTRACE_SEIZE, then a stop), copies its
 * filters and detaches.  Returns 0; or SE_EINPUT after saying on stderr
 * what stopped it, in words a user can act on (no such process,
 * CAP_SYS_ADMIN needed, this process under seccomp itself, traced by
 * another); internal failures are se_internal's. */
int se_read_process(pid_t pid, struct se_process_filters *out);
void se_process_filters_free(struct se_process_filters *p);

/* Do two threads run exactly the same filters? */
bool se_threads_alike(const struct se_thread_filters *a, const struct se_thread_filters *b);

#endif
