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
			return se_error(d, NULL, "file is larger than %u bytes; "
					"a seccomp profile is at most a few hundred kilobytes",
					SE_JSON_MAX_BYTES);
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
	for (size_t i = 0; i < t->len;) {
		size_t n = utf8_len((const unsigned char *)t->buf + i, t->len - i);
		if (n == 0 || t->buf[i] == '\0')
			return error_at(d, t, i, n == 0 ? "invalid UTF-8 byte sequence"
						     : "NUL byte in file");
		i += n;
	}
	return 0;
}

static bool is_number_char(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

static size_t skip_string(const struct text *t, size_t i)
{
	for (i++; i < t->len && t->buf[i] != '"'; i++)
		if (t->buf[i] == '\\')
			i++;
	return i + 1;
}

/* The tag must not be forgeable from inside a real string. */
static const char *find_escaped_tag(const char *s, size_t n)
{
	for (size_t i = 0; i + 6 <= n; i++)
		if (s[i] == '\\' && (s[i + 1] == 'u' || s[i + 1] == 'U') &&
		    strncmp(s + i + 2, "0001", 4) == 0)
			return s + i;
	return NULL;
}

static int append(struct text *out, const char *s, size_t n)
{
	memcpy(out->buf + out->len, s, n);
	out->len += n;
	return 0;
}

/* One pass over the text outside strings: limit nesting, refuse the tag
 * byte inside strings, and copy with number literals turned into tagged
 * strings.  Syntax is left to cJSON, which runs on the original first. */
static int tag_numbers(struct se_diag *d, const struct text *in, struct text *out)
{
	/* each literal grows by the two quotes and the escaped tag */
	out->buf = malloc(in->len * (3 + sizeof NUMBER_TAG_ESCAPED) + 1);
	out->len = 0;
	if (!out->buf)
		return se_error(d, NULL, "out of memory");
	unsigned depth = 0;
	for (size_t i = 0; i < in->len;) {
		char c = in->buf[i];
		if (c == '"') {
			size_t end = skip_string(in, i);
			const char *hit = memchr(in->buf + i, '\x01', end - i);
			if (!hit)
				hit = find_escaped_tag(in->buf + i, end - i);
			if (hit)
				return error_at(d, in, (size_t)(hit - in->buf),
						"control character U+0001 in a string");
			append(out, in->buf + i, end - i);
			i = end;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			size_t start = i;
			while (i < in->len && is_number_char(in->buf[i]))
				i++;
			append(out, "\"" NUMBER_TAG_ESCAPED, 1 + strlen(NUMBER_TAG_ESCAPED));
			append(out, in->buf + start, i - start);
			append(out, "\"", 1);
		} else {
			if ((c == '[' || c == '{') && ++depth > SE_JSON_MAX_DEPTH)
				return error_at(d, in, i, "JSON nested too deeply (more than 32 levels)");
			if ((c == ']' || c == '}') && depth > 0)
				depth--;
			append(out, &c, 1);
			i++;
		}
	}
	out->buf[out->len] = '\0';
	return 0;
}

static int parse_checked(struct se_diag *d, const struct text *orig, cJSON **out)
{
	const char *end = NULL;
	if (orig->len == 0 || strspn(orig->buf, " \t\r\n") == orig->len)
		return error_at(d, orig, 0, "empty file; expected a JSON object");
	cJSON *probe = cJSON_ParseWithLengthOpts(orig->buf, orig->len + 1, &end, 1);
	if (!probe) {
		size_t off = end ? (size_t)(end - orig->buf) : 0;
		const char *p = cJSON_GetErrorPtr();
		if (p && p >= orig->buf && p <= orig->buf + orig->len)
			off = (size_t)(p - orig->buf);
		return error_at(d, orig, off, "JSON syntax error");
	}
	cJSON_Delete(probe);
	*out = NULL;
	return 0;
}

cJSON *se_json_load(struct se_diag *d, const char *file)
{
	struct text orig = {0}, tagged = {0};
	cJSON *root = NULL;
	if (read_file(d, file, &orig) == 0 && check_utf8(d, &orig) == 0 &&
	    tag_numbers(d, &orig, &tagged) == 0 && parse_checked(d, &orig, &root) == 0) {
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

void se_json_warn_unknown(struct se_diag *d, const char *path, const cJSON *obj,
			  const char *const *known)
{
	for (cJSON *c = obj->child; c; c = c->next) {
		size_t k = 0;
		while (known[k] && strcasecmp(known[k], c->string) != 0)
			k++;
		if (!known[k])
			se_warn(d, path, "unknown key \"%s\" ignored", c->string);
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
