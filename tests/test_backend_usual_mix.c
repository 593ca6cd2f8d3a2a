/*
 * The usual mix compiled into the generator (gen/backend/usual_mix.c) is
 * the one its recordings give: bench/mixes/{shell,tar,git}.strace-c.txt,
 * each normalized to its calls, averaged, names under 0.3% left out, the
 * busiest weighing 1 (shares to 0.1%, as written there).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strace_summary.h"
#include "usual_mix.h"

#define MAX_NAMES 512
static const char *const recordings[] = {"shell", "tar", "git"};

struct mix {
	char name[MAX_NAMES][64];
	double share[MAX_NAMES];
	size_t n;
};

static size_t slot(struct mix *m, const char *name)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->name[i], name) == 0)
			return i;
	snprintf(m->name[m->n], sizeof m->name[0], "%s", name);
	m->share[m->n] = 0;
	return m->n++;
}

/* Adds FILE's shares, divided by the recordings' count, to `m`. */
static int add_recording(const char *source, const char *which, struct mix *m)
{
	char path[4096], line[512], *name;
	unsigned long calls, total = 0;
	struct mix one = {.n = 0};
	snprintf(path, sizeof path, "%s/bench/mixes/%s.strace-c.txt", source, which);
	FILE *f = fopen(path, "r");
	if (!f)
		return fprintf(stderr, "FAIL: %s: cannot open\n", path), -1;
	while (fgets(line, sizeof line, f))
		if (se_strace_summary_row(line, &calls, &name) && one.n < MAX_NAMES) {
			one.share[slot(&one, name)] += (double)calls;
			total += calls;
		}
	fclose(f);
	for (size_t i = 0; i < one.n; i++)
		m->share[slot(m, one.name[i])] += one.share[i] / (double)total / 3.0;
	return 0;
}

static int by_share(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x < y) - (x > y);
}

int main(void)
{
	const char *source = getenv("SECCOMP_EMBED_SOURCE_DIR");
	static struct mix m;
	unsigned failures = 0;
	if (!source)
		return fprintf(stderr, "FAIL: SECCOMP_EMBED_SOURCE_DIR unset\n"), 1;
	for (size_t i = 0; i < sizeof recordings / sizeof *recordings; i++)
		if (add_recording(source, recordings[i], &m))
			return 1;
	struct se_opt_hints h = se_usual_mix();
	double sorted[MAX_NAMES];
	size_t kept = 0;
	memcpy(sorted, m.share, m.n * sizeof *sorted);
	qsort(sorted, m.n, sizeof *sorted, by_share);
	while (kept < m.n && sorted[kept] >= 0.003)
		kept++;
	if (!h.uncached || h.n != kept) {
		fprintf(stderr, "FAIL: %zu names in the mix, the recordings give %zu\n", h.n, kept);
		failures++;
	}
	for (size_t i = 0; i < h.n && i < kept; i++) {
		double want = m.share[slot(&m, h.names[i])];
		if (fabs(want - sorted[i]) > 1e-12 || fabs(h.weights[i] * sorted[0] - want) > 0.0011) {
			fprintf(stderr, "FAIL: %s weighs %.4f, the recordings %.4f (rank %zu)\n",
				h.names[i], h.weights[i] * sorted[0], want, i);
			failures++;
		}
	}
	printf("test_backend_usual_mix: %zu names, %u failures\n", h.n, failures);
	return failures ? 1 : 0;
}
