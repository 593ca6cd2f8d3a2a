#include "command_words.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"

int se_word_next(int argc, char **argv, int *i, se_takes_value_fn takes_value, const void *ctx,
		struct se_word *out)
{
	const char *a = argv[*i], *eq = strchr(a, '=');
	*out = (struct se_word){.name = a};
	if (a[0] != '-' || strcmp(a, "-") == 0) {
		out->kind = SE_WORD_OPERAND;
		return 0;
	}
	/* A name too long for any option stays whole: it is unknown either way. */
	if (eq && a[1] == '-' && (size_t)(eq - a) < sizeof out->split) {
		snprintf(out->split, sizeof out->split, "%.*s", (int)(eq - a), a);
		out->name = out->split;
		out->value = eq + 1;
		out->kind = takes_value(out->name, ctx) ? SE_WORD_OPTION : SE_WORD_FLAG;
		return 0;
	}
	if (!takes_value(a, ctx)) {
		out->kind = SE_WORD_FLAG;
		return 0;
	}
	if (*i + 1 >= argc)
		return se_fail("option %s needs a value", a);
	out->kind = SE_WORD_OPTION;
	out->value = argv[++*i];
	return 0;
}
