#include "hot.h"

#include <ctype.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "strace_summary.h"

static int add_hot(struct se_hot *h, const char *name, double weight, size_t *cap)
{
	if (h->names.n == *cap) {
		size_t bigger = *cap ? *cap * 2 : 64;
		double *w = realloc(h->weights, bigger * sizeof *w);
		if (!w)
			return -1;
		h->weights = w;
		*cap = bigger;
	}
	h->weights[h->names.n] = weight;
	return se_strings_add(&h->names, name);
}

static int parse_summary(const char *path, struct se_hot *h)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return se_fail("--hot %s: %s", path, strerror(errno));
	char line[512];
	size_t cap = 0;
	unsigned long calls, most = 1;
	char *name;
	int rc = 0;
	while (!rc && fgets(line, sizeof line, f))
		if (se_strace_summary_row(line, &calls, &name)) {
			rc = add_hot(h, name, (double)calls, &cap);
			most = calls > most ? calls : most;
		}
	fclose(f);
	if (rc)
		return se_internal("out of memory");
	if (h->names.n == 0)
		return se_fail("--hot %s: no rows of an `strace -c` summary in it", path);
	for (size_t i = 0; i < h->names.n; i++)
		h->weights[i] /= (double)most; /* the busiest syscall weighs 1 */
	return 0;
}

static int parse_list(const char *list, struct se_hot *h)
{
	char *copy = strdup(list);
	int rc = copy ? 0 : -1;
	for (char *save = NULL, *name = copy ? strtok_r(copy, ",", &save) : NULL; name && !rc;
	     name = strtok_r(NULL, ",", &save))
		rc = se_strings_add_unique(&h->names, name);
	free(copy);
	return rc ? se_internal("out of memory") : 0;
}

int se_hot_parse(const char *spec, struct se_hot *out)
{
	struct stat st;
	memset(out, 0, sizeof *out);
	if (!spec)
		return 0;
	int rc;
	if (stat(spec, &st) == 0)
		rc = parse_summary(spec, out);
	else if (strchr(spec, '/')) /* meant as a file: no syscall name has a slash */
		rc = se_fail("--hot %s: %s", spec, strerror(errno));
	else
		rc = parse_list(spec, out);
	out->hints = (struct se_opt_hints){(const char *const *)out->names.items, out->weights,
					   out->names.n, false};
	return rc;
}

void se_hot_free(struct se_hot *h)
{
	se_strings_free(&h->names);
	free(h->weights);
	memset(h, 0, sizeof *h);
}
