#include "syscall_table.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_syscalls.h"

/* libseccomp's numbers start at one of these bases (MIPS o32/n64/n32, x32,
 * the ARM private range) and no table of it is longer than SPAN. */
#define X32_BASE 0x40000000u
static const uint32_t bases[] = {0, 4000, 5000, 6000, 0x0f0000u, X32_BASE};
#define SPAN 1100

static const struct se_kernel_table *kernel_table(const struct se_arch *a)
{
	for (const struct se_kernel_table *t = se_kernel_tables; t->arch; t++)
		if (strcmp(t->arch, a->docker) == 0)
			return t;
	return NULL;
}

static const struct se_kernel_syscall *kernel_by_nr(const struct se_kernel_table *t, uint32_t nr)
{
	size_t lo = 0, hi = t ? t->n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->calls[mid].nr == nr)
			return &t->calls[mid];
		if (t->calls[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int by_name(const void *a, const void *b)
{
	return strcmp((*(const struct se_kernel_syscall *const *)a)->name,
		      (*(const struct se_kernel_syscall *const *)b)->name);
}

/* Each table's rows sorted by name, made on first use and kept for the
 * process: a profile of many names looks each up on every arch. */
static const struct se_kernel_syscall **sorted_by_name(const struct se_kernel_table *t)
{
	static const struct se_kernel_syscall **sorted[64];
	size_t k = (size_t)(t - se_kernel_tables);
	if (k >= sizeof sorted / sizeof *sorted)
		return NULL;
	if (!sorted[k] && (sorted[k] = malloc(t->n * sizeof **sorted)) != NULL) {
		for (size_t i = 0; i < t->n; i++)
			sorted[k][i] = &t->calls[i];
		qsort(sorted[k], t->n, sizeof *sorted[k], by_name);
	}
	return sorted[k];
}

static long kernel_nr(const struct se_arch *a, const char *name)
{
	const struct se_kernel_table *t = kernel_table(a);
	const struct se_kernel_syscall **sorted = t ? sorted_by_name(t) : NULL;
	if (sorted) {
		struct se_kernel_syscall key = {0, name};
		const struct se_kernel_syscall *k = &key, **hit;
		hit = bsearch(&k, sorted, t->n, sizeof *sorted, by_name);
		return hit ? (long)(*hit)->nr : -1;
	}
	for (size_t i = 0; t && i < t->n; i++) /* out of memory: the slow way */
		if (strcmp(t->calls[i].name, name) == 0)
			return t->calls[i].nr;
	return -1;
}

bool se_libseccomp_has(const struct se_arch *a, const char *name)
{
	return seccomp_syscall_resolve_name_arch(a->token, name) >= 0;
}

long se_syscall_nr(const struct se_arch *a, const char *name, enum se_syscall_source src)
{
	long nr = src == SE_SYSCALLS_KERNEL ? kernel_nr(a, name) : -1;
	if (nr < 0) {
		int lib = seccomp_syscall_resolve_name_arch(a->token, name);
		nr = lib >= 0 ? lib : -1; /* pseudo numbers (< 0): not on this arch */
	}
	return nr;
}

bool se_syscall_known(const char *name, enum se_syscall_source src)
{
	for (const struct se_arch *a = se_arches; a->docker; a++)
		if (se_syscall_nr(a, name, src) >= 0)
			return true;
	return false;
}

/* libseccomp's name for `nr`, if it is libseccomp's own number for it (its
 * lookups also answer for numbers without their arch's base). */
static char *libseccomp_name(const struct se_arch *a, uint32_t nr)
{
	char *name = seccomp_syscall_resolve_num_arch(a->token, (int)nr);
	if (name && seccomp_syscall_resolve_name_arch(a->token, name) != (int)nr) {
		free(name);
		name = NULL;
	}
	return name;
}

const char *se_syscall_name(const struct se_arch *a, uint32_t nr, char buf[64])
{
	const struct se_kernel_syscall *k = kernel_by_nr(kernel_table(a), nr);
	if (k)
		return k->name;
	char *lib = libseccomp_name(a, nr);
	if (!lib)
		return NULL;
	snprintf(buf, 64, "%s", lib);
	free(lib);
	return buf;
}

static int add(struct se_syscall_entry **t, long *n, long *cap, uint32_t nr, const char *name)
{
	char *copy = strdup(name);
	if (*n == *cap) {
		long bigger = *cap ? *cap * 2 : 512;
		struct se_syscall_entry *grown = copy ? realloc(*t, (size_t)bigger * sizeof *grown) : NULL;
		if (!grown) {
			free(copy);
			return -1;
		}
		*t = grown;
		*cap = bigger;
	}
	if (!copy)
		return -1;
	(*t)[(*n)++] = (struct se_syscall_entry){nr, copy};
	return 0;
}

/* x32 numbers carry bit 30; no other arch has numbers there. */
static bool base_applies(const struct se_arch *a, uint32_t base)
{
	return (a->token == SCMP_ARCH_X32) == (base == X32_BASE);
}

/* Is nr within one of the bases the arch numbers from? */
static bool in_span(const struct se_arch *a, uint32_t nr)
{
	for (size_t b = 0; b < sizeof bases / sizeof *bases; b++)
		if (base_applies(a, bases[b]) && nr >= bases[b] && nr - bases[b] < SPAN)
			return true;
	return false;
}

static bool added(const struct se_syscall_entry *rows, long n, uint32_t nr)
{
	for (long i = 0; i < n; i++)
		if (rows[i].nr == nr)
			return true;
	return false;
}

static int compare_entries(const void *x, const void *y)
{
	const struct se_syscall_entry *a = x, *b = y;
	return a->nr < b->nr ? -1 : a->nr > b->nr;
}

static long build_table(const struct se_arch *a, struct se_syscall_entry **out)
{
	const struct se_kernel_table *k = kernel_table(a);
	long n = 0, cap = 0;
	*out = NULL;
	for (size_t i = 0; k && i < k->n; i++)
		if (add(out, &n, &cap, k->calls[i].nr, k->calls[i].name))
			goto fail;
	/* what libseccomp knows beyond the kernel's tables, found by name (the
	 * kernel's tables of all arches hold every name libseccomp knows, and
	 * its lookup by name is a hash where by number it is a scan) */
	long kernel_rows = n;
	for (const struct se_kernel_table *t = se_kernel_tables; t->arch; t++)
		for (size_t i = 0; i < t->n; i++) {
			int nr = seccomp_syscall_resolve_name_arch(a->token, t->calls[i].name);
			if (nr < 0 || !in_span(a, (uint32_t)nr) || kernel_by_nr(k, (uint32_t)nr) ||
			    added(*out + kernel_rows, n - kernel_rows, (uint32_t)nr))
				continue;
			char *name = libseccomp_name(a, (uint32_t)nr);
			int rc = name ? add(out, &n, &cap, (uint32_t)nr, name) : 0;
			free(name);
			if (rc)
				goto fail;
		}
	if (n)
		qsort(*out, (size_t)n, sizeof **out, compare_entries);
	return n;
fail:
	se_syscall_table_free(*out, n);
	*out = NULL;
	return -1;
}

/* Each arch's table, built once: asking libseccomp about every number of
 * every base is most of what a table costs, and a compile asks for the
 * same tables dozens of times (weights, validation, path costs). */
#define MEMO_ARCHES 64
static struct memo {
	struct se_syscall_entry *table;
	long n; /* 0: not built yet */
} memo[MEMO_ARCHES];

static struct memo *memo_of(const struct se_arch *a)
{
	size_t count = 0;
	while (se_arches[count].docker)
		count++;
	if (a < se_arches || a >= se_arches + count || count > MEMO_ARCHES)
		return NULL; /* not one of ours: built each time */
	return &memo[a - se_arches];
}

long se_syscall_table(const struct se_arch *a, struct se_syscall_entry **out)
{
	struct memo *m = memo_of(a);
	if (!m)
		return build_table(a, out);
	if (m->n == 0 && (m->n = build_table(a, &m->table)) < 0) {
		m->n = 0;
		return -1;
	}
	long n = 0, cap = 0;
	*out = NULL;
	for (long i = 0; i < m->n; i++)
		if (add(out, &n, &cap, m->table[i].nr, m->table[i].name)) {
			se_syscall_table_free(*out, n);
			*out = NULL;
			return -1;
		}
	return n;
}

void se_syscall_table_free(struct se_syscall_entry *t, long n)
{
	for (long i = 0; i < n; i++)
		free(t[i].name);
	free(t);
}

void se_syscall_each_name(void (*fn)(void *ctx, const char *name), void *ctx)
{
	for (const struct se_kernel_table *t = se_kernel_tables; t->arch; t++)
		for (size_t i = 0; i < t->n; i++)
			fn(ctx, t->calls[i].name);
}
