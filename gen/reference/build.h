/*
 * build.h - rules -> BPF the way runc does it: one libseccomp rule per
 * syscall name in file order, exported, then the ENOSYS stub in front.
 */
#ifndef SE_BUILD_H
#define SE_BUILD_H

#include <stdbool.h>

#include "attribution.h"
#include "diag.h"
#include "program.h"
#include "resolve.h"
#include "syscall_table.h"

struct se_build_options {
	bool enosys_stub; /* runc's stub (on by default) */
	enum se_syscall_source syscalls; /* where names get their numbers (syscall_table.h) */
	/* Built the way newer syscalls are although libseccomp numbers them:
	 * only for the test that proves both ways decide alike (NULL). */
	const struct se_strings *as_newer;
	/* SCMP_FLTATR_CTL_OPTIMIZE: 1 (a linear chain) or 2 (a binary tree);
	 * 0 is runc's choice, 2 above 32 names, else 1 (the reference) */
	unsigned optimize_level;
};

/* What happened to the profile's rules, for the summary and the header. */
struct se_build_report {
	size_t rules_kept, rules_dropped, rules_same_as_default;
	struct se_strings notes;         /* "syscalls[3] (clone): kept", ... */
	struct se_strings unknown_names; /* no arch numbers them: distinct, first seen first */
	struct se_strings newer_names;   /* built by number: the host's libseccomp lacks them */
	bool uses_trap;                  /* some outcome is TRAP */
	size_t ret_fixes;                /* RET constants put back in target order */
	struct se_attribution attribution;  /* for naming the deciding rule */
};

int se_build_program(struct se_diag *d, const struct se_profile *p, const struct se_target *t,
		     const struct se_arch_set *arches, struct se_kernel_version kernel,
		     const struct se_build_options *o, struct se_program *out,
		     struct se_build_report *rep);

void se_build_report_free(struct se_build_report *rep);
/* A deep copy, for a variant whose rules are another's; -1 when out of
 * memory (then `to` is empty). */
int se_build_report_copy(const struct se_build_report *from, struct se_build_report *to);

#endif
