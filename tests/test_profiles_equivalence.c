/*
 * test_profiles_equivalence.c - profiles/docker-default.json decides exactly
 * like Docker's default profile (../shared/corpus/moby-profiles-default-
 * latest.json), and the chmod variants differ from it on the chmod family
 * only.
 *
 * Both profiles go through the generator's library (se_compile) for eight
 * target arches, for docker run's default capabilities, ALL, none, and the
 * default with each capability the profiles mention added (or removed),
 * and for each minKernel threshold, the minor version either side of it
 * and no --kernel (every program variant).  The programs run side by side
 * in the classic-BPF interpreter on the probes of tests/support/
 * verdict_probes.c: every syscall number of every arch of the filter, x32
 * numbers, -1, numbers past the tables, two foreign arches, and argument
 * vectors at the edges of every constant.  Any differing verdict fails.
 *
 * The same machinery shows default-no-chmod.json differs from docker-
 * default.json on chmod, fchmod, fchmodat and fchmodat2 only (and does
 * differ there), and chmod-wake-alarm.json equals docker-default when
 * CAP_WAKE_ALARM is in the set and default-no-chmod when it is not.  What
 * verdicts cannot show (names libseccomp 2.5.4 does not know) is compared
 * as facts for every arch the generator knows (tests/support/profile_facts.c).
 *
 * Without the corpus only the comparison with Docker's file is left out:
 * docker-default.json then stands in for it (so the probes, the outcome
 * checks and the variants still run), and the summary says so.
 */
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arch.h"
#include "case_matrix.h"
#include "compile.h"
#include "errno_names.h"
#include "json_doc.h"
#include "profile_facts.h"
#include "profile_parse.h"
#include "verdict_compare.h"
#include "verdict_probes.h"

#define N_TARGETS 8
#define MAX_CAP_SETS 48
#define MAX_KERNELS 16
#define MAX_BUILDS 512
#define MAX_CHMOD_NRS 32
#define WAKE_ALARM "CAP_WAKE_ALARM"
#define EPERM_VALUE 1u
#define MAX_PRINTED_FAILURES 40

static const char *const targets[N_TARGETS] = {"amd64", "arm64",   "x86",     "arm",
					       "s390x", "ppc64le", "riscv64", "mips64"};
static const char *const chmod_family[] = {"chmod", "fchmod", "fchmodat", "fchmodat2"};

enum { MOBY, OURS, NO_CHMOD, WAKE, N_PROFILES };
static const char *const profile_file[N_PROFILES] = {
	"moby-profiles-default-latest.json", "docker-default.json", "default-no-chmod.json",
	"chmod-wake-alarm.json"};
static char profile_path[N_PROFILES][4096];
static cJSON *profile_root[N_PROFILES];

static bool mentioned[SE_CAP_COUNT]; /* by any of the profiles */
static struct cap_set cap_sets[MAX_CAP_SETS];
static size_t n_cap_sets;
static struct kernel_choice kernels[MAX_KERNELS];
static size_t n_kernels; /* the last one is "no --kernel" */

static unsigned failures;
static unsigned long long docker_compared, docker_with_args, chmod_compared, facts_compared;
static unsigned long long compiles;
/* Digests of Docker's verdicts per case, to show that capability sets and
 * kernels do change verdicts (or comparing under them proved nothing). */
static uint64_t digests[N_TARGETS][MAX_CAP_SETS][MAX_KERNELS];

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the first MAX_PRINTED_FAILURES; a broken profile fails thousands
 * of cases and the first ones say why. */
static void fail(const char *fmt, ...)
{
	va_list ap;
	if (failures++ >= MAX_PRINTED_FAILURES)
		return;
	va_start(ap, fmt);
	printf("FAIL ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

/* snprintf for labels, which may be cut short without harm. */
static void format_label(char *out, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void format_label(char *out, size_t len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, len, fmt, ap);
	va_end(ap);
}

/* ---------------------------------------------------------------------- */
/* Compiling, once per distinct input                                      */
/* ---------------------------------------------------------------------- */

/* Rules see only the capabilities they mention, so cap sets that agree on
 * those give the same program: such compiles are shared. */
struct build {
	int which;
	size_t ki;
	struct se_caps key;
	struct se_options o;
	struct se_compiled c;
	bool ok;
};

struct target_run {
	int ti;
	const char *arch;
	const struct se_arch *ga;
	struct se_profile p[N_PROFILES];
	struct probe_set probes;
	uint32_t chmod_audit[MAX_CHMOD_NRS], chmod_nr[MAX_CHMOD_NRS];
	size_t n_chmod;
	struct build *builds[MAX_BUILDS];
	size_t n_builds;
	unsigned long long compared;
};

static void key_of(const struct cap_set *cs, const char *extra, struct se_caps *key)
{
	cap_set_resolve(cs, extra, key);
	for (int i = 0; i < SE_CAP_COUNT; i++)
		key->has[i] = key->has[i] && mentioned[i];
}

static void compile_into(struct build *b, const struct target_run *r, const struct cap_set *cs,
			 const char *extra)
{
	const struct kernel_choice *k = &kernels[b->ki];
	struct se_diag d = {.file = profile_path[b->which], .quiet = 1};
	struct se_options *o = &b->o;
	o->profile = profile_path[b->which];
	o->arch = r->arch;
	o->format = k->given ? SE_FORMAT_BPF : SE_FORMAT_C;
	o->name = "seccomp_embed_filter";
	o->enosys_stub = true;
	o->quiet = true;
	o->has_kernel = k->given;
	o->kernel = k->v;
	for (size_t i = 0; i < cs->n_add; i++)
		o->cap_add[o->n_cap_add++] = cs->add[i];
	if (extra)
		o->cap_add[o->n_cap_add++] = extra;
	for (size_t i = 0; i < cs->n_drop; i++)
		o->cap_drop[o->n_cap_drop++] = cs->drop[i];
	compiles++;
	b->ok = se_compile(&d, &r->p[b->which], o, &b->c) == 0;
	if (!b->ok)
		fail("%s --arch %s caps %s: the generator refused it", profile_file[b->which],
		     r->arch, cs->label);
}

/* The program set for (profile, cap set + extra, kernel choice ki). */
static const struct build *build(struct target_run *r, int which, const struct cap_set *cs,
				 const char *extra, size_t ki)
{
	struct se_caps key;
	struct build *b;
	key_of(cs, extra, &key);
	for (size_t i = 0; i < r->n_builds; i++) {
		b = r->builds[i];
		if (b->which == which && b->ki == ki && memcmp(&b->key, &key, sizeof key) == 0)
			return b;
	}
	if (r->n_builds == MAX_BUILDS || !(b = calloc(1, sizeof *b))) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	b->which = which;
	b->ki = ki;
	b->key = key;
	compile_into(b, r, cs, extra);
	r->builds[r->n_builds++] = b;
	return b;
}

static void release_builds(struct target_run *r)
{
	for (size_t i = 0; i < r->n_builds; i++) {
		se_compiled_free(&r->builds[i]->c);
		free(r->builds[i]);
	}
	r->n_builds = 0;
}

static bool same_arches(const struct se_compiled *a, const struct se_compiled *b)
{
	if (a->arches.n != b->arches.n)
		return false;
	for (size_t i = 0; i < a->arches.n; i++)
		if (a->arches.arches[i]->token != b->arches.arches[i]->token)
			return false;
	return true;
}

static struct verdict_program program_of(const struct se_variant *v)
{
	return (struct verdict_program){v->prog.insns, v->prog.len};
}

/* Every program variant of `a` against the same variant of `b`. */
static void compare_builds(const char *what, const struct build *a, const struct build *b,
			   const struct probe_set *probes, verdict_may_differ_fn may_differ,
			   void *ctx, struct verdict_tally *t)
{
	char label[300];
	if (!a->ok || !b->ok)
		return;
	if (a->c.n_variants != b->c.n_variants || !same_arches(&a->c, &b->c)) {
		fail("%s: the kernel variants or arch sets differ", what);
		return;
	}
	for (size_t v = 0; v < a->c.n_variants; v++) {
		const struct se_variant *va = &a->c.variants[v], *vb = &b->c.variants[v];
		unsigned long long before = t->differing;
		if (se_kernel_cmp(va->min_kernel, vb->min_kernel) != 0) {
			fail("%s: the kernel ranges differ", what);
			continue;
		}
		if (a->c.n_variants > 1)
			format_label(label, sizeof label, "%s, program for kernel >= %u.%u", what,
				     va->min_kernel.major, va->min_kernel.minor);
		else
			format_label(label, sizeof label, "%s", what);
		verdicts_compare(label, program_of(va), program_of(vb),
				 a->c.target.arch->big_endian, probes, may_differ, ctx, t);
		if (t->differing != before)
			fail("%s: %llu verdicts differ (MISMATCH lines above)", label,
			     t->differing - before);
	}
}

/* ---------------------------------------------------------------------- */
/* docker-default against Docker's profile                                 */
/* ---------------------------------------------------------------------- */

/* With the default capabilities Docker's profile must have shown every
 * kind of outcome, or the comparison proved little. */
static void check_outcomes(const struct target_run *r, const struct verdict_tally *t)
{
	const uint32_t want[] = {SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO | EPERM_VALUE,
				 SECCOMP_RET_ERRNO | se_enosys(r->ga->errno_family),
				 SECCOMP_RET_KILL_THREAD};
	char v[32];
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!verdict_seen(t, want[i])) {
			verdict_describe(want[i], v, sizeof v);
			fail("--arch %s: Docker's profile never gave %s", r->arch, v);
		}
}

static void docker_default_case(struct target_run *r, size_t ci)
{
	char what[200], kl[32];
	for (size_t ki = 0; ki < n_kernels; ki++) {
		struct verdict_tally t = {0};
		kernel_choice_label(&kernels[ki], kl, sizeof kl);
		format_label(what, sizeof what, "docker-default --arch %s caps %s, %s", r->arch,
			     cap_sets[ci].label, kl);
		compare_builds(what, build(r, MOBY, &cap_sets[ci], NULL, ki),
			       build(r, OURS, &cap_sets[ci], NULL, ki), &r->probes, NULL, NULL, &t);
		digests[r->ti][ci][ki] = t.digest;
		r->compared += t.compared;
		docker_with_args += t.with_args;
		if (ci == 0 && !kernels[ki].given)
			check_outcomes(r, &t);
	}
}

/* ---------------------------------------------------------------------- */
/* The chmod variants against docker-default                               */
/* ---------------------------------------------------------------------- */

static void find_chmod_numbers(struct target_run *r, const struct se_arch_set *arches)
{
	r->n_chmod = 0;
	for (size_t a = 0; a < arches->n; a++)
		for (size_t f = 0; f < sizeof chmod_family / sizeof *chmod_family; f++) {
			int nr = seccomp_syscall_resolve_name_arch(arches->arches[a]->token,
								   chmod_family[f]);
			if (nr < 0 || r->n_chmod == MAX_CHMOD_NRS)
				continue;
			r->chmod_audit[r->n_chmod] = arches->arches[a]->audit_arch;
			r->chmod_nr[r->n_chmod++] = (uint32_t)nr;
		}
}

static bool is_chmod_call(const struct bpf_sim_data *d, void *ctx)
{
	const struct target_run *r = ctx;
	for (size_t i = 0; i < r->n_chmod; i++)
		if (r->chmod_audit[i] == d->arch && r->chmod_nr[i] == (uint32_t)d->nr)
			return true;
	return false;
}

static bool is_chmod_name(const char *name)
{
	for (size_t f = 0; f < sizeof chmod_family / sizeof *chmod_family; f++)
		if (strcmp(chmod_family[f], name) == 0)
			return true;
	return false;
}

/* The difference allowed must be there: every chmod-family number is
 * ALLOW under docker-default and EPERM under default-no-chmod. */
static void chmod_really_differs(const struct target_run *r, const struct build *ours,
				 const struct build *no_chmod)
{
	bool be = r->ga->big_endian;
	for (size_t v = 0; ours->ok && no_chmod->ok && v < ours->c.n_variants; v++)
		for (size_t i = 0; i < r->n_chmod; i++) {
			struct bpf_sim_data d = {.arch = r->chmod_audit[i], .nr = (int32_t)r->chmod_nr[i]};
			const struct se_program *a = &ours->c.variants[v].prog;
			const struct se_program *b = &no_chmod->c.variants[v].prog;
			if (bpf_sim_run(a->insns, a->len, &d, be, NULL) != SECCOMP_RET_ALLOW ||
			    bpf_sim_run(b->insns, b->len, &d, be, NULL) !=
				    (SECCOMP_RET_ERRNO | EPERM_VALUE))
				fail("--arch %s: nr %d on arch 0x%08x: not ALLOW under docker-default "
				     "and EPERM under default-no-chmod", r->arch, d.nr, (unsigned)d.arch);
		}
}

static void chmod_case(struct target_run *r, size_t ci)
{
	const struct cap_set *cs = &cap_sets[ci];
	const size_t none = n_kernels - 1;
	struct se_caps caps;
	const bool has_wake = cap_set_resolve(cs, NULL, &caps) == 0 &&
			      se_caps_contains(&caps, WAKE_ALARM);
	const struct build *ours = build(r, OURS, cs, NULL, none);
	const struct build *no_chmod = build(r, NO_CHMOD, cs, NULL, none);
	struct verdict_tally t = {0};
	char what[200];

	format_label(what, sizeof what, "default-no-chmod vs docker-default --arch %s caps %s",
		     r->arch, cs->label);
	compare_builds(what, no_chmod, ours, &r->probes, is_chmod_call, r, &t);
	chmod_really_differs(r, ours, no_chmod);
	format_label(what, sizeof what, "chmod-wake-alarm vs %s --arch %s caps %s",
		     has_wake ? "docker-default" : "default-no-chmod", r->arch, cs->label);
	compare_builds(what, build(r, WAKE, cs, NULL, none), has_wake ? ours : no_chmod,
		       &r->probes, NULL, NULL, &t);
	format_label(what, sizeof what, "chmod-wake-alarm vs docker-default --arch %s caps %s+%s",
		     r->arch, cs->label, WAKE_ALARM + 4);
	if (!has_wake)
		compare_builds(what, build(r, WAKE, cs, WAKE_ALARM, none),
			       build(r, OURS, cs, WAKE_ALARM, none), &r->probes, NULL, NULL, &t);
	chmod_compared += t.compared;
}

/* ---------------------------------------------------------------------- */
/* One target arch                                                         */
/* ---------------------------------------------------------------------- */

static bool parse_all(struct se_profile *p, const char *errno_family)
{
	bool ok = true;
	for (int i = 0; i < N_PROFILES; i++) {
		struct se_diag d = {.file = profile_path[i], .quiet = 1};
		memset(&p[i], 0, sizeof p[i]);
		if (se_profile_parse(&d, profile_root[i], errno_family, &p[i]) != 0) {
			fail("%s: cannot parse it for the %s errno numbers", profile_file[i],
			     errno_family);
			ok = false;
		}
	}
	return ok;
}

static void free_all(struct se_profile *p)
{
	for (int i = 0; i < N_PROFILES; i++)
		se_profile_free(&p[i]);
}

/* Probes for the arch set Docker's profile gives this target. */
static bool plan_probes(struct target_run *r)
{
	const struct se_profile *all[N_PROFILES];
	const struct build *b = build(r, MOBY, &cap_sets[0], NULL, n_kernels - 1);
	for (int i = 0; i < N_PROFILES; i++)
		all[i] = &r->p[i];
	if (!b->ok)
		return false;
	if (probe_set_build(&r->probes, &b->c.arches, all, N_PROFILES) != 0) {
		fail("--arch %s: out of memory building the probes", r->arch);
		return false;
	}
	find_chmod_numbers(r, &b->c.arches);
	if (r->n_chmod == 0)
		fail("--arch %s: no chmod-family syscall number found", r->arch);
	return true;
}

static void run_target(int ti)
{
	struct target_run *r = calloc(1, sizeof *r);
	if (!r || !(r->ga = se_arch_find(targets[ti]))) {
		fail("--arch %s: out of memory or unknown to the generator", targets[ti]);
		free(r);
		return;
	}
	r->ti = ti;
	r->arch = targets[ti];
	if (parse_all(r->p, r->ga->errno_family) && plan_probes(r)) {
		for (size_t ci = 0; ci < n_cap_sets; ci++) {
			docker_default_case(r, ci);
			chmod_case(r, ci);
		}
		printf("  %-8s %6zu probes (%zu with arguments), %zu programs compiled: %llu "
		       "verdicts compared with Docker's\n",
		       r->arch, r->probes.n, r->probes.n_with_args, r->n_builds, r->compared);
		docker_compared += r->compared;
	}
	release_builds(r);
	probe_set_free(&r->probes);
	free_all(r->p);
	free(r);
}

/* ---------------------------------------------------------------------- */
/* Facts, for every arch the generator knows                               */
/* ---------------------------------------------------------------------- */

static void facts_case(const char *what, const struct se_profile *a, const struct se_profile *b,
		       const struct se_target *t, struct se_kernel_version k, fact_skip_fn skip)
{
	struct fact_list fa, fb;
	char why[600];
	if (facts_build(a, t, k, skip, &fa) || facts_build(b, t, k, skip, &fb)) {
		fail("%s: cannot list the facts", what);
		facts_free(&fa);
		return;
	}
	facts_compared++;
	if (facts_compare(&fa, &fb, why, sizeof why))
		fail("%s: %s", what, why);
	facts_free(&fa);
	facts_free(&fb);
}

static void facts_for(const struct se_arch *arch, const struct se_profile *p, size_t ci,
		      struct se_kernel_version k)
{
	struct se_target t = {.arch = arch}, tw = {.arch = arch};
	char what[160];
	bool has_wake;
	cap_set_resolve(&cap_sets[ci], NULL, &t.caps);
	cap_set_resolve(&cap_sets[ci], WAKE_ALARM, &tw.caps);
	has_wake = se_caps_contains(&t.caps, WAKE_ALARM);
	format_label(what, sizeof what, "facts --arch %s caps %s kernel %u.%u", arch->docker,
		     cap_sets[ci].label, k.major, k.minor);
	facts_case(what, &p[MOBY], &p[OURS], &t, k, NULL);
	facts_case(what, &p[NO_CHMOD], &p[OURS], &t, k, is_chmod_name);
	facts_case(what, &p[WAKE], has_wake ? &p[OURS] : &p[NO_CHMOD], &t, k, NULL);
	facts_case(what, &p[WAKE], &p[OURS], &tw, k, NULL);
}

static void check_facts(void)
{
	for (const struct se_arch *arch = se_arches; arch->docker; arch++) {
		struct se_profile p[N_PROFILES];
		if (parse_all(p, arch->errno_family))
			for (size_t ci = 0; ci < n_cap_sets; ci++)
				for (size_t ki = 0; ki < n_kernels; ki++)
					facts_for(arch, p, ci, kernels[ki].v);
		free_all(p);
	}
}

/* ---------------------------------------------------------------------- */
/* The cases were not all alike                                            */
/* ---------------------------------------------------------------------- */

static bool ever_differ(size_t c1, size_t k1, size_t c2, size_t k2)
{
	for (int ti = 0; ti < N_TARGETS; ti++)
		if (digests[ti][c1][k1] != digests[ti][c2][k2])
			return true;
	return false;
}

/* Each capability set must change some verdict of Docker's profile on some
 * arch, and so must the kernel version: otherwise comparing under them
 * would have proved nothing. */
static void check_not_vacuous(void)
{
	const size_t none = n_kernels - 1;
	bool kernels_matter = false;
	for (size_t ci = 1; ci < n_cap_sets; ci++)
		if (!ever_differ(ci, none, 0, none))
			fail("caps %s decided like the default everywhere: the case proves nothing",
			     cap_sets[ci].label);
	for (size_t k1 = 0; k1 < n_kernels; k1++)
		for (size_t k2 = k1 + 1; k2 < n_kernels; k2++)
			kernels_matter |= ever_differ(0, k1, 0, k2);
	if (!kernels_matter)
		fail("no kernel version changed a verdict: the kernel cases prove nothing");
}

/* ---------------------------------------------------------------------- */

static bool have_docker; /* ../shared/corpus has Docker's own profile */

static bool load_profiles(const char *corpus, const char *source)
{
	for (int i = 0; i < N_PROFILES; i++) {
		struct se_diag d = {.file = profile_path[i], .quiet = 1};
		if (i == MOBY && have_docker)
			format_label(profile_path[i], sizeof profile_path[i], "%s/%s", corpus,
				     profile_file[i]);
		else
			format_label(profile_path[i], sizeof profile_path[i], "%s/%s", source,
				     profile_file[i == MOBY ? OURS : i]);
		if (!(profile_root[i] = se_json_load(&d, profile_path[i]))) {
			fail("%s: cannot load it", profile_path[i]);
			return false;
		}
	}
	return true;
}

static void plan_cases(void)
{
	struct se_profile p[N_PROFILES];
	const struct se_profile *all[N_PROFILES];
	if (!parse_all(p, "generic"))
		return;
	for (int i = 0; i < N_PROFILES; i++)
		all[i] = &p[i];
	caps_mentioned(all, N_PROFILES, mentioned);
	{
		/* CAP_WAKE_ALARM gets its own cases in chmod_case() */
		bool docker_caps[SE_CAP_COUNT];
		caps_mentioned(all, 2, docker_caps);
		n_cap_sets = cap_sets_plan(docker_caps, cap_sets, MAX_CAP_SETS);
	}
	n_kernels = kernels_plan(all, N_PROFILES, kernels, MAX_KERNELS);
	free_all(p);
}

int main(void)
{
	const char *corpus = getenv("SECCOMP_EMBED_CORPUS");
	const char *source = getenv("SECCOMP_EMBED_SOURCE_DIR");
	char profiles[4096];
	FILE *f;

	setvbuf(stdout, NULL, _IOLBF, 0);
	corpus = corpus && *corpus ? corpus : "../shared/corpus";
	format_label(profiles, sizeof profiles, "%s/profiles", source && *source ? source : ".");
	format_label(profile_path[MOBY], sizeof profile_path[MOBY], "%s/%s", corpus,
		     profile_file[MOBY]);
	if ((f = fopen(profile_path[MOBY], "r")) != NULL) {
		have_docker = true;
		fclose(f);
	} else {
		printf("SKIP (part): %s not found (../shared/corpus is absent): docker-default.json "
		       "stands in for Docker's profile, so only the comparison with it is left "
		       "out\n", profile_path[MOBY]);
	}
	if (!load_profiles(corpus, profiles))
		return 1;
	plan_cases();
	printf("%zu capability sets x %zu kernel choices, %d target arches\n", n_cap_sets,
	       n_kernels, N_TARGETS);
	for (int ti = 0; ti < N_TARGETS && n_cap_sets && n_kernels; ti++)
		run_target(ti);
	check_facts();
	check_not_vacuous();
	for (int i = 0; i < N_PROFILES; i++)
		cJSON_Delete(profile_root[i]);
	printf("docker-default vs %s: %llu verdicts compared (%llu with arguments)\n"
	       "chmod variants: %llu verdicts compared; facts: %llu lists compared; "
	       "%llu programs compiled\n%u failures, %.1f s of CPU\n",
	       have_docker ? "Docker's profile" : "itself (Docker's profile absent)",
	       docker_compared, docker_with_args, chmod_compared, facts_compared, compiles,
	       failures, (double)clock() / CLOCKS_PER_SEC);
	return failures ? 1 : 0;
}
