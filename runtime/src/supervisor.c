#define _GNU_SOURCE
#include "supervisor.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fmt.h"
#include "notify_loop.h"

#ifndef PR_SET_PTRACER
#define PR_SET_PTRACER 0x59616d61
#endif
#define READY_WAIT_MS 5000  /* a supervisor that does not start in 5 s will not */
#define HANDOVER_SPINS (1ull << 32) /* several seconds of busy waiting */

/* The supervisor's grandparent is the program: the child in between ends
 * at once, so the program reaps it here and never sees the supervisor. */
static pid_t fork_detached(struct se_shared *sh, const struct seccomp_embed_filter *f,
			   const struct seccomp_embed_program *p, const struct se_switches *sw)
{
	int pipefd[2];
	pid_t child, grandchild = -1;
	if (pipe2(pipefd, O_CLOEXEC) != 0)
		return -errno;
	child = fork();
	if (child < 0) {
		int err = errno;
		close(pipefd[0]);
		close(pipefd[1]);
		return -err;
	}
	if (child == 0) {
		pid_t g = fork();
		if (g == 0) {
			close(pipefd[0]);
			close(pipefd[1]);
			setsid(); /* no terminal signals: a ^C must not leave the program waiting */
			se_supervise(sh, f, p, sw);
		}
		(void)!write(pipefd[1], &g, sizeof g);
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &grandchild, sizeof grandchild) != sizeof grandchild)
		grandchild = -ECHILD;
	close(pipefd[0]);
	while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
		;
	return grandchild;
}

static int wait_ready(struct se_supervisor *s)
{
	struct timespec pause = {0, 1000 * 1000};
	for (int ms = 0; ms < READY_WAIT_MS; ms++) {
		int state = __atomic_load_n(&s->shared->state, __ATOMIC_ACQUIRE);
		if (state != SE_SUP_STARTING)
			return state;
		nanosleep(&pause, NULL);
	}
	return -ETIMEDOUT;
}

int se_supervisor_start(const struct seccomp_embed_filter *filter,
			const struct seccomp_embed_program *program,
			const struct se_switches *sw, struct se_supervisor *s, const char **why)
{
	struct se_shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int state;
	if (sh == MAP_FAILED)
		return -errno;
	/* the probe is any descriptor of ours: a pipe's, since a sandboxed
	 * program may have no /dev/null to open */
	int probe[2] = {-1, -1};
	if (pipe2(probe, O_CLOEXEC) == 0)
		close(probe[1]);
	*sh = (struct se_shared){SE_SUP_STARTING, -1, probe[0], getpid(), gettid()};
	s->shared = sh;
	s->pid = fork_detached(sh, filter, program, sw);
	if (s->pid < 0) {
		*why = "it could not be forked";
		return s->pid;
	}
	/* Yama's ptrace_scope 1 lets only an ancestor take a descriptor */
	prctl(PR_SET_PTRACER, (unsigned long)s->pid, 0, 0, 0);
	state = wait_ready(s);
	if (sh->probe_fd >= 0)
		close(sh->probe_fd);
	if (state == SE_SUP_READY)
		return 0;
	*why = state == -ETIMEDOUT ? "it did not start within 5 s"
	       : "it cannot take descriptors from this process (pidfd_getfd needs Linux 5.6 "
		 "and ptrace rights, see kernel.yama.ptrace_scope)";
	se_supervisor_cancel(s);
	return state < 0 ? state : -EPROTO;
}

int se_supervisor_hand_over(struct se_supervisor *s, int listener)
{
	__atomic_store_n(&s->shared->listener, listener, __ATOMIC_RELEASE);
	/* No syscall here: any could be one the filter hands to the supervisor,
	 * which cannot answer before it holds the listener. */
	for (unsigned long long spin = 0; spin < HANDOVER_SPINS; spin++) {
		int state = __atomic_load_n(&s->shared->state, __ATOMIC_ACQUIRE);
		if (state == SE_SUP_SERVING)
			return 0;
		if (state < 0)
			return -1;
	}
	return -1;
}

void se_supervisor_cancel(struct se_supervisor *s)
{
	/* a listener of -2 tells the supervisor the filter never came */
	__atomic_store_n(&s->shared->listener, -2, __ATOMIC_RELEASE);
}
