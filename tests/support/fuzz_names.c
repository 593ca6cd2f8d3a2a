/*
 * fuzz_names.c - see fuzz_names.h.
 */
#include "fuzz_names.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TABLE_LAST 1100u        /* past the end of every syscall table today */
#define X32_BIT 0x40000000u
#define ARM_PRIVATE 0x0f0000u   /* breakpoint, cacheflush, set_tls, ... */
#define ARM_PRIVATE_LAST 0x0f0010u
#define MAX_TOKENS 24

struct table {
	uint32_t token;
	struct fuzz_syscall *v;
	size_t n;
};

static struct table tables[MAX_TOKENS];
static size_t n_tables;

static void *must(void *p)
{
	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	return p;
}

static void scan(struct table *t, uint32_t first, uint32_t last)
{
	for (uint32_t nr = first; nr <= last; nr++) {
		char *name = seccomp_syscall_resolve_num_arch(t->token, (int)nr);
		if (!name)
			continue;
		t->v = must(realloc(t->v, (t->n + 1) * sizeof *t->v));
		t->v[t->n++] = (struct fuzz_syscall){nr, name};
	}
}

/* MIPS o32, n64 and n32 count from 4000, 5000 and 6000; x32 from bit 30. */
static void build(struct table *t)
{
	int read_nr = seccomp_syscall_resolve_name_arch(t->token, "read");
	uint32_t base = read_nr >= 1000 && (uint32_t)read_nr < X32_BIT ? (uint32_t)read_nr / 1000u * 1000u
									: 0;
	if (t->token == SCMP_ARCH_X32)
		base = X32_BIT;
	scan(t, base, base + TABLE_LAST);
	if (t->token == SCMP_ARCH_ARM)
		scan(t, ARM_PRIVATE, ARM_PRIVATE_LAST);
}

const struct fuzz_syscall *fuzz_syscalls(uint32_t token, size_t *n)
{
	for (size_t i = 0; i < n_tables; i++)
		if (tables[i].token == token) {
			*n = tables[i].n;
			return tables[i].v;
		}
	if (n_tables == MAX_TOKENS) {
		fprintf(stderr, "fuzz_syscalls: more than %d arches\n", MAX_TOKENS);
		exit(1);
	}
	struct table *t = &tables[n_tables++];
	*t = (struct table){.token = token};
	build(t);
	*n = t->n;
	return t->v;
}

/* Appends `nr` to out[0..*n) unless it is there or out is full. */
static void add_number(uint32_t *out, size_t *n, size_t cap, uint32_t nr)
{
	size_t i = 0;
	while (i < *n && out[i] != nr)
		i++;
	if (i == *n && *n < cap)
		out[(*n)++] = nr;
}

size_t fuzz_numbers_of(uint32_t token, const char *name, uint32_t *out, size_t cap)
{
	int nr = seccomp_syscall_resolve_name_arch(token, name);
	int rw = seccomp_syscall_resolve_name_rewrite(token, name);
	size_t n = 0, n_table;
	const struct fuzz_syscall *table = fuzz_syscalls(token, &n_table);
	if (nr >= 0)
		add_number(out, &n, cap, (uint32_t)nr);
	if (rw >= 0)
		add_number(out, &n, cap, (uint32_t)rw);
	for (size_t i = 0; i < n_table; i++)
		if (strcmp(table[i].name, name) == 0)
			add_number(out, &n, cap, table[i].nr);
	return n;
}

void fuzz_names_free(void)
{
	for (size_t i = 0; i < n_tables; i++) {
		for (size_t k = 0; k < tables[i].n; k++)
			free(tables[i].v[k].name);
		free(tables[i].v);
	}
	n_tables = 0;
}
