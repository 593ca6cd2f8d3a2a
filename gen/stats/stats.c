#include "stats.h"

#include <stdio.h>

#include "ebpf_length.h"
#include "stats_build.h"
#include "path_costs.h"

enum { OURS = SE_STATS_OURS, N_COLUMNS = SE_STATS_COLUMNS };

static const char *const group_names[SE_COST_GROUPS] = {
	[SE_COST_ARGS] = "argument-checked",
	[SE_COST_DENIED] = "denied",
	[SE_COST_UNCACHED] = "allowed, uncached",
};

struct stats {
	struct se_stats_programs p;
	struct se_costs costs[N_COLUMNS];
};

static int measure_all(struct stats *s)
{
	struct se_probe_plan plan;
	const struct se_arch_set *arches = &s->p.compiled.arches;
	int rc = se_probe_plan_make(&s->p.ref, s->p.column[OURS], arches, &plan);
	for (int c = 0; rc == 0 && c < N_COLUMNS; c++) {
		rc = se_costs_measure(s->p.column[c], arches, &plan, &s->costs[c]);
		if (rc > 0)
			se_internal("the %s program faults when run",
				 se_stats_column_names[c]);
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
	else
		printf("ours: not written, the column shows libseccomp's program (see the warning)\n");
	printf("ENOSYS stub: %s; argument-checked syscalls: the most over the argument values "
	       "validation tries\n\n", s->p.options.enosys_stub ? "on (as runc)" : "off");
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
		printf(" %s |", se_stats_column_names[c]);
	printf("\n|---|---:|---:|---:|\n");
	for (int c = 0; c < N_COLUMNS; c++)
		snprintf(cells[c], sizeof cells[c], "%zu", s->p.column[c]->len);
	row("program length", cells);
	for (int c = 0; c < N_COLUMNS; c++)
		snprintf(cells[c], sizeof cells[c], "%zu",
			 se_ebpf_length(s->p.column[c]->insns, s->p.column[c]->len));
	row("attach: length once converted to eBPF", cells);
}

/* What attaching costs besides the length: the kernel's cache walks the
 * program once per number of the arches it caches. */
static void print_emulation(const struct stats *s)
{
	char cells[N_COLUMNS][32];
	if (s->costs[OURS].cache.n_arches == 0)
		return;
	for (int c = 0; c < N_COLUMNS; c++) {
		const struct se_cache_report *r = &s->costs[c].cache;
		snprintf(cells[c], sizeof cells[c], "%.2f",
			 r->numbers ? (double)r->emulated / (double)r->numbers : 0.0);
	}
	row("attach: instructions the cache emulates, mean per number", cells);
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
	print_emulation(s);
	print_cache(s);
	for (int g = 0; g < SE_COST_GROUPS; g++)
		print_group(s, s->p.compiled.target.arch->uname, false, (enum se_cost_group)g);
	for (int g = 0; g < SE_COST_GROUPS; g++)
		print_group(s, "all arches", true, (enum se_cost_group)g);
	if (s->costs[OURS].cache.n_arches == 0)
		printf("\nno syscall skips the filter: the kernel keeps no cache for %s\n",
		       s->p.compiled.target.arch->uname);
}

int se_stats_run(struct se_diag *d, const struct se_profile *p, const struct se_options *o)
{
	struct stats s;
	int rc = se_stats_build(d, p, o, &s.p);
	if (rc == 0 && d->strict_errors)
		rc = SE_EINPUT; /* --strict: the warnings were errors */
	if (rc == 0)
		rc = measure_all(&s);
	if (rc == 0)
		print_table(&s);
	se_stats_programs_free(&s.p);
	return rc;
}
