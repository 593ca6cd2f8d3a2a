#include "lint.h"

#include "trap_log.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void lint_masks(struct se_diag *d, const struct se_profile *p)
{
	char path[96];
	for (size_t i = 0; i < p->n_rules; i++)
		for (size_t j = 0; j < p->rules[i].n_args; j++) {
			const struct se_arg *a = &p->rules[i].args[j];
			if (a->op != SE_OP_MASKED_EQ || !(a->value_two & ~a->value))
				continue;
			snprintf(path, sizeof path, "syscalls[%zu].args[%zu]", i, j);
			se_warn(d, path, "SCMP_CMP_MASKED_EQ can never match: valueTwo 0x%llx has "
				"bits outside the mask (value) 0x%llx", (unsigned long long)a->value_two,
				(unsigned long long)a->value);
		}
}

static void lint_trap_handler(struct se_diag *d, const struct se_profile *p,
			      const struct se_compiled *c)
{
	char denied[160] = "";
	struct se_kernel_version k = c->options->has_kernel ? c->options->kernel
							    : c->variants[c->n_variants - 1].min_kernel;
	if (!c->uses_trap || c->options->mode == SE_MODE_TRAP_LOG)
		return; /* trap-log mode allows them itself, and says so */
	for (size_t i = 0; se_reporter_syscalls[i]; i++)
		if (!se_always_allowed(p, &c->target, k, se_reporter_syscalls[i]))
			snprintf(denied + strlen(denied), sizeof denied - strlen(denied), "%s%s",
				 *denied ? ", " : "", se_reporter_syscalls[i]);
	if (*denied)
		se_warn(d, NULL, "the profile uses SCMP_ACT_TRAP but does not always allow %s, "
			"which the SIGSYS reporter needs: reports may be lost or the process killed",
			denied);
}

static void note_reporter_allowed(struct se_diag *d, const struct se_compiled *c)
{
	char list[160] = "";
	const struct se_strings *a = &c->variants[c->n_variants - 1].report.reporter_allowed;
	for (size_t i = 0; i < a->n; i++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
			 a->items[i]);
	if (a->n)
		se_warn(d, NULL, "trap-log mode allows %s so that the SIGSYS reporter can run; "
			"the enforcing filter does not", list);
}

void se_lint(struct se_diag *d, const struct se_profile *p, const struct se_compiled *c)
{
	lint_masks(d, p);
	lint_trap_handler(d, p, c);
	note_reporter_allowed(d, c);
}
