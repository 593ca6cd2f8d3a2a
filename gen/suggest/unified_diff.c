#include "unified_diff.h"

#include <stdbool.h>
#include <string.h>

#define CONTEXT 3

/* Offset of the start of line `i` (from 0) of `t`, or t->len past the end. */
static size_t line_start(const struct se_text *t, size_t i)
{
	size_t off = 0;
	while (i-- && off < t->len) {
		const char *nl = memchr(t->buf + off, '\n', t->len - off);
		off = nl ? (size_t)(nl - t->buf) + 1 : t->len;
	}
	return off;
}

static size_t count_lines(const struct se_text *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->len; i++)
		n += t->buf[i] == '\n';
	return n + (t->len && t->buf[t->len - 1] != '\n');
}

static bool same_line(const struct se_text *a, size_t i, const struct se_text *b, size_t j)
{
	size_t as = line_start(a, i), ae = line_start(a, i + 1);
	size_t bs = line_start(b, j), be = line_start(b, j + 1);
	return ae - as == be - bs && memcmp(a->buf + as, b->buf + bs, ae - as) == 0;
}

static void write_lines(FILE *f, char mark, const struct se_text *t, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		size_t s = line_start(t, i), e = line_start(t, i + 1);
		fputc(mark, f);
		fwrite(t->buf + s, 1, e - s, f);
		if (e == s || t->buf[e - 1] != '\n')
			fputs("\n\\ No newline at end of file\n", f);
	}
}

void se_unified_diff(FILE *f, const char *name, const struct se_text *before,
		     const struct se_text *after)
{
	size_t na = count_lines(before), nb = count_lines(after), head = 0, tail = 0;
	while (head < na && head < nb && same_line(before, head, after, head))
		head++;
	while (tail < na - head && tail < nb - head &&
	       same_line(before, na - 1 - tail, after, nb - 1 - tail))
		tail++;
	if (head == na && head == nb)
		return;
	size_t from = head > CONTEXT ? head - CONTEXT : 0;
	size_t ctx_after = tail > CONTEXT ? CONTEXT : tail;
	size_t a_end = na - tail + ctx_after, b_end = nb - tail + ctx_after;
	fprintf(f, "--- %s\n+++ %s\n", name, name);
	fprintf(f, "@@ -%zu,%zu +%zu,%zu @@\n", a_end > from ? from + 1 : from, a_end - from,
		b_end > from ? from + 1 : from, b_end - from);
	write_lines(f, ' ', before, from, head);
	write_lines(f, '-', before, head, na - tail);
	write_lines(f, '+', after, head, nb - tail);
	write_lines(f, ' ', before, na - tail, a_end);
}
