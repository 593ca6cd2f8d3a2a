/*
 * string_list.h - a growable list of owned strings: rule names, notes for the
 * output's header, names to report.
 */
#ifndef SE_STRING_LIST_H
#define SE_STRING_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct se_name_set;

/* Append-only (items are never replaced or removed but by se_strings_free):
 * lookups in a long list go through an index built as they are made. */
struct se_strings {
	char **items;
	size_t n;
	struct se_name_set *index; /* NULL until a lookup in a long list */
	size_t indexed;            /* items[0 .. indexed) are in `index` */
};

/* Append a copy of s.  Returns 0, or -1 on allocation failure. */
int se_strings_add(struct se_strings *list, const char *s);
/* The same, unless an equal string is already there. */
int se_strings_add_unique(struct se_strings *list, const char *s);
/* Does the list hold a string equal to s? */
bool se_strings_contains(const struct se_strings *list, const char *s);
/* Frees the strings and the list, and empties it. */
void se_strings_free(struct se_strings *list);

#endif
