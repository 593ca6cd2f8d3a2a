#include "stats_mix.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_eval.h"
#include "diag.h"
#include "strace_summary.h"

static int add_row(struct se_mix *m, uint32_t nr, unsigned long calls, size_t *cap)
{
	if (m->n == *cap) {
		size_t bigger = *cap ? *cap * 2 : 64;
		uint32_t *nrs = realloc(m->nr, bigger * sizeof *nrs);
		if (nrs)
			m->nr = nrs;
		unsigned long *c = nrs ? realloc(m->calls, bigger * sizeof *c) : NULL;
		if (!c)
			return -1;
		m->calls = c;
		*cap = bigger;
	}
	m->nr[m->n] = nr;
	m->calls[m->n++] = calls;
	return 0;
}

int se_mix_read(const char *path, const struct se_arch *arch, enum se_syscall_source src,
		struct se_mix *out)
{
	char line[512], *name;
	unsigned long calls;
	size_t cap = 0;
	int rc = 0;
	memset(out, 0, sizeof *out);
	FILE *f = fopen(path, "r");
	if (!f)
		return se_fail("--mix %s: %s", path, strerror(errno));
	while (!rc && fgets(line, sizeof line, f))
		if (se_strace_summary_row(line, &calls, &name)) {
			long nr = se_syscall_nr(arch, name, src);
			if (nr < 0)
				out->unknown += calls;
			else
				rc = add_row(out, (uint32_t)nr, calls, &cap);
		}
	fclose(f);
	if (rc)
		return se_internal("out of memory");
	if (out->n == 0)
		return se_fail("--mix %s: no row of an `strace -c` summary names a syscall %s has",
			       path, arch->uname);
	return 0;
}

void se_mix_free(struct se_mix *m)
{
	free(m->nr);
	free(m->calls);
	memset(m, 0, sizeof *m);
}

int se_mix_measure(const struct se_mix *m, const struct se_program *prog,
		   const struct se_arch *arch, const struct se_cache_report *cache,
		   struct se_mix_cost *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < m->n; i++) {
		struct se_bpf_data d = {.nr = m->nr[i], .arch = arch->audit_arch};
		struct se_bpf_result r;
		if (se_bpf_eval(prog->insns, prog->len, &d, arch->big_endian, &r))
			return -1;
		if (r.ret != SECCOMP_RET_ALLOW)
			continue;
		out->calls += m->calls[i];
		if (!se_costs_skips_filter(prog, cache, arch->audit_arch, m->nr[i]))
			out->steps += (unsigned long long)m->calls[i] * r.steps;
	}
	return 0;
}
