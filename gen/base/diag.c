#include "diag.h"

#include <stdio.h>

static void emit(const char *file, const char *kind, const char *path, const char *suffix,
		 const char *fmt, va_list ap)
{
	fprintf(stderr, "seccomp-embed: %s%s", file ? file : "", file ? ": " : "");
	if (path && *path)
		fprintf(stderr, "%s: ", path);
	fprintf(stderr, "%s", kind);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "%s\n", suffix);
}

int se_error(struct se_diag *d, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(d->file, "error: ", path, "", fmt, ap);
	va_end(ap);
	return SE_EINPUT;
}

void se_warn(struct se_diag *d, const char *path, const char *fmt, ...)
{
	va_list ap;
	d->warnings++;
	if (d->strict)
		d->strict_errors++;
	else if (d->quiet)
		return;
	va_start(ap, fmt);
	if (d->strict)
		emit(d->file, "error: ", path, " (--strict)", fmt, ap);
	else
		emit(d->file, "warning: ", path, "", fmt, ap);
	va_end(ap);
}

int se_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(NULL, "error: ", NULL, "", fmt, ap);
	va_end(ap);
	return SE_EINPUT;
}

static int internal_failures;

int se_internal(const char *fmt, ...)
{
	va_list ap;
	internal_failures++;
	va_start(ap, fmt);
	emit(NULL, "internal error: ", NULL, "", fmt, ap);
	va_end(ap);
	return SE_EINPUT;
}

void se_internal_note(void)
{
	internal_failures++;
}

int se_internal_failed(void)
{
	return internal_failures != 0;
}

const char *se_quote(const char *s, char out[SE_QUOTE_SIZE])
{
	size_t n = 0, k = 0;
	out[n++] = '"';
	for (; s[k] && k < SE_QUOTE_SHOWN; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c < 0x20 || c == 0x7F)
			n += (size_t)snprintf(out + n, 7, "\\u%04X", c);
		else if (c == '"' || c == '\\')
			n += (size_t)snprintf(out + n, 3, "\\%c", c);
		else
			out[n++] = (char)c;
	}
	/* finish the last character: at most 3 continuation bytes, even if the
	 * string is not UTF-8, so `out` cannot overflow */
	for (int more = 0; more < 3 && ((unsigned char)s[k] & 0xC0) == 0x80; more++)
		out[n++] = s[k++];
	snprintf(out + n, 5, "\"%s", s[k] ? "..." : "");
	return out;
}
