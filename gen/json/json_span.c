#include "json_span.h"

#include <string.h>

size_t se_json_skip_space(const struct se_text *t, size_t off)
{
	while (off < t->len && strchr(" \t\r\n", t->buf[off]))
		off++;
	return off;
}

/* One past the closing quote of the string at `off`. */
static size_t skip_string(const struct se_text *t, size_t off)
{
	for (off++; off < t->len && t->buf[off] != '"'; off++)
		if (t->buf[off] == '\\')
			off++;
	return off + 1;
}

/* One past the value at `off` (which is not white space). */
static size_t skip_value(const struct se_text *t, size_t off)
{
	int depth = 0;
	if (t->buf[off] == '"')
		return skip_string(t, off);
	if (t->buf[off] != '{' && t->buf[off] != '[') {
		while (off < t->len && !strchr(",]} \t\r\n", t->buf[off]))
			off++;
		return off;
	}
	for (; off < t->len; off++) {
		char ch = t->buf[off];
		if (ch == '"')
			off = skip_string(t, off) - 1;
		else if (ch == '{' || ch == '[')
			depth++;
		else if ((ch == '}' || ch == ']') && --depth == 0)
			return off + 1;
	}
	return off;
}

static unsigned lower(unsigned ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch;
}

/* The decoded key of the string at `off` equals `key` ignoring ASCII
 * case.  Escapes other than \uXXXX of ASCII stand for themselves. */
static bool key_is(const struct se_text *t, size_t off, const char *key)
{
	static const char hex[] = "0123456789abcdef";
	size_t end = skip_string(t, off) - 1;
	for (off++; off < end; off++, key++) {
		unsigned ch = (unsigned char)t->buf[off];
		if (ch == '\\' && t->buf[off + 1] == 'u' && off + 5 < end) {
			ch = 0;
			for (int i = 2; i < 6; i++) {
				const char *h = strchr(hex, t->buf[off + i] | 0x20);
				ch = ch * 16 + (unsigned)(h ? h - hex : 0);
			}
			off += 5;
		} else if (ch == '\\') {
			ch = (unsigned char)t->buf[++off];
		}
		if (!*key || lower(ch) != lower((unsigned char)*key))
			return false;
	}
	return *key == '\0';
}

/* The value of the last member `key` of the object at `obj`; false if none. */
static bool member(const struct se_text *t, size_t obj, const char *key, struct se_json_span *out)
{
	bool found = false;
	size_t off = se_json_skip_space(t, obj + 1);
	while (off < t->len && t->buf[off] == '"') {
		bool match = key_is(t, off, key);
		off = se_json_skip_space(t, skip_string(t, off)); /* at ':' */
		size_t value = se_json_skip_space(t, off + 1);
		off = skip_value(t, value);
		if (match)
			*out = (struct se_json_span){value, off}, found = true;
		off = se_json_skip_space(t, off);
		if (off < t->len && t->buf[off] == ',')
			off = se_json_skip_space(t, off + 1);
	}
	return found;
}

bool se_json_span_at(const struct se_text *t, const char *const *keys, size_t n,
		     struct se_json_span *out)
{
	size_t start = se_json_skip_space(t, 0);
	*out = (struct se_json_span){start, skip_value(t, start)};
	for (size_t i = 0; i < n; i++)
		if (t->buf[out->start] != '{' || !member(t, out->start, keys[i], out))
			return false;
	return true;
}

size_t se_json_span_each(const struct se_text *t, struct se_json_span container,
			 void (*fn)(void *ctx, struct se_json_span item), void *ctx)
{
	bool object = t->buf[container.start] == '{';
	size_t n = 0, off = se_json_skip_space(t, container.start + 1);
	while (off < container.end - 1) {
		if (object) /* skip the key and the ':' */
			off = se_json_skip_space(t, se_json_skip_space(t, skip_string(t, off)) + 1);
		size_t end = skip_value(t, off);
		fn(ctx, (struct se_json_span){off, end});
		n++;
		off = se_json_skip_space(t, end);
		if (t->buf[off] == ',')
			off = se_json_skip_space(t, off + 1);
	}
	return n;
}
