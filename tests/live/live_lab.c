/*
 * The seccomp lab's profiles (../shared/corpus/docker-labs-*.json; without
 * the corpus the project's equivalents: profiles/default-no-chmod.json,
 * profiles/docker-default.json, tests/profiles/deny-all.json), live:
 * under default-no-chmod every chmod flavour fails with EPERM, under default
 * they work on a scratch file, and under deny the very first syscall after
 * installing is refused (the child cannot even exit, so it reports by the
 * way it dies: SIGILL from __builtin_trap(), which makes no syscall).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <seccomp_embed.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "live_common.h"

extern const struct seccomp_embed_filter lab_no_chmod, lab_default, lab_deny;

static char path[96];

enum flavour { VIA_CHMOD, VIA_SYS_CHMOD, VIA_FCHMOD, VIA_FCHMODAT };
static const char *const flavour_name[] = {"chmod(path, ", "syscall(SYS_chmod, path, ",
					   "fchmod(fd, ", "fchmodat(AT_FDCWD, path, "};

struct chmod_case {
	const struct seccomp_embed_filter *filter;
	enum flavour how;
	mode_t mode;
};

static int chmod_body(void *arg)
{
	const struct chmod_case *k = arg;
	int fd = open(path, O_RDONLY | O_CLOEXEC); /* before install: fchmod needs it */
	if (fd < 0)
		return 101;
	if (seccomp_embed_install(k->filter, 0))
		return 100;
	long rc;
	switch (k->how) {
	case VIA_CHMOD: rc = chmod(path, k->mode); break;
	case VIA_SYS_CHMOD: rc = syscall(SYS_chmod, path, k->mode); break;
	case VIA_FCHMOD: rc = fchmod(fd, k->mode); break;
	default: rc = fchmodat(AT_FDCWD, path, k->mode, 0); break;
	}
	live_result(rc, errno);
	return 0;
}

static mode_t mode_of(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 ? st.st_mode & 07777 : (mode_t)-1;
}

/* want_err 0: the call works and the file gets `mode`; else it fails with
 * want_err and the file keeps 0644. */
static void chmod_case(const char *profile, const struct seccomp_embed_filter *f, enum flavour how,
		       mode_t mode, int want_err)
{
	char name[160], got[160];
	struct chmod_case k = {f, how, mode};
	struct live_child c;
	snprintf(name, sizeof name, "%s: %s0%o)", profile, flavour_name[how], (unsigned)mode);
	chmod(path, 0644);
	if (live_run(chmod_body, &k, 0, &c) != 0)
		return;
	live_describe(&c, got, sizeof got);
	if (!want_err)
		live_check(c.has_result && c.rc == 0, name, "expected the call to return 0, child %s",
			   got);
	else
		live_check(c.has_result && c.rc == -1 && c.err == want_err, name,
			   "expected -1 with errno %s, child %s", strerrorname_np(want_err), got);
	mode_t want = want_err ? 0644 : mode, now = mode_of(path);
	live_check(now == want, name, "expected the file's mode 0%o afterwards, found 0%o",
		   (unsigned)want, (unsigned)now);
	live_child_free(&c);
	live_case_done(name);
}

/* Under the deny-all lab profile even exit_group fails: SIGILL (no syscall)
 * means "the first syscall got EPERM", SIGTRAP means it got something else. */
static int deny_body(void *arg)
{
	(void)arg;
	if (seccomp_embed_install(&lab_deny, 0))
		return 100;
	if (syscall(SYS_getppid) == -1 && errno == EPERM)
		__builtin_trap();
	__asm__ volatile("int3");
	return 1;
}

static void deny_case(void)
{
	const char *name = "docker-labs-deny: first syscall after install";
	char got[160];
	struct live_child c;
	if (live_run(deny_body, NULL, 0, &c) != 0)
		return;
	live_check(c.signal == SIGILL, name,
		   "expected the child killed by SIGILL (getppid got EPERM, no way to exit), "
		   "child %s%s", live_describe(&c, got, sizeof got),
		   c.signal == SIGTRAP ? " (SIGTRAP: getppid did not fail with EPERM)" : "");
	live_child_free(&c);
	live_case_done(name);
}

int main(void)
{
	if (live_scratch_file(path, sizeof path, "lab") != 0)
		return 1;
	static const mode_t modes[] = {0600, 0640, 0604, 0660};
	for (int how = VIA_CHMOD; how <= VIA_FCHMODAT; how++) {
		chmod_case("docker-labs-default-no-chmod", &lab_no_chmod, (enum flavour)how,
			   modes[how], EPERM);
		chmod_case("docker-labs-default", &lab_default, (enum flavour)how, modes[how], 0);
	}
	deny_case();
	unlink(path);
	return live_finish();
}
