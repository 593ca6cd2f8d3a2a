#include "string_list.h"

#include <stdlib.h>
#include <string.h>

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

bool se_strings_contains(const struct se_strings *list, const char *s)
{
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
	list->items = NULL;
	list->n = 0;
}
