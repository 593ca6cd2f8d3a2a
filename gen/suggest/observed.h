/*
 * observed.h - what one run showed a program calling: per (arch, syscall),
 * how often, in which input, the distinct argument tuples of the calls
 * that gave all six arguments (reports), and for each argument the values
 * it had (a few distinct ones, or "many", or unknown where the input does
 * not give it).  Filled by the readers (read_run.h), read by needs.h.
 */
#ifndef SE_OBSERVED_H
#define SE_OBSERVED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

#define SE_OBS_VALUES 8
#define SE_OBS_TUPLES 16

struct se_obs_arg {
	uint64_t value[SE_OBS_VALUES];
	unsigned n;
	bool many;    /* more distinct values than kept */
	bool unknown; /* some call did not say */
};

struct se_obs_call {
	const struct se_arch *arch; /* the arch that made the call */
	char name[64];
	unsigned long count;
	bool denied;  /* a report or an audit line: the filter denied it */
	bool partial; /* some call did not give all six arguments */
	struct se_obs_arg arg[6];
	uint64_t tuple[SE_OBS_TUPLES][6]; /* of calls with all six */
	unsigned n_tuples;
	bool many_tuples; /* more distinct tuples than kept */
	const char *input; /* the first input that showed it (not owned) */
};

struct se_observed {
	struct se_obs_call *v;
	size_t n, cap;
	const char *input; /* the input being read: where new calls are seen */
};

/* `count` calls with these arguments; `args` NULL when the input gave
 * none, `known` (NULL: all) says which it gave.  Returns 0, or -1 when out
 * of memory. */
int se_observed_add(struct se_observed *o, const struct se_arch *arch, const char *name,
		    const uint64_t *args, const bool *known, bool denied, unsigned long count);
void se_observed_free(struct se_observed *o);

#endif
