/*
 * needs.h - from what a run called to what the profile must add.  Every
 * observed call the compiled filter does not already allow (coverage.h)
 * lands in one of these:
 *
 *   - a name to allow whatever its arguments (`names`);
 *   - a rule with argument conditions (`arg_rules`): where the profile
 *     already allows the syscall under conditions, the same arguments with
 *     the values the run showed; with --args, for a documented set, wherever
 *     every observed call gave the argument and it took few values:
 *       socket, socketpair: the domain (args[0]), each value seen;
 *       personality, prctl: args[0], each value seen;
 *       ioctl, fcntl: the request or command (args[1]), each value seen;
 *       clone: no new namespaces ((args[0] & CLONE_NEW*) == 0) if no call made one;
 *       mmap, mmap2, mprotect: no PROT_EXEC ((args[2] & PROT_EXEC) == 0) if none asked;
 *   - left out, with the reason, in a warning: a risky syscall (added only
 *     with --allow-risky), one a rule of the profile denies, one made on an
 *     arch the profile does not list, one the profile allows for some
 *     arguments when the run did not show them.
 */
#ifndef SE_NEEDS_H
#define SE_NEEDS_H

#include <stdbool.h>

#include "compiled.h"
#include "observed.h"
#include "propose.h"
#include "string_list.h"

#define SE_MAX_ARG_RULES 64

struct se_needs {
	struct se_strings names;     /* to allow whatever the arguments, sorted */
	struct se_arg_rule arg_rules[SE_MAX_ARG_RULES];
	size_t n_arg_rules;
	struct se_strings risky;     /* seen, left out (with --allow-risky: in the above) */
	struct se_strings denied;    /* "chmod (syscalls[3]: SCMP_ACT_ERRNO)": a rule denies it */
	struct se_strings unsure;    /* "openat (syscalls[5])": allowed for some arguments */
	struct se_strings arches;    /* "i386 (SCMP_ARCH_X86)": called on, not listed */
	struct se_strings compat;    /* "waitpid (i386)": names added for a sub-arch */
	unsigned long calls;         /* observed calls behind the additions */
	unsigned long covered;       /* observed calls the profile already allowed */
};

struct se_needs_options {
	bool args;        /* --args */
	bool allow_risky; /* --allow-risky */
};

/* Returns 0, or -1 when out of memory. */
int se_needs_find(const struct se_compiled *c, const struct se_profile *p,
		  const struct se_observed *obs, const struct se_needs_options *o,
		  struct se_needs *out);
void se_needs_free(struct se_needs *n);

/* Is this a syscall `suggest` will not add without --allow-risky? */
bool se_needs_risky(const char *name);

#endif
