/*
 * profile_parse.h - JSON document -> struct se_profile, checking every value
 * the way Docker's loader would (and a little stricter where Docker would
 * silently do something dangerous, such as truncating errnoRet to 16 bits).
 */
#ifndef SE_PROFILE_PARSE_H
#define SE_PROFILE_PARSE_H

#include <cjson/cJSON.h>

#include "diag.h"
#include "profile.h"

/* Accepts a Docker profile, an OCI `linux.seccomp` object or a whole OCI
 * config.json.  `errno_family` selects the errno numbering used for podman's
 * errno names ("generic", "mips" or "parisc").  Returns 0 or SE_EINPUT. */
int se_profile_parse(struct se_diag *d, const cJSON *root, const char *errno_family,
		     struct se_profile *out);

#endif
