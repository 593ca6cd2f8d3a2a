#include "name_set.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash(const char *s)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

/* The slot holding `name`, or the empty one where it would go. */
static size_t find(const struct se_name_set *s, const char *name)
{
	size_t i = hash(name) & (s->cap - 1);
	while (s->slots[i] && strcmp(s->slots[i], name) != 0)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static int grow(struct se_name_set *s)
{
	struct se_name_set bigger = {NULL, s->cap ? s->cap * 2 : 64, s->n};
	bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
	if (!bigger.slots)
		return -1;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slots[i])
			bigger.slots[find(&bigger, s->slots[i])] = s->slots[i];
	free(s->slots);
	*s = bigger;
	return 0;
}

int se_name_set_add(struct se_name_set *s, const char *name)
{
	if (s->cap && s->slots[find(s, name)])
		return 0;
	if (2 * (s->n + 1) > s->cap && grow(s)) /* at most half full */
		return -1;
	s->slots[find(s, name)] = name;
	s->n++;
	return 1;
}

bool se_name_set_has(const struct se_name_set *s, const char *name)
{
	return s->cap && s->slots[find(s, name)] != NULL;
}

void se_name_set_free(struct se_name_set *s)
{
	free(s->slots);
	*s = (struct se_name_set){NULL, 0, 0};
}
