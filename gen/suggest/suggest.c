#include "suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "edit_profile.h"
#include "json_doc.h"
#include "needs.h"
#include "output.h"
#include "profile_parse.h"
#include "read_run.h"
#include "start_profile.h"
#include "suggest_report.h"
#include "suggest_rules.h"
#include "unified_diff.h"

/* One profile as text, document, parsed profile and compiled filter. */
struct loaded {
	struct se_diag d;
	struct se_text text;
	cJSON *root;
	struct se_profile profile;
	struct se_compiled compiled;
	struct se_options options; /* for compiling: enforce, libseccomp's program */
	bool parsed, compiled_ok;
};

static int start_text(const struct se_suggest_options *o, struct se_text *out)
{
	size_t len = 0;
	FILE *f = open_memstream(&out->buf, &len);
	if (!f)
		return se_internal("out of memory");
	se_start_profile(f, se_arch_find(o->compile.arch), o->start_exec);
	if (fclose(f))
		return se_internal("out of memory");
	out->len = len;
	return 0;
}

/* Parses and compiles `l->text` as profile `name`; the compiler's own
 * warnings are for `compile` to print, so only errors are shown here. */
static int load(struct loaded *l, const char *name, const struct se_suggest_options *o)
{
	const struct se_arch *arch = se_arch_find(o->compile.arch);
	l->d = (struct se_diag){.file = name, .quiet = 1};
	l->options = o->compile;
	l->options.profile = name;
	l->options.format = SE_FORMAT_C;
	l->options.mode = SE_MODE_ENFORCE;
	l->options.backend = SE_BACKEND_LIBSECCOMP;
	l->options.strict = false;
	if (!(l->root = se_json_parse_text(&l->d, &l->text)))
		return SE_EINPUT;
	l->parsed = true; /* freed whatever happens: a failed parse keeps what it read */
	if (se_profile_parse(&l->d, l->root, arch->errno_family, &l->profile))
		return SE_EINPUT;
	l->compiled_ok = true; /* as parsed above: freed even after a failure */
	if (se_compile(&l->d, &l->profile, &l->options, &l->compiled))
		return SE_EINPUT;
	return 0;
}

static void unload(struct loaded *l)
{
	if (l->compiled_ok)
		se_compiled_free(&l->compiled);
	if (l->parsed)
		se_profile_free(&l->profile);
	cJSON_Delete(l->root);
	free(l->text.buf);
}

static int read_runs(const struct se_suggest_options *o, struct se_observed *obs,
		     struct se_read_stats *stats)
{
	const struct se_arch *arch = se_arch_find(o->compile.arch);
	for (size_t i = 0; i < o->n_runs; i++) {
		struct se_read_stats one = {0};
		obs->input = o->runs[i];
		if (se_read_run(o->runs[i], arch, obs, &one))
			return SE_EINPUT;
		se_suggest_note_input(o->compile.quiet, o->runs[i], &one);
		stats->reports += one.reports;
		stats->audit += one.audit;
		stats->strace += one.strace;
		stats->summary_rows += one.summary_rows;
		stats->skipped += one.skipped;
	}
	return 0;
}

/* The profile object's keys from the root: an OCI config holds it at
 * linux.seccomp (as profile_parse.c finds it). */
static size_t profile_keys(const cJSON *root, const char **keys)
{
	if (se_json_member(root, "defaultAction") || se_json_member(root, "syscalls") ||
	    !(se_json_member(root, "ociVersion") || se_json_member(root, "linux")))
		return 0;
	keys[0] = "linux";
	keys[1] = "seccomp";
	return 2;
}

static int write_result(const struct se_suggest_options *o, const char *name,
			const struct se_text *before, const struct se_text *after)
{
	struct se_output out;
	if (se_output_open(&out, o->compile.output))
		return SE_EINPUT;
	if (o->diff)
		se_unified_diff(out.f, name, before, after);
	else
		fwrite(after->buf, 1, after->len, out.f);
	int ok = !ferror(out.f);
	if (se_output_close(&out, ok) || !ok)
		return se_fail("%s: cannot write", o->compile.output ? o->compile.output : "stdout");
	return 0;
}

/* Adds the needs to the profile, proves the result, writes it. */
static int add_and_write(const struct se_suggest_options *o, struct loaded *before,
			 const struct se_observed *obs, const struct se_needs *needs)
{
	struct se_suggest_rules rules;
	struct loaded after = {.root = NULL};
	const char *keys[2];
	int rc = se_suggest_rules_make(needs, obs, &rules);
	if (rc == 0 && rules.n == 0) {
		se_suggest_rules_free(&rules);
		return write_result(o, before->d.file, &before->text, &before->text);
	}
	if (rc == 0 && se_edit_add_rules(&before->text, keys, profile_keys(before->root, keys),
					 rules.v, rules.n, &after.text))
		rc = se_internal("%s: the profile's text could not be edited", before->d.file);
	se_suggest_rules_free(&rules);
	if (rc == 0 && load(&after, before->d.file, o))
		rc = se_internal("%s: the edited profile does not compile", before->d.file);
	if (rc == 0)
		rc = se_suggest_verify(&after.compiled, obs, needs);
	if (rc == 0)
		rc = write_result(o, before->d.file, &before->text, &after.text);
	unload(&after);
	return rc;
}

static int suggest(const struct se_suggest_options *o, struct loaded *l)
{
	struct se_observed obs = {0};
	struct se_read_stats stats = {0};
	struct se_needs needs;
	struct se_needs_options no = {.args = o->args, .allow_risky = o->allow_risky};
	int rc = read_runs(o, &obs, &stats);
	if (rc == 0 && se_needs_find(&l->compiled, &l->profile, &obs, &no, &needs))
		rc = se_internal("out of memory");
	if (rc == 0) {
		rc = add_and_write(o, l, &obs, &needs);
		if (rc == 0)
			se_suggest_report(o->compile.quiet, l->d.file, &stats, &needs);
		se_needs_free(&needs);
	}
	se_observed_free(&obs);
	return rc;
}

int se_suggest_run(const struct se_suggest_options *o)
{
	struct loaded l = {.root = NULL};
	const char *name = o->start ? "suggest --start" : o->compile.profile;
	int rc = o->start ? start_text(o, &l.text)
			  : se_text_read(&(struct se_diag){.file = name}, name, SE_JSON_MAX_BYTES,
					 &l.text);
	if (rc == 0 && o->start && o->n_runs == 0)
		rc = write_result(o, name, &l.text, &l.text);
	else if (rc == 0 && (rc = load(&l, name, o)) == 0)
		rc = suggest(o, &l);
	unload(&l);
	return rc;
}
