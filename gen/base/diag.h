/*
 * diag.h - one-line diagnostics: "FILE: PATH: message".
 *
 * Errors in input are reported once, where they are found, and the caller
 * returns SE_EINPUT up the stack; main() turns that into exit status 2.
 */
#ifndef SE_DIAG_H
#define SE_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#define SE_EINPUT (-1000) /* bad input; already reported */

struct se_diag {
	const char *file;   /* shown first in every line */
	unsigned warnings;  /* count of warnings printed */
	int quiet;          /* suppress warnings (errors are always printed) */
	int strict;         /* --strict: every warning is an error */
	unsigned strict_errors; /* warnings reported as errors under strict */
};

#if defined(__GNUC__)
#define SE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SE_PRINTF(a, b)
#endif

/* Error at a JSON path (may be NULL or "" for the whole document). */
int se_error(struct se_diag *d, const char *path, const char *fmt, ...) SE_PRINTF(3, 4);
/* Under `strict` a warning is printed as an error and counted in
 * strict_errors; the caller refuses to write output while any is. */
void se_warn(struct se_diag *d, const char *path, const char *fmt, ...) SE_PRINTF(3, 4);
/* Error not tied to a place in the input (options, I/O). */
int se_fail(const char *fmt, ...) SE_PRINTF(1, 2);
/* A failure of the generator, not of the input (out of memory, a broken
 * invariant): printed as "internal error: ...", blaming no place in the
 * profile, and remembered so that main() exits 1 rather than 2, however
 * the caller's return code travels.  Returns SE_EINPUT, so the caller's
 * clean-up path is the same as for bad input. */
int se_internal(const char *fmt, ...) SE_PRINTF(1, 2);
/* Records an internal failure reported elsewhere (by a child process). */
void se_internal_note(void);
/* Has se_internal() been called in this process? */
int se_internal_failed(void);

#define SE_QUOTE_SHOWN 48 /* bytes of the string shown before "..." */
/* Each byte shown may become \u00XX; then two quotes, up to 3 bytes that end
 * the last character, "..." and the NUL. */
#define SE_QUOTE_SIZE (SE_QUOTE_SHOWN * 6 + 16)

/* A string from the input as a message may show it: in double quotes, with
 * '"' and '\' escaped, control characters as \u00XX (a decoded "\n" must
 * not split the one-line diagnostic) and cut after SE_QUOTE_SHOWN bytes on a
 * UTF-8 boundary, "..." marking the cut.  Returns `out`. */
const char *se_quote(const char *s, char out[SE_QUOTE_SIZE]);

#endif
