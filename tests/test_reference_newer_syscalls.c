/*
 * test_reference_newer_syscalls.c - the way the generator builds the rules
 * for syscalls the host's libseccomp cannot number (mseal on Debian 12;
 * gen/reference/newer_syscalls.c) decides exactly as libseccomp itself does
 * where it can number them.
 *
 * For random profiles (tests/support/fuzz_profile.c) on the eight test
 * arches, the reference program is built twice: as libseccomp builds it,
 * and with up to four of the profile's names built the newer way (for each
 * arch, libseccomp's program for that name alone under a stand-in syscall,
 * its compare of nr set to the name's number, reached ahead of the rest).
 * Both are run in the tests' kernel model on the fuzzer's inputs
 * (tests/support/fuzz_inputs.c: every number of every arch, argument edges
 * of every constant) and must agree on every one.  Names libseccomp
 * rewrites on some arch (socket calls through socketcall, ipc) are not
 * chosen: no syscall newer than libseccomp is multiplexed so.
 *
 * SECCOMP_EMBED_FUZZ_CASES (default 30), SECCOMP_EMBED_FUZZ_SEED and
 * SECCOMP_EMBED_FUZZ_CASE=N change the run.
 */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_sim.h"
#include "actions.h"
#include "build.h"
#include "fuzz_driver.h"
#include "fuzz_inputs.h"

#define DEFAULT_CASES 30u
#define DEFAULT_SEED 0x6e65776572737973ull
#define MAX_FORCED 4

struct stats {
	unsigned targets, forced_names, newer_programs;
	unsigned long long inputs;
};

/* Numbered alike by libseccomp on every arch of the filter that has it,
 * and never rewritten into a multiplexer. */
static bool plain_name(const struct se_arch_set *arches, const char *name)
{
	bool somewhere = false;
	for (size_t a = 0; a < arches->n; a++) {
		uint32_t token = arches->arches[a]->token;
		int nr = seccomp_syscall_resolve_name_arch(token, name);
		int rewritten = seccomp_syscall_resolve_name_rewrite(token, name);
		if (rewritten >= 0 && rewritten != nr)
			return false; /* reached through socketcall or ipc there */
		somewhere |= nr >= 0;
	}
	return somewhere;
}

static struct se_kernel_version kernel_of(const struct fuzz_target *t)
{
	const struct se_variant *v = &t->ours.variants[t->ours.n_variants - 1];
	return t->fc->has_kernel ? t->fc->kernel : v->min_kernel;
}

/* A rule libseccomp is given: in effect, and not the default outcome. */
static bool decides(const struct fuzz_target *t, const struct se_rule *r)
{
	const struct se_profile *p = &t->profile;
	return se_rule_applies(r, &t->ours.target, kernel_of(t), NULL, 0) &&
	       se_action_value(r->action, r->has_errno_ret, r->errno_ret) !=
		       se_action_value(p->default_action, p->has_default_errno_ret,
				       p->default_errno_ret);
}

static void choose_names(struct fuzz_target *t, struct se_strings *out)
{
	const struct se_profile *p = &t->profile;
	for (size_t tries = 0; tries < 32 && out->n < MAX_FORCED && p->n_rules; tries++) {
		const struct se_rule *r = &p->rules[fuzz_below(t->r, (uint32_t)p->n_rules)];
		if (!r->names.n || !decides(t, r))
			continue;
		const char *name = r->names.items[fuzz_below(t->r, (uint32_t)r->names.n)];
		if (plain_name(&t->ours.arches, name) && se_strings_add_unique(out, name)) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
	}
}

static int build(struct fuzz_target *t, const struct se_strings *as_newer, struct se_program *out,
		 struct se_build_report *rep)
{
	struct se_diag d = {.file = t->path, .quiet = 1};
	struct se_build_options o = {.enosys_stub = t->fc->enosys_stub,
				     .syscalls = SE_SYSCALLS_KERNEL,
				     .as_newer = as_newer};
	memset(rep, 0, sizeof *rep);
	return se_build_program(&d, &t->profile, &t->ours.target, &t->ours.arches, kernel_of(t), &o,
				out, rep);
}

static void compare(struct fuzz_target *t, struct stats *st, const struct se_program *lib,
		    const struct se_program *newer, const struct se_strings *forced)
{
	struct probe_set inputs = {0};
	bool be = t->arch->big_endian;
	char what[512];
	fuzz_inputs_build(&inputs, t->r, &t->ours.arches, &t->profile);
	for (size_t i = 0; i < inputs.n; i++) {
		const struct bpf_sim_data *d = &inputs.v[i];
		uint32_t a = bpf_sim_run(lib->insns, lib->len, d, be, NULL);
		uint32_t b = bpf_sim_run(newer->insns, newer->len, d, be, NULL);
		st->inputs++;
		if (a == b)
			continue;
		char names[160] = "";
		for (size_t k = 0; k < forced->n; k++)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
				 k ? ", " : "", forced->items[k]);
		snprintf(what, sizeof what, "with %s built the newer way: arch 0x%08x nr %d args "
			 "0x%llx 0x%llx 0x%llx: libseccomp's 0x%08x, the newer way's 0x%08x",
			 names, (unsigned)d->arch, (int)d->nr,
			 (unsigned long long)d->args[0], (unsigned long long)d->args[1],
			 (unsigned long long)d->args[2], (unsigned)a, (unsigned)b);
		fuzz_target_fail(t, what);
		break;
	}
	probe_set_free(&inputs);
}

/* Every chosen name among those built the newer way (which also hold the
 * names libseccomp really lacks on some arch of the filter). */
static bool all_built(const struct se_strings *chosen, const struct se_strings *built)
{
	for (size_t i = 0; i < chosen->n; i++)
		if (!se_strings_contains(built, chosen->items[i]))
			return false;
	return true;
}

static void check_target(struct fuzz_target *t, void *ctx)
{
	struct stats *st = ctx;
	struct se_strings forced = {0};
	struct se_program lib = {0}, newer = {0};
	struct se_build_report lib_rep, newer_rep;
	if (t->ours_rc != 0)
		return; /* refused: test_backend_fuzz checks refusals */
	choose_names(t, &forced);
	if (forced.n == 0) {
		se_strings_free(&forced);
		return;
	}
	st->targets++;
	st->forced_names += (unsigned)forced.n;
	if (build(t, NULL, &lib, &lib_rep) || build(t, &forced, &newer, &newer_rep)) {
		fuzz_target_fail(t, "the reference could not be built");
	} else if (!all_built(&forced, &newer_rep.newer_names)) {
		fuzz_target_fail(t, "a chosen name was not built the newer way");
	} else {
		st->newer_programs += (unsigned)newer_rep.newer_names.n;
		compare(t, st, &lib, &newer, &forced);
	}
	se_program_free(&lib);
	se_program_free(&newer);
	se_build_report_free(&lib_rep);
	se_build_report_free(&newer_rep);
	se_strings_free(&forced);
}

int main(void)
{
	struct fuzz_run run;
	struct stats st = {0};
	if (fuzz_run_init(&run, DEFAULT_CASES, DEFAULT_SEED))
		return 1;
	fuzz_run_cases(&run, check_target, &st);
	fuzz_run_finish(&run);
	printf("%u cases, %u targets, %u names built the newer way, %llu inputs compared, "
	       "%u failures, %.1f s\n", run.cases_run, st.targets, st.forced_names, st.inputs,
	       run.failures, run.seconds);
	if (st.targets < run.cases_run) { /* most cases must have had a name to force */
		printf("FAIL: only %u targets had a name to build the newer way\n", st.targets);
		return 1;
	}
	return run.failures ? 1 : 0;
}
