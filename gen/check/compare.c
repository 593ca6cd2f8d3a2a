#include "compare.h"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "actions.h"
#include "syscall_span.h"
#include "syscall_table.h"
#include "validate_inputs.h"
#include "validate_paths.h"

#define COMBINATIONS_MAX 4096 /* every combination of argument values, below this */

struct run {
	const struct se_stack *a, *b;
	const struct se_probe_plan *plan;
	const struct se_arch_set *arches;
	bool big_endian;
	bool reads; /* the last input's path read more than nr and arch */
	unsigned long long inputs;
	struct se_difference diff; /* the last input's, when they differed */
};

void se_stack_run(const struct se_stack *s, const uint32_t words[SE_BPF_DATA_WORDS],
		  struct se_bpf_result *r)
{
	*r = (struct se_bpf_result){.ret = SECCOMP_RET_ALLOW};
	/* newest first, as the kernel walks them: a later tie keeps the first */
	for (size_t i = s->n; i-- > 0;) {
		struct se_bpf_result one;
		se_bpf_run(s->layers[i].insns, s->layers[i].len, words, &one);
		r->steps += one.steps;
		r->loaded |= one.loaded;
		r->reads_data |= one.reads_data;
		if (one.fault != SE_BPF_OK && r->fault == SE_BPF_OK) {
			r->fault = one.fault;
			r->fault_pc = one.fault_pc;
		}
		if ((int32_t)(one.ret & SECCOMP_RET_ACTION_FULL) <
		    (int32_t)(r->ret & SECCOMP_RET_ACTION_FULL))
			r->ret = one.ret;
	}
	if (r->fault != SE_BPF_OK)
		r->ret = 0;
}

/* Is nr one of x32's: bit 30 set on x86_64's audit arch (and not a
 * negative number such as -1)? */
static bool x32_number(const struct se_bpf_data *d)
{
	return d->arch == AUDIT_ARCH_X86_64 && (d->nr & SE_X32_BASE) && !(d->nr & 0x80000000u);
}

/* The arch of the set an input is for; x86_64 and x32 share an audit arch
 * and differ by bit 30 of nr. */
static const struct se_arch *arch_of(const struct se_arch_set *arches, const struct se_bpf_data *d)
{
	const struct se_arch *found = NULL;
	bool x32_nr = x32_number(d);
	for (size_t i = 0; i < arches->n; i++) {
		const struct se_arch *a = arches->arches[i];
		if (a->audit_arch != d->arch)
			continue;
		if (!found || (a == se_arch_find("x32")) == x32_nr)
			found = a;
	}
	return found;
}

/* 0 if both filters return the same, 1 (and r->diff filled) if not. */
static int try_input(struct run *r, const struct se_bpf_data *d)
{
	uint32_t words[SE_BPF_DATA_WORDS];
	struct se_bpf_result a, b;

	se_bpf_words(d, r->big_endian, words);
	se_stack_run(r->a, words, &a);
	se_stack_run(r->b, words, &b);
	r->inputs++;
	r->reads = a.reads_data || b.reads_data;
	if (a.fault == SE_BPF_OK && b.fault == SE_BPF_OK && a.ret == b.ret)
		return 0;
	r->diff = (struct se_difference){.input = *d, .arch = arch_of(r->arches, d), .a = a, .b = b};
	return 1;
}

static int try_probe(void *ctx, const struct se_bpf_data *d)
{
	return try_input(ctx, d);
}

/* Every combination of the fields' values, when there are few enough. */
static int combinations(struct run *r, struct se_bpf_data d)
{
	size_t product = 1, used = 0;
	for (unsigned s = 0; s < SE_PROBE_SLOTS && product <= COMBINATIONS_MAX; s++)
		if (r->plan->slot[s].n) {
			product *= r->plan->slot[s].n;
			used++;
		}
	if (used < 2 || product > COMBINATIONS_MAX)
		return 0;
	for (size_t c = 0; c < product; c++) {
		size_t rest = c;
		for (unsigned s = 0; s < SE_PROBE_SLOTS; s++) {
			const struct se_u64_set *vals = &r->plan->slot[s];
			if (!vals->n)
				continue;
			se_probe_set_slot(&d, s, vals->v[rest % vals->n]);
			rest /= vals->n;
		}
		if (try_input(r, &d))
			return 1;
	}
	return 0;
}

/* Every pair of paths a layer of each filter takes for this (arch, nr):
 * where two layers part, the whole filters may too. */
static int paths(struct run *r, const struct se_bpf_data *d)
{
	struct se_bpf_data differing;
	for (size_t i = 0; i < r->a->n; i++)
		for (size_t k = 0; k < r->b->n; k++)
			if (se_paths_find_difference(&r->a->layers[i], &r->b->layers[k], d->arch,
						     d->nr, r->big_endian, &differing) &&
			    try_input(r, &differing))
				return 1;
	return 0;
}

static int try_arguments(struct run *r, const struct se_bpf_data *d)
{
	return se_probe_walk(r->plan, *d, try_probe, r) || combinations(r, *d) || paths(r, d);
}

static int sweep(struct run *r, se_difference_fn found, void *ctx)
{
	const struct se_probe_plan *p = r->plan;
	int differ = 0;
	for (size_t a = 0; a < p->arches.n; a++)
		for (size_t i = 0; i < p->nrs.n; i++) {
			struct se_bpf_data d = {.nr = (uint32_t)p->nrs.v[i],
						.arch = (uint32_t)p->arches.v[a]};
			if (!try_input(r, &d) && !(r->reads && try_arguments(r, &d)))
				continue;
			differ = 1;
			if (found(ctx, &r->diff))
				return 1;
		}
	return differ;
}

static int plan_for(const struct se_stack *a, const struct se_stack *b,
		    const struct se_arch_set *arches, struct se_probe_plan *plan)
{
	const struct se_program **layers = malloc((a->n + b->n + 1) * sizeof *layers);
	size_t n = 0;
	if (!layers)
		return -1;
	for (size_t i = 0; i < a->n; i++)
		layers[n++] = &a->layers[i];
	for (size_t i = 0; i < b->n; i++)
		layers[n++] = &b->layers[i];
	int rc = se_probe_plan_make_all(layers, n, arches, plan);
	free(layers);
	return rc;
}

int se_compare_stacks(const struct se_stack *a, const struct se_stack *b,
		      const struct se_arch_set *arches, se_difference_fn found, void *ctx,
		      unsigned long long *inputs)
{
	struct se_probe_plan plan = {0};
	struct run r = {a, b, &plan, arches, arches->n && arches->arches[0]->big_endian, false, 0,
			{{0}, NULL, {0}, {0}}};
	int rc = -1;
	if (plan_for(a, b, arches, &plan) == 0)
		rc = sweep(&r, found, ctx);
	se_probe_plan_free(&plan);
	if (inputs)
		*inputs = r.inputs;
	return rc;
}

const struct se_arch *se_naming_arch(const struct se_bpf_data *d)
{
	if (x32_number(d))
		return se_arch_find("x32");
	return se_arch_by_audit(d->arch);
}

void se_difference_call(const struct se_difference *diff, char *out, size_t len)
{
	const struct se_bpf_data *d = &diff->input;
	const struct se_arch *a = se_naming_arch(d);
	char arch[64], nr[32], buf[64];
	const char *name = a ? se_syscall_name(a, d->nr, buf) : NULL;

	if (a)
		snprintf(arch, sizeof arch, "%s%s", a->uname, diff->arch ? "" : " (not in the filter)");
	else
		snprintf(arch, sizeof arch, "0x%08x (not in the filter)", (unsigned)d->arch);
	snprintf(nr, sizeof nr, d->nr < 0x10000 ? "%u" : "0x%x", (unsigned)d->nr);
	snprintf(out, len, "arch %s nr %s%s%s%s", arch, nr, name ? " (" : "", name ? name : "",
		 name ? ")" : "");
}

void se_describe_result(const struct se_bpf_result *res, const char *family, char *out,
			size_t len)
{
	if (res->fault != SE_BPF_OK)
		snprintf(out, len, "fails at insn %u (%s)", (unsigned)res->fault_pc,
			 se_bpf_fault_str(res->fault));
	else
		se_describe_ret(res->ret, family, out, len);
}
