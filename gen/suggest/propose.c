#include "propose.h"

#include <stdio.h>
#include <string.h>

#define CLONE_NEW_ANY 0x7e020000ull /* NEWNS UTS IPC USER PID NET CGROUP */
#define PROT_EXEC_BIT 4ull

static struct se_arg_rule *new_rule(struct se_arg_rules *out, const char *name, bool from_profile)
{
	if (out->n == out->cap)
		return NULL;
	struct se_arg_rule *r = &out->v[out->n++];
	memset(r, 0, sizeof *r);
	snprintf(r->name, sizeof r->name, "%s", name);
	r->from_profile = from_profile;
	return r;
}

/* Every observed call of `name`, on any arch, had argument `i`: its values. */
static bool values_of(const struct se_observed *obs, const char *name, unsigned i,
		      struct se_obs_arg *out)
{
	memset(out, 0, sizeof *out);
	for (size_t k = 0; k < obs->n; k++) {
		const struct se_obs_arg *a = &obs->v[k].arg[i];
		if (strcmp(obs->v[k].name, name) != 0)
			continue;
		if (a->unknown || a->many)
			return false;
		for (unsigned j = 0; j < a->n; j++) {
			unsigned m = 0;
			while (m < out->n && out->value[m] != a->value[j])
				m++;
			if (m == out->n && out->n == SE_OBS_VALUES)
				return false;
			if (m == out->n)
				out->value[out->n++] = a->value[j];
		}
	}
	return out->n > 0;
}

/* 'v': each value seen; 'n': no CLONE_NEW* bit; 'x': no PROT_EXEC. */
static const struct { const char *name; unsigned arg; char kind; } arg_set[] = {
	{"socket", 0, 'v'}, {"socketpair", 0, 'v'}, {"personality", 0, 'v'}, {"prctl", 0, 'v'},
	{"ioctl", 1, 'v'}, {"fcntl", 1, 'v'}, {"fcntl64", 1, 'v'}, {"clone", 0, 'n'},
	{"mmap", 2, 'x'}, {"mmap2", 2, 'x'}, {"mprotect", 2, 'x'},
};

int se_propose_args(const struct se_observed *obs, const char *name, struct se_arg_rules *out)
{
	for (size_t s = 0; s < sizeof arg_set / sizeof *arg_set; s++) {
		struct se_obs_arg seen;
		unsigned arg = arg_set[s].arg;
		if (strcmp(arg_set[s].name, name) != 0 || !values_of(obs, name, arg, &seen))
			continue;
		uint64_t mask = arg_set[s].kind == 'n' ? CLONE_NEW_ANY : PROT_EXEC_BIT, any = 0;
		for (unsigned j = 0; j < seen.n; j++)
			any |= seen.value[j] & mask;
		if (arg_set[s].kind != 'v' && any)
			return 0; /* the run needed what the condition would stop */
		struct se_arg_rule *r = new_rule(out, name, false);
		if (!r)
			return 0;
		if (arg_set[s].kind != 'v') {
			r->args[r->n_args++] = (struct se_arg){arg, mask, 0, SE_OP_MASKED_EQ};
			return 1;
		}
		for (unsigned j = 0; j < seen.n; j++)
			r->args[r->n_args++] = (struct se_arg){arg, seen.value[j], 0, SE_OP_EQ};
		return 1;
	}
	return 0;
}

/* The distinct argument indexes `r` tests, ascending; their number. */
static unsigned tested_indexes(const struct se_rule *r, unsigned idx[6])
{
	unsigned n = 0;
	for (unsigned i = 0; i < 6; i++)
		for (size_t a = 0; a < r->n_args; a++)
			if (r->args[a].index == i) {
				idx[n++] = i;
				break;
			}
	return n;
}

/* The distinct projections of the observed tuples of `name` onto `idx`;
 * false if some call did not give its arguments or there are too many. */
static bool projections(const struct se_observed *obs, const char *name, const unsigned *idx,
			unsigned n_idx, uint64_t out[SE_OBS_VALUES][6], unsigned *n_out)
{
	*n_out = 0;
	for (size_t k = 0; k < obs->n; k++) {
		const struct se_obs_call *c = &obs->v[k];
		if (strcmp(c->name, name) != 0)
			continue;
		if (c->partial || c->many_tuples)
			return false;
		for (unsigned t = 0; t < c->n_tuples; t++) {
			uint64_t p[6] = {0};
			for (unsigned i = 0; i < n_idx; i++)
				p[i] = c->tuple[t][idx[i]];
			unsigned m = 0;
			while (m < *n_out && memcmp(out[m], p, sizeof p) != 0)
				m++;
			if (m == *n_out && *n_out == SE_OBS_VALUES)
				return false;
			if (m == *n_out)
				memcpy(out[(*n_out)++], p, sizeof p);
		}
	}
	return *n_out > 0;
}

int se_propose_like_rule(const struct se_rule *r, const struct se_observed *obs,
			 const char *name, struct se_arg_rules *out)
{
	unsigned idx[6], n_idx = tested_indexes(r, idx), n_proj;
	uint64_t proj[SE_OBS_VALUES][6];
	if (!n_idx || !projections(obs, name, idx, n_idx, proj, &n_proj))
		return 0;
	if (out->n + (n_idx == 1 ? 1 : n_proj) > out->cap)
		return 0;
	if (n_idx == 1) { /* one rule, the values OR'ed */
		struct se_arg_rule *a = new_rule(out, name, true);
		for (unsigned p = 0; p < n_proj; p++)
			a->args[a->n_args++] = (struct se_arg){idx[0], proj[p][0], 0, SE_OP_EQ};
		return 1;
	}
	for (unsigned p = 0; p < n_proj; p++) { /* a rule per call: its values AND'ed */
		struct se_arg_rule *a = new_rule(out, name, true);
		for (unsigned i = 0; i < n_idx; i++)
			a->args[a->n_args++] = (struct se_arg){idx[i], proj[p][i], 0, SE_OP_EQ};
	}
	return 1;
}
