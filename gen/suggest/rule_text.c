#include "rule_text.h"

#include <inttypes.h>

void se_json_string_text(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else if (ch >= 0x80)
			fputc('?', f); /* a file name need not be UTF-8; the profile must be */
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

static void names_text(FILE *f, const struct se_rule_style *s, const char *const *names, size_t n)
{
	fputs("\"names\": [", f);
	for (size_t i = 0; i < n; i++) {
		if (s->inline_names)
			fputs(i ? ", " : "", f);
		else
			fprintf(f, "%s\n%s%s%s", i ? "," : "", s->indent, s->unit, s->unit);
		se_json_string_text(f, names[i]);
	}
	if (!s->inline_names)
		fprintf(f, "\n%s%s", s->indent, s->unit);
	fputc(']', f);
}

static void args_text(FILE *f, const struct se_rule_style *s, const struct se_arg *args,
		      size_t n)
{
	fputs("\"args\": [", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%s\n%s%s%s{\"index\": %u, \"value\": %" PRIu64 ", \"valueTwo\": %" PRIu64
			", \"op\": \"%s\"}", i ? "," : "", s->indent, s->unit, s->unit,
			args[i].index, args[i].value, args[i].value_two, se_op_name(args[i].op));
	fprintf(f, "\n%s%s]", s->indent, s->unit);
}

void se_rule_text(FILE *f, const struct se_rule_style *s, const char *const *names, size_t n,
		  const struct se_arg *args, size_t n_args, const char *comment)
{
	fprintf(f, "%s{\n%s%s", s->indent, s->indent, s->unit);
	names_text(f, s, names, n);
	fprintf(f, ",\n%s%s\"action\": \"SCMP_ACT_ALLOW\"", s->indent, s->unit);
	if (n_args) {
		fprintf(f, ",\n%s%s", s->indent, s->unit);
		args_text(f, s, args, n_args);
	}
	fprintf(f, ",\n%s%s\"comment\": ", s->indent, s->unit);
	se_json_string_text(f, comment);
	fprintf(f, "\n%s}", s->indent);
}
