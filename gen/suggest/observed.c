#include "observed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct se_obs_call *find(struct se_observed *o, const struct se_arch *arch,
				const char *name)
{
	for (size_t i = 0; i < o->n; i++)
		if (o->v[i].arch == arch && strcmp(o->v[i].name, name) == 0)
			return &o->v[i];
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 64;
		struct se_obs_call *v = realloc(o->v, cap * sizeof *v);
		if (!v)
			return NULL;
		o->v = v;
		o->cap = cap;
	}
	struct se_obs_call *c = &o->v[o->n++];
	memset(c, 0, sizeof *c);
	c->arch = arch;
	c->input = o->input;
	snprintf(c->name, sizeof c->name, "%s", name);
	return c;
}

static void note_value(struct se_obs_arg *a, uint64_t v)
{
	for (unsigned i = 0; i < a->n; i++)
		if (a->value[i] == v)
			return;
	if (a->n < SE_OBS_VALUES)
		a->value[a->n++] = v;
	else
		a->many = true;
}

static void note_tuple(struct se_obs_call *c, const uint64_t args[6])
{
	for (unsigned i = 0; i < c->n_tuples; i++)
		if (memcmp(c->tuple[i], args, sizeof c->tuple[i]) == 0)
			return;
	if (c->n_tuples < SE_OBS_TUPLES)
		memcpy(c->tuple[c->n_tuples++], args, sizeof c->tuple[0]);
	else
		c->many_tuples = true;
}

int se_observed_add(struct se_observed *o, const struct se_arch *arch, const char *name,
		    const uint64_t *args, const bool *known, bool denied, unsigned long count)
{
	struct se_obs_call *c = find(o, arch, name);
	bool all = args != NULL;
	if (!c)
		return -1;
	c->count += count;
	c->denied |= denied;
	for (int i = 0; i < 6; i++) {
		if (args && (!known || known[i])) {
			note_value(&c->arg[i], args[i]);
		} else {
			c->arg[i].unknown = true;
			all = false;
		}
	}
	if (all)
		note_tuple(c, args);
	else
		c->partial = true;
	return 0;
}

void se_observed_free(struct se_observed *o)
{
	free(o->v);
	memset(o, 0, sizeof *o);
}
