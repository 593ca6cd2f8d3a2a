/*
 * json_text.h - the raw text of a JSON input, before any parsing: read with
 * a size limit, checked to be UTF-8, and positions in it shown as
 * LINE:COLUMN.
 *
 * Every check on the text itself reports here, so that all of them name the
 * place the same way ("FILE: 3:16: error: ...") whichever stage found it.
 */
#ifndef SE_JSON_TEXT_H
#define SE_JSON_TEXT_H

#include <stddef.h>

#include "diag.h"

struct se_text {
	char *buf;  /* NUL-terminated; owned (free() it) */
	size_t len; /* without the terminating NUL */
};

/* Read FILE ("-" is stdin) whole.  A file of more than `max_bytes` is an
 * error.  On error reports, leaves t->buf NULL and returns SE_EINPUT. */
int se_text_read(struct se_diag *d, const char *file, size_t max_bytes, struct se_text *t);

/* Refuse anything but UTF-8 (RFC 3629: no overlongs, no surrogates, nothing
 * above U+10FFFF) and NUL bytes, which JSON text cannot hold. */
int se_text_check_utf8(struct se_diag *d, const struct se_text *t);

/* The code point of the UTF-8 sequence at p, which is valid UTF-8 (checked
 * by se_text_check_utf8).  `avail` bytes may be read. */
unsigned se_utf8_code_point(const unsigned char *p, size_t avail);

/* Line and column (both from 1; columns count code points, not bytes) of
 * the byte at `off`. */
void se_text_line_col(const struct se_text *t, size_t off, unsigned *line, unsigned *col);

/* Report `what` as an error at LINE:COL of the byte at `off`; returns
 * SE_EINPUT. */
int se_text_error_at(struct se_diag *d, const struct se_text *t, size_t off, const char *what);

#endif
