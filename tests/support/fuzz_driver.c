/*
 * fuzz_driver.c - see fuzz_driver.h.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* mkdtemp */
#endif
#include "fuzz_driver.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis_programs.h"
#include "fuzz_names.h"
#include "json_doc.h"
#include "profile_parse.h"

static struct timespec started;

static unsigned long long env_number(const char *name, unsigned long long dflt)
{
	const char *v = getenv(name);
	char *end;
	if (!v || !*v)
		return dflt;
	errno = 0;
	unsigned long long n = strtoull(v, &end, 0);
	if (errno || *end) {
		printf("%s=%s is not a number; using %llu\n", name, v, dflt);
		return dflt;
	}
	return n;
}

int fuzz_run_init(struct fuzz_run *run, unsigned long long default_cases, uint64_t default_seed)
{
	const char *tmp = getenv("TMPDIR");
	setvbuf(stdout, NULL, _IOLBF, 0); /* FAIL lines in order with the generator's stderr */
	memset(run, 0, sizeof *run);
	clock_gettime(CLOCK_MONOTONIC, &started);
	run->seed = env_number("SECCOMP_EMBED_FUZZ_SEED", default_seed);
	run->cases = env_number("SECCOMP_EMBED_FUZZ_CASES", default_cases);
	run->only = env_number("SECCOMP_EMBED_FUZZ_CASE", ~0ull);
	snprintf(run->dir, sizeof run->dir, "%s/seccomp-embed-fuzz.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(run->dir)) {
		printf("FAIL: mkdtemp %s: %s\n", run->dir, strerror(errno));
		return -1;
	}
	printf("seed 0x%llx (SECCOMP_EMBED_FUZZ_SEED), %llu cases (SECCOMP_EMBED_FUZZ_CASES)\n",
	       (unsigned long long)run->seed, run->cases);
	return 0;
}

void fuzz_target_fail(struct fuzz_target *t, const char *what)
{
	char opts[512];
	fuzz_case_options(t->fc, opts, sizeof opts);
	printf("FAIL case %u --arch %s: %s\n  reproduce: seccomp-embed compile %s --arch %s%s "
	       "[--backend libseccomp]\n", t->index, t->target, what, t->path, t->target, opts);
	(*t->failures)++;
}

static void fill_options(struct se_options *o, const struct fuzz_target *t, enum se_backend b)
{
	memset(o, 0, sizeof *o);
	o->profile = t->path;
	o->arch = t->target;
	o->format = SE_FORMAT_C; /* one program per kernel range without --kernel */
	o->name = "fuzz_filter";
	o->mode = t->fc->trap_log ? SE_MODE_TRAP_LOG : SE_MODE_ENFORCE;
	o->enosys_stub = t->fc->enosys_stub;
	o->quiet = true;
	o->backend = b;
	o->hot = t->fc->hot[0] ? t->fc->hot : NULL;
	o->has_kernel = t->fc->has_kernel;
	o->kernel = t->fc->kernel;
	if (t->fc->cap_add)
		o->cap_add[o->n_cap_add++] = t->fc->cap_add;
	if (t->fc->cap_drop)
		o->cap_drop[o->n_cap_drop++] = t->fc->cap_drop;
}

static void run_target(struct fuzz_target *t, const cJSON *root, fuzz_target_fn fn, void *ctx)
{
	struct se_diag d = {.file = t->path, .quiet = 1};
	if (se_profile_parse(&d, root, t->arch->errno_family, &t->profile) != 0) {
		fuzz_target_fail(t, "the generator cannot parse the fuzzed profile (a fuzzer bug?)");
		se_profile_free(&t->profile);
		return;
	}
	fill_options(&t->ours_opts, t, SE_BACKEND_OURS);
	fill_options(&t->lib_opts, t, SE_BACKEND_LIBSECCOMP);
	t->lib_rc = se_compile(&d, &t->profile, &t->lib_opts, &t->lib);
	t->ours_rc = se_compile(&d, &t->profile, &t->ours_opts, &t->ours);
	fn(t, ctx);
	se_compiled_free(&t->ours);
	se_compiled_free(&t->lib);
	se_profile_free(&t->profile);
}

static bool write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "w");
	bool ok = f && fwrite(text, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = false;
	return ok;
}

static void run_case(struct fuzz_run *run, unsigned index, fuzz_target_fn fn, void *ctx)
{
	struct fuzz_rng r = fuzz_fork(run->seed, index);
	struct fuzz_case fc;
	char path[4200];
	unsigned before = run->failures;
	struct se_diag d = {.file = path, .quiet = 1};
	fuzz_case_make(&r, &fc);
	snprintf(path, sizeof path, "%s/case-%u.json", run->dir, index);
	cJSON *root = write_file(path, fc.json, fc.json_len) ? se_json_load(&d, path) : NULL;
	if (!root) {
		printf("FAIL case %u: cannot write or read back %s\n", index, path);
		run->failures++;
	}
	for (int i = 0; root && i < ANALYSIS_N_TARGETS; i++) {
		struct fuzz_target t = {.index = index, .path = path,
					.target = analysis_targets[i],
					.arch = se_arch_find(analysis_targets[i]), .fc = &fc,
					.r = &r, .failures = &run->failures};
		run_target(&t, root, fn, ctx);
	}
	cJSON_Delete(root);
	run->cases_run++;
	if (run->failures == before)
		unlink(path);
	else
		printf("case %u FAILED; its profile is kept: %s\n", index, path);
	fuzz_case_free(&fc);
}

void fuzz_run_cases(struct fuzz_run *run, fuzz_target_fn fn, void *ctx)
{
	for (unsigned long long i = 0; i < run->cases; i++)
		if (run->only == ~0ull || run->only == i)
			run_case(run, (unsigned)i, fn, ctx);
}

void fuzz_run_finish(struct fuzz_run *run)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	run->seconds = (double)(now.tv_sec - started.tv_sec) +
		       (double)(now.tv_nsec - started.tv_nsec) / 1e9;
	if (rmdir(run->dir) != 0)
		printf("failing profiles kept in %s\n", run->dir);
	fuzz_names_free();
}
