#include "diag.h"

#include <stdio.h>

static void emit(const char *file, const char *kind, const char *path,
		 const char *fmt, va_list ap)
{
	fprintf(stderr, "seccomp-embed: %s%s", file ? file : "", file ? ": " : "");
	if (path && *path)
		fprintf(stderr, "%s: ", path);
	fprintf(stderr, "%s", kind);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int se_error(struct se_diag *d, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(d->file, "error: ", path, fmt, ap);
	va_end(ap);
	return SE_EINPUT;
}

void se_warn(struct se_diag *d, const char *path, const char *fmt, ...)
{
	va_list ap;
	d->warnings++;
	if (d->quiet)
		return;
	va_start(ap, fmt);
	emit(d->file, "warning: ", path, fmt, ap);
	va_end(ap);
}

int se_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(NULL, "error: ", NULL, fmt, ap);
	va_end(ap);
	return SE_EINPUT;
}
