/*
 * name_set.h - a set of strings by hash, for the lookups that a profile of
 * many names would make quadratic (duplicate and unknown names, found by
 * fuzzing: 60000 names took seconds).  The set holds pointers, not copies:
 * each string must outlive it.
 */
#ifndef SE_NAME_SET_H
#define SE_NAME_SET_H

#include <stdbool.h>
#include <stddef.h>

struct se_name_set {
	const char **slots; /* open addressing; NULL is empty */
	size_t cap, n;      /* cap is 0 or a power of two */
};

/* Adds `name`.  Returns 1 if added, 0 if an equal string was there, -1 when
 * out of memory (the set is then unchanged). */
int se_name_set_add(struct se_name_set *s, const char *name);
bool se_name_set_has(const struct se_name_set *s, const char *name);
void se_name_set_free(struct se_name_set *s);

#endif
