/*
 * TSYNC, live: eight threads started BEFORE seccomp_embed_install() and
 * parked on a barrier are confined once it returns: each tries chmod and
 * must get EPERM from examples/profiles/no-chmod.json.  The control case
 * installs with SECCOMP_EMBED_NO_TSYNC: then the same threads are not
 * confined (their chmod works), which shows the first case measures TSYNC.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "live_common.h"

extern const struct seccomp_embed_filter live_no_chmod;

#define THREADS 8

static char path[96];
static pthread_barrier_t started, installed;
static int thread_errno[THREADS];

static void *worker(void *arg)
{
	int *slot = arg;
	pthread_barrier_wait(&started);
	pthread_barrier_wait(&installed); /* parked here while the main thread installs */
	*slot = chmod(path, 0600) == 0 ? 0 : errno; /* fchmodat where there is no chmod */
	return NULL;
}

/* Exit code: 0 if every thread saw `want` (an errno, or 0 for success),
 * else 10 + the first thread that did not; the errnos go back in the
 * reports pipe as one line. */
static int tsync_body(void *arg)
{
	unsigned flags = *(const unsigned *)arg;
	pthread_t t[THREADS];
	pthread_barrier_init(&started, NULL, THREADS + 1);
	pthread_barrier_init(&installed, NULL, THREADS + 1);
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, &thread_errno[i]) != 0)
			return 101;
	pthread_barrier_wait(&started); /* all eight exist before the filter */
	if (seccomp_embed_install(&live_no_chmod, flags))
		return 100;
	pthread_barrier_wait(&installed);
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	char line[256];
	int n = 0;
	for (int i = 0; i < THREADS; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, "%s%s", i ? " " : "",
			      thread_errno[i] ? strerrorname_np(thread_errno[i]) : "0");
	line[n++] = '\n';
	if (write(live_report_fd, line, (size_t)n) != n)
		return 102;
	return 0;
}

static void tsync_case(const char *name, unsigned flags, const char *want)
{
	struct live_child c;
	char got[160], want_line[256] = "";
	for (int i = 0; i < THREADS; i++)
		snprintf(want_line + strlen(want_line), sizeof want_line - strlen(want_line), "%s%s",
			 i ? " " : "", want);
	strcat(want_line, "\n");
	chmod(path, 0644);
	live_run(tsync_body, &flags, 0, &c);
	if (live_check(c.signal == 0 && c.code == 0, name, "expected the child to exit 0, child %s",
		       live_describe(&c, got, sizeof got)))
		live_check(strcmp(c.reports, want_line) == 0, name,
			   "the eight threads' chmod results: expected \"%.*s\", got \"%.*s\"",
			   (int)strlen(want_line) - 1, want_line,
			   (int)(c.reports_len ? c.reports_len - 1 : 0), c.reports);
	live_child_free(&c);
	live_case_done(name);
}

int main(void)
{
	if (live_scratch_file(path, sizeof path, "tsync") != 0)
		return 1;
	tsync_case("8 threads started before install, TSYNC: all get EPERM", 0, "EPERM");
	tsync_case("control, SECCOMP_EMBED_NO_TSYNC: the earlier threads are not confined",
		   SECCOMP_EMBED_NO_TSYNC, "0");
	unlink(path);
	return live_finish();
}
