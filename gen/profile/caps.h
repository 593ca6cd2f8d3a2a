/*
 * caps.h - the capability bounding set Docker would give the container,
 * which decides `includes.caps` / `excludes.caps`.
 */
#ifndef SE_CAPS_H
#define SE_CAPS_H

#include <stdbool.h>
#include <stddef.h>

#define SE_CAP_COUNT 41 /* CAP_CHOWN .. CAP_CHECKPOINT_RESTORE */

struct se_caps {
	bool has[SE_CAP_COUNT];
};

/* Index of a canonical name ("CAP_SYS_ADMIN"), or -1. */
int se_cap_index(const char *name);
const char *se_cap_name(int index);

/* Docker's rules: names upper-cased with CAP_ added; ALL in adds = every cap
 * but the drops; ALL in drops = only the adds; otherwise default - drops +
 * adds.  On an unknown name, reports it and returns SE_EINPUT. */
int se_caps_docker(const char *const *adds, size_t n_adds, const char *const *drops,
		   size_t n_drops, struct se_caps *out);

/* Exact comparison, as Docker: "SYS_ADMIN" never matches. */
bool se_caps_contains(const struct se_caps *c, const char *name);

#endif
