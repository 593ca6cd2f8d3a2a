/*
 * suggest.h - `seccomp-embed suggest`: from what one run of a program
 * called (report lines, strace output, audit lines: read_run.h) to the
 * profile it needs.  The author's profile comes back with what the run
 * needed added at the end of `syscalls`, a rule per kind of addition with a
 * comment saying where it came from, every other byte as it was (or, with
 * --diff, that change as a unified diff).  What it will not add silently is
 * named on standard error (needs.h).  Every addition is checked before the
 * output is written: the edited profile, compiled, allows each call it was
 * added for.
 *
 * `--start` writes a starting profile instead (start_profile.h); given
 * runs too, it is the profile the runs are added to.
 */
#ifndef SE_SUGGEST_H
#define SE_SUGGEST_H

#include <stdbool.h>

#include "options.h"

#define SE_MAX_RUNS 64

struct se_suggest_options {
	struct se_options compile; /* profile, arch, caps, kernel, syscalls, output, quiet */
	const char *runs[SE_MAX_RUNS];
	size_t n_runs;
	bool start, start_exec;
	bool diff, args, allow_risky;
};

/* Returns 0, SE_EINPUT (bad input or usage, reported) or -1 (an internal
 * failure, reported). */
int se_suggest_run(const struct se_suggest_options *o);

#endif
