/*
 * Installing an embedded filter: pick the program for the running kernel,
 * set no_new_privs, and hand the program to seccomp(2) with TSYNC so that
 * threads started earlier are confined too.
 */
#define _GNU_SOURCE
#include <seccomp_embed.h>

#include <errno.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "die.h"
#include "fmt.h"
#include "native_arch.h"
#include "report.h"
#include "supervisor.h"
#include "switches.h"

#ifndef SECCOMP_FILTER_FLAG_SPEC_ALLOW
#define SECCOMP_FILTER_FLAG_SPEC_ALLOW (1UL << 2)
#endif
#ifndef SECCOMP_FILTER_FLAG_NEW_LISTENER
#define SECCOMP_FILTER_FLAG_NEW_LISTENER (1UL << 3)
#endif
#ifndef SECCOMP_FILTER_FLAG_TSYNC_ESRCH
#define SECCOMP_FILTER_FLAG_TSYNC_ESRCH (1UL << 4)
#endif

static int parse_release(const char *release, unsigned *major, unsigned *minor)
{
	char *end;
	*major = (unsigned)strtoul(release, &end, 10);
	if (*end != '.')
		return -1;
	*minor = (unsigned)strtoul(end + 1, NULL, 10);
	return 0;
}

const struct seccomp_embed_program *
seccomp_embed_select_program(const struct seccomp_embed_filter *filter)
{
	struct utsname u;
	unsigned major, minor;
	if (uname(&u) != 0 || parse_release(u.release, &major, &minor) != 0)
		return NULL;
	const struct seccomp_embed_program *pick = &filter->programs[0];
	for (unsigned i = 1; i < filter->n_programs; i++) {
		const struct seccomp_embed_program *p = &filter->programs[i];
		if (major > p->min_kernel_major ||
		    (major == p->min_kernel_major && minor >= p->min_kernel_minor))
			pick = p;
	}
	return pick;
}

static int decides_native_arch(const struct seccomp_embed_filter *filter)
{
	for (unsigned i = 0; i < filter->n_arches; i++)
		if (filter->arches[i].audit_arch == SE_NATIVE_AUDIT_ARCH)
			return 1;
	return 0;
}

static int set_no_new_privs(void)
{
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 ? 0 : -errno;
}

/* Older kernels refuse flags they do not know with EINVAL; SPEC_ALLOW
 * (4.17) and LOG (4.14) only tune the filter, so drop them and retry. */
/* A line on stderr for what the return code cannot tell: a flag the
 * kernel did not know, or which thread TSYNC could not confine. */
static void note_flag_dropped(const char *flag)
{
	struct se_line l = {.len = 0};
	se_line_str(&l, "seccomp-embed: this kernel does not know ");
	se_line_str(&l, flag);
	se_line_str(&l, "; the filter was installed without it");
	se_line_write(&l, STDERR_FILENO);
}

static void note_tsync_blocked(long tid)
{
	struct se_line l = {.len = 0};
	se_line_str(&l, "seccomp-embed: thread ");
	se_line_dec(&l, (uint64_t)tid);
	se_line_str(&l, " could not be confined (SECCOMP_FILTER_FLAG_TSYNC: it has a filter "
		    "that is not an ancestor of this one); nothing was installed");
	se_line_write(&l, STDERR_FILENO);
}

static long load(const struct sock_fprog *prog, unsigned long flags)
{
	static const struct { unsigned long bit; const char *name; } optional[] = {
		{SECCOMP_FILTER_FLAG_SPEC_ALLOW, "SECCOMP_FILTER_FLAG_SPEC_ALLOW"},
		{SECCOMP_FILTER_FLAG_LOG, "SECCOMP_FILTER_FLAG_LOG"},
	};
	long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, prog);
	for (size_t i = 0; rc < 0 && errno == EINVAL && i < 2; i++) {
		if (!(flags & optional[i].bit))
			continue;
		flags &= ~optional[i].bit;
		rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, prog);
		if (rc >= 0)
			note_flag_dropped(optional[i].name);
	}
	if (rc > 0 && !(flags & SECCOMP_FILTER_FLAG_NEW_LISTENER))
		note_tsync_blocked(rc);
	return rc < 0 ? -errno : rc;
}

/* Without no_new_privs the kernel takes a filter only from a caller with
 * CAP_SYS_ADMIN; it answers EACCES otherwise, and then we set it. */
static long load_with_privs(const struct sock_fprog *prog, unsigned long kflags, unsigned flags)
{
	long loaded = -EACCES;
	if (flags & SECCOMP_EMBED_KEEP_PRIVS)
		loaded = load(prog, kflags);
	if (loaded == -EACCES) {
		int rc = set_no_new_privs();
		loaded = rc ? rc : load(prog, kflags);
	}
	return loaded;
}

static long load_any(const void *prog, unsigned long kflags, unsigned flags)
{
	return load_with_privs(prog, kflags, flags);
}

/* The SIGSYS reporter, and the filter it dies through (die.h), both before
 * the program's filter: once that is in force, installing either could be
 * denied. */
static long install_reporter(unsigned long kflags, unsigned flags)
{
	long rc = seccomp_embed_reporter_install(flags);
	return rc ? rc : se_die_filter_install(load_any, kflags & SECCOMP_FILTER_FLAG_TSYNC, flags);
}

/* Loud, because such a build confines nothing. */
static void note_learn_mode(const struct seccomp_embed_filter *filter)
{
	struct se_line l = {.len = 0};
	se_line_str(&l, "seccomp-embed: filter ");
	se_line_str(&l, filter->name);
	se_line_str(&l, " is in LEARN mode: every call its profile denies is reported and then "
		    "ALLOWED; this program is not sandboxed, never ship this build");
	se_line_write(&l, STDERR_FILENO);
}

static void note_no_supervisor(const struct seccomp_embed_filter *filter, const char *why)
{
	struct se_line l = {.len = 0};
	se_line_str(&l, "seccomp-embed: filter ");
	se_line_str(&l, filter->name);
	se_line_str(&l, filter->mode == SECCOMP_EMBED_MODE_LEARN
				? ": learn mode needs a supervisor process, and there is none ("
				: ": no supervisor process for trap-log (");
	se_line_str(&l, why);
	se_line_str(&l, filter->mode == SECCOMP_EMBED_MODE_LEARN
				? "); nothing was installed"
				: "); falling back to the in-process SIGSYS reporter: a denial made "
				  "while SIGSYS is blocked kills the process unreported, and reports "
				  "need write(2) allowed");
	se_line_write(&l, STDERR_FILENO);
}

/* No supervisor: trap-log installs the program the generator wrote for
 * that case, every denial a TRAP carrying its outcome, which the SIGSYS
 * reporter reports and carries out in the program itself; said once. */
static long load_in_process(const struct seccomp_embed_filter *filter,
			    const struct seccomp_embed_program *p, unsigned long kflags,
			    unsigned flags, const char *why)
{
	struct sock_fprog prog = {p->fallback_len, (struct sock_filter *)p->fallback_insns};
	note_no_supervisor(filter, why);
	if (filter->mode == SECCOMP_EMBED_MODE_LEARN || !p->fallback_insns)
		return -ENOSYS; /* learn lets calls run: without a supervisor it cannot */
	long rc = install_reporter(kflags, flags);
	if (rc)
		return rc;
	se_report_mark_in_process();
	return load_with_privs(&prog, kflags, flags);
}

/* Trap-log and learn modes: the filter's denials go to a supervisor
 * (supervisor.h), which must hold the listener before anything else runs.
 * A kernel without user notification refuses NEW_LISTENER (EINVAL). */
static long load_supervised(const struct seccomp_embed_filter *filter,
			    const struct seccomp_embed_program *p, const struct sock_fprog *prog,
			    unsigned long kflags, unsigned flags)
{
	struct se_supervisor sup;
	const char *why = NULL;
	long rc = se_supervisor_start(filter, p, se_switches_read(flags), &sup, &why);
	if (rc)
		return load_in_process(filter, p, kflags, flags, why);
	if (filter->mode == SECCOMP_EMBED_MODE_LEARN)
		note_learn_mode(filter); /* before: until the hand-over, no call may wait */
	unsigned long with_listener = kflags | SECCOMP_FILTER_FLAG_NEW_LISTENER;
	if (kflags & SECCOMP_FILTER_FLAG_TSYNC)
		with_listener |= SECCOMP_FILTER_FLAG_TSYNC_ESRCH; /* with a listener, TSYNC fails with ESRCH */
	rc = load_with_privs(prog, with_listener, flags);
	if (rc < 0)
		se_supervisor_cancel(&sup);
	if (rc == -EINVAL)
		return load_in_process(filter, p, kflags, flags,
				       "this kernel has no seccomp user notification with "
				       "TSYNC_ESRCH: Linux 5.7 or later");
	if (rc < 0)
		return rc == -ESRCH ? -EBUSY : rc;
	if (se_supervisor_hand_over(&sup, (int)rc) != 0)
		__builtin_trap(); /* nobody will answer the filter: must not go on, and no syscall can be trusted */
	close((int)rc); /* the supervisor has it; it lets this close through */
	return 0;
}

int seccomp_embed_install(const struct seccomp_embed_filter *filter, unsigned int flags)
{
	if (!filter || filter->abi_version != SECCOMP_EMBED_ABI_VERSION || filter->n_programs == 0)
		return -EINVAL;
	if (!decides_native_arch(filter))
		return -ENOEXEC;
	const struct seccomp_embed_program *p = seccomp_embed_select_program(filter);
	if (!p)
		return -errno;
	struct sock_fprog prog = {.len = p->len, .filter = (struct sock_filter *)p->insns};
	unsigned long kflags = filter->flags & ~(unsigned long)SECCOMP_FILTER_FLAG_TSYNC;
	if (!(flags & SECCOMP_EMBED_NO_TSYNC))
		kflags |= SECCOMP_FILTER_FLAG_TSYNC;
	if (filter->mode != SECCOMP_EMBED_MODE_ENFORCE && !p->enforce_insns)
		return -EINVAL;
	if (filter->may_trap) {
		long rc = install_reporter(kflags, flags);
		if (rc)
			return (int)rc;
	}
	/* registered first: with TSYNC another thread may trap at once */
	if (se_report_register(filter, p) != 0)
		return -ENOSPC;
	long loaded = filter->mode == SECCOMP_EMBED_MODE_ENFORCE
			      ? load_with_privs(&prog, kflags, flags)
			      : load_supervised(filter, p, &prog, kflags, flags);
	if (loaded != 0)
		se_report_unregister_last();
	if (loaded > 0)
		return -EBUSY; /* TSYNC: the id of a thread that could not be synchronised */
	return (int)loaded;
}

void seccomp_embed_install_or_abort(const struct seccomp_embed_filter *filter)
{
	int rc = seccomp_embed_install(filter, 0);
	if (rc == 0)
		return;
	fprintf(stderr, "seccomp-embed: cannot install filter %s (from %s): %s; aborting rather "
		"than running unsandboxed\n", filter ? filter->name : "(null)",
		filter ? filter->profile : "?", rc == -ENOEXEC
		? "it does not cover the architecture this program runs as" : strerror(-rc));
	abort();
}
