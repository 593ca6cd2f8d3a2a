/*
 * name_check.h - the syscall names of a profile, each checked against every
 * arch's syscalls (syscall_table.h) before any program is built.
 *
 * A name no arch has cannot become a rule.  In a rule stricter than the
 * default action (an ERRNO or KILL under an ALLOW default) that leaves the
 * syscall it was meant to stop allowed, so it is an error; elsewhere the rule
 * only allows less than its author wrote, and it is a warning.  Both name the
 * JSON path and the closest names some arch has.  A stricter rule with no
 * names at all protects nothing and is an error too.
 */
#ifndef SE_NAME_CHECK_H
#define SE_NAME_CHECK_H

#include "diag.h"
#include "profile.h"
#include "syscall_table.h"

/* The JSON path of name `n` of rule `r`: syscalls[I].names[N], or
 * syscalls[I].name for the old single-name form. */
void se_rule_name_path(const struct se_rule *r, size_t n, char *out, size_t len);

/* Returns 0, or SE_EINPUT after an error. */
int se_check_names(struct se_diag *d, const struct se_profile *p, enum se_syscall_source src);

#endif
