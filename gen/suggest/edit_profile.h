/*
 * edit_profile.h - the author's profile text with new rules added at the
 * end of its `syscalls` array (or a `syscalls` array added), every other
 * byte as it was.  The new rules follow the file's indentation.
 */
#ifndef SE_EDIT_PROFILE_H
#define SE_EDIT_PROFILE_H

#include <stddef.h>

#include "json_text.h"
#include "profile.h"

struct se_new_rule {
	const char *const *names;
	size_t n_names;
	const struct se_arg *args;
	size_t n_args;
	char comment[320];
};

/* `keys[0..n_keys)` lead from the root to the profile object ({} for a
 * Docker profile, linux.seccomp in an OCI config).  On success `out` holds
 * the new text (free out->buf) and 0 is returned; -1 when out of memory or
 * when the text is not laid out as the parsed profile says. */
int se_edit_add_rules(const struct se_text *t, const char *const *keys, size_t n_keys,
		      const struct se_new_rule *rules, size_t n, struct se_text *out);

#endif
