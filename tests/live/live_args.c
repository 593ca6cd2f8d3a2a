/*
 * 64-bit argument comparisons, live.  Docker's latest default profile
 * (../shared/corpus/moby-profiles-default-latest.json, or without the
 * corpus profiles/docker-default.json, which decides like it; generated
 * with --kernel 6.1) allows personality(0xffffffff), the query.  The kernel
 * takes personality's argument as a 32-bit unsigned int, so without a
 * filter personality(0x1ffffffff) is the same query; the filter must compare
 * all 64 bits and refuse it although its low half matches an allowed value.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "live_common.h"

extern const struct seccomp_embed_filter moby_enforce;

struct arg_case {
	int filtered;
	unsigned long arg;
};

static int personality_body(void *arg)
{
	const struct arg_case *k = arg;
	if (k->filtered && seccomp_embed_install(&moby_enforce, 0))
		return 100;
	long rc = syscall(SYS_personality, k->arg);
	live_result(rc, errno);
	return 0;
}

/* want_err 0: the call must return `want_rc`. */
static void personality_case(int filtered, unsigned long arg, long want_rc, int want_err,
			     const char *why)
{
	char name[160], got[200];
	struct arg_case k = {filtered, arg};
	struct live_child c;
	snprintf(name, sizeof name, "%s: personality(%#lx)",
		 filtered ? "moby default (latest, kernel 6.1)" : "no filter", arg);
	live_run(personality_body, &k, 0, &c);
	live_describe(&c, got, sizeof got);
	if (want_err)
		live_check(c.has_result && c.rc == -1 && c.err == want_err, name,
			   "expected -1 with errno %s (%s), child %s", strerrorname_np(want_err), why,
			   got);
	else
		live_check(c.has_result && c.rc == want_rc, name, "expected %#lx (%s), child %s",
			   (unsigned long)want_rc, why, got);
	live_child_free(&c);
	live_case_done(name);
}

int main(void)
{
	long persona = syscall(SYS_personality, 0xffffffffUL);
	if (persona < 0) {
		perror("personality(0xffffffff)");
		return 1;
	}
	/* The kernel alone: the high half is ignored, so both are the query. */
	personality_case(0, 0xffffffffUL, persona, 0, "the query returns the current persona");
	personality_case(0, 0x1ffffffffUL, persona, 0,
			 "the kernel truncates to 32 bits: the same query");
	/* The filter: exact 64-bit values. */
	personality_case(1, 0xffffffffUL, persona, 0,
			 "allowed by syscalls[9], returns the current persona");
	personality_case(1, 0x1ffffffffUL, 0, EPERM,
			 "the low half 0xffffffff matches syscalls[9] but the high half does not");
	personality_case(1, 0x100000000UL, 0, EPERM,
			 "the low half 0 matches syscalls[5] but the high half does not");
	personality_case(1, 0x100000008UL, 0, EPERM,
			 "the low half 8 matches syscalls[6] but the high half does not");
	personality_case(1, PER_LINUX32, persona, 0,
			 "PER_LINUX32 (8) is allowed and returns the previous persona");
	personality_case(1, 0x0020000UL | 0x4UL, 0, EPERM,
			 "a value no rule names falls to the default action");
	return live_finish();
}
