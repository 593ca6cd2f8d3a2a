#include "resolve.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int se_kernel_cmp(struct se_kernel_version a, struct se_kernel_version b)
{
	if (a.major != b.major)
		return a.major < b.major ? -1 : 1;
	if (a.minor != b.minor)
		return a.minor < b.minor ? -1 : 1;
	return 0;
}

static int add_arch(struct se_diag *d, const char *path, const char *scmp, struct se_arch_set *s)
{
	const struct se_arch *a = se_arch_by_scmp(scmp);
	if (!a)
		return se_error(d, path, "unknown architecture \"%s\"; expected an SCMP_ARCH_* name "
				"that libseccomp 2.5.4 knows, such as SCMP_ARCH_X86_64", scmp);
	for (size_t i = 0; i < s->n; i++)
		if (s->arches[i] == a)
			return 0;
	if (a->big_endian != s->arches[0]->big_endian)
		return se_error(d, path, "%s is %s-endian but the target %s is not; libseccomp "
				"refuses to mix byte orders in one filter (Docker would fail to "
				"start the container)", scmp, a->big_endian ? "big" : "little",
				s->arches[0]->scmp);
	if (s->n == SE_MAX_ARCHES)
		return se_error(d, path, "too many architectures");
	s->arches[s->n++] = a;
	return 0;
}

static int add_all(struct se_diag *d, const char *path, const struct se_strings *names,
		   struct se_arch_set *s)
{
	char p[128];
	for (size_t i = 0; i < names->n; i++) {
		snprintf(p, sizeof p, "%s[%zu]", path, i);
		if (add_arch(d, p, names->items[i], s))
			return SE_EINPUT;
	}
	return 0;
}

int se_resolve_arches(struct se_diag *d, const struct se_profile *p,
		      const struct se_target *t, struct se_arch_set *out)
{
	char path[128];
	out->arches[0] = t->arch;
	out->n = 1;
	if (p->architectures.n)
		return add_all(d, "architectures", &p->architectures, out);
	for (size_t i = 0; i < p->n_arch_map; i++) {
		if (strcmp(p->arch_map[i].arch, t->arch->scmp) != 0)
			continue;
		snprintf(path, sizeof path, "archMap[%zu].subArchitectures", i);
		return add_all(d, path, &p->arch_map[i].sub_arches, out);
	}
	return 0;
}

static bool excluded(const struct se_condition *c, const struct se_target *t,
		     struct se_kernel_version kernel, char *why, size_t n)
{
	if (se_strings_contains(&c->arches, t->arch->docker)) {
		snprintf(why, n, "excludes.arches lists %s", t->arch->docker);
		return true;
	}
	for (size_t i = 0; i < c->caps.n; i++)
		if (se_caps_contains(&t->caps, c->caps.items[i])) {
			snprintf(why, n, "excludes.caps: %s is granted", c->caps.items[i]);
			return true;
		}
	if (c->has_min_kernel && se_kernel_cmp(kernel, c->min_kernel) >= 0) {
		snprintf(why, n, "excludes.minKernel %u.%u: kernel is %u.%u", c->min_kernel.major,
			 c->min_kernel.minor, kernel.major, kernel.minor);
		return true;
	}
	return false;
}

static bool not_included(const struct se_condition *c, const struct se_target *t,
			 struct se_kernel_version kernel, char *why, size_t n)
{
	if (c->arches.n && !se_strings_contains(&c->arches, t->arch->docker)) {
		snprintf(why, n, "includes.arches does not list %s", t->arch->docker);
		return true;
	}
	for (size_t i = 0; i < c->caps.n; i++)
		if (!se_caps_contains(&t->caps, c->caps.items[i])) {
			snprintf(why, n, "includes.caps: %s is not granted", c->caps.items[i]);
			return true;
		}
	if (c->has_min_kernel && se_kernel_cmp(kernel, c->min_kernel) < 0) {
		snprintf(why, n, "includes.minKernel %u.%u: kernel is %u.%u", c->min_kernel.major,
			 c->min_kernel.minor, kernel.major, kernel.minor);
		return true;
	}
	return false;
}

bool se_rule_applies(const struct se_rule *r, const struct se_target *t,
		     struct se_kernel_version kernel, char *why, size_t why_len)
{
	char scratch[128];
	if (!why) {
		why = scratch;
		why_len = sizeof scratch;
	}
	return !excluded(&r->excludes, t, kernel, why, why_len) &&
	       !not_included(&r->includes, t, kernel, why, why_len);
}

/* Keeps the `cap` smallest distinct versions in `out`, ascending; *n
 * counts every distinct version seen, which `seen` holds ascending (the
 * caller gives room for two per rule) so that a version beyond `cap` is
 * counted once however often it recurs. */
static void insert_sorted(struct se_kernel_version v, struct se_kernel_version *seen,
			  size_t *n)
{
	size_t lo = 0, hi = *n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (se_kernel_cmp(seen[mid], v) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < *n && se_kernel_cmp(seen[lo], v) == 0)
		return;
	memmove(&seen[lo + 1], &seen[lo], (*n - lo) * sizeof *seen);
	seen[lo] = v;
	(*n)++;
}

size_t se_kernel_thresholds(const struct se_profile *p, struct se_kernel_version *out, size_t cap)
{
	struct se_kernel_version *seen = malloc((2 * p->n_rules + 1) * sizeof *seen);
	size_t n = 0;
	if (!seen)
		return SIZE_MAX; /* callers refuse it as too many, and say so */
	for (size_t i = 0; i < p->n_rules; i++) {
		if (p->rules[i].includes.has_min_kernel)
			insert_sorted(p->rules[i].includes.min_kernel, seen, &n);
		if (p->rules[i].excludes.has_min_kernel)
			insert_sorted(p->rules[i].excludes.min_kernel, seen, &n);
	}
	memcpy(out, seen, (n < cap ? n : cap) * sizeof *out);
	free(seen);
	return n;
}

bool se_always_allowed(const struct se_profile *p, const struct se_target *t,
				    struct se_kernel_version k, const char *name)
{
	if (p->default_action == SE_ACT_ALLOW || p->default_action == SE_ACT_LOG)
		return true;
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct se_rule *r = &p->rules[i];
		if ((r->action != SE_ACT_ALLOW && r->action != SE_ACT_LOG) || r->n_args ||
		    !se_rule_applies(r, t, k, NULL, 0))
			continue;
		if (se_strings_contains(&r->names, name))
			return true;
	}
	return false;
}
