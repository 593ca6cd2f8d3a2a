/*
 * test_backend_fuzz.c - random profiles through both backends.
 *
 * Each case is a random Docker-style profile with random compile options
 * (tests/support/fuzz_profile.h), compiled by se_compile for the eight
 * test arches with --backend ours (the default) and --backend libseccomp
 * (tests/support/fuzz_driver.h).  For every arch and program (one per
 * kernel range):
 *   - ours must compile whenever libseccomp's does (the generator's own
 *     translation validation and cache check pass), and be refused only
 *     when libseccomp's is;
 *   - ours must pass the kernel's load-time checks (bpf_sim_check);
 *   - independently of that validation, both programs run side by side in
 *     tests/support/bpf_sim on the inputs of tests/support/fuzz_inputs.h
 *     and must return the same value on every one;
 *   - the reference ours was validated against must be the very program
 *     --backend libseccomp ships.
 * Ours should be no longer than libseccomp's: the ratio is reported, and a
 * longer program is listed, not failed.
 *
 * The inputs must be able to tell programs apart: for every (case, arch)
 * a copy of ours with one conditional jump's branches swapped
 * (tests/support/fuzz_mutate.h) must decide differently on some input;
 * the rare mutant that does not is printed, and most must be caught.
 *
 * SECCOMP_EMBED_FUZZ_CASES (default 40), SECCOMP_EMBED_FUZZ_SEED and
 * SECCOMP_EMBED_FUZZ_CASE=N change the run.
 */
#include <linux/seccomp.h>
#include <stdio.h>

#include "bpf_sim.h"
#include "fuzz_driver.h"
#include "fuzz_inputs.h"
#include "fuzz_mutate.h"
#include "verdict_compare.h"

#define DEFAULT_CASES 40u
#define DEFAULT_SEED 0x5ecc0e3b0f0e1a5eull
#define MAX_LONGER_SHOWN 8
#define MAX_SURVIVORS_SHOWN 8
#define MIN_ACTIONS_SEEN 7       /* all seven: many cases missing one tested little */
#define MIN_MUTANTS_CAUGHT 0.9   /* of swapped branches the inputs must expose */
#define MIN_CASES_FOR_VACUITY 10 /* below this, a single case may prove little */

struct stats {
	unsigned compiled, refused, variants, kept_reference;
	unsigned longer, same_length, shorter;
	unsigned long long inputs, with_args, ours_insns, lib_insns, validated;
	double ratio_sum, ratio_min, ratio_max;
	unsigned actions_seen; /* action_bit() of every verdict seen */
	unsigned mutants, mutants_caught, arg_mutants, arg_mutants_caught;
};

static void note_length(struct stats *st, size_t ours, size_t lib, const char *label)
{
	double ratio = (double)ours / (double)lib;
	st->ours_insns += ours;
	st->lib_insns += lib;
	st->ratio_sum += ratio;
	if (st->variants == 0 || ratio < st->ratio_min)
		st->ratio_min = ratio;
	if (st->variants == 0 || ratio > st->ratio_max)
		st->ratio_max = ratio;
	st->longer += ours > lib;
	st->same_length += ours == lib;
	st->shorter += ours < lib;
	if (ours > lib && st->longer <= MAX_LONGER_SHOWN)
		printf("  LONGER %s: ours %zu instructions, libseccomp's %zu\n", label, ours, lib);
}

/* One bit per action: KILL_PROCESS, KILL_THREAD, TRAP, ERRNO, TRACE, LOG,
 * ALLOW (their values' top 16 bits collide in any 5-bit fold). */
static unsigned action_bit(uint32_t ret)
{
	static const uint32_t actions[] = {SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_KILL_THREAD,
					   SECCOMP_RET_TRAP,	     SECCOMP_RET_ERRNO,
					   SECCOMP_RET_TRACE,	     SECCOMP_RET_LOG,
					   SECCOMP_RET_ALLOW};
	for (unsigned i = 0; i < sizeof actions / sizeof *actions; i++)
		if ((ret & SECCOMP_RET_ACTION_FULL) == actions[i])
			return 1u << i;
	return 1u << 31; /* anything else */
}

static void note_verdicts(struct stats *st, const struct verdict_tally *tally)
{
	st->inputs += tally->compared;
	st->with_args += tally->with_args;
	for (size_t i = 0; i < tally->n_seen; i++)
		st->actions_seen |= action_bit(tally->seen[i]);
}

static bool check_variant(struct fuzz_target *t, struct stats *st, const struct se_variant *o,
			  const struct se_variant *l, const struct probe_set *inputs)
{
	char label[96], err[200], what[320];
	struct verdict_tally tally = {0};
	snprintf(label, sizeof label, "case %u --arch %s, kernel >= %u.%u", t->index, t->target,
		 l->min_kernel.major, l->min_kernel.minor);
	if (se_kernel_cmp(o->min_kernel, l->min_kernel) < 0) {
		fuzz_target_fail(t, "ours covers kernels libseccomp's program does not");
		return false;
	}
	if (bpf_sim_check(o->prog.insns, o->prog.len, err, sizeof err) != 0) {
		snprintf(what, sizeof what, "%s: ours would not load: %s", label, err);
		fuzz_target_fail(t, what);
		return false;
	}
	if (o->backend.reference_len != l->prog.len) {
		snprintf(what, sizeof what, "%s: ours was validated against %zu instructions, "
			 "libseccomp's program has %zu", label, o->backend.reference_len, l->prog.len);
		fuzz_target_fail(t, what);
	}
	verdicts_compare(label, (struct verdict_program){o->prog.insns, o->prog.len},
			 (struct verdict_program){l->prog.insns, l->prog.len}, t->arch->big_endian,
			 inputs, NULL, NULL, &tally);
	note_verdicts(st, &tally);
	st->validated += o->backend.validated;
	st->kept_reference += !o->backend.optimized;
	if (tally.differing) {
		snprintf(what, sizeof what, "%s: %llu of %llu verdicts differ (MISMATCH lines: ours "
			 "first)", label, tally.differing, tally.compared);
		fuzz_target_fail(t, what);
		return false;
	}
	note_length(st, o->prog.len, l->prog.len, label);
	st->variants++;
	return true;
}

/* Could these inputs catch a wrong program at all? */
static void check_inputs_sensitive(struct fuzz_target *t, struct stats *st,
				   const struct se_program *ours, const struct probe_set *inputs)
{
	struct fuzz_mutant m;
	if (!fuzz_mutant_make(t->r, ours, FUZZ_SWAP_BRANCHES, t->arch->big_endian, &m))
		return;
	bool caught = fuzz_first_difference(ours, &m.prog, t->arch->big_endian, inputs) != NULL;
	st->mutants++;
	st->mutants_caught += caught;
	st->arg_mutants += m.on_arg;
	st->arg_mutants_caught += m.on_arg && caught;
	if (!caught && st->mutants - st->mutants_caught <= MAX_SURVIVORS_SHOWN)
		printf("  SURVIVOR case %u --arch %s: swapping the branches of instruction %zu "
		       "(%s) changed no verdict\n", t->index, t->target, m.at,
		       m.on_arg ? "on an argument" : "on nr or arch");
	fuzz_mutant_free(&m);
}

static void compare_backends(struct fuzz_target *t, void *ctx)
{
	struct stats *st = ctx;
	struct probe_set inputs;
	if (t->lib_rc && t->ours_rc) {
		st->refused++; /* libseccomp refused the rules: Docker would fail too */
		return;
	}
	if (t->ours_rc || t->lib_rc) {
		fuzz_target_fail(t, t->ours_rc ? "ours refused what libseccomp's backend compiles "
						 "(the error is above)"
					       : "ours compiled what libseccomp's backend refuses");
		return;
	}
	st->compiled++;
	fuzz_inputs_build(&inputs, t->r, &t->lib.arches, &t->profile);
	/* ours may add a program for kernels before 5.11 (compile.c): each of
	 * ours is compared with libseccomp's for the kernels it starts at */
	for (size_t v = 0; v < t->ours.n_variants; v++) {
		const struct se_variant *lib = se_compiled_variant_for(&t->lib, t->ours.variants[v].min_kernel);
		if (!lib) {
			fuzz_target_fail(t, "a program of ours for kernels libseccomp's backend has none for");
			break;
		}
		if (!check_variant(t, st, &t->ours.variants[v], lib, &inputs))
			break;
	}
	check_inputs_sensitive(t, st, &t->ours.variants[0].prog, &inputs);
	probe_set_free(&inputs);
}

static void report(const struct fuzz_run *run, const struct stats *st)
{
	printf("\n%u cases, %u (case, arch) compiled by both, %u refused by both, %u programs "
	       "compared on %llu inputs (%llu with argument values); the generator validated them "
	       "on %llu more\n", run->cases_run, st->compiled, st->refused, st->variants,
	       st->inputs, st->with_args, st->validated);
	if (st->variants)
		printf("length ours/libseccomp: total %llu/%llu (%.3f), per program mean %.3f, min "
		       "%.3f, max %.3f; ours shorter %u, same %u, longer %u; libseccomp's kept %u\n",
		       st->ours_insns, st->lib_insns, (double)st->ours_insns / (double)st->lib_insns,
		       st->ratio_sum / st->variants, st->ratio_min, st->ratio_max, st->shorter,
		       st->same_length, st->longer, st->kept_reference);
	printf("mutants (one jump's branches swapped) caught by the inputs: %u of %u, on argument "
	       "words %u of %u\n", st->mutants_caught, st->mutants, st->arg_mutants_caught,
	       st->arg_mutants);
	printf("%d kinds of verdict seen; %u failures; %.2f s\n",
	       __builtin_popcount(st->actions_seen), run->failures, run->seconds);
}

/* A run that compiled little, saw few kinds of verdict or could not tell
 * mutants apart proved little. */
static unsigned vacuity_failures(const struct fuzz_run *run, const struct stats *st)
{
	unsigned n = 0;
	if (run->cases_run < MIN_CASES_FOR_VACUITY)
		return 0;
	if (st->compiled <= st->refused && ++n)
		printf("FAIL: most (case, arch) pairs were refused: the fuzzer tests little\n");
	if (__builtin_popcount(st->actions_seen) < MIN_ACTIONS_SEEN && ++n)
		printf("FAIL: fewer than %d kinds of verdict came out\n", MIN_ACTIONS_SEEN);
	if (st->with_args == 0 && ++n)
		printf("FAIL: no input carried argument values\n");
	if (st->mutants_caught < MIN_MUTANTS_CAUGHT * st->mutants && ++n)
		printf("FAIL: the inputs told only %u of %u mutants from ours\n",
		       st->mutants_caught, st->mutants);
	return n;
}

int main(void)
{
	struct fuzz_run run;
	struct stats st = {0};
	if (fuzz_run_init(&run, DEFAULT_CASES, DEFAULT_SEED))
		return 1;
	fuzz_run_cases(&run, compare_backends, &st);
	run.failures += vacuity_failures(&run, &st);
	fuzz_run_finish(&run);
	report(&run, &st);
	return run.failures || run.cases_run == 0 ? 1 : 0;
}
