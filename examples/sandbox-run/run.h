/* Confine this process with a profile, then become the command. */
#ifndef SANDBOX_RUN_RUN_H
#define SANDBOX_RUN_RUN_H

#include "profiles.h"

/* Exit statuses of sandbox-run itself, chosen as env(1) and the shells do,
 * so a caller can tell them from the command's own status. */
enum {
	SANDBOX_EXIT_USAGE = 2,       /* bad arguments or unknown profile */
	SANDBOX_EXIT_INSTALL = 125,   /* the filter could not be installed */
	SANDBOX_EXIT_CANNOT_EXEC = 126,
	SANDBOX_EXIT_NOT_FOUND = 127
};

/* Install the profile's filter (none for "none"), then execvp(argv[0]).
 * Returns only on failure, with the exit status to use. */
int sandbox_run(const struct sandbox_profile *profile, char *const argv[]);

#endif
