/*
 * case_matrix.c - see case_matrix.h.
 */
#include "case_matrix.h"

#include <stdio.h>
#include <string.h>

#include "resolve.h"

#define CAP_PREFIX_LEN 4 /* "CAP_" */
#define MAX_THRESHOLDS 16

void caps_mentioned(const struct se_profile *const *profiles, size_t n, bool mentioned[SE_CAP_COUNT])
{
	memset(mentioned, 0, SE_CAP_COUNT * sizeof *mentioned);
	for (size_t p = 0; p < n; p++)
		for (size_t r = 0; r < profiles[p]->n_rules; r++) {
			const struct se_rule *rule = &profiles[p]->rules[r];
			const struct se_strings *lists[2] = {&rule->includes.caps, &rule->excludes.caps};
			for (size_t k = 0; k < 2; k++)
				for (size_t i = 0; i < lists[k]->n; i++) {
					int idx = se_cap_index(lists[k]->items[i]);
					if (idx >= 0)
						mentioned[idx] = true;
				}
		}
}

static struct cap_set *next(struct cap_set *out, size_t *n, size_t cap, const char *label,
			    int cap_index)
{
	struct cap_set *cs;
	if (*n == cap)
		return NULL;
	cs = &out[(*n)++];
	memset(cs, 0, sizeof *cs);
	snprintf(cs->label, sizeof cs->label, "%s", label);
	cs->cap_index = cap_index;
	return cs;
}

size_t cap_sets_plan(const bool mentioned[SE_CAP_COUNT], struct cap_set *out, size_t cap)
{
	struct se_caps def;
	struct cap_set *cs;
	size_t n = 0;
	char label[48];

	se_caps_docker(NULL, 0, NULL, 0, &def);
	next(out, &n, cap, "default", -1);
	if ((cs = next(out, &n, cap, "ALL", -1)))
		cs->add[cs->n_add++] = "ALL";
	if ((cs = next(out, &n, cap, "none", -1)))
		cs->drop[cs->n_drop++] = "ALL";
	for (int i = 0; i < SE_CAP_COUNT; i++) {
		const char *name = se_cap_name(i);
		if (!mentioned[i])
			continue;
		snprintf(label, sizeof label, "default%c%s", def.has[i] ? '-' : '+',
			 name + CAP_PREFIX_LEN);
		if (!(cs = next(out, &n, cap, label, i)))
			break;
		if (def.has[i])
			cs->drop[cs->n_drop++] = name;
		else
			cs->add[cs->n_add++] = name;
	}
	return n;
}

int cap_set_resolve(const struct cap_set *cs, const char *extra, struct se_caps *out)
{
	const char *add[2];
	size_t n_add = 0;
	if (cs->n_add)
		add[n_add++] = cs->add[0];
	if (extra)
		add[n_add++] = extra;
	return se_caps_docker(add, n_add, cs->drop, cs->n_drop, out);
}

static void add_kernel(struct kernel_choice *out, size_t *n, size_t cap, bool given,
		       unsigned major, unsigned minor)
{
	for (size_t i = 0; i < *n; i++)
		if (out[i].given == given && out[i].v.major == major && out[i].v.minor == minor)
			return;
	if (*n < cap)
		out[(*n)++] = (struct kernel_choice){given, {major, minor}};
}

size_t kernels_plan(const struct se_profile *const *profiles, size_t n,
		    struct kernel_choice *out, size_t cap)
{
	struct se_kernel_version th[MAX_THRESHOLDS];
	size_t count = 0;
	if (cap == 0)
		return 0;
	for (size_t p = 0; p < n; p++) {
		size_t n_th = se_kernel_thresholds(profiles[p], th, MAX_THRESHOLDS);
		for (size_t i = 0; i < n_th && i < MAX_THRESHOLDS; i++) {
			if (th[i].minor > 0)
				add_kernel(out, &count, cap - 1, true, th[i].major, th[i].minor - 1);
			else if (th[i].major > 0)
				add_kernel(out, &count, cap - 1, true, th[i].major - 1, 99);
			add_kernel(out, &count, cap - 1, true, th[i].major, th[i].minor);
			add_kernel(out, &count, cap - 1, true, th[i].major, th[i].minor + 1);
		}
	}
	add_kernel(out, &count, cap, false, 0, 0);
	return count;
}

void kernel_choice_label(const struct kernel_choice *k, char *out, size_t len)
{
	if (k->given)
		snprintf(out, len, "--kernel %u.%u", k->v.major, k->v.minor);
	else
		snprintf(out, len, "no --kernel");
}
