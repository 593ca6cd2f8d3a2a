/*
 * supervisor.h - the process that answers a trap-log or learn filter's
 * user notifications (SECCOMP_RET_USER_NOTIF): every denial is reported
 * and gets exactly the errno the enforcing filter gives it (trap-log), or
 * is let through (learn), whatever the thread's signal mask.
 *
 * It is forked before the filter is installed, so it is not filtered
 * itself, and forked once more and made a session of its own, so that the
 * program never waits for it and a terminal's ^C does not reach it.  It
 * takes the filter's listener out of the program with pidfd_getfd(2): the
 * program only stores the listener's number in a page they share, because
 * once the filter is in force any call the program made to hand it over
 * could itself wait for an answer.  (Before the filter, the supervisor
 * proves it can: it takes a descriptor of the program's the same way.)
 * For each notification it runs the enforcing program on the call
 * (bpf_run.h), writes the report (report_line.h), answers, and when no
 * task of the program is left it writes the REPORT_ONCE summary and ends.
 *
 * Needs Linux 5.7 (TSYNC_ESRCH with a listener; pidfd_getfd is 5.6).
 */
#ifndef SECCOMP_EMBED_SUPERVISOR_H
#define SECCOMP_EMBED_SUPERVISOR_H

#include <seccomp_embed.h>
#include <sys/types.h>

#include "report_line.h"

/* How the supervisor reports, read from the environment by the program. */
struct se_switches {
	int report_fd;
	int once;
	int crash;
	enum se_report_format format;
};

struct se_shared;

struct se_supervisor {
	struct se_shared *shared; /* a MAP_SHARED page */
	pid_t pid;
};

/* Forks the supervisor for `filter` (whose program `program` is about to be
 * installed) and waits until it is ready.  Returns 0, or a negative errno
 * with `*why` saying in a few words why there is none (for one line on
 * stderr, which the caller writes). */
int se_supervisor_start(const struct seccomp_embed_filter *filter,
			const struct seccomp_embed_program *program,
			const struct se_switches *sw, struct se_supervisor *s, const char **why);

/* Once the filter is installed: the listener's number for the supervisor,
 * and a wait (making no syscall) until it has taken it.  Returns 0, or -1
 * if it could not: then the program must not go on. */
int se_supervisor_hand_over(struct se_supervisor *s, int listener);

/* The filter was not installed: the supervisor ends. */
void se_supervisor_cancel(struct se_supervisor *s);

#endif
