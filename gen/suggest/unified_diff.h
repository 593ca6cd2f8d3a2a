/*
 * unified_diff.h - `diff -u` of two texts that differ in one place (what
 * edit_profile.h makes): one hunk with three lines of context, which
 * `patch -p0` applies.
 */
#ifndef SE_UNIFIED_DIFF_H
#define SE_UNIFIED_DIFF_H

#include <stdio.h>

#include "json_text.h"

/* Writes nothing when the texts are equal. */
void se_unified_diff(FILE *f, const char *name, const struct se_text *before,
		     const struct se_text *after);

#endif
