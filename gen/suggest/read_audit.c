/* The kernel's audit records of seccomp (type=SECCOMP, 1326): a call the
 * filter logged or killed.  Raw, they hold arch=c000003e syscall=90; from
 * `ausearch -i`, arch=x86_64 syscall=chmod.  They carry no arguments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_line.h"
#include "read_run.h"
#include "syscall_table.h"

/* The value of ` key=` in the line, up to the next blank. */
static int field(const char *line, const char *key, char *out, size_t len)
{
	char pat[32];
	snprintf(pat, sizeof pat, " %s=", key);
	const char *p = strstr(line, pat);
	if (!p)
		return -1;
	p += strlen(pat);
	size_t n = strcspn(p, " ");
	if (n == 0 || n >= len)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

int se_read_audit_line(struct se_reader *r, const char *line)
{
	char arch_text[32], call[64], buf[64];
	const char *name = call;
	char *end;
	if (!strstr(line, "type=SECCOMP") && !strstr(line, "type=1326"))
		return 0;
	if (field(line, "arch", arch_text, sizeof arch_text) ||
	    field(line, "syscall", call, sizeof call))
		return 0;
	uint32_t nr = (uint32_t)strtoul(call, &end, 10);
	const struct se_arch *arch = se_reader_arch(arch_text, *end ? 0 : nr);
	if (!arch)
		return 0;
	if (*end == '\0' && !(name = se_reader_name(arch, nr, buf)))
		return 0;
	if (se_observed_add(r->out, arch, name, NULL, NULL, true, 1))
		return -1;
	r->stats->audit++;
	return 1;
}
