/*
 * test_check_mutants.c - would the generator's translation validation
 * stop a wrong program?
 *
 * The backend ships ours only if se_validate (gen/check/validate.h) finds no
 * input on which it decides unlike the reference.  Here, for random
 * profiles compiled for the eight test arches (tests/support/fuzz_driver.h),
 * copies of ours are broken on purpose (tests/support/fuzz_mutate.h): one
 * jump's branches swapped, or one jump on an argument's high half always
 * taken (a compare done on the low half only).  Whenever the fuzz inputs
 * of tests/support/fuzz_inputs.h show the mutant deciding unlike ours (so
 * unlike the reference ours matches), se_validate must refuse it too;
 * each mutant it accepts is a failure printed with the input that tells
 * them apart.
 *
 * SECCOMP_EMBED_FUZZ_CASES (default 24), SECCOMP_EMBED_FUZZ_SEED and
 * SECCOMP_EMBED_FUZZ_CASE=N change the run.
 */
#include <stdio.h>

#include "bpf_sim.h"
#include "fuzz_driver.h"
#include "fuzz_inputs.h"
#include "fuzz_mutate.h"
#include "validate.h"
#include "verdict_compare.h"

#define DEFAULT_CASES 24u
#define DEFAULT_SEED 0x6d7574616e747321ull
#define MUTANTS_PER_KIND 2 /* per (case, arch) */

struct stats {
	unsigned tried, told_apart, refused, accepted;
};

static void describe_input(const struct bpf_sim_data *d, char *out, size_t len)
{
	snprintf(out, len, "arch 0x%08x nr %d args 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx",
		 (unsigned)d->arch, (int)d->nr, (unsigned long long)d->args[0],
		 (unsigned long long)d->args[1], (unsigned long long)d->args[2],
		 (unsigned long long)d->args[3], (unsigned long long)d->args[4],
		 (unsigned long long)d->args[5]);
}

static void report_accepted(struct fuzz_target *t, const struct se_program *ref,
			    const struct fuzz_mutant *m, enum fuzz_mutation kind,
			    const struct bpf_sim_data *d)
{
	char what[512], input[200], rs[32], ms[32];
	bool be = t->arch->big_endian;
	describe_input(d, input, sizeof input);
	verdict_describe(bpf_sim_run(ref->insns, ref->len, d, be, NULL), rs, sizeof rs);
	verdict_describe(bpf_sim_run(m->prog.insns, m->prog.len, d, be, NULL), ms, sizeof ms);
	snprintf(what, sizeof what, "se_validate accepts ours with instruction %zu %s, yet on %s "
		 "the reference returns %s and the mutant %s", m->at,
		 kind == FUZZ_SWAP_BRANCHES ? "with its branches swapped" : "always jumping",
		 input, rs, ms);
	fuzz_target_fail(t, what);
}

static void try_mutant(struct fuzz_target *t, struct stats *st, enum fuzz_mutation kind,
		       const struct probe_set *inputs)
{
	const struct se_program *ours = &t->ours.variants[0].prog, *ref = &t->lib.variants[0].prog;
	struct fuzz_mutant m;
	struct se_validate_failure f;
	if (!fuzz_mutant_make(t->r, ours, kind, t->arch->big_endian, &m))
		return;
	st->tried++;
	const struct bpf_sim_data *d = fuzz_first_difference(ours, &m.prog, t->arch->big_endian,
							     inputs);
	if (d) {
		st->told_apart++;
		int rc = se_validate(ref, &m.prog, &t->lib.arches, &f);
		st->refused += rc == 1;
		st->accepted += rc == 0;
		if (rc != 1)
			report_accepted(t, ref, &m, kind, d);
	}
	fuzz_mutant_free(&m);
}

static void mutate(struct fuzz_target *t, void *ctx)
{
	struct stats *st = ctx;
	struct probe_set inputs;
	if (t->ours_rc || t->lib_rc)
		return; /* test_backend_fuzz.c says whether that is right */
	fuzz_inputs_build(&inputs, t->r, &t->lib.arches, &t->profile);
	for (int i = 0; i < MUTANTS_PER_KIND; i++) {
		try_mutant(t, st, FUZZ_SWAP_BRANCHES, &inputs);
		try_mutant(t, st, FUZZ_SKIP_HIGH_HALF, &inputs);
	}
	probe_set_free(&inputs);
}

int main(void)
{
	struct fuzz_run run;
	struct stats st = {0};
	if (fuzz_run_init(&run, DEFAULT_CASES, DEFAULT_SEED))
		return 1;
	fuzz_run_cases(&run, mutate, &st);
	if (run.cases_run >= 10 && st.told_apart == 0 && ++run.failures)
		printf("FAIL: no mutant decided unlike ours: nothing was tested\n");
	fuzz_run_finish(&run);
	printf("\n%u cases: %u mutants, %u told apart by the fuzz inputs; se_validate refused %u "
	       "and accepted %u of those; %u failures; %.2f s\n", run.cases_run, st.tried,
	       st.told_apart, st.refused, st.accepted, run.failures, run.seconds);
	return run.failures || run.cases_run == 0 ? 1 : 0;
}
