#include "u64_set.h"

#include <stdlib.h>

int se_u64_add(struct se_u64_set *s, uint64_t v)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		uint64_t *grown = realloc(s->v, cap * sizeof *grown);
		if (!grown)
			return -1;
		s->v = grown;
		s->cap = cap;
	}
	s->v[s->n++] = v;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

void se_u64_unique(struct se_u64_set *s)
{
	size_t k = 0;
	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof *s->v, cmp_u64);
	for (size_t i = 1; i < s->n; i++)
		if (s->v[i] != s->v[k])
			s->v[++k] = s->v[i];
	s->n = k + 1;
}
