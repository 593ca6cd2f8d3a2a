/* See filters_report.h.  Every ratio is of medians taken in the same run. */
#include <stdio.h>

#include "filters_report.h"
#include "report.h"

static const int attached[] = {BF_OURS, BF_LEVEL1, BF_LEVEL2, BF_ONE};
static const int called[] = {BF_NONE, BF_OURS, BF_LEVEL1, BF_LEVEL2};
#define COUNT(a) (sizeof a / sizeof *a)

static void attach_table(const struct bench_filters *b, const struct bench_filter_results *r)
{
	const double one = r->attach[BF_ONE].median;
	printf("attach: prctl(PR_SET_NO_NEW_PRIVS) + seccomp(2) in a forked child, timed there; "
	       "median, p10, p90 of %zu children\n\n", r->children);
	printf("| program | instructions | median (us) | p10 (us) | p90 (us) | / one instruction |\n");
	printf("|---|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < COUNT(attached); i++) {
		const struct bench_filter *f = &b->f[attached[i]];
		const struct bench_stats *s = &r->attach[attached[i]];
		printf("| %s | %zu | %.1f | %.1f | %.1f | %.2fx |\n", f->label, f->len,
		       s->median / 1e3, s->p10 / 1e3, s->p90 / 1e3, s->median / one);
	}
}

static void calls_table(const struct bench_filters *b, const struct bench_filter_results *r)
{
	const double n = (double)r->calls;
	const double k0 = r->keyctl[BF_NONE].median, p0 = r->personality[BF_NONE].median;
	printf("\nper call: %ld calls in a loop in a forked child with the filter attached; ns per "
	       "call, median of %zu children; instructions: what the filter executes for the call\n\n",
	       r->calls, r->children);
	printf("| filter | keyctl (denied): instructions | ns | / no filter "
	       "| personality(0xffffffff) (argument-checked): instructions | ns | / no filter |\n");
	printf("|---|---:|---:|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < COUNT(called); i++) {
		const struct bench_filter *f = &b->f[called[i]];
		double k = r->keyctl[called[i]].median, p = r->personality[called[i]].median;
		printf("| %s | %u | %.0f | %.2fx | %u | %.0f | %.2fx |\n", f->label,
		       (unsigned)f->keyctl_steps, k / n, k / k0, (unsigned)f->personality_steps,
		       p / n, p / p0);
	}
}

/* Ours against each libseccomp level, on each measurement. */
static void ours_against(const struct bench_filter_results *r)
{
	printf("\nours / libseccomp (medians):");
	for (int level = BF_LEVEL1; level <= BF_LEVEL2; level++)
		printf("%slevel %d: attach %.2fx, keyctl %.2fx, personality %.2fx",
		       level == BF_LEVEL1 ? " " : "; ", level == BF_LEVEL1 ? 1 : 2,
		       r->attach[BF_OURS].median / r->attach[level].median,
		       r->keyctl[BF_OURS].median / r->keyctl[level].median,
		       r->personality[BF_OURS].median / r->personality[level].median);
	printf("\n");
}

void bench_filters_report(const struct bench_filters *b, const struct bench_filter_results *r)
{
	printf("seccomp-embed filter bench: %zu forked children per program and measurement, in "
	       "rounds\n", r->children);
	printf("profile: %s\n", b->what);
	bench_report_machine();
	printf("\n");
	attach_table(b, r);
	calls_table(b, r);
	ours_against(r);
	printf("every child was checked: filter mode and one more filter (none for \"no filter\"), "
	       "keyctl denied (EPERM) by the profile's programs only, personality(0xffffffff) "
	       "allowed\n");
}
