/*
 * Several filters in one process: each install adds a layer, the kernel runs
 * them all and the strictest outcome wins.  And TSYNC refusing to confine a
 * thread that already has a filter of its own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <seccomp_embed.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "live_common.h"

extern const struct seccomp_embed_filter layer_no_chmod, layer_no_mkdir, layer_trap;

static char file[64], dir[64];

/* Exit status: bit 0 chmod denied with EPERM, bit 1 mkdir denied with EACCES. */
static int denials(void)
{
	int chmod_denied = chmod(file, 0600) == -1 && errno == EPERM;
	int mkdir_denied = mkdir(dir, 0700) == -1 && errno == EACCES;
	rmdir(dir);
	return chmod_denied | mkdir_denied << 1;
}

static int both_layers(void *unused)
{
	(void)unused;
	if (seccomp_embed_install(&layer_no_chmod, 0) || seccomp_embed_install(&layer_no_mkdir, 0))
		return 100;
	return denials();
}

static int only_first_layer(void *unused)
{
	(void)unused;
	if (seccomp_embed_install(&layer_no_chmod, 0))
		return 100;
	return denials();
}

static pthread_barrier_t ready, done;

/* A thread that confines itself alone (no TSYNC) before the main thread
 * tries to confine every thread. */
static void *own_filter(void *arg)
{
	(void)arg;
	seccomp_embed_install(&layer_no_mkdir, SECCOMP_EMBED_NO_TSYNC);
	pthread_barrier_wait(&ready);
	pthread_barrier_wait(&done);
	return NULL;
}

static int tsync_blocked_by_a_thread(void *unused)
{
	(void)unused;
	pthread_t t;
	pthread_barrier_init(&ready, NULL, 2);
	pthread_barrier_init(&done, NULL, 2);
	pthread_create(&t, NULL, own_filter, NULL);
	pthread_barrier_wait(&ready);
	int rc = seccomp_embed_install(&layer_no_chmod, 0);
	int chmod_works = chmod(file, 0600) == 0;
	pthread_barrier_wait(&done);
	pthread_join(t, NULL);
	return rc == -EBUSY && chmod_works ? 0 : 1;
}

static volatile sig_atomic_t previous_handler_ran;

static void previous_handler(int sig)
{
	(void)sig;
	previous_handler_ran = 1;
}

/* A SIGSYS that does not come from seccomp (kill, raise) still reaches the
 * handler the program had installed before the reporter. */
static int chains_foreign_sigsys(void *unused)
{
	(void)unused;
	signal(SIGSYS, previous_handler);
	if (seccomp_embed_install(&layer_trap, 0))
		return 100;
	raise(SIGSYS);
	if (!previous_handler_ran)
		return 1;
	/* and a trapped call is still the reporter's: ENOSYS, no chaining */
	previous_handler_ran = 0;
	if (chmod(file, 0600) != -1 || errno != ENOSYS || previous_handler_ran)
		return 2;
	return 0;
}

static void expect_exit(const char *name, int (*body)(void *), int want)
{
	struct live_child c;
	char how[96];
	live_run(body, NULL, 0, &c);
	live_check(c.signal == 0 && c.code == want, name, "expected exit %d, child %s", want,
		   live_describe(&c, how, sizeof how));
	live_case_done(name);
	live_child_free(&c);
}

int main(void)
{
	snprintf(file, sizeof file, "/tmp/seccomp-embed-layers-%d", (int)getpid());
	snprintf(dir, sizeof dir, "/tmp/seccomp-embed-layers-dir-%d", (int)getpid());
	FILE *f = fopen(file, "w");
	if (!f)
		return 1;
	fclose(f);
	expect_exit("two layers: both denials apply", both_layers, 3);
	expect_exit("one layer: only its denial applies", only_first_layer, 1);
	expect_exit("TSYNC refused by a thread with its own filter: -EBUSY, nothing installed",
		    tsync_blocked_by_a_thread, 0);
	expect_exit("a SIGSYS not from seccomp goes to the handler installed before",
		    chains_foreign_sigsys, 0);
	unlink(file);
	return live_finish();
}
