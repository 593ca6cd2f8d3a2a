/*
 * seccomp-embed: compile a Docker/OCI seccomp profile into a precompiled
 * classic-BPF table at build time.  This file only wires the stages:
 * options -> JSON -> profile -> compile -> emit, or -> stats; suggest
 * (suggest/) reads runs and the profile itself; dump and diff (inspect/)
 * read running processes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command_line.h"
#include "compile.h"
#include "emit.h"
#include "inspect_command_line.h"
#include "json_doc.h"
#include "output.h"
#include "profile_parse.h"
#include "stats.h"
#include "suggest_command_line.h"

enum { EXIT_INPUT = 2, EXIT_INTERNAL = 1 };

/* What the backend did, and what the kernel's cache will skip. */
static void backend_summary(const struct se_compiled *c)
{
	const struct se_variant *last = &c->variants[c->n_variants - 1];
	char cache[256];
	fprintf(stderr, "seccomp-embed: %s: ", c->options->profile);
	if (last->backend.optimized) {
		fprintf(stderr, "ours, validated against libseccomp's (");
		for (size_t v = 0; v < c->n_variants; v++)
			fprintf(stderr, "%s%zu", v ? ", " : "", c->variants[v].backend.reference_len);
		fprintf(stderr, " instructions) on %llu inputs; ", last->backend.validated);
	} else if (last->backend.kept_why[0]) {
		fprintf(stderr, "libseccomp's program, %zu instructions: ours, validated, was %s; ",
			last->backend.reference_len, last->backend.kept_why);
	} else {
		fprintf(stderr, "libseccomp's program; ");
	}
	se_cache_format(&last->backend.cache, c->target.arch, cache, sizeof cache);
	if (se_options_kernel_caches(c->options))
		fprintf(stderr, "%s\n", cache);
	else /* the counts still hold where the program runs on 5.11 or later */
		fprintf(stderr, "Linux %u.%u keeps no cache, every allowed call runs the filter; on "
			"5.11 and later: %s\n", c->options->kernel.major, c->options->kernel.minor,
			cache);
}

static void summary(const struct se_compiled *c, const struct se_diag *d)
{
	const struct se_build_report *r = &c->variants[c->n_variants - 1].report;
	fprintf(stderr, "seccomp-embed: %s: arches", c->options->profile);
	for (size_t i = 0; i < c->arches.n; i++)
		fprintf(stderr, " %s", c->arches.arches[i]->uname);
	fprintf(stderr, "; %zu program%s (", c->n_variants, c->n_variants == 1 ? "" : "s");
	for (size_t v = 0; v < c->n_variants; v++)
		fprintf(stderr, "%s%zu", v ? ", " : "", c->variants[v].prog.len);
	fprintf(stderr, " instructions); rules %zu kept, %zu dropped, %zu same as default; "
		"%u warning%s\n", r->rules_kept, r->rules_dropped, r->rules_same_as_default,
		d->warnings, d->warnings == 1 ? "" : "s");
	backend_summary(c);
}

static int emit(const struct se_compiled *c)
{
	static int (*const emitters[])(FILE *, const struct se_compiled *) = {
		[SE_FORMAT_C] = se_emit_c, [SE_FORMAT_H] = se_emit_h,
		[SE_FORMAT_BPF] = se_emit_bpf, [SE_FORMAT_TEXT] = se_emit_text,
	};
	struct se_output out;
	if (se_output_open(&out, c->options->output))
		return EXIT_INPUT;
	errno = 0;
	int ok = emitters[c->options->format](out.f, c) == 0;
	if (!ok) /* an emitter fails only when memory or the stream does */
		se_internal("cannot write the output: %s", errno ? strerror(errno) : "out of memory");
	if (se_output_close(&out, ok))
		return ok ? EXIT_INPUT : EXIT_INTERNAL;
	return ok ? 0 : EXIT_INTERNAL;
}

static int compile(struct se_diag *d, const struct se_profile *p, const struct se_options *o)
{
	struct se_compiled compiled;
	int status = EXIT_INPUT;
	if (se_compile(d, p, o, &compiled) == 0 && d->strict_errors == 0) {
		status = emit(&compiled);
		if (status == 0 && !o->quiet)
			summary(&compiled, d);
	}
	se_compiled_free(&compiled);
	return status;
}

static int stats(struct se_diag *d, const struct se_profile *p, const struct se_options *o)
{
	int rc = se_stats_run(d, p, o);
	return rc == 0 ? 0 : rc == SE_EINPUT ? EXIT_INPUT : EXIT_INTERNAL;
}

static int run(const struct se_options *o)
{
	struct se_diag d = {.file = o->profile, .quiet = o->quiet, .strict = o->strict};
	struct se_profile profile;
	const struct se_arch *arch = se_arch_find(o->arch);
	int status = EXIT_INPUT;
	cJSON *root = se_json_load(&d, o->profile);
	if (!root)
		return EXIT_INPUT;
	if (se_profile_parse(&d, root, arch ? arch->errno_family : "generic", &profile) == 0 &&
	    d.strict_errors == 0)
		status = o->command == SE_COMMAND_STATS ? stats(&d, &profile, o)
							: compile(&d, &profile, o);
	se_profile_free(&profile);
	cJSON_Delete(root);
	return status;
}

static int suggest(int argc, char **argv)
{
	struct se_suggest_options o;
	switch (se_suggest_options_parse(argc, argv, &o)) {
	case SE_OPTIONS_DONE: return 0;
	case SE_OPTIONS_BAD: return EXIT_INPUT;
	default: break;
	}
	int rc = se_suggest_run(&o);
	return rc == 0 ? 0 : rc == SE_EINPUT ? EXIT_INPUT : EXIT_INTERNAL;
}

static int dump(int argc, char **argv)
{
	struct se_dump_options o;
	switch (se_dump_options_parse(argc, argv, &o)) {
	case SE_OPTIONS_DONE: return 0;
	case SE_OPTIONS_BAD: return EXIT_INPUT;
	default: break;
	}
	int rc = se_dump_run(&o);
	return rc == 0 ? 0 : rc == SE_EINPUT ? EXIT_INPUT : EXIT_INTERNAL;
}

/* As diff(1): 0 alike, 1 different, 2 trouble; an internal failure is 3,
 * so that it is never read as a difference. */
static int diff(int argc, char **argv)
{
	enum { DIFF_DIFFERENT = 1, DIFF_INTERNAL = 3 };
	struct se_diff_options o;
	switch (se_diff_options_parse(argc, argv, &o)) {
	case SE_OPTIONS_DONE: return 0;
	case SE_OPTIONS_BAD: return EXIT_INPUT;
	default: break;
	}
	int rc = se_diff_run(&o);
	if (se_internal_failed() || (rc != 0 && rc != 1 && rc != SE_EINPUT))
		return DIFF_INTERNAL;
	return rc == 0 ? 0 : rc == 1 ? DIFF_DIFFERENT : EXIT_INPUT;
}

/* An internal failure anywhere (diag.h) outranks what the stage returned:
 * out of memory is not the profile's fault. */
static int exit_status(int status)
{
	return se_internal_failed() ? EXIT_INTERNAL : status;
}

int main(int argc, char **argv)
{
	struct se_options o;
	if (argc >= 2 && strcmp(argv[1], "suggest") == 0)
		return exit_status(suggest(argc, argv));
	if (argc >= 2 && strcmp(argv[1], "dump") == 0)
		return exit_status(dump(argc, argv));
	if (argc >= 2 && strcmp(argv[1], "diff") == 0)
		return diff(argc, argv);
	switch (se_options_parse(argc, argv, &o)) {
	case SE_OPTIONS_DONE: return 0;
	case SE_OPTIONS_BAD: return EXIT_INPUT;
	default: return exit_status(run(&o));
	}
}
