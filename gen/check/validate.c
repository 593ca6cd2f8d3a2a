#include "validate.h"

#include <linux/audit.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "bpf_check.h"
#include "syscall_span.h"
#include "syscall_table.h"
#include "validate_inputs.h"
#include "validate_paths.h"

#define COMBINATIONS_MAX 4096 /* every combination of argument values, below this */

struct run {
	const struct se_program *ref, *cand;
	const struct se_probe_plan *plan;
	const struct se_arch_set *arches;
	bool big_endian;
	bool reads; /* the last input's path read more than nr and arch */
	struct se_validate_failure *f;
};

/* Is nr one of x32's: bit 30 set on x86_64's audit arch (and not a
 * negative number such as -1)? */
static bool x32_number(const struct se_bpf_data *d)
{
	return d->arch == AUDIT_ARCH_X86_64 && (d->nr & SE_X32_BASE) && !(d->nr & 0x80000000u);
}

/* The filter's arch an input is for; x86_64 and x32 share an audit arch
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

/* 0 if both programs return the same, 1 (and the failure filled) if not. */
static int try_input(struct run *r, const struct se_bpf_data *d)
{
	uint32_t words[SE_BPF_DATA_WORDS];
	struct se_bpf_result a, b;

	se_bpf_words(d, r->big_endian, words);
	se_bpf_run(r->ref->insns, r->ref->len, words, &a);
	se_bpf_run(r->cand->insns, r->cand->len, words, &b);
	r->f->inputs++;
	r->reads = a.reads_data || b.reads_data;
	if (a.fault == SE_BPF_OK && b.fault == SE_BPF_OK && a.ret == b.ret)
		return 0;
	r->f->input = *d;
	r->f->arch = arch_of(r->arches, d);
	r->f->ref = a;
	r->f->cand = b;
	return 1;
}

/* Slot 0 is instruction_pointer, slots 1-6 are args[0..5]. */
static void set_slot(struct se_bpf_data *d, unsigned s, uint64_t v)
{
	if (s == 0)
		d->ip = v;
	else
		d->args[s - 1] = v;
}

static void set_all(struct se_bpf_data *d, uint64_t v)
{
	for (unsigned s = 0; s < SE_PROBE_SLOTS; s++)
		set_slot(d, s, v);
}

/* Each field over its values, the others at `rest`. */
static int one_at_a_time(struct run *r, struct se_bpf_data d, uint64_t rest)
{
	for (unsigned s = 0; s < SE_PROBE_SLOTS; s++) {
		const struct se_u64_set *vals = &r->plan->slot[s];
		set_all(&d, rest);
		for (size_t i = 0; i < vals->n; i++) {
			set_slot(&d, s, vals->v[i]);
			if (try_input(r, &d))
				return 1;
		}
	}
	return 0;
}

/* Every field at once, the i-th value of each (wrapping round). */
static int all_together(struct run *r, struct se_bpf_data d)
{
	size_t most = 0;
	for (unsigned s = 0; s < SE_PROBE_SLOTS; s++)
		most = r->plan->slot[s].n > most ? r->plan->slot[s].n : most;
	for (size_t i = 0; i < most; i++) {
		for (unsigned s = 0; s < SE_PROBE_SLOTS; s++)
			if (r->plan->slot[s].n)
				set_slot(&d, s, r->plan->slot[s].v[i % r->plan->slot[s].n]);
		if (try_input(r, &d))
			return 1;
	}
	return 0;
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
			set_slot(&d, s, vals->v[rest % vals->n]);
			rest /= vals->n;
		}
		if (try_input(r, &d))
			return 1;
	}
	return 0;
}

/* Every pair of paths the two programs take for this (arch, nr). */
static int paths(struct run *r, const struct se_bpf_data *d)
{
	struct se_bpf_data differing;
	if (!se_paths_find_difference(r->ref, r->cand, d->arch, d->nr, r->big_endian, &differing))
		return 0;
	return try_input(r, &differing);
}

static int try_arguments(struct run *r, const struct se_bpf_data *d)
{
	return one_at_a_time(r, *d, 0) || one_at_a_time(r, *d, UINT64_MAX) ||
	       all_together(r, *d) || combinations(r, *d) || paths(r, d);
}

static int sweep(struct run *r)
{
	const struct se_probe_plan *p = r->plan;
	for (size_t a = 0; a < p->arches.n; a++)
		for (size_t i = 0; i < p->nrs.n; i++) {
			struct se_bpf_data d = {.nr = (uint32_t)p->nrs.v[i],
						.arch = (uint32_t)p->arches.v[a]};
			if (try_input(r, &d) || (r->reads && try_arguments(r, &d)))
				return 1;
		}
	return 0;
}

int se_validate(const struct se_program *ref, const struct se_program *cand,
		const struct se_arch_set *arches, struct se_validate_failure *failure)
{
	struct se_probe_plan plan;
	struct run r = {ref, cand, &plan, arches, arches->n && arches->arches[0]->big_endian, false,
			failure};
	int rc;

	*failure = (struct se_validate_failure){0};
	failure->errno_family = arches->n ? arches->arches[0]->errno_family : "generic";
	failure->load_fault = se_bpf_check(cand->insns, cand->len, &failure->load_fault_at);
	if (failure->load_fault != SE_BPF_OK)
		return 1;
	if (se_probe_plan_make(ref, cand, arches, &plan)) {
		se_probe_plan_free(&plan);
		return -1;
	}
	rc = sweep(&r);
	se_probe_plan_free(&plan);
	return rc;
}

/* ------------------------------------------------------------------ */

static void describe_result(const struct se_bpf_result *res, const char *family, char *out,
			    size_t len)
{
	if (res->fault != SE_BPF_OK)
		snprintf(out, len, "fails at insn %u (%s)", (unsigned)res->fault_pc,
			 se_bpf_fault_str(res->fault));
	else
		se_describe_ret(res->ret, family, out, len);
}

/* The arch that names the input's syscall: x32 for x86_64's audit arch
 * with bit 30 set, whether or not the filter covers x32. */
static const struct se_arch *naming_arch(const struct se_bpf_data *d)
{
	if (x32_number(d))
		return se_arch_find("x32");
	return se_arch_by_audit(d->arch);
}

/* "arch x86_64 nr 56 (clone)" */
static int describe_call(const struct se_validate_failure *f, char *out, size_t len)
{
	const struct se_bpf_data *d = &f->input;
	const struct se_arch *a = naming_arch(d);
	char arch[64], nr[32], buf[64];
	const char *name = a ? se_syscall_name(a, d->nr, buf) : NULL;
	int n;

	if (a)
		snprintf(arch, sizeof arch, "%s%s", a->uname, f->arch ? "" : " (not in the filter)");
	else
		snprintf(arch, sizeof arch, "0x%08x (not in the filter)", (unsigned)d->arch);
	snprintf(nr, sizeof nr, d->nr < 0x10000 ? "%u" : "0x%x", (unsigned)d->nr);
	n = snprintf(out, len, "arch %s nr %s%s%s%s", arch, nr, name ? " (" : "", name ? name : "",
		     name ? ")" : "");
	return n;
}

void se_validate_format(const struct se_validate_failure *f, char *out, size_t len)
{
	const struct se_bpf_data *d = &f->input;
	uint16_t loaded = f->ref.loaded | f->cand.loaded;
	char call[200], args[200] = "", ref[64], cand[64];

	if (f->load_fault != SE_BPF_OK) {
		snprintf(out, len, "validation failed: the optimized program would not load: "
			 "insn %zu: %s", f->load_fault_at, se_bpf_fault_str(f->load_fault));
		return;
	}
	describe_call(f, call, sizeof call);
	if (loaded & 0xfff0)
		snprintf(args, sizeof args, " args 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx",
			 (unsigned long long)d->args[0], (unsigned long long)d->args[1],
			 (unsigned long long)d->args[2], (unsigned long long)d->args[3],
			 (unsigned long long)d->args[4], (unsigned long long)d->args[5]);
	if (loaded & 0x000c) {
		size_t used = strlen(args);
		snprintf(args + used, sizeof args - used, " ip 0x%llx", (unsigned long long)d->ip);
	}
	describe_result(&f->ref, f->errno_family, ref, sizeof ref);
	describe_result(&f->cand, f->errno_family, cand, sizeof cand);
	snprintf(out, len, "validation failed: %s%s: reference %s, optimized %s", call, args, ref,
		 cand);
}
