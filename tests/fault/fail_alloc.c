/*
 * fail_alloc.c - an LD_PRELOAD shim that makes the Nth allocation of a
 * process fail (SE_FAIL_ALLOC_AT=N; counting malloc, calloc and realloc
 * alike), and every one after it, as a real shortage would.  The generator
 * must then say "internal error" and exit 1, blame no rule, crash nowhere
 * and leave no output file (tests/bats/compile_out_of_memory.bats).
 * SE_FAIL_ALLOC_COUNT=FILE instead writes there how many allocations a run
 * made, so a test can place N across the whole run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

static unsigned long calls, fail_at;
static int configured;

static void configure(void)
{
	const char *at = getenv("SE_FAIL_ALLOC_AT");
	configured = 1;
	fail_at = at ? strtoul(at, NULL, 10) : 0;
}

/* Whether this allocation fails. */
static int refuse(void)
{
	if (!configured)
		configure();
	calls++;
	if (fail_at && calls >= fail_at) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *malloc(size_t n)
{
	return refuse() ? NULL : __libc_malloc(n);
}

void *calloc(size_t k, size_t n)
{
	return refuse() ? NULL : __libc_calloc(k, n);
}

void *realloc(void *p, size_t n)
{
	return refuse() ? NULL : __libc_realloc(p, n);
}

__attribute__((destructor)) static void write_count(void)
{
	const char *path = getenv("SE_FAIL_ALLOC_COUNT");
	if (!path)
		return;
	FILE *f = fopen(path, "w");
	if (f) {
		fprintf(f, "%lu\n", calls);
		fclose(f);
	}
}
