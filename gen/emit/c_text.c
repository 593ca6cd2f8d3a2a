#include "c_text.h"

#include <stdbool.h>

static bool printable(unsigned char c)
{
	return c >= 0x20 && c < 0x7F;
}

/* Would `c`, written after `prev`, end or open a comment or form `??`? */
static bool breaks_comment(unsigned char prev, unsigned char c)
{
	return (prev == '*' && c == '/') || (prev == '/' && c == '*') || (prev == '?' && c == '?');
}

void se_c_comment_text(FILE *f, const char *s)
{
	unsigned char prev = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (!printable(*p) || *p == '\\' || breaks_comment(prev, *p)) {
			fprintf(f, "\\x%02x", *p);
			prev = 0; /* what follows an escape follows an 'x' digit pair */
			continue;
		}
		fputc(*p, f);
		prev = *p;
	}
}

void se_c_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\' || *p == '?')
			fprintf(f, "\\%c", *p);
		else if (printable(*p))
			fputc(*p, f);
		else
			fprintf(f, "\\%03o", *p);
	}
	fputc('"', f);
}
