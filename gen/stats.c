#include "stats.h"

#include <stdio.h>
#include <string.h>

#include "compile.h"
#include "stats_measure.h"

#define KERNELS_MAX 256 /* minKernel values looked at for the newest one */

enum { OURS, LEVEL1, LEVEL2, N_COLUMNS };

static const char *const column_names[N_COLUMNS] = {"ours", "libseccomp level 1",
						    "libseccomp level 2"};
static const char *const group_names[SE_COST_GROUPS] = {
	[SE_COST_ARGS] = "argument-checked",
	[SE_COST_DENIED] = "denied",
	[SE_COST_UNCACHED] = "allowed, uncached",
};

struct stats {
	struct se_options options; /* the caller's, with the kernel decided */
	char kernel[160];          /* which program, in words */
	struct se_compiled compiled; /* ours, the target and the arch set */
	struct se_program ref;       /* runc's choice: what ours is validated against */
	struct se_program level[2];  /* libseccomp at optimize levels 1 and 2 */
	const struct se_program *column[N_COLUMNS];
	struct se_costs costs[N_COLUMNS];
};

/* Without --kernel, the program of the newest kernel range: the one the
 * C output would install on a current kernel. */
static int pick_kernel(struct se_diag *d, const struct se_profile *p, struct stats *s)
{
	struct se_kernel_version th[KERNELS_MAX];
	struct se_options *o = &s->options;
	size_t n;
	if (o->has_kernel) {
		snprintf(s->kernel, sizeof s->kernel, "kernel %u.%u", o->kernel.major, o->kernel.minor);
		return 0;
	}
	n = se_kernel_thresholds(p, th, KERNELS_MAX);
	if (n > KERNELS_MAX)
		return se_error(d, NULL, "the profile has %zu distinct minKernel values; give the "
				"kernel to measure with --kernel X.Y", n);
	o->has_kernel = true;
	o->kernel = n ? th[n - 1] : (struct se_kernel_version){0, 0};
	if (n)
		snprintf(s->kernel, sizeof s->kernel, "kernel %u.%u and later (the newest of %zu "
			 "kernel ranges; --kernel X.Y picks another)", o->kernel.major,
			 o->kernel.minor, n + 1);
	else
		snprintf(s->kernel, sizeof s->kernel, "any kernel (the profile has no minKernel)");
	return 0;
}

/* libseccomp's program at an optimize level (0: runc's choice), with the stub. */
static int build_level(struct se_diag *d, const struct se_profile *p, const struct stats *s,
		       unsigned level, struct se_program *out)
{
	const struct se_options *o = &s->options;
	struct se_build_options bo = {.enosys_stub = o->enosys_stub, .strict = o->strict,
				      .optimize_level = level};
	struct se_build_report rep = {0};
	int rc = se_build_program(d, p, &s->compiled.target, &s->compiled.arches, o->kernel, &bo,
				  out, &rep);
	se_build_report_free(&rep);
	return rc;
}

static int build_all(struct se_diag *d, const struct se_profile *p, struct stats *s)
{
	if (pick_kernel(d, p, s) || se_compile(d, p, &s->options, &s->compiled) ||
	    build_level(d, p, s, 0, &s->ref) || build_level(d, p, s, 1, &s->level[0]) ||
	    build_level(d, p, s, 2, &s->level[1]))
		return SE_EINPUT;
	s->column[OURS] = &s->compiled.variants[0].prog;
	s->column[LEVEL1] = &s->level[0];
	s->column[LEVEL2] = &s->level[1];
	return 0;
}

static int measure_all(struct se_diag *d, struct stats *s)
{
	struct se_probe_plan plan;
	int rc = se_probe_plan_make(&s->ref, s->column[OURS], &s->compiled.arches, &plan);
	for (int c = 0; rc == 0 && c < N_COLUMNS; c++) {
		rc = se_costs_measure(s->column[c], &s->compiled.arches, &plan, &s->costs[c]);
		if (rc > 0)
			se_error(d, NULL, "internal error: the %s program faults when run",
				 column_names[c]);
	}
	se_probe_plan_free(&plan);
	if (rc < 0)
		se_error(d, NULL, "out of memory measuring the programs");
	return rc ? SE_STATS_INTERNAL : 0;
}

static bool same_program(const struct se_program *a, const struct se_program *b)
{
	return a->len == b->len && memcmp(a->insns, b->insns, a->len * sizeof *a->insns) == 0;
}

static const char *reference_name(const struct stats *s)
{
	if (same_program(&s->ref, s->column[LEVEL1]))
		return column_names[LEVEL1];
	return same_program(&s->ref, s->column[LEVEL2]) ? column_names[LEVEL2] : "libseccomp";
}

static void print_header(const struct stats *s)
{
	const struct se_compiled *c = &s->compiled;
	const struct se_backend_report *b = &c->variants[0].backend;
	printf("seccomp-embed stats: %s for %s (arches", s->options.profile, c->target.arch->uname);
	for (size_t i = 0; i < c->arches.n; i++)
		printf(" %s", c->arches.arches[i]->uname);
	printf("), %s\n", s->kernel);
	if (b->optimized)
		printf("ours: validated against %s (runc's choice) on %llu inputs\n",
		       reference_name(s), b->validated);
	else
		printf("ours: not written, the column shows libseccomp's program (see the warning)\n");
	printf("ENOSYS stub: %s; argument-checked syscalls: the most over the argument values "
	       "validation tries\n\n", s->options.enosys_stub ? "on (as runc)" : "off");
}

static void row(const char *label, char cells[N_COLUMNS][32])
{
	printf("| %s |", label);
	for (int c = 0; c < N_COLUMNS; c++)
		printf(" %s |", cells[c]);
	printf("\n");
}

static void print_length(const struct stats *s)
{
	char cells[N_COLUMNS][32];
	printf("| |");
	for (int c = 0; c < N_COLUMNS; c++)
		printf(" %s |", column_names[c]);
	printf("\n|---|---:|---:|---:|\n");
	for (int c = 0; c < N_COLUMNS; c++)
		snprintf(cells[c], sizeof cells[c], "%zu", s->column[c]->len);
	row("program length", cells);
}

/* "N of M" per arch the kernel caches, then over them all (if several). */
static void print_cache(const struct stats *s)
{
	const struct se_cache_report *first = &s->costs[OURS].cache;
	size_t rows = first->n_arches > 1 ? first->n_arches + 1 : first->n_arches;
	char cells[N_COLUMNS][32], label[96];
	for (size_t i = 0; i < rows; i++) {
		for (int c = 0; c < N_COLUMNS; c++) {
			const struct se_cache_report *r = &s->costs[c].cache;
			snprintf(cells[c], sizeof cells[c], "%u of %u",
				 i < r->n_arches ? r->arch[i].kept : r->kept,
				 i < r->n_arches ? r->arch[i].allowed : r->allowed);
		}
		snprintf(label, sizeof label, "%s: constant-allow syscalls that skip the filter",
			 i < first->n_arches ? first->arch[i].name : "all cached arches");
		row(label, cells);
	}
}

static void print_group(const struct stats *s, const char *scope, bool all, enum se_cost_group g)
{
	char cells[N_COLUMNS][32], label[96];
	for (int c = 0; c < N_COLUMNS; c++)
		snprintf(cells[c], sizeof cells[c], "%zu",
			 (all ? s->costs[c].all : s->costs[c].target)[g].n);
	snprintf(label, sizeof label, "%s, %s: syscalls", scope, group_names[g]);
	row(label, cells);
	for (int c = 0; c < N_COLUMNS; c++) {
		const struct se_cost *k = &(all ? s->costs[c].all : s->costs[c].target)[g];
		if (k->n)
			snprintf(cells[c], sizeof cells[c], "%.1f / %u", (double)k->sum / (double)k->n,
				 (unsigned)k->max);
		else
			snprintf(cells[c], sizeof cells[c], "-");
	}
	snprintf(label, sizeof label, "%s, %s: instructions mean / max", scope, group_names[g]);
	row(label, cells);
}

static void print_table(const struct stats *s)
{
	print_header(s);
	print_length(s);
	print_cache(s);
	for (int g = 0; g < SE_COST_GROUPS; g++)
		print_group(s, s->compiled.target.arch->uname, false, (enum se_cost_group)g);
	for (int g = 0; g < SE_COST_GROUPS; g++)
		print_group(s, "all arches", true, (enum se_cost_group)g);
	if (s->costs[OURS].cache.n_arches == 0)
		printf("\nno syscall skips the filter: the kernel keeps no cache for %s\n",
		       s->compiled.target.arch->uname);
}

int se_stats_run(struct se_diag *d, const struct se_profile *p, const struct se_options *o)
{
	struct stats s;
	int rc;
	memset(&s, 0, sizeof s);
	s.options = *o;
	rc = build_all(d, p, &s);
	if (rc == 0)
		rc = measure_all(d, &s);
	if (rc == 0)
		print_table(&s);
	se_compiled_free(&s.compiled);
	se_program_free(&s.ref);
	se_program_free(&s.level[0]);
	se_program_free(&s.level[1]);
	return rc;
}
