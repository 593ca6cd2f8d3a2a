#include "attribution.h"

#include <stdlib.h>
#include <string.h>

#include "actions.h"

bool se_rule_args_ored(const struct se_rule *r)
{
	bool seen[6] = {false};
	for (size_t i = 0; i < r->n_args; i++) {
		if (seen[r->args[i].index])
			return true;
		seen[r->args[i].index] = true;
	}
	return false;
}

static int compare_sites(const void *a, const void *b)
{
	const struct se_attr_site *x = a, *y = b;
	if (x->arch != y->arch)
		return x->arch < y->arch ? -1 : 1;
	if (x->nr != y->nr)
		return x->nr < y->nr ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static int add_site(struct se_attribution *a, size_t *cap, uint32_t nr, unsigned arch, unsigned rule)
{
	if (a->n_sites == *cap) {
		size_t bigger = *cap ? *cap * 2 : 256;
		struct se_attr_site *grown = realloc(a->sites, bigger * sizeof *grown);
		if (!grown)
			return -1;
		a->sites = grown;
		*cap = bigger;
	}
	a->sites[a->n_sites++] = (struct se_attr_site){nr, arch, rule};
	return 0;
}

static int add_rule_sites(struct se_attribution *a, size_t *cap, const struct se_arch_set *arches,
			  enum se_syscall_source src, const struct se_rule *r, unsigned rule)
{
	for (size_t n = 0; n < r->names.n; n++)
		for (unsigned arch = 0; arch < arches->n; arch++) {
			long nr = se_syscall_nr(arches->arches[arch], r->names.items[n], src);
			if (nr >= 0 && add_site(a, cap, (uint32_t)nr, arch, rule))
				return -1;
		}
	return 0;
}

int se_attribution_build(const struct se_profile *p, const bool *applies,
			 const struct se_arch_set *arches, enum se_syscall_source src,
			 const long *stub_last, struct se_attribution *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof *out);
	out->default_action = se_action_value(p->default_action, p->has_default_errno_ret,
					      p->default_errno_ret);
	for (size_t a = 0; a < SE_MAX_ARCHES; a++)
		out->enosys_above[a] = stub_last && a < arches->n && stub_last[a] >= 0
				       ? (uint32_t)stub_last[a] : SE_NO_STUB;
	out->rules = calloc(p->n_rules ? p->n_rules : 1, sizeof *out->rules);
	if (!out->rules)
		return -1;
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct se_rule *r = &p->rules[i];
		uint32_t action = se_action_value(r->action, r->has_errno_ret, r->errno_ret);
		if (!applies[i] || action == out->default_action)
			continue; /* never decides anything */
		out->rules[out->n_rules] = (struct se_attr_rule){r, action, se_rule_args_ored(r)};
		if (add_rule_sites(out, &cap, arches, src, r, (unsigned)out->n_rules++))
			return -1;
	}
	if (out->n_sites) /* qsort takes no NULL, even for nothing */
		qsort(out->sites, out->n_sites, sizeof *out->sites, compare_sites);
	return 0;
}

int se_attribution_copy(const struct se_attribution *from, struct se_attribution *to)
{
	*to = *from;
	to->rules = malloc((from->n_rules ? from->n_rules : 1) * sizeof *to->rules);
	to->sites = malloc((from->n_sites ? from->n_sites : 1) * sizeof *to->sites);
	if (!to->rules || !to->sites) {
		se_attribution_free(to);
		return -1;
	}
	if (from->n_rules) /* memcpy's arguments may not be NULL even for 0 bytes */
		memcpy(to->rules, from->rules, from->n_rules * sizeof *to->rules);
	if (from->n_sites)
		memcpy(to->sites, from->sites, from->n_sites * sizeof *to->sites);
	return 0;
}

void se_attribution_free(struct se_attribution *a)
{
	free(a->rules);
	free(a->sites);
	memset(a, 0, sizeof *a);
}
