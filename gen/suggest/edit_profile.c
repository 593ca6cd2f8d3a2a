#include "edit_profile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_span.h"
#include "rule_text.h"

#define MAX_KEYS 4

/* The white space that starts the line holding `off`. */
static void line_indent(const struct se_text *t, size_t off, char *out, size_t len)
{
	size_t start = off, n = 0;
	while (start > 0 && t->buf[start - 1] != '\n')
		start--;
	while (start + n < off && (t->buf[start + n] == ' ' || t->buf[start + n] == '\t') &&
	       n + 1 < len)
		n++;
	memcpy(out, t->buf + start, n);
	out[n] = '\0';
}

/* One indentation step: what the first indented line of the file uses. */
static void indent_unit(const struct se_text *t, char *out, size_t len)
{
	const char *p = strchr(t->buf, '\n');
	snprintf(out, len, "  ");
	if (p && (p[1] == ' ' || p[1] == '\t')) {
		size_t n = strspn(p + 1, p[1] == '\t' ? "\t" : " ");
		snprintf(out, len, "%.*s", (int)(n > 8 ? 8 : n), p + 1);
	}
}

struct items {
	struct se_json_span first, last;
	size_t n;
};

static void note_item(void *ctx, struct se_json_span item)
{
	struct items *it = ctx;
	if (it->n++ == 0)
		it->first = item;
	it->last = item;
}

/* Does the first rule write `names` on one line? */
static bool names_inline(const struct se_text *t, struct se_json_span first_rule)
{
	struct se_text rule = {t->buf + first_rule.start, first_rule.end - first_rule.start};
	static const char *const names[] = {"names"};
	struct se_json_span s;
	char *copy = strndup(rule.buf, rule.len);
	bool one_line = false;
	if (copy) {
		rule.buf = copy;
		one_line = se_json_span_at(&rule, names, 1, &s) && !memchr(copy + s.start, '\n',
									     s.end - s.start);
		free(copy);
	}
	return one_line;
}

static void write_rules(FILE *f, const struct se_rule_style *s, const struct se_new_rule *rules,
			size_t n, const char *first_sep)
{
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ",\n" : first_sep, f);
		se_rule_text(f, s, rules[i].names, rules[i].n_names, rules[i].args, rules[i].n_args,
			     rules[i].comment);
	}
}

/* The new text: t[0, at), `insert`, t[resume, len). */
static int splice(const struct se_text *t, size_t at, size_t resume, const char *insert,
		  size_t insert_len, struct se_text *out)
{
	out->len = at + insert_len + (t->len - resume);
	if (!(out->buf = malloc(out->len + 1)))
		return -1;
	memcpy(out->buf, t->buf, at);
	memcpy(out->buf + at, insert, insert_len);
	memcpy(out->buf + at + insert_len, t->buf + resume, t->len - resume);
	out->buf[out->len] = '\0';
	return 0;
}

/* Rules after the last element of a non-empty array, in its layout. */
static void into_array(FILE *f, const struct se_text *t, struct se_json_span array,
		       const struct items *it, struct se_rule_style *s, const struct se_new_rule *r,
		       size_t n)
{
	char outer[64];
	line_indent(t, array.start, outer, sizeof outer);
	if (memchr(t->buf + array.start, '\n', it->first.start - array.start))
		line_indent(t, it->first.start, s->indent, sizeof s->indent);
	else
		snprintf(s->indent, sizeof s->indent, "%s%s", outer, s->unit);
	s->inline_names = names_inline(t, it->first);
	write_rules(f, s, r, n, ",\n");
}

int se_edit_add_rules(const struct se_text *t, const char *const *keys, size_t n_keys,
		      const struct se_new_rule *rules, size_t n, struct se_text *out)
{
	const char *path[MAX_KEYS + 1];
	struct se_json_span profile, syscalls;
	struct se_rule_style style = {.inline_names = false};
	struct items it = {.n = 0};
	char member[64], *text = NULL;
	size_t text_len = 0, at, resume;
	if (n_keys > MAX_KEYS || !se_json_span_at(t, keys, n_keys, &profile) ||
	    t->buf[profile.start] != '{')
		return -1;
	memcpy(path, keys, n_keys * sizeof *keys);
	path[n_keys] = "syscalls";
	indent_unit(t, style.unit, sizeof style.unit);
	FILE *f = open_memstream(&text, &text_len);
	if (!f)
		return -1;
	if (se_json_span_at(t, path, n_keys + 1, &syscalls) && t->buf[syscalls.start] == '[' &&
	    se_json_span_each(t, syscalls, note_item, &it) > 0) {
		into_array(f, t, syscalls, &it, &style, rules, n);
		at = resume = it.last.end;
	} else {
		bool has = se_json_span_at(t, path, n_keys + 1, &syscalls);
		if (se_json_span_each(t, profile, note_item, &it) == 0) {
			fclose(f);
			free(text);
			return -1; /* a parsed profile has defaultAction at least */
		}
		line_indent(t, it.first.start, member, sizeof member);
		snprintf(style.indent, sizeof style.indent, "%s%s", member, style.unit);
		if (has) { /* [] or null: the value replaced */
			at = syscalls.start;
			resume = syscalls.end;
			fputs("[", f);
		} else {
			at = resume = it.last.end;
			fprintf(f, ",\n%s\"syscalls\": [", member);
		}
		write_rules(f, &style, rules, n, "\n");
		fprintf(f, "\n%s]", member);
	}
	if (fclose(f) != 0) {
		free(text);
		return -1;
	}
	int rc = splice(t, at, resume, text, text_len, out);
	free(text);
	return rc;
}
