/*
 * Syscalls newer than the host's libseccomp, live: tests/profiles/deny-newer.json
 * denies mseal (EACCES) and listmount (EPERM), which Debian 12's libseccomp
 * 2.5.4 cannot name; the generator takes their numbers from the kernel's
 * tables.  In a forked child with the filter installed each call fails with
 * the profile's errno; without it (the control), the kernel answers
 * something else, or the case is skipped where the kernel lacks the call.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "live_common.h"

extern const struct seccomp_embed_filter deny_newer;

#if defined(__x86_64__) || defined(__aarch64__) || defined(__riscv) || defined(__s390x__)
#define NR_LISTMOUNT 458 /* the numbers every arch shares since 5.1 */
#define NR_MSEAL 462
#endif

struct call {
	long nr;
	int install;
};

/* mseal(NULL, 0, 0) and listmount(NULL, NULL, 0, 0) touch nothing. */
static int make_call(void *arg)
{
	const struct call *c = arg;
	if (c->install && seccomp_embed_install(&deny_newer, 0) != 0)
		return 100;
	long rc = syscall(c->nr, 0L, 0L, 0L, 0L);
	live_result(rc, rc < 0 ? errno : 0);
	return 0;
}

static void one_case(const char *name, long nr, int want)
{
	struct live_child control, filtered;
	char what[96], how[64];
	struct call bare = {nr, 0}, confined = {nr, 1};
	live_run(make_call, &bare, 0, &control);
	if (control.has_result && control.rc < 0 && control.err == ENOSYS) {
		live_skip(name, "this kernel has no such syscall");
		live_child_free(&control);
		return;
	}
	live_run(make_call, &confined, 0, &filtered);
	snprintf(what, sizeof what, "%s denied with %s", name, strerror(want));
	live_check(filtered.has_result, what, "no result: %s",
		   live_describe(&filtered, how, sizeof how));
	live_check(filtered.rc == -1 && filtered.err == want, what, "got %ld errno %d, expected -1 %d",
		   filtered.rc, filtered.err, want);
	live_check(control.has_result && !(control.rc == -1 && control.err == want), what,
		   "the control (no filter) also got errno %d: the case proves nothing", control.err);
	live_case_done(what);
	live_child_free(&control);
	live_child_free(&filtered);
}

int main(void)
{
#ifdef NR_MSEAL
	one_case("mseal", NR_MSEAL, EACCES);
	one_case("listmount", NR_LISTMOUNT, EPERM);
#else
	live_skip("newer syscalls", "no numbers written for this arch");
#endif
	return live_finish();
}
