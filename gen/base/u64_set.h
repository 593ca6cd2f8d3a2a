/*
 * u64_set.h - a growable list of values (32-bit ones too), sorted and
 * rid of repeats on demand.  Free it with free(s.v).
 */
#ifndef SE_U64_SET_H
#define SE_U64_SET_H

#include <stddef.h>
#include <stdint.h>

struct se_u64_set {
	uint64_t *v;
	size_t n, cap;
};

/* Returns 0, or -1 on allocation failure. */
int se_u64_add(struct se_u64_set *s, uint64_t v);
/* Sort and drop repeats. */
void se_u64_unique(struct se_u64_set *s);

#endif
