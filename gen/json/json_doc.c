#include "json_doc.h"

#include "spelling.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json_syntax.h"
#include "json_text.h"
#include "spelling.h"

#define NUMBER_TAG "\x01#"
#define NUMBER_TAG_ESCAPED "\\u0001#"

static bool is_number_char(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* The text is valid JSON by now, so the string is closed. */
static size_t skip_string(const struct se_text *t, size_t i)
{
	for (i++; i < t->len && t->buf[i] != '"'; i++)
		if (t->buf[i] == '\\')
			i++;
	return i < t->len ? i + 1 : t->len;
}

/* With out->buf NULL only counts: the dry run that sizes the copy. */
static void append(struct se_text *out, const char *s, size_t n)
{
	if (out->buf)
		memcpy(out->buf + out->len, s, n);
	out->len += n;
}

/* One walk serves both to measure and to write, so the two cannot disagree
 * about the size. */
static void copy_tagged(const struct se_text *in, struct se_text *out)
{
	out->len = 0;
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
}

/* Copy the (checked) text with every number literal turned into a tagged
 * string.  A real string cannot carry the tag: the syntax check refuses
 * U+0001.  A dry run sizes the copy exactly: a bound from the input size
 * alone is about ten times the file (a literal "0" becomes 10 bytes), which
 * for the largest file accepted is 160 MiB, nearly all of it unused. */
static int tag_numbers(const struct se_text *in, struct se_text *out)
{
	struct se_text size = {0};
	copy_tagged(in, &size);
	out->buf = malloc(size.len + 1);
	if (!out->buf)
		return se_internal("out of memory");
	copy_tagged(in, out);
	out->buf[out->len] = '\0';
	return 0;
}

cJSON *se_json_parse_text(struct se_diag *d, const struct se_text *raw)
{
	struct se_text tagged = {0};
	cJSON *root = NULL;
	int rc = se_text_check_utf8(d, raw);
	if (rc == 0)
		rc = se_json_check_syntax(d, raw, SE_JSON_MAX_DEPTH);
	if (rc == 0)
		rc = tag_numbers(raw, &tagged);
	if (rc == 0 && !(root = cJSON_ParseWithLength(tagged.buf, tagged.len)))
		se_internal("out of memory while parsing");
	free(tagged.buf);
	return root;
}

cJSON *se_json_load(struct se_diag *d, const char *file)
{
	struct se_text raw;
	if (se_text_read(d, file, SE_JSON_MAX_BYTES, &raw))
		return NULL;
	cJSON *root = se_json_parse_text(d, &raw);
	free(raw.buf); /* cJSON needs only the tagged copy */
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

static bool listed(const char *const *keys, const char *key)
{
	for (size_t k = 0; keys && keys[k]; k++)
		if (strcasecmp(keys[k], key) == 0)
			return true;
	return false;
}

static bool near_guarded(const struct se_json_keys *keys, const char *key)
{
	for (size_t k = 0; keys->guarded && keys->guarded[k]; k++)
		if (se_spelling_near(key, keys->guarded[k]))
			return true;
	return false;
}

/* Listing the known keys turns a typo ("nmes") into an obvious fix. */
static int check_key(struct se_diag *d, const char *path, const char *key,
		     const struct se_json_keys *keys, const char *all)
{
	char q[SE_QUOTE_SIZE], hint[200];
	struct se_suggestions s;
	se_suggest_init(&s, key);
	for (size_t k = 0; keys->known[k]; k++)
		se_suggest_consider(&s, keys->known[k]);
	se_suggest_format(&s, hint, sizeof hint);
	if (!keys->guarded)
		return se_error(d, path, "unknown key %s in %s%s; expected one of %s",
				se_quote(key, q), keys->what, hint, all);
	if (near_guarded(keys, key))
		return se_error(d, path, "unknown key %s%s: a misspelt key would be ignored and "
				"the filter would not be what the profile says; expected one of %s",
				se_quote(key, q), hint, all);
	se_warn(d, path, "unknown key %s ignored%s; expected one of %s", se_quote(key, q), hint,
		all);
	return 0;
}

int se_json_check_keys(struct se_diag *d, const char *path, const cJSON *obj,
		       const struct se_json_keys *keys)
{
	char all[256] = "";
	for (size_t k = 0; keys->known[k]; k++)
		snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", k ? ", " : "",
			 keys->known[k]);
	for (cJSON *c = obj->child; c; c = c->next)
		if (!listed(keys->known, c->string) && check_key(d, path, c->string, keys, all))
			return SE_EINPUT;
	return 0;
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
