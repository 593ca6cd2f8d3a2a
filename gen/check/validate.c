#include "validate.h"

#include <stdio.h>
#include <string.h>

#include "bpf_check.h"
#include "compare.h"

/* The first difference ends validation. */
static int keep_first(void *ctx, const struct se_difference *d)
{
	struct se_validate_failure *f = ctx;
	f->input = d->input;
	f->arch = d->arch;
	f->ref = d->a;
	f->cand = d->b;
	return 1;
}

int se_validate(const struct se_program *ref, const struct se_program *cand,
		const struct se_arch_set *arches, struct se_validate_failure *failure)
{
	struct se_stack a = {ref, 1}, b = {cand, 1};

	*failure = (struct se_validate_failure){0};
	failure->errno_family = arches->n ? arches->arches[0]->errno_family : "generic";
	failure->load_fault = se_bpf_check(cand->insns, cand->len, &failure->load_fault_at);
	if (failure->load_fault != SE_BPF_OK)
		return 1;
	return se_compare_stacks(&a, &b, arches, keep_first, failure, &failure->inputs);
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
	struct se_difference diff = {.input = f->input, .arch = f->arch};
	se_difference_call(&diff, call, sizeof call);
	if (loaded & 0xfff0)
		snprintf(args, sizeof args, " args 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx",
			 (unsigned long long)d->args[0], (unsigned long long)d->args[1],
			 (unsigned long long)d->args[2], (unsigned long long)d->args[3],
			 (unsigned long long)d->args[4], (unsigned long long)d->args[5]);
	if (loaded & 0x000c) {
		size_t used = strlen(args);
		snprintf(args + used, sizeof args - used, " ip 0x%llx", (unsigned long long)d->ip);
	}
	se_describe_result(&f->ref, f->errno_family, ref, sizeof ref);
	se_describe_result(&f->cand, f->errno_family, cand, sizeof cand);
	snprintf(out, len, "validation failed: %s%s: reference %s, optimized %s", call, args, ref,
		 cand);
}
