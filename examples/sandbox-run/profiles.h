/*
 * The profiles sandbox-run was built with: one filter table per entry,
 * each generated at build time by seccomp_embed() (see CMakeLists.txt).
 */
#ifndef SANDBOX_RUN_PROFILES_H
#define SANDBOX_RUN_PROFILES_H

#include <seccomp_embed.h>

struct sandbox_profile {
	const char *name;                          /* what the user types */
	const struct seccomp_embed_filter *filter; /* NULL: run unconfined */
	const char *what;                          /* one line for --list */
};

/* The profile called `name`, or NULL if there is none. */
const struct sandbox_profile *sandbox_profile_find(const char *name);

/* Print one line per profile: name, source file, what it does. */
void sandbox_profile_list(void);

#endif
