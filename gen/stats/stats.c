#include "stats.h"

#include <stdio.h>
#include <string.h>

#include "bpf_check.h"
#include "compare.h"
#include "diag.h"
#include "ebpf_length.h"
#include "stats_build.h"
#include "path_costs.h"
#include "stats_mix.h"

enum { OURS = SE_STATS_OURS, N_COLUMNS = SE_STATS_COLUMNS + SE_MAX_ALSO };

static const char *const group_names[SE_COST_GROUPS] = {
	[SE_COST_ARGS] = "argument-checked",
	[SE_COST_DENIED] = "denied",
	[SE_COST_UNCACHED] = "allowed, uncached",
};

struct stats {
	struct se_stats_programs p;
	size_t n;                            /* columns: ours, two levels, then --also's */
	const struct se_program *column[N_COLUMNS];
	const char *name[N_COLUMNS];
	struct se_program also[SE_MAX_ALSO]; /* --also's programs, read */
	char also_differs[SE_MAX_ALSO][640]; /* where one decides unlike the profile; "" */
	struct se_costs costs[N_COLUMNS];
	struct se_mix mix; /* --mix, read before anything is printed */
};

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The first input on which an --also program decides unlike the profile's. */
static int first_difference(void *ctx, const struct se_difference *d)
{
	*(struct se_difference *)ctx = *d;
	return 1;
}

static int check_also(struct stats *s, size_t i)
{
	const struct se_arch_set *arches = &s->p.compiled.arches;
	const char *family = s->p.compiled.target.arch->errno_family;
	struct se_stack ref = {&s->p.ref, 1}, other = {&s->also[i], 1};
	struct se_difference d;
	size_t at;
	char call[160], a[80], b[80];
	enum se_bpf_fault fault = se_bpf_check(s->also[i].insns, s->also[i].len, &at);
	if (fault != SE_BPF_OK)
		return se_fail("--also %s: instruction %zu: %s: the kernel would not load it",
			       s->p.options.also[i], at, se_bpf_fault_str(fault));
	int rc = se_compare_stacks(&ref, &other, arches, first_difference, &d, NULL);
	if (rc < 0)
		return se_internal("out of memory comparing --also %s", s->p.options.also[i]);
	if (rc == 0)
		return 0;
	se_difference_call(&d, call, sizeof call);
	se_describe_result(&d.a, family, a, sizeof a);
	se_describe_result(&d.b, family, b, sizeof b);
	snprintf(s->also_differs[i], sizeof s->also_differs[i],
		 "%s decides unlike the profile: first at %s: profile %s, %s %s",
		 s->p.options.also[i], call, a, base_name(s->p.options.also[i]), b);
	return 0;
}

/* The columns: ours, libseccomp's two levels, then each --also program. */
static int set_columns(struct stats *s)
{
	bool big_endian = s->p.compiled.target.arch->big_endian;
	for (s->n = 0; s->n < SE_STATS_COLUMNS; s->n++) {
		s->column[s->n] = s->p.column[s->n];
		s->name[s->n] = se_stats_column_names[s->n];
	}
	for (size_t i = 0; i < s->p.options.n_also; i++) {
		if (se_program_read_raw(s->p.options.also[i], big_endian, &s->also[i]) ||
		    check_also(s, i))
			return SE_EINPUT;
		s->column[s->n] = &s->also[i];
		s->name[s->n++] = base_name(s->p.options.also[i]);
	}
	return 0;
}

static int measure_all(struct stats *s)
{
	struct se_probe_plan plan;
	const struct se_arch_set *arches = &s->p.compiled.arches;
	int rc = se_probe_plan_make(&s->p.ref, s->p.column[OURS], arches, &plan);
	for (size_t c = 0; rc == 0 && c < s->n; c++) {
		rc = se_costs_measure(s->column[c], arches, &plan,
				      se_options_kernel_caches(&s->p.options), &s->costs[c]);
		if (rc > 0)
			se_internal("the %s program faults when run", s->name[c]);
	}
	se_probe_plan_free(&plan);
	if (rc < 0)
		se_internal("out of memory measuring the programs");
	return rc ? SE_STATS_INTERNAL : 0;
}

static void print_header(const struct stats *s)
{
	const struct se_compiled *c = &s->p.compiled;
	const struct se_backend_report *b = &c->variants[0].backend;
	int ref = se_stats_reference_column(&s->p);
	printf("seccomp-embed stats: %s for %s (arches", s->p.options.profile, c->target.arch->uname);
	for (size_t i = 0; i < c->arches.n; i++)
		printf(" %s", c->arches.arches[i]->uname);
	printf("), %s\n", s->p.kernel);
	if (b->optimized)
		printf("ours: validated against %s (runc's choice) on %llu inputs\n",
		       ref < 0 ? "libseccomp" : se_stats_column_names[ref], b->validated);
	else if (b->kept_why[0])
		printf("ours: validated, but was %s; the column shows libseccomp's program, which "
		       "compile ships then\n", b->kept_why);
	else
		printf("ours: not written, the column shows libseccomp's program (see the warning)\n");
	printf("ENOSYS stub: %s; argument-checked syscalls: the most over the argument values "
	       "validation tries\n\n", s->p.options.enosys_stub ? "on (as runc)" : "off");
}

static void row(const struct stats *s, const char *label, char cells[N_COLUMNS][32])
{
	printf("| %s |", label);
	for (size_t c = 0; c < s->n; c++)
		printf(" %s |", cells[c]);
	printf("\n");
}

static void print_length(const struct stats *s)
{
	char cells[N_COLUMNS][32];
	printf("| |");
	for (size_t c = 0; c < s->n; c++)
		printf(" %s |", s->name[c]);
	printf("\n|---|");
	for (size_t c = 0; c < s->n; c++)
		printf("---:|");
	printf("\n");
	for (size_t c = 0; c < s->n; c++)
		snprintf(cells[c], sizeof cells[c], "%zu", s->column[c]->len);
	row(s, "program length", cells);
	for (size_t c = 0; c < s->n; c++)
		snprintf(cells[c], sizeof cells[c], "%zu",
			 se_ebpf_length(s->column[c]->insns, s->column[c]->len));
	row(s, "attach: length once converted to eBPF", cells);
}

/* What attaching costs besides the length: the kernel's cache walks the
 * program once per number of the arches it caches. */
static void print_emulation(const struct stats *s)
{
	char cells[N_COLUMNS][32];
	if (s->costs[OURS].cache.n_arches == 0)
		return;
	for (size_t c = 0; c < s->n; c++) {
		const struct se_cache_report *r = &s->costs[c].cache;
		snprintf(cells[c], sizeof cells[c], "%.2f",
			 r->numbers ? (double)r->emulated / (double)r->numbers : 0.0);
	}
	row(s, "attach: instructions the cache emulates, mean per number", cells);
}

/* "N of M" per arch the kernel caches, then over them all (if several). */
static void print_cache(const struct stats *s)
{
	const struct se_cache_report *first = &s->costs[OURS].cache;
	size_t rows = first->n_arches > 1 ? first->n_arches + 1 : first->n_arches;
	char cells[N_COLUMNS][32], label[96];
	for (size_t i = 0; i < rows; i++) {
		for (size_t c = 0; c < s->n; c++) {
			const struct se_cache_report *r = &s->costs[c].cache;
			snprintf(cells[c], sizeof cells[c], "%u of %u",
				 i < r->n_arches ? r->arch[i].kept : r->kept,
				 i < r->n_arches ? r->arch[i].allowed : r->allowed);
		}
		snprintf(label, sizeof label, "%s: constant-allow syscalls that skip the filter",
			 i < first->n_arches ? first->arch[i].name : "all cached arches");
		row(s, label, cells);
	}
}

/* "9.3 / 12" (the mean with `decimals` places), or "-" for no syscall. */
static void mean_max(const struct se_cost *k, int decimals, char cell[32])
{
	if (k->n)
		snprintf(cell, 32, "%.*f / %u", decimals, (double)k->sum / (double)k->n,
			 (unsigned)k->max);
	else
		snprintf(cell, 32, "-");
}

static void print_group(const struct stats *s, const char *scope, bool all, enum se_cost_group g)
{
	char cells[N_COLUMNS][32], label[96];
	for (size_t c = 0; c < s->n; c++)
		snprintf(cells[c], sizeof cells[c], "%zu",
			 (all ? s->costs[c].all : s->costs[c].target)[g].n);
	snprintf(label, sizeof label, "%s, %s: syscalls", scope, group_names[g]);
	row(s, label, cells);
	for (size_t c = 0; c < s->n; c++)
		mean_max(&(all ? s->costs[c].all : s->costs[c].target)[g], 1, cells[c]);
	snprintf(label, sizeof label, "%s, %s: instructions mean / max", scope, group_names[g]);
	row(s, label, cells);
}

/* The target's every number, gaps included (path_costs.h). */
static void print_numbers(const struct stats *s)
{
	char cells[N_COLUMNS][32], label[128];
	const struct se_costs *ours = &s->costs[OURS];
	for (size_t c = 0; c < s->n; c++)
		snprintf(cells[c], sizeof cells[c], "%zu", s->costs[c].numbers_denied.n);
	snprintf(label, sizeof label, "%s, denied, every number %u-%u (gaps too): numbers",
		 s->p.compiled.target.arch->uname, ours->numbers_first, ours->numbers_last);
	row(s, label, cells);
	for (size_t c = 0; c < s->n; c++)
		mean_max(&s->costs[c].numbers_denied, 2, cells[c]);
	snprintf(label, sizeof label, "%s, denied, every number %u-%u (gaps too): instructions "
		 "mean / max", s->p.compiled.target.arch->uname, ours->numbers_first,
		 ours->numbers_last);
	row(s, label, cells);
}

/* --mix: the workload's allowed calls through each program (the programs
 * were run on every input already, so none faults here). */
static void print_mix(const struct stats *s)
{
	const struct se_arch *arch = s->p.compiled.target.arch;
	char calls[N_COLUMNS][32], mean[N_COLUMNS][32], label[160];
	for (size_t c = 0; c < s->n; c++) {
		struct se_mix_cost k;
		bool faults = se_mix_measure(&s->mix, s->column[c], arch, &s->costs[c].cache, &k);
		snprintf(calls[c], sizeof calls[c], "%lu", faults ? 0 : k.calls);
		if (!faults && k.calls)
			snprintf(mean[c], sizeof mean[c], "%.2f", (double)k.steps / (double)k.calls);
		else
			snprintf(mean[c], sizeof mean[c], "-");
	}
	snprintf(label, sizeof label, "%s, the mix's allowed calls (%s): calls", arch->uname,
		 base_name(s->p.options.mix));
	row(s, label, calls);
	snprintf(label, sizeof label, "%s, the mix's allowed calls: instructions per call, mean",
		 arch->uname);
	row(s, label, mean);
}

static void print_table(const struct stats *s)
{
	print_header(s);
	print_length(s);
	print_emulation(s);
	print_cache(s);
	for (int g = 0; g < SE_COST_GROUPS; g++)
		print_group(s, s->p.compiled.target.arch->uname, false, (enum se_cost_group)g);
	print_numbers(s);
	if (s->p.options.mix)
		print_mix(s);
	for (int g = 0; g < SE_COST_GROUPS; g++)
		print_group(s, "all arches", true, (enum se_cost_group)g);
	if (!se_cache_kernel_caches(s->p.compiled.target.arch))
		printf("\nno syscall skips the filter: the kernel keeps no cache for %s\n",
		       s->p.compiled.target.arch->uname);
	else if (!se_options_kernel_caches(&s->p.options))
		printf("\nno syscall skips the filter: Linux %u.%u keeps no cache (it came in 5.11), "
		       "so every allowed call runs the filter\n", s->p.options.kernel.major,
		       s->p.options.kernel.minor);
	for (size_t i = 0; i < s->p.options.n_also; i++)
		if (s->also_differs[i][0])
			printf("\n%s\n", s->also_differs[i]);
}

int se_stats_run(struct se_diag *d, const struct se_profile *p, const struct se_options *o)
{
	struct stats s;
	memset(&s, 0, sizeof s);
	int rc = se_stats_build(d, p, o, &s.p);
	if (rc == 0 && d->strict_errors)
		rc = SE_EINPUT; /* --strict: the warnings were errors */
	if (rc == 0)
		rc = set_columns(&s);
	if (rc == 0 && o->mix)
		rc = se_mix_read(o->mix, s.p.compiled.target.arch, o->syscalls, &s.mix);
	if (rc == 0)
		rc = measure_all(&s);
	if (rc == 0)
		print_table(&s);
	for (size_t i = 0; i < SE_MAX_ALSO; i++)
		se_program_free(&s.also[i]);
	se_mix_free(&s.mix);
	se_stats_programs_free(&s.p);
	return rc;
}
