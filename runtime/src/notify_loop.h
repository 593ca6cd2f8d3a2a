/*
 * notify_loop.h - the supervisor's side (supervisor.h): take the listener,
 * answer notifications until no task of the program is left.
 */
#ifndef SECCOMP_EMBED_NOTIFY_LOOP_H
#define SECCOMP_EMBED_NOTIFY_LOOP_H

#include <seccomp_embed.h>
#include <sys/types.h>

#include "supervisor.h"

/* The page program and supervisor share.  `state` is written by the
 * supervisor only, `listener` by the program only. */
struct se_shared {
	volatile int state;    /* enum se_supervisor_state, or -errno */
	volatile int listener; /* -1 until the filter is installed */
	int probe_fd;          /* a descriptor of the program's, taken first */
	pid_t program;         /* its pid */
	pid_t installer;       /* the thread that installs, which closes the listener */
};

enum se_supervisor_state { SE_SUP_STARTING = 0, SE_SUP_READY = 1, SE_SUP_SERVING = 2 };

/* In the forked supervisor: never returns. */
__attribute__((noreturn)) void se_supervise(struct se_shared *sh,
					    const struct seccomp_embed_filter *f,
					    const struct seccomp_embed_program *p,
					    const struct se_switches *sw);

#endif
