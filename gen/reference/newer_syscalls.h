/*
 * newer_syscalls.h - rules for syscalls the host's libseccomp does not
 * number on an arch of the filter (Debian 12's 2.5.4 knows neither mseal
 * nor statmount), built by libseccomp all the same.
 *
 * libseccomp takes a rule's syscall in the host's numbering and translates
 * it to every other arch by name, so it cannot be handed a number it has no
 * name for.  It builds each syscall's rules independently of the others,
 * though, and the program it writes dispatches on the number.  So for each
 * such (arch, syscall), the profile's rules for it are given to a context
 * for that arch alone under a stand-in name libseccomp knows (getpid);
 * the one compare of nr with the stand-in's number in what it writes is
 * set to the syscall's own number, and that program is reached, ahead of
 * libseccomp's program for the rest, when arch and nr are the syscall's:
 * what a libseccomp that knew the name would decide, rule for rule.
 */
#ifndef SE_NEWER_SYSCALLS_H
#define SE_NEWER_SYSCALLS_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "program.h"
#include "resolve.h"
#include "string_list.h"

/* Rules in effect (`applies`) name these; `value[i]` is rule i's outcome. */
struct se_newer_rules {
	const struct se_profile *profile;
	const bool *applies;
	const uint32_t *value;
	uint32_t default_value;
	const struct se_strings *as_newer; /* names built so although libseccomp has them */
};

/* Puts the newer syscalls' programs around `prog` (libseccomp's program for
 * the rest, which it then begins, so a stub may still go in front), and
 * lists "name/arch" for each in `added`.  Returns 0 or SE_EINPUT. */
int se_newer_syscalls_add(struct se_diag *d, const struct se_newer_rules *rules,
			  const struct se_arch_set *arches, struct se_program *prog,
			  struct se_strings *added);

#endif
