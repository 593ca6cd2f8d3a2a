#include "string_list.h"

#include <stdlib.h>
#include <string.h>

#include "name_set.h"

int se_strings_add(struct se_strings *list, const char *s)
{
	char **grown = realloc(list->items, (list->n + 1) * sizeof *grown);
	if (!grown)
		return -1;
	list->items = grown;
	if (!(list->items[list->n] = strdup(s)))
		return -1;
	list->n++;
	return 0;
}

#define INDEX_FROM 32 /* a shorter list is scanned */

/* Brings the index up to the list's end; false when out of memory. */
static bool index_list(struct se_strings *list)
{
	if (!list->index && !(list->index = calloc(1, sizeof *list->index)))
		return false;
	for (; list->indexed < list->n; list->indexed++)
		if (se_name_set_add(list->index, list->items[list->indexed]) < 0)
			return false;
	return true;
}

bool se_strings_contains(const struct se_strings *list, const char *s)
{
	/* The index is a cache: filling it does not change what the list holds. */
	struct se_strings *cached = (struct se_strings *)list;
	if (list->n >= INDEX_FROM && index_list(cached))
		return se_name_set_has(list->index, s);
	for (size_t i = 0; i < list->n; i++)
		if (strcmp(list->items[i], s) == 0)
			return true;
	return false;
}

int se_strings_add_unique(struct se_strings *list, const char *s)
{
	return se_strings_contains(list, s) ? 0 : se_strings_add(list, s);
}

void se_strings_free(struct se_strings *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->items[i]);
	free(list->items);
	if (list->index)
		se_name_set_free(list->index);
	free(list->index);
	*list = (struct se_strings){NULL, 0, NULL, 0};
}
