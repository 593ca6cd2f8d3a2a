#include "json_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Grows by doubling rather than trusting a size from stat(): stdin and
 * pipes have none.  Reads past max_bytes only to know the file is bigger. */
static int read_all(struct se_diag *d, FILE *f, size_t max_bytes, struct se_text *t)
{
	size_t cap = 65536;
	t->buf = malloc(cap + 1);
	t->len = 0;
	if (!t->buf)
		return se_internal("out of memory");
	for (;;) {
		size_t n = fread(t->buf + t->len, 1, cap - t->len, f);
		t->len += n;
		if (t->len > max_bytes)
			return se_error(d, NULL, "file is larger than %zu MiB; "
					"a seccomp profile is at most a few hundred kilobytes",
					max_bytes >> 20);
		if (n == 0)
			break;
		if (t->len == cap) {
			char *bigger = realloc(t->buf, cap * 2 + 1);
			if (!bigger)
				return se_internal("out of memory");
			t->buf = bigger;
			cap *= 2;
		}
	}
	if (ferror(f))
		return se_error(d, NULL, "cannot read: %s", strerror(errno));
	t->buf[t->len] = '\0';
	return 0;
}

static int read_stream(struct se_diag *d, const char *file, size_t max_bytes, struct se_text *t)
{
	if (strcmp(file, "-") == 0)
		return read_all(d, stdin, max_bytes, t);
	FILE *f = fopen(file, "rb");
	if (!f && errno == ENOMEM)
		return se_internal("out of memory");
	if (!f)
		return se_error(d, NULL, "cannot open: %s", strerror(errno));
	int rc = read_all(d, f, max_bytes, t);
	fclose(f);
	return rc;
}

int se_text_read(struct se_diag *d, const char *file, size_t max_bytes, struct se_text *t)
{
	*t = (struct se_text){0};
	int rc = read_stream(d, file, max_bytes, t);
	if (rc) {
		free(t->buf); /* a partial read is of no use to the caller */
		*t = (struct se_text){0};
	}
	return rc;
}

/* Length of the UTF-8 sequence at s (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	size_t n;
	unsigned cp, min;
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; min = 0x80; }
	else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; min = 0x800; }
	else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; min = 0x10000; }
	else return 0;
	if (n > avail)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

int se_text_check_utf8(struct se_diag *d, const struct se_text *t)
{
	char what[64];
	for (size_t i = 0; i < t->len;) {
		size_t n = utf8_len((const unsigned char *)t->buf + i, t->len - i);
		if (n == 0) {
			snprintf(what, sizeof what, "invalid UTF-8 byte 0x%02X; expected UTF-8 text",
				 (unsigned char)t->buf[i]);
			return se_text_error_at(d, t, i, what);
		}
		if (t->buf[i] == '\0')
			return se_text_error_at(d, t, i, "NUL byte in the file; expected JSON text");
		i += n;
	}
	return 0;
}

unsigned se_utf8_code_point(const unsigned char *p, size_t avail)
{
	size_t n = utf8_len(p, avail);
	unsigned cp = n <= 1 ? p[0] : p[0] & (0x7Fu >> n);
	for (size_t k = 1; k < n; k++)
		cp = (cp << 6) | (p[k] & 0x3Fu);
	return cp;
}

void se_text_line_col(const struct se_text *t, size_t off, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < t->len; i++) {
		if (t->buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)t->buf[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

int se_text_error_at(struct se_diag *d, const struct se_text *t, size_t off, const char *what)
{
	unsigned line, col;
	se_text_line_col(t, off, &line, &col);
	char where[48];
	snprintf(where, sizeof where, "%u:%u", line, col);
	return se_error(d, where, "%s", what);
}
