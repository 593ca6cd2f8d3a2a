#include "spelling.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAX_WORD 64 /* longer words are compared by their first 64 characters */

unsigned se_spelling_distance(const char *a, const char *b, unsigned limit)
{
	/* rows i-2, i-1 and i of the optimal-string-alignment table */
	unsigned rows[3][MAX_WORD + 1];
	size_t n = strnlen(a, MAX_WORD), m = strnlen(b, MAX_WORD);
	if ((n > m ? n - m : m - n) > limit)
		return limit + 1;
	for (size_t j = 0; j <= m; j++)
		rows[0][j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++) {
		unsigned *cur = rows[i % 3], *prev = rows[(i - 1) % 3], *before = rows[(i + 1) % 3];
		unsigned row_min = cur[0] = (unsigned)i;
		for (size_t j = 1; j <= m; j++) {
			int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
			unsigned best = prev[j - 1] + (ca != cb);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    cb == tolower((unsigned char)a[i - 2]) && before[j - 2] + 1 < best)
				best = before[j - 2] + 1;
			cur[j] = best;
			if (best < row_min)
				row_min = best;
		}
		if (row_min > limit)
			return limit + 1;
	}
	return rows[n % 3][m] > limit ? limit + 1 : rows[n % 3][m];
}

static bool plural_of(const char *shorter, const char *longer)
{
	size_t s = strlen(shorter), l = strlen(longer);
	return s >= 3 && l > s && l - s <= 2 && strncasecmp(shorter, longer, s) == 0;
}

bool se_spelling_near(const char *given, const char *known)
{
	unsigned limit = strlen(known) > 5 ? 2 : 1;
	if (strcasecmp(given, known) == 0)
		return false;
	return se_spelling_distance(given, known, limit) <= limit || plural_of(given, known) ||
	       plural_of(known, given);
}

void se_suggest_init(struct se_suggestions *s, const char *given)
{
	memset(s, 0, sizeof *s);
	s->given = given;
}

static void keep(struct se_suggestions *s, const char *candidate, unsigned d)
{
	size_t at = s->n;
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->best[i], candidate) == 0)
			return;
	while (at > 0 && s->distance[at - 1] > d)
		at--;
	if (at == SE_SUGGEST_MAX)
		return;
	if (s->n < SE_SUGGEST_MAX)
		s->n++;
	memmove(&s->best[at + 1], &s->best[at], (s->n - 1 - at) * sizeof *s->best);
	memmove(&s->distance[at + 1], &s->distance[at], (s->n - 1 - at) * sizeof *s->distance);
	s->best[at] = candidate;
	s->distance[at] = d;
}

void se_suggest_consider(struct se_suggestions *s, const char *candidate)
{
	if (se_spelling_near(s->given, candidate))
		keep(s, candidate, se_spelling_distance(s->given, candidate, MAX_WORD));
}

void se_suggest_prefer(struct se_suggestions *s, const char *candidate)
{
	keep(s, candidate, 0);
}

void se_suggest_format(const struct se_suggestions *s, char *out, size_t len)
{
	size_t used = 0;
	*out = '\0';
	if (s->n == 0)
		return;
	used += (size_t)snprintf(out, len, " (did you mean");
	for (size_t i = 0; i < s->n && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%s\"%s\"",
					 i == 0 ? " " : i + 1 == s->n ? " or " : ", ", s->best[i]);
	if (used < len)
		snprintf(out + used, len - used, "?)");
}
