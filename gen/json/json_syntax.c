#include "json_syntax.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* A recursive descent over the text; the recursion is bounded by
 * max_depth, so a hostile file cannot exhaust the stack. */
struct scan {
	struct se_diag *d;
	const struct se_text *t;
	size_t i;
	unsigned depth, max_depth;
	size_t open_at; /* the innermost '{' or '[' not yet closed */
};

static int scan_value(struct scan *s);

static int error_at(const struct scan *s, size_t at, const char *what)
{
	return se_text_error_at(s->d, s->t, at, what);
}

static char peek(const struct scan *s)
{
	return s->i < s->t->len ? s->t->buf[s->i] : '\0';
}

static bool digit_at(const struct scan *s)
{
	return peek(s) >= '0' && peek(s) <= '9';
}

static void skip_ws(struct scan *s)
{
	while (peek(s) == ' ' || peek(s) == '\t' || peek(s) == '\n' || peek(s) == '\r')
		s->i++;
}

/* What stands at the scan position, for "expected X, got Y". */
static void describe(const struct scan *s, char *buf, size_t n)
{
	const unsigned char *p = (const unsigned char *)s->t->buf + s->i;
	if (s->i >= s->t->len)
		snprintf(buf, n, "end of file");
	else if (*p == '\n' || *p == '\r')
		snprintf(buf, n, "a line break");
	else if (*p == '\'')
		snprintf(buf, n, "\"'\" (JSON strings take double quotes)");
	else if (*p >= 0x20 && *p < 0x7F)
		snprintf(buf, n, "'%c'", *p);
	else
		snprintf(buf, n, "U+%04X", se_utf8_code_point(p, s->t->len - s->i));
}

/* At end of file the unclosed bracket is the useful place to name. */
static int fail(struct scan *s, const char *expected)
{
	char got[64], what[256];
	unsigned line, col;
	describe(s, got, sizeof got);
	if (s->i >= s->t->len && s->depth) {
		se_text_line_col(s->t, s->open_at, &line, &col);
		snprintf(what, sizeof what, "expected %s, got end of file (the %s opened at %u:%u "
			 "is not closed)", expected,
			 s->t->buf[s->open_at] == '{' ? "object" : "array", line, col);
	} else {
		snprintf(what, sizeof what, "expected %s, got %s", expected, got);
	}
	return error_at(s, s->i, what);
}

static long hex4(const char *p)
{
	long v = 0;
	for (int k = 0; k < 4; k++) {
		char c = p[k]; /* stops at the terminating NUL, never reads past it */
		int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			  : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (digit < 0)
			return -1;
		v = v * 16 + digit;
	}
	return v;
}

/* \uXXXX: cJSON refuses lone surrogates; \u0000 would cut the string and
 * \u0001 is the number tag (see tag_numbers in json_doc.c), and no profile
 * value holds either. */
static int scan_unicode_escape(struct scan *s)
{
	const char *p = s->t->buf + s->i;
	long cp = hex4(p + 2), low;
	char what[96];
	if (cp < 0)
		return error_at(s, s->i, "invalid \\u escape; expected 4 hexadecimal digits");
	if (cp <= 1) {
		snprintf(what, sizeof what, "\\u%04lX is not allowed in a string "
			 "(no profile value contains it)", cp);
		return error_at(s, s->i, what);
	}
	if (cp >= 0xD800 && cp <= 0xDFFF) {
		if (cp >= 0xDC00 || p[6] != '\\' || p[7] != 'u' ||
		    (low = hex4(p + 8)) < 0xDC00 || low > 0xDFFF)
			return error_at(s, s->i, "unpaired UTF-16 surrogate escape; "
					"expected \\uD800-\\uDBFF followed by \\uDC00-\\uDFFF");
		s->i += 6;
	}
	s->i += 6;
	return 0;
}

static int scan_escape(struct scan *s)
{
	char e = s->t->buf[s->i + 1]; /* at worst the terminating NUL */
	if (e == 'u')
		return scan_unicode_escape(s);
	if (e && strchr("\"\\/bfnrt", e)) {
		s->i += 2;
		return 0;
	}
	return error_at(s, s->i, "invalid escape; expected one of \\\" \\\\ \\/ \\b \\f "
			"\\n \\r \\t \\uXXXX");
}

static int scan_string(struct scan *s)
{
	size_t start = s->i++;
	char what[96];
	for (;;) {
		unsigned char c = (unsigned char)peek(s);
		if (s->i >= s->t->len)
			return error_at(s, start, "unterminated string: no closing '\"' "
					"before end of file");
		if (c == '"') {
			s->i++;
			return 0;
		}
		if (c == '\\' && scan_escape(s))
			return SE_EINPUT;
		if (c == '\\')
			continue;
		if (c == '\n' || c == '\r')
			return error_at(s, s->i, "line break inside a string; expected "
					"the closing '\"' first (write \\n for a line break)");
		if (c < 0x20) {
			snprintf(what, sizeof what, "control character U+%04X inside a string; "
				 "write it as \\u%04X", c, c);
			return error_at(s, s->i, what);
		}
		s->i++;
	}
}

static void skip_digits(struct scan *s)
{
	while (digit_at(s))
		s->i++;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?  Whether the number fits
 * where it stands is for the profile parser to say. */
static int scan_number(struct scan *s)
{
	size_t start = s->i;
	if (peek(s) == '-')
		s->i++;
	if (!digit_at(s))
		return fail(s, "a digit after '-'");
	if (peek(s) == '0') {
		s->i++;
		if (digit_at(s))
			return error_at(s, start, "a number must not start with 0 "
					"(JSON numbers are decimal, without leading zeros)");
	}
	skip_digits(s);
	if (peek(s) == '.') {
		s->i++;
		if (!digit_at(s))
			return fail(s, "a digit after '.'");
		skip_digits(s);
	}
	if (peek(s) == 'e' || peek(s) == 'E') {
		s->i++;
		if (peek(s) == '+' || peek(s) == '-')
			s->i++;
		if (!digit_at(s))
			return fail(s, "a digit in the exponent");
		skip_digits(s);
	}
	return 0;
}

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* true, false and null; any other bare word is most likely an unquoted string. */
static int scan_word(struct scan *s)
{
	static const char *const literals[] = {"true", "false", "null", NULL};
	const char *w = s->t->buf + s->i;
	size_t n = 0;
	char what[160];
	while (s->i + n < s->t->len && word_char(w[n]))
		n++;
	for (size_t k = 0; literals[k]; k++)
		if (strlen(literals[k]) == n && strncmp(literals[k], w, n) == 0) {
			s->i += n;
			return 0;
		}
	snprintf(what, sizeof what, "invalid literal %.*s%s; expected true, false, null or a "
		 "string in double quotes", n > 40 ? 40 : (int)n, w, n > 40 ? "..." : "");
	return error_at(s, s->i, what);
}

static int enter(struct scan *s, size_t *saved_open_at)
{
	char what[64];
	if (++s->depth > s->max_depth) {
		snprintf(what, sizeof what, "JSON nested too deeply (more than %u levels)",
			 s->max_depth);
		return error_at(s, s->i, what);
	}
	*saved_open_at = s->open_at;
	s->open_at = s->i++;
	skip_ws(s);
	return 0;
}

static void leave(struct scan *s, size_t saved_open_at)
{
	s->i++;
	s->depth--;
	s->open_at = saved_open_at;
}

static int scan_member(struct scan *s, bool first)
{
	if (peek(s) != '"')
		return fail(s, first ? "a member name in double quotes, or '}'"
				     : "a member name in double quotes after ','");
	if (scan_string(s))
		return SE_EINPUT;
	skip_ws(s);
	if (peek(s) != ':')
		return fail(s, "':' after the member name");
	s->i++;
	skip_ws(s);
	return scan_value(s);
}

static int scan_element(struct scan *s, bool first)
{
	(void)first;
	return scan_value(s);
}

/* The items of a non-empty object or array, up to the closing bracket:
 * item, then ',' and another, or the bracket. */
static int scan_items(struct scan *s, int (*item)(struct scan *, bool), char close,
		      const char *expected_after)
{
	for (bool first = true;; first = false) {
		if (item(s, first))
			return SE_EINPUT;
		skip_ws(s);
		if (peek(s) == close)
			return 0;
		if (peek(s) != ',')
			return fail(s, expected_after);
		s->i++;
		skip_ws(s);
	}
}

static int scan_container(struct scan *s, int (*item)(struct scan *, bool), char close,
			  const char *expected_after)
{
	size_t saved = 0; /* set by enter() */
	if (enter(s, &saved) || (peek(s) != close && scan_items(s, item, close, expected_after)))
		return SE_EINPUT;
	leave(s, saved);
	return 0;
}

static int scan_object(struct scan *s)
{
	return scan_container(s, scan_member, '}', "',' or '}' after an object member");
}

static int scan_array(struct scan *s)
{
	return scan_container(s, scan_element, ']', "',' or ']' after an array element");
}

static int scan_value(struct scan *s)
{
	char c = peek(s);
	if (c == '{')
		return scan_object(s);
	if (c == '[')
		return scan_array(s);
	if (c == '"')
		return scan_string(s);
	if (c == '-' || (c >= '0' && c <= '9'))
		return scan_number(s);
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return scan_word(s);
	return fail(s, "a value (object, array, string, number, true, false or null)");
}

int se_json_check_syntax(struct se_diag *d, const struct se_text *t, unsigned max_depth)
{
	struct scan s = {.d = d, .t = t, .max_depth = max_depth};
	if (t->len >= 3 && memcmp(t->buf, "\xEF\xBB\xBF", 3) == 0)
		return error_at(&s, 0, "UTF-8 byte order mark; JSON text must not start with one "
				"(Docker refuses it too)");
	skip_ws(&s);
	if (s.i == t->len)
		return error_at(&s, 0, "empty file; expected a JSON object");
	if (scan_value(&s))
		return SE_EINPUT;
	skip_ws(&s);
	return s.i == t->len ? 0 : fail(&s, "end of file after the top-level value");
}
