#include "json_doc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NUMBER_TAG "\x01#"
#define NUMBER_TAG_ESCAPED "\\u0001#"

struct text {
	char *buf;
	size_t len;
};

static int read_all(struct se_diag *d, FILE *f, struct text *t)
{
	size_t cap = 65536;
	t->buf = malloc(cap + 1);
	t->len = 0;
	if (!t->buf)
		return se_error(d, NULL, "out of memory");
	for (;;) {
		size_t n = fread(t->buf + t->len, 1, cap - t->len, f);
		t->len += n;
		if (t->len > SE_JSON_MAX_BYTES)
			return se_error(d, NULL, "file is larger than %u MiB; "
					"a seccomp profile is at most a few hundred kilobytes",
					SE_JSON_MAX_BYTES >> 20);
		if (n == 0)
			break;
		if (t->len == cap) {
			char *bigger = realloc(t->buf, cap * 2 + 1);
			if (!bigger)
				return se_error(d, NULL, "out of memory");
			t->buf = bigger;
			cap *= 2;
		}
	}
	if (ferror(f))
		return se_error(d, NULL, "cannot read: %s", strerror(errno));
	t->buf[t->len] = '\0';
	return 0;
}

static int read_file(struct se_diag *d, const char *file, struct text *t)
{
	if (strcmp(file, "-") == 0)
		return read_all(d, stdin, t);
	FILE *f = fopen(file, "rb");
	if (!f) {
		t->buf = NULL;
		return se_error(d, NULL, "cannot open: %s", strerror(errno));
	}
	int rc = read_all(d, f, t);
	fclose(f);
	return rc;
}

static void line_col(const struct text *t, size_t off, unsigned *line, unsigned *col)
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

static int error_at(struct se_diag *d, const struct text *t, size_t off, const char *what)
{
	unsigned line, col;
	line_col(t, off, &line, &col);
	char where[48];
	snprintf(where, sizeof where, "%u:%u", line, col);
	return se_error(d, where, "%s", what);
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

static int check_utf8(struct se_diag *d, const struct text *t)
{
	char what[64];
	for (size_t i = 0; i < t->len;) {
		size_t n = utf8_len((const unsigned char *)t->buf + i, t->len - i);
		if (n == 0) {
			snprintf(what, sizeof what, "invalid UTF-8 byte 0x%02X; expected UTF-8 text",
				 (unsigned char)t->buf[i]);
			return error_at(d, t, i, what);
		}
		if (t->buf[i] == '\0')
			return error_at(d, t, i, "NUL byte in the file; expected JSON text");
		i += n;
	}
	return 0;
}

/*
 * The syntax check.  cJSON is not used for it: it accepts what Go's decoder
 * (and so Docker) refuses -- leading zeros, "1.", control characters in
 * strings, form feeds as white space, a byte order mark -- it silently cuts
 * a string at \u0000 ("read\u0000x" would allow read), and its error
 * position is approximate.  This checker follows RFC 8259 exactly and says
 * what it expected.  Recursion is bounded by SE_JSON_MAX_DEPTH.
 */
struct scan {
	struct se_diag *d;
	const struct text *t;
	size_t i;
	unsigned depth;
	size_t open_at; /* the innermost '{' or '[' not yet closed */
};

static int scan_value(struct scan *s);

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

/* The text is valid UTF-8 by now (check_utf8). */
static unsigned code_point(const unsigned char *p, size_t avail)
{
	size_t n = utf8_len(p, avail);
	unsigned cp = n <= 1 ? p[0] : p[0] & (0x7Fu >> n);
	for (size_t k = 1; k < n; k++)
		cp = (cp << 6) | (p[k] & 0x3Fu);
	return cp;
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
		snprintf(buf, n, "U+%04X", code_point(p, s->t->len - s->i));
}

/* At end of file the unclosed bracket is the useful place to name. */
static int fail(struct scan *s, const char *expected)
{
	char got[64], what[256];
	unsigned line, col;
	describe(s, got, sizeof got);
	if (s->i >= s->t->len && s->depth) {
		line_col(s->t, s->open_at, &line, &col);
		snprintf(what, sizeof what, "expected %s, got end of file (the %s opened at %u:%u "
			 "is not closed)", expected,
			 s->t->buf[s->open_at] == '{' ? "object" : "array", line, col);
	} else {
		snprintf(what, sizeof what, "expected %s, got %s", expected, got);
	}
	return error_at(s->d, s->t, s->i, what);
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
 * \u0001 is the number tag (see tag_numbers), and no profile value holds
 * either. */
static int scan_unicode_escape(struct scan *s)
{
	const char *p = s->t->buf + s->i;
	long cp = hex4(p + 2), low;
	char what[96];
	if (cp < 0)
		return error_at(s->d, s->t, s->i, "invalid \\u escape; expected 4 hexadecimal digits");
	if (cp <= 1) {
		snprintf(what, sizeof what, "\\u%04lX is not allowed in a string "
			 "(no profile value contains it)", cp);
		return error_at(s->d, s->t, s->i, what);
	}
	if (cp >= 0xD800 && cp <= 0xDFFF) {
		if (cp >= 0xDC00 || p[6] != '\\' || p[7] != 'u' ||
		    (low = hex4(p + 8)) < 0xDC00 || low > 0xDFFF)
			return error_at(s->d, s->t, s->i, "unpaired UTF-16 surrogate escape; "
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
	return error_at(s->d, s->t, s->i, "invalid escape; expected one of \\\" \\\\ \\/ \\b \\f "
			"\\n \\r \\t \\uXXXX");
}

static int scan_string(struct scan *s)
{
	size_t start = s->i++;
	char what[96];
	for (;;) {
		unsigned char c = (unsigned char)peek(s);
		if (s->i >= s->t->len)
			return error_at(s->d, s->t, start, "unterminated string: no closing '\"' "
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
			return error_at(s->d, s->t, s->i, "line break inside a string; expected "
					"the closing '\"' first (write \\n for a line break)");
		if (c < 0x20) {
			snprintf(what, sizeof what, "control character U+%04X inside a string; "
				 "write it as \\u%04X", c, c);
			return error_at(s->d, s->t, s->i, what);
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
			return error_at(s->d, s->t, start, "a number must not start with 0 "
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
	return error_at(s->d, s->t, s->i, what);
}

static int enter(struct scan *s, size_t *saved_open_at)
{
	if (++s->depth > SE_JSON_MAX_DEPTH)
		return error_at(s->d, s->t, s->i, "JSON nested too deeply (more than 32 levels)");
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

/* The members of a non-empty object, up to its closing '}'. */
static int scan_members(struct scan *s)
{
	for (bool first = true;; first = false) {
		if (scan_member(s, first))
			return SE_EINPUT;
		skip_ws(s);
		if (peek(s) == '}')
			return 0;
		if (peek(s) != ',')
			return fail(s, "',' or '}' after an object member");
		s->i++;
		skip_ws(s);
	}
}

/* The elements of a non-empty array, up to its closing ']'. */
static int scan_elements(struct scan *s)
{
	for (;;) {
		if (scan_value(s))
			return SE_EINPUT;
		skip_ws(s);
		if (peek(s) == ']')
			return 0;
		if (peek(s) != ',')
			return fail(s, "',' or ']' after an array element");
		s->i++;
		skip_ws(s);
	}
}

static int scan_object(struct scan *s)
{
	size_t saved = 0; /* set by enter() */
	if (enter(s, &saved) || (peek(s) != '}' && scan_members(s)))
		return SE_EINPUT;
	leave(s, saved);
	return 0;
}

static int scan_array(struct scan *s)
{
	size_t saved = 0; /* set by enter() */
	if (enter(s, &saved) || (peek(s) != ']' && scan_elements(s)))
		return SE_EINPUT;
	leave(s, saved);
	return 0;
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

static int check_syntax(struct se_diag *d, const struct text *t)
{
	struct scan s = {.d = d, .t = t};
	if (t->len >= 3 && memcmp(t->buf, "\xEF\xBB\xBF", 3) == 0)
		return error_at(d, t, 0, "UTF-8 byte order mark; JSON text must not start with one "
				"(Docker refuses it too)");
	skip_ws(&s);
	if (s.i == t->len)
		return error_at(d, t, 0, "empty file; expected a JSON object");
	if (scan_value(&s))
		return SE_EINPUT;
	skip_ws(&s);
	return s.i == t->len ? 0 : fail(&s, "end of file after the top-level value");
}

static bool is_number_char(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* The text is valid JSON by now, so the string is closed. */
static size_t skip_string(const struct text *t, size_t i)
{
	for (i++; i < t->len && t->buf[i] != '"'; i++)
		if (t->buf[i] == '\\')
			i++;
	return i < t->len ? i + 1 : t->len;
}

static void append(struct text *out, const char *s, size_t n)
{
	memcpy(out->buf + out->len, s, n);
	out->len += n;
}

/* Copy the (checked) text with every number literal turned into a tagged
 * string.  A real string cannot carry the tag: check_syntax refuses U+0001. */
static int tag_numbers(struct se_diag *d, const struct text *in, struct text *out)
{
	/* each literal grows by the two quotes and the escaped tag */
	out->buf = malloc(in->len * (3 + sizeof NUMBER_TAG_ESCAPED) + 1);
	out->len = 0;
	if (!out->buf)
		return se_error(d, NULL, "out of memory");
	for (size_t i = 0; i < in->len;) {
		char c = in->buf[i];
		size_t start = i;
		if (c == '"') {
			i = skip_string(in, i);
			append(out, in->buf + start, i - start);
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			while (i < in->len && is_number_char(in->buf[i]))
				i++;
			append(out, "\"" NUMBER_TAG_ESCAPED, 1 + strlen(NUMBER_TAG_ESCAPED));
			append(out, in->buf + start, i - start);
			append(out, "\"", 1);
		} else {
			append(out, &c, 1);
			i++;
		}
	}
	out->buf[out->len] = '\0';
	return 0;
}

cJSON *se_json_load(struct se_diag *d, const char *file)
{
	struct text orig = {0}, tagged = {0};
	cJSON *root = NULL;
	if (read_file(d, file, &orig) == 0 && check_utf8(d, &orig) == 0 &&
	    check_syntax(d, &orig) == 0 && tag_numbers(d, &orig, &tagged) == 0) {
		root = cJSON_ParseWithLength(tagged.buf, tagged.len);
		if (!root)
			se_error(d, NULL, "out of memory while parsing");
	}
	free(orig.buf);
	free(tagged.buf);
	return root;
}

const char *se_json_number(const cJSON *node)
{
	if (!cJSON_IsString(node) || strncmp(node->valuestring, NUMBER_TAG, 2) != 0)
		return NULL;
	return node->valuestring + 2;
}

bool se_json_is_string(const cJSON *node)
{
	return cJSON_IsString(node) && !se_json_number(node);
}

const char *se_json_type_name(const cJSON *node)
{
	if (!node)
		return "nothing";
	if (se_json_number(node))
		return "a number";
	if (cJSON_IsString(node))
		return "a string";
	if (cJSON_IsBool(node))
		return "a boolean";
	if (cJSON_IsNull(node))
		return "null";
	if (cJSON_IsArray(node))
		return "an array";
	return "an object";
}

cJSON *se_json_member(const cJSON *obj, const char *key)
{
	cJSON *found = NULL;
	for (cJSON *c = obj ? obj->child : NULL; c; c = c->next)
		if (c->string && strcasecmp(c->string, key) == 0)
			found = c;
	return found;
}

/* A key as a message may show it: quoted, control characters escaped (a
 * decoded "\n" must not split the one-line diagnostic), cut at KEY_SHOWN
 * bytes on a UTF-8 boundary.  `out` holds KEY_QUOTED bytes. */
#define KEY_SHOWN 48
#define KEY_QUOTED (KEY_SHOWN * 6 + 16)
static const char *quote_key(const char *s, char *out)
{
	size_t n = 0, k = 0;
	out[n++] = '"';
	for (; s[k] && k < KEY_SHOWN; k++) {
		unsigned char c = (unsigned char)s[k];
		if (c < 0x20 || c == 0x7F)
			n += (size_t)snprintf(out + n, 7, "\\u%04X", c);
		else if (c == '"' || c == '\\')
			n += (size_t)snprintf(out + n, 3, "\\%c", c);
		else
			out[n++] = (char)c;
	}
	while (((unsigned char)s[k] & 0xC0) == 0x80)
		out[n++] = s[k++];
	snprintf(out + n, 5, "\"%s", s[k] ? "..." : "");
	return out;
}

/* Listing the known keys turns a typo ("nmes") into an obvious fix. */
void se_json_warn_unknown(struct se_diag *d, const char *path, const cJSON *obj,
			  const char *const *known)
{
	char all[256] = "", key[KEY_QUOTED];
	for (size_t k = 0; known[k]; k++)
		snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", k ? ", " : "", known[k]);
	for (cJSON *c = obj->child; c; c = c->next) {
		size_t k = 0;
		while (known[k] && strcasecmp(known[k], c->string) != 0)
			k++;
		if (!known[k])
			se_warn(d, path, "unknown key %s ignored; expected one of %s",
				quote_key(c->string, key), all);
	}
}

int se_json_parse_u64(const char *literal, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	if (!literal || !*literal)
		return -1;
	for (const char *p = literal; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		unsigned digit = (unsigned)(*p - '0');
		if (v > (UINT64_MAX - digit) / 10)
			return -2;
		v = v * 10 + digit;
	}
	if (v > max)
		return -2;
	*out = v;
	return 0;
}
