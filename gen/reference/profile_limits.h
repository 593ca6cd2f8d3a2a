/*
 * profile_limits.h - the bounds a profile's argument conditions must keep, so that
 * every accepted profile compiles in well under a second.
 *
 * libseccomp builds the reference program, and its time grows with the
 * square of the rules on one syscall and of the program it writes (fuzzing
 * found 500 rules on one syscall taking 20 s, and 500 rules of 6 conditions
 * 10 s before failing as too long).  Real profiles stay far inside: Docker's
 * default has at most 5 condition rules on a syscall and 10 conditions in
 * all.  docs/errors.md, "Limits", states both.
 */
#ifndef SE_PROFILE_LIMITS_H
#define SE_PROFILE_LIMITS_H

#include "diag.h"
#include "profile.h"

/* Rules with argument conditions on one syscall; each condition of a rule
 * that repeats an argument index counts as a rule (runc adds each alone). */
#define SE_MAX_CONDITION_RULES_PER_SYSCALL 64
/* Argument conditions in the profile, each counted once per syscall its
 * rule names. */
#define SE_MAX_CONDITIONS 256

/* Syscall names in the rules (repeats counted) times the programs built
 * from them: each program looks every name up again (a 1 MB profile of
 * 60000 names in 15 kernel ranges took 2.3 s). */
#define SE_MAX_NAME_PROGRAMS 250000

/* Returns 0, or SE_EINPUT after naming the rule that passes a bound. */
int se_check_limits(struct se_diag *d, const struct se_profile *p);
/* The same for building `programs` programs from the profile's names. */
int se_check_program_work(struct se_diag *d, const struct se_profile *p, size_t programs);

#endif
