#include "coverage.h"

#include <linux/seccomp.h>

#include "bpf_eval.h"
#include "syscall_table.h"

static bool lists_arch(const struct se_compiled *c, const struct se_arch *a)
{
	for (size_t i = 0; i < c->arches.n; i++)
		if (c->arches.arches[i] == a)
			return true;
	return false;
}

static bool allows(const struct se_program *p, const struct se_arch *a, uint32_t nr,
		   const uint64_t args[6])
{
	struct se_bpf_data d = {.nr = nr, .arch = a->audit_arch};
	struct se_bpf_result r;
	for (int i = 0; i < 6; i++)
		d.args[i] = args[i];
	if (se_bpf_eval(p->insns, p->len, &d, a->big_endian, &r))
		return false;
	uint32_t action = r.ret & SECCOMP_RET_ACTION_FULL;
	return action == SECCOMP_RET_ALLOW || action == SECCOMP_RET_LOG;
}

/* The verdict with every argument 0, and whether the path read any: if
 * not, that verdict holds whatever the arguments. */
static bool allows_at_zero(const struct se_program *p, const struct se_arch *a, uint32_t nr,
			   bool *reads_args)
{
	static const uint64_t zero[6];
	struct se_bpf_data d = {.nr = nr, .arch = a->audit_arch};
	struct se_bpf_result r;
	*reads_args = true;
	if (se_bpf_eval(p->insns, p->len, &d, a->big_endian, &r))
		return false;
	*reads_args = r.reads_data;
	return allows(p, a, nr, zero);
}

enum se_coverage se_coverage_of(const struct se_compiled *c, const struct se_obs_call *call)
{
	long nr = se_syscall_nr(call->arch, call->name, c->options->syscalls);
	bool unknown_args = false;
	if (nr < 0)
		return SE_NOT_NUMBERED;
	if (!lists_arch(c, call->arch))
		return SE_ARCH_MISSING;
	for (size_t v = 0; v < c->n_variants; v++) {
		const struct se_program *p = &c->variants[v].prog;
		bool reads_args;
		bool allowed = allows_at_zero(p, call->arch, (uint32_t)nr, &reads_args);
		if (!reads_args) {
			if (!allowed)
				return SE_NOT_COVERED;
			continue;
		}
		for (unsigned t = 0; t < call->n_tuples; t++)
			if (!allows(p, call->arch, (uint32_t)nr, call->tuple[t]))
				return SE_NOT_COVERED;
		if (call->partial)
			unknown_args = true;
	}
	return unknown_args ? SE_ARGS_UNKNOWN : SE_COVERED;
}

bool se_coverage_allows(const struct se_compiled *c, const struct se_arch *arch,
			const char *name, const uint64_t args[6])
{
	long nr = se_syscall_nr(arch, name, c->options->syscalls);
	if (nr < 0 || !lists_arch(c, arch))
		return false;
	for (size_t v = 0; v < c->n_variants; v++)
		if (!allows(&c->variants[v].prog, arch, (uint32_t)nr, args))
			return false;
	return true;
}
