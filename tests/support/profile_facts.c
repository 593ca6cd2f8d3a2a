/*
 * profile_facts.c - see profile_facts.h.
 */
#include "profile_facts.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reference_filter.h"

#define FACT_LEN 512

static int add_fact(struct fact_list *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int add_fact(struct fact_list *f, const char *fmt, ...)
{
	char buf[FACT_LEN];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 512;
		char **grown = realloc(f->v, cap * sizeof *grown);
		if (!grown)
			return -1;
		f->v = grown;
		f->cap = cap;
	}
	if (!(f->v[f->n] = strdup(buf)))
		return -1;
	f->n++;
	return 0;
}

static void condition_text(const struct se_arg *g, char *out, size_t len)
{
	snprintf(out, len, "arg%u %s 0x%llx/0x%llx", g->index, se_op_name(g->op),
		 (unsigned long long)g->value,
		 (unsigned long long)(g->op == SE_OP_MASKED_EQ ? g->value_two : 0));
}

static int cmp_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool index_repeats(const struct se_rule *r)
{
	for (size_t i = 0; i < r->n_args; i++)
		for (size_t k = i + 1; k < r->n_args; k++)
			if (r->args[i].index == r->args[k].index)
				return true;
	return false;
}

#define COND_LEN 96

static int cmp_condition(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

/* The conditions of one libseccomp rule runc adds: all of them (AND), or
 * with a repeated index, the single condition `only` (OR'ed rules). */
static void conditions_text(const struct se_rule *r, size_t only, char *out, size_t len)
{
	char parts[6][COND_LEN];
	size_t n = 0, used = 0;
	out[0] = '\0';
	if (only < r->n_args) {
		condition_text(&r->args[only], out, len);
		return;
	}
	for (size_t i = 0; i < r->n_args && i < 6; i++)
		condition_text(&r->args[i], parts[n++], COND_LEN);
	qsort(parts, n, sizeof parts[0], cmp_condition);
	for (size_t i = 0; i < n && used + 1 < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%s", i ? " & " : "", parts[i]);
}

static int rule_facts(const struct se_rule *r, fact_skip_fn skip, struct fact_list *out)
{
	char conds[FACT_LEN / 2];
	uint32_t action = ref_action_value(r->action, r->has_errno_ret, r->errno_ret);
	bool split = index_repeats(r);
	size_t n_variants = split ? r->n_args : 1;
	for (size_t k = 0; k < r->names.n; k++) {
		if (skip && skip(r->names.items[k]))
			continue;
		for (size_t v = 0; v < n_variants; v++) {
			conditions_text(r, split ? v : r->n_args, conds, sizeof conds);
			if (add_fact(out, "rule %s -> 0x%08x if %s", r->names.items[k], action,
				     conds[0] ? conds : "always"))
				return -1;
		}
	}
	return 0;
}

static int arch_facts(const struct se_profile *p, const struct se_target *t,
		      struct fact_list *out)
{
	struct se_diag d = {.file = "facts", .quiet = 1};
	struct se_arch_set arches;
	if (se_resolve_arches(&d, p, t, &arches))
		return -1;
	for (size_t i = 0; i < arches.n; i++)
		if (add_fact(out, "arch %s", arches.arches[i]->scmp))
			return -1;
	return 0;
}

static int top_facts(const struct se_profile *p, struct fact_list *out)
{
	char flags[FACT_LEN / 2] = "";
	size_t used = 0;
	for (size_t i = 0; i < p->flags.n && used + 1 < sizeof flags; i++)
		used += (size_t)snprintf(flags + used, sizeof flags - used, " %s", p->flags.items[i]);
	if (add_fact(out, "default 0x%08x",
		     ref_action_value(p->default_action, p->has_default_errno_ret,
				      p->default_errno_ret)))
		return -1;
	return add_fact(out, "flags %s%s", p->has_flags ? "given:" : "absent", flags);
}

static void sort_unique(struct fact_list *f)
{
	size_t k = 0;
	if (!f->n)
		return;
	qsort(f->v, f->n, sizeof *f->v, cmp_text);
	for (size_t i = 1; i < f->n; i++) {
		if (strcmp(f->v[i], f->v[k]) == 0)
			free(f->v[i]); /* a rule repeated adds nothing for libseccomp */
		else
			f->v[++k] = f->v[i];
	}
	f->n = k + 1;
}

int facts_build(const struct se_profile *p, const struct se_target *t,
		struct se_kernel_version kernel, fact_skip_fn skip, struct fact_list *out)
{
	memset(out, 0, sizeof *out);
	if (top_facts(p, out) || arch_facts(p, t, out))
		goto fail;
	for (size_t i = 0; i < p->n_rules; i++)
		if (se_rule_applies(&p->rules[i], t, kernel, NULL, 0) &&
		    rule_facts(&p->rules[i], skip, out))
			goto fail;
	sort_unique(out);
	return 0;
fail:
	facts_free(out);
	return -1;
}

void facts_free(struct fact_list *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	memset(f, 0, sizeof *f);
}

int facts_compare(const struct fact_list *a, const struct fact_list *b, char *why, size_t len)
{
	size_t i = 0, k = 0;
	while (i < a->n || k < b->n) {
		int c = i == a->n ? 1 : k == b->n ? -1 : strcmp(a->v[i], b->v[k]);
		if (c < 0) {
			snprintf(why, len, "only the first has \"%s\"", a->v[i]);
			return 1;
		}
		if (c > 0) {
			snprintf(why, len, "only the second has \"%s\"", b->v[k]);
			return 1;
		}
		i++;
		k++;
	}
	return 0;
}
