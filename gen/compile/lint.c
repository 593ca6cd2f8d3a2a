#include "lint.h"

#include "syscall_table.h"
#include "trap_log.h"

#include <seccomp.h>
#include <stdbool.h>
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
	if (!c->uses_trap || c->options->mode != SE_MODE_ENFORCE)
		return; /* the development modes' supervisor writes the reports */
	for (size_t i = 0; se_reporter_syscalls[i]; i++)
		if (!se_always_allowed(p, &c->target, k, se_reporter_syscalls[i]))
			snprintf(denied + strlen(denied), sizeof denied - strlen(denied), "%s%s",
				 *denied ? ", " : "", se_reporter_syscalls[i]);
	if (*denied)
		se_warn(d, NULL, "the profile uses SCMP_ACT_TRAP but does not always allow %s, "
			"which the SIGSYS reporter needs: reports may be lost or the process killed",
			denied);
}

/* What the C library needs to keep a program alive, and what breaks when
 * the filter denies it.  Names of one line are alternatives (32-bit arches
 * have mmap2, time64 ones futex_time64): one of them allowed is enough. */
static const struct {
	const char *names[2];
	bool threads_only; /* matters once the program starts threads */
	const char *breaks;
} libc_needs[] = {
	{{"brk"}, false, "without it the heap cannot grow, and malloc falls back to mmap or fails"},
	{{"mmap", "mmap2"}, false, "malloc of large blocks, thread stacks and dlopen fail"},
	{{"munmap"}, false, "memory is never given back, as free() of a large block leaves "
	 "its mapping; allocators that check the result abort as on heap corruption"},
	{{"rt_sigreturn"}, false, "the program crashes on the first signal whose handler returns"},
	{{"futex", "futex_time64"}, false, "locks and condition variables fail, so waiting threads "
	 "hang or the C library aborts"},
	{{"restart_syscall"}, false, "a call interrupted by a stop and continue (SIGSTOP, a "
	 "debugger) fails instead of resuming"},
	{{"exit_group"}, false, "the program cannot exit, and crashes or hangs at its end"},
	{{"exit"}, false, "a thread cannot end, and pthread_exit or returning from a thread crashes"},
	{{"set_robust_list"}, true, "locks held by a thread that dies are never released, and "
	 "threads waiting for them hang"},
	{{"rseq"}, true, "once the main thread has registered its rseq area, glibc aborts the "
	 "process when a new thread cannot (\"rseq registration failed\")"},
};

/* Can the program start threads under this filter? */
static bool threads_possible(const struct se_profile *p, const struct se_compiled *c,
			     struct se_kernel_version k)
{
	return se_always_allowed(p, &c->target, k, "clone3") ||
	       se_always_allowed(p, &c->target, k, "clone") || p->default_action == SE_ACT_ALLOW;
}

/* One warning per need the filter denies on the target arch. */
static void lint_libc_needs(struct se_diag *d, const struct se_profile *p,
			    const struct se_compiled *c)
{
	struct se_kernel_version k = c->options->has_kernel ? c->options->kernel
							    : c->variants[c->n_variants - 1].min_kernel;
	bool threads = threads_possible(p, c, k);
	for (size_t i = 0; i < sizeof libc_needs / sizeof *libc_needs; i++) {
		const char *shown = NULL;
		bool allowed = false;
		if (libc_needs[i].threads_only && !threads)
			continue;
		for (size_t n = 0; n < 2 && libc_needs[i].names[n]; n++) {
			const char *name = libc_needs[i].names[n];
			if (se_syscall_nr(c->target.arch, name, c->options->syscalls) < 0)
				continue; /* not on this arch */
			shown = shown ? shown : name;
			allowed |= se_always_allowed(p, &c->target, k, name);
		}
		if (shown && !allowed)
			se_warn(d, NULL, "the profile does not always allow %s, which the C library "
				"needs (%s)", shown, libc_needs[i].breaks);
	}
}

void se_lint(struct se_diag *d, const struct se_profile *p, const struct se_compiled *c)
{
	lint_masks(d, p);
	lint_trap_handler(d, p, c);
	lint_libc_needs(d, p, c);
}
