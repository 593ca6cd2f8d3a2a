#include "read_run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_line.h"
#include "syscall_table.h"

#define X32_BIT 0x40000000u

const char *se_reader_name(const struct se_arch *arch, uint32_t nr, char buf[64])
{
	return arch ? se_syscall_name(arch, nr, buf) : NULL;
}

const struct se_arch *se_reader_arch(const char *name, uint32_t nr)
{
	char *end;
	unsigned long audit = strtoul(name, &end, 16);
	const struct se_arch *a = se_arch_find(name);
	if (!a && *end == '\0' && end != name)
		a = se_arch_by_audit((uint32_t)audit);
	if (a && a->audit_arch == se_arch_find("x86_64")->audit_arch && (nr & X32_BIT) &&
	    nr != 0xffffffffu)
		a = se_arch_find("x32");
	return a;
}

/* The arch a 64-bit tracer's 32-bit processes run as. */
static const struct se_arch *compat_of(const struct se_arch *a)
{
	static const char *const pairs[][2] = {{"amd64", "x86"}, {"arm64", "arm"},
					       {"s390x", "s390"}, {"ppc64", "ppc"},
					       {"mips64", "mips"}, {"mipsel64", "mipsel"},
					       {"parisc64", "parisc"}};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++)
		if (strcmp(a->docker, pairs[i][0]) == 0)
			return se_arch_find(pairs[i][1]);
	return a;
}

static int read_line(struct se_reader *r, const char *line)
{
	int rc = se_read_report_line(r, line);
	if (rc == 0)
		rc = se_read_audit_line(r, line);
	if (rc == 0)
		rc = se_read_strace_line(r, line);
	if (rc == 0)
		r->stats->skipped++;
	return rc < 0 ? -1 : 0;
}

int se_read_run(const char *path, const struct se_arch *arch,
		struct se_observed *out, struct se_read_stats *stats)
{
	struct se_reader r = {.out = out, .stats = stats, .arch = arch, .compat = compat_of(arch)};
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	int rc = 0;
	if (!f)
		return se_fail("%s: %s", path, strerror(errno));
	while (rc == 0 && getline(&line, &cap, f) >= 0) {
		line[strcspn(line, "\r\n")] = '\0';
		if (read_line(&r, line))
			rc = se_internal("out of memory");
	}
	if (rc == 0 && ferror(f))
		rc = se_fail("%s: %s", path, strerror(errno));
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}
