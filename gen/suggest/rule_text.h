/*
 * rule_text.h - one rule of a profile as JSON text, in the layout of the
 * profile it goes into: its indentation, and `names` on one line or one
 * per line as the author's first rule has them.
 */
#ifndef SE_RULE_TEXT_H
#define SE_RULE_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "profile.h"

struct se_rule_style {
	char indent[96]; /* of the rule's braces */
	char unit[16];   /* one level deeper */
	bool inline_names;
};

/* Writes `{ "names": [...], "action": "SCMP_ACT_ALLOW", "args": [...],
 * "comment": ... }` without a trailing newline. */
void se_rule_text(FILE *f, const struct se_rule_style *s, const char *const *names, size_t n,
		  const struct se_arg *args, size_t n_args, const char *comment);

/* `s` as a JSON string, quotes included; bytes outside ASCII become '?'
 * (a file name need not be UTF-8, and the profile must stay valid). */
void se_json_string_text(FILE *f, const char *s);

#endif
