#include "path_costs.h"

#include <linux/seccomp.h>
#include <string.h>

#include "bpf_eval.h"
#include "syscall_span.h"
#include "syscall_table.h"

struct measure {
	const struct se_program *prog;
	const struct se_probe_plan *plan;
	const struct se_cache_report *cache;
	bool big_endian;
};

/* 0, or 1 if the program faults: a loadable filter never does. */
static int run(const struct measure *m, const struct se_bpf_data *d, struct se_bpf_result *r)
{
	return se_bpf_eval(m->prog->insns, m->prog->len, d, m->big_endian, r) ? 1 : 0;
}

/* The probe values of a path that reads arguments, run one by one. */
struct most_steps {
	const struct measure *m;
	uint32_t most;
};

static int try_values(void *ctx, const struct se_bpf_data *d)
{
	struct most_steps *k = ctx;
	struct se_bpf_result r;
	if (run(k->m, d, &r))
		return 1;
	k->most = r.steps > k->most ? r.steps : k->most;
	return 0;
}

/* The most instructions one argument-checked syscall executes. */
static int most_steps(const struct measure *m, const struct se_bpf_data *d, uint32_t *most)
{
	struct most_steps k = {m, *most};
	int rc = se_probe_walk(m->plan, *d, try_values, &k);
	*most = k.most;
	return rc;
}

/* Does the kernel's cache let (arch, nr) skip the filter? */
bool se_costs_skips_filter(const struct se_program *prog, const struct se_cache_report *cache,
			   uint32_t arch, uint32_t nr)
{
	for (size_t i = 0; i < cache->n_arches; i++)
		if (cache->arch[i].audit_arch == arch && nr < cache->arch[i].size)
			return se_cache_const_allow(prog->insns, prog->len, arch, nr);
	return false;
}

static bool cached(const struct measure *m, uint32_t arch, uint32_t nr)
{
	return se_costs_skips_filter(m->prog, m->cache, arch, nr);
}

static void add(struct se_cost *c, uint32_t steps)
{
	c->n++;
	c->sum += steps;
	c->max = steps > c->max ? steps : c->max;
}

/* One syscall into its group, in `all` and (if not NULL) in `target`. */
static int measure_call(const struct measure *m, uint32_t arch, uint32_t nr,
			struct se_cost *target, struct se_cost *all)
{
	struct se_bpf_data d = {.nr = nr, .arch = arch};
	struct se_bpf_result r;
	enum se_cost_group g;
	uint32_t steps;
	if (cached(m, arch, nr))
		return 0;
	if (run(m, &d, &r))
		return 1;
	/* a path that loads only nr and arch is the same whatever the arguments */
	steps = r.steps;
	if (r.reads_data)
		g = SE_COST_ARGS;
	else
		g = r.ret == SECCOMP_RET_ALLOW ? SE_COST_UNCACHED : SE_COST_DENIED;
	if (g == SE_COST_ARGS && most_steps(m, &d, &steps))
		return 1;
	add(&all[g], steps);
	if (target)
		add(&target[g], steps);
	return 0;
}

static int measure_arch(const struct measure *m, const struct se_arch *a, bool is_target,
			struct se_costs *out)
{
	struct se_syscall_entry *table;
	long n = se_syscall_table(a, &table);
	int rc = 0;
	if (n < 0)
		return -1;
	for (long i = 0; rc == 0 && i < n; i++)
		rc = measure_call(m, a->audit_arch, table[i].nr, is_target ? out->target : NULL,
				  out->all);
	se_syscall_table_free(table, n);
	return rc;
}

/* M of "N of M": what the program allows whatever the arguments, over the
 * numbers the kernel emulates; N (kept) is the kernel's own count. */
static int count_const_allow(const struct measure *m, struct se_cache_report *cache)
{
	cache->allowed = 0;
	for (size_t i = 0; i < cache->n_arches; i++) {
		struct se_cache_arch *a = &cache->arch[i];
		a->allowed = 0;
		for (uint32_t nr = 0; nr < a->size; nr++) {
			struct se_bpf_data d = {.nr = nr, .arch = a->audit_arch};
			struct se_bpf_result r;
			if (run(m, &d, &r))
				return 1;
			a->allowed += !r.reads_data && r.ret == SECCOMP_RET_ALLOW;
		}
		cache->allowed += a->allowed;
	}
	return 0;
}

/* numbers_denied: the target's span, number by number. */
static int measure_numbers(const struct measure *m, const struct se_arch *a, struct se_costs *out)
{
	struct se_syscall_entry *table;
	uint32_t end; /* x32's numbers and ARM's private calls are spans of their own */
	if (se_syscall_main_end(a, &end))
		return -1;
	long n = se_syscall_table(a, &table);
	if (n < 0)
		return -1;
	out->numbers_first = n > 0 ? table[0].nr : 0;
	se_syscall_table_free(table, n);
	out->numbers_last = end > out->numbers_first ? end - 1 : out->numbers_first;
	for (uint32_t nr = out->numbers_first; end > out->numbers_first && nr < end; nr++) {
		struct se_bpf_data d = {.nr = nr, .arch = a->audit_arch};
		struct se_bpf_result r;
		if (cached(m, a->audit_arch, nr))
			continue;
		if (run(m, &d, &r))
			return 1;
		if (!r.reads_data && r.ret != SECCOMP_RET_ALLOW)
			add(&out->numbers_denied, r.steps);
	}
	return 0;
}

int se_costs_classes(const struct se_program *prog, const struct se_arch_set *arches,
		     const struct se_probe_plan *plan, const struct se_cache_report *cache,
		     struct se_costs *out)
{
	struct measure m = {prog, plan, &out->cache, arches->arches[0]->big_endian};
	int rc = 0;
	memset(out, 0, sizeof *out);
	out->cache = *cache;
	for (size_t i = 0; rc == 0 && i < arches->n; i++)
		rc = measure_arch(&m, arches->arches[i], i == 0, out);
	return rc;
}

int se_costs_measure(const struct se_program *prog, const struct se_arch_set *arches,
		     const struct se_probe_plan *plan, bool kernel_caches, struct se_costs *out)
{
	struct measure m = {prog, plan, &out->cache, arches->arches[0]->big_endian};
	int rc;
	memset(out, 0, sizeof *out);
	if (kernel_caches && se_cache_check(prog, NULL, arches->arches[0], &out->cache) < 0)
		return -1;
	rc = count_const_allow(&m, &out->cache);
	for (size_t i = 0; rc == 0 && i < arches->n; i++)
		rc = measure_arch(&m, arches->arches[i], i == 0, out);
	return rc ? rc : measure_numbers(&m, arches->arches[0], out);
}
