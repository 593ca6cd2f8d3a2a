/*
 * libseccomp_build.h - the calls to libseccomp that every reference program
 * is built from, in runc's way: a context for a default action and an arch
 * set, rules from the profile's rules, and the exported program.
 */
#ifndef SE_LIBSECCOMP_BUILD_H
#define SE_LIBSECCOMP_BUILD_H

#include <seccomp.h>

#include "diag.h"
#include "program.h"
#include "resolve.h"

/* A context answering `default_action`, for exactly `arches` (the host's
 * own arch is removed unless listed), at SCMP_FLTATR_CTL_OPTIMIZE `level`.
 * NULL after an error. */
scmp_filter_ctx se_libseccomp_context(struct se_diag *d, uint32_t default_action,
				      const struct se_arch *const *arches, size_t n_arches,
				      unsigned level);

/* runc: conditions on distinct arguments form one rule (AND); if any
 * argument index repeats, every condition becomes a rule of its own (OR).
 * `nr` is in the host's numbering, as libseccomp takes it.  Returns 0 or
 * libseccomp's negative errno. */
int se_libseccomp_add_rule(scmp_filter_ctx ctx, int nr, uint32_t action, const struct se_rule *r);

/* CPU seconds a libseccomp build may take (libseccomp_build.c says why):
 * the slowest profile within the limits of profile_limits.h needs 0.5. */
#define SE_LIBSECCOMP_CPU 2

/* Runs `work` in a child process under that CPU limit: it builds with
 * libseccomp and exports to `fd` (what runs there cannot change this
 * process, and a crash or a build that never ends is reported as such),
 * returning 0 or SE_EINPUT after reporting.  `out` gets the program in host
 * order (`big_endian`: the target's byte order, which libseccomp writes). */
int se_libseccomp_run(struct se_diag *d, int (*work)(void *arg, int fd), void *arg,
		      bool big_endian, struct se_program *out);

/* Test programs that build thousands of reference programs in one large
 * process (under AddressSanitizer, hundreds of megabytes) call this: there
 * the fork of each build would dominate their time.  Builds then run in
 * this process, without the CPU limit.  The command never calls it, and
 * the tests of the command (tests/bats) exercise the child. */
void se_libseccomp_run_in_process(bool yes);

/* For a `work` of se_libseccomp_run: exports `ctx` to `fd`; 0, or SE_EINPUT
 * after reporting an internal error. */
int se_libseccomp_export_to(scmp_filter_ctx ctx, int fd);

/* The program libseccomp generates for `ctx`, as se_libseccomp_run. */
int se_libseccomp_export(struct se_diag *d, scmp_filter_ctx ctx, bool big_endian,
			 struct se_program *out);

#endif
