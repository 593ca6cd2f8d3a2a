/*
 * Threads, every arch: TSYNC confines a thread started before the install
 * (and without it, the control, it is not); KILL_THREAD ends the calling
 * thread only, KILL_PROCESS the whole process, by SIGSYS.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest.h"

static int go[2];

/* Started before the filter: waits for the word, then calls umask. */
static void *older_thread(void *arg)
{
	char c;
	(void)arg;
	if (read(go[0], &c, 1) != 1)
		return NULL;
	long rc = syscall(SYS_umask, 022);
	int err = errno;
	live_result(rc, err);
	return NULL;
}

static int tsync_body(void *arg)
{
	unsigned flags = (unsigned)(uintptr_t)arg;
	pthread_t t;
	if (pipe(go) || pthread_create(&t, NULL, older_thread, NULL))
		return 101;
	if (seccomp_embed_install(&guest_enforce, flags))
		return 100;
	if (write(go[1], "x", 1) != 1)
		return 102;
	pthread_join(t, NULL);
	return 0;
}

static void tsync(void)
{
	const char *name = "TSYNC: a thread started before the install is confined";
	const char *control = "without TSYNC (control): that thread is not";
	struct live_child with, without;
	char how[160];
	live_run(tsync_body, (void *)(uintptr_t)0, 0, &with);
	live_run(tsync_body, (void *)(uintptr_t)SECCOMP_EMBED_NO_TSYNC, 0, &without);
	live_check(with.code == 0 && with.has_result && with.rc == -1 && with.err == EPERM, name,
		   "expected umask to fail with EPERM, child %s", live_describe(&with, how, sizeof how));
	live_case_done(name);
	live_check(without.code == 0 && without.has_result && without.rc >= 0, control,
		   "expected umask to succeed, child %s", live_describe(&without, how, sizeof how));
	live_case_done(control);
	live_child_free(&with);
	live_child_free(&without);
}

static void *killed_thread(void *arg)
{
	(void)arg;
	guest_raw6(SYS_getpgid, PGID_KILL_THREAD, 0, 0, 0, 0, 0);
	live_result(-1, ENOTRECOVERABLE); /* not reached when the thread dies */
	return NULL;
}

static int kill_thread_body(void *arg)
{
	pthread_t t;
	(void)arg;
	if (seccomp_embed_install(&guest_enforce, 0))
		return 100;
	if (pthread_create(&t, NULL, killed_thread, NULL))
		return 101;
	pthread_join(t, NULL);
	live_result(1, 0); /* the main thread goes on */
	return 0;
}

static int kill_process_body(void *arg)
{
	(void)arg;
	if (seccomp_embed_install(&guest_enforce, 0))
		return 100;
	guest_raw6(SYS_getpgid, PGID_KILL_PROCESS, 0, 0, 0, 0, 0);
	return 3; /* not reached */
}

static void kills(void)
{
	const char *thread = "KILL_THREAD ends the calling thread; the process goes on";
	const char *process = "KILL_PROCESS ends the process by SIGSYS";
	struct live_child t, p;
	char how[160];
	live_run(kill_thread_body, NULL, 0, &t);
	live_run(kill_process_body, NULL, 0, &p);
	live_check(t.signal == 0 && t.code == 0 && t.has_result && t.rc == 1, thread, "child %s",
		   live_describe(&t, how, sizeof how));
	live_case_done(thread);
	live_check(p.signal == SIGSYS, process, "child %s", live_describe(&p, how, sizeof how));
	live_case_done(process);
	live_child_free(&t);
	live_child_free(&p);
}

void cases_threads(void)
{
	tsync();
	kills();
}
