/* seccomp-embed's own report lines (runtime/src/report_line.c), text or JSON. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "read_line.h"
#include "read_run.h"

/* " syscall NAME(NR) arch ARCH args A0 .. A5" of a text line; an argument
 * the reporter could not know is "?" (s390x's first). */
static int parse_call(const char *p, char *name, size_t name_len, uint32_t *nr, char *arch,
		      size_t arch_len, uint64_t args[6], bool known[6])
{
	const char *open, *close, *a;
	char *end;
	if (!(p = strstr(p, " syscall ")) || !(open = strchr(p += 9, '(')) ||
	    !(close = strchr(open, ')')) || (size_t)(open - p) >= name_len)
		return -1;
	memcpy(name, p, (size_t)(open - p));
	name[open - p] = '\0';
	*nr = (uint32_t)strtoll(open + 1, &end, 0);
	if (end != close || strncmp(close, ") arch ", 7) != 0)
		return -1;
	a = close + 7;
	size_t n = strcspn(a, " ");
	if (n >= arch_len || strncmp(a + n, " args ", 6) != 0)
		return -1;
	memcpy(arch, a, n);
	arch[n] = '\0';
	p = a + n + 6;
	for (int i = 0; i < 6; i++) {
		while (*p == ' ')
			p++;
		known[i] = *p != '?';
		args[i] = known[i] ? strtoull(p, &end, 0) : 0;
		if (!known[i])
			end = (char *)p + 1;
		else if (end == p)
			return -1;
		p = end;
	}
	return 0;
}

/* " rule R: N time(s)" of a summary line: N, or 1. */
static unsigned long summary_count(const char *p)
{
	const char *t = strstr(p, " time(s)");
	while (t && t > p && t[-1] >= '0' && t[-1] <= '9')
		t--;
	return t ? strtoul(t, NULL, 10) : 1;
}

static int record(struct se_reader *r, const char *name, uint32_t nr, const char *arch_name,
		  const uint64_t args[6], const bool known[6], unsigned long count, bool denied)
{
	char buf[64];
	const struct se_arch *arch = se_reader_arch(arch_name, nr);
	if (!arch)
		return 0;
	if (strcmp(name, "?") == 0 && !(name = se_reader_name(arch, nr, buf)))
		return 0; /* a number no table names: nothing a profile could allow */
	if (se_observed_add(r->out, arch, name, args, known, denied, count))
		return -1;
	r->stats->reports++;
	return 1;
}

static int text_line(struct se_reader *r, const char *line)
{
	static const char *const kinds[] = {"seccomp-embed: violation: ", "seccomp-embed: learn: ",
					    "seccomp-embed: summary: "};
	char name[64], arch[32];
	uint32_t nr;
	uint64_t args[6];
	bool known[6];
	for (size_t k = 0; k < 3; k++) {
		if (strncmp(line, kinds[k], strlen(kinds[k])) != 0)
			continue;
		if (parse_call(line, name, sizeof name, &nr, arch, sizeof arch, args, known))
			return 0;
		return record(r, name, nr, arch, args, known, k == 2 ? summary_count(line) : 1, true);
	}
	return 0;
}

static int json_line(struct se_reader *r, const char *line)
{
	cJSON *o = cJSON_Parse(line);
	const cJSON *event = cJSON_GetObjectItemCaseSensitive(o, "event");
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(o, "syscall");
	const cJSON *nr = cJSON_GetObjectItemCaseSensitive(o, "nr");
	const cJSON *arch = cJSON_GetObjectItemCaseSensitive(o, "arch");
	const cJSON *args = cJSON_GetObjectItemCaseSensitive(o, "args");
	const cJSON *count = cJSON_GetObjectItemCaseSensitive(o, "count");
	uint64_t a[6] = {0};
	bool known[6];
	int rc = 0;
	if (cJSON_IsString(event) && cJSON_IsString(name) && cJSON_IsNumber(nr) &&
	    cJSON_IsString(arch) && cJSON_GetArraySize(args) == 6) {
		for (int i = 0; i < 6; i++) {
			const cJSON *v = cJSON_GetArrayItem(args, i);
			known[i] = cJSON_IsString(v) && strcmp(v->valuestring, "?") != 0;
			a[i] = known[i] ? strtoull(v->valuestring, NULL, 0) : 0;
		}
		rc = record(r, name->valuestring, (uint32_t)nr->valuedouble, arch->valuestring, a,
			    known,
			    cJSON_IsNumber(count) ? (unsigned long)count->valuedouble : 1, true);
	}
	cJSON_Delete(o);
	return rc;
}

int se_read_report_line(struct se_reader *r, const char *line)
{
	if (line[0] == '{')
		return strstr(line, "\"event\"") ? json_line(r, line) : 0;
	return text_line(r, line);
}
