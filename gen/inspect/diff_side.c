#include "diff_side.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_check.h"
#include "compile.h"
#include "diag.h"
#include "host.h"
#include "json_doc.h"
#include "profile_parse.h"
#include "read_filters.h"
#include "runtime_layers.h"

static bool is_pid(const char *s)
{
	size_t n = strspn(s, "0123456789");
	return n > 0 && n <= 9 && s[n] == '\0';
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), k = strlen(tail);
	return n > k && strcmp(s + n - k, tail) == 0;
}

/* ", 4 + 21 instructions" after `what`. */
static void say_lengths(struct se_diff_side *s)
{
	size_t used = strlen(s->what);
	for (size_t i = 0; i < s->n && used < sizeof s->what; i++) {
		snprintf(s->what + used, sizeof s->what - used, "%s%zu", i ? " + " : ": ",
			 s->layers[i].len);
		used = strlen(s->what);
	}
	if (s->n && used < sizeof s->what)
		snprintf(s->what + used, sizeof s->what - used, " instructions");
}

/* The process's filters become the side's; every thread must run the same. */
static int take_threads(struct se_process_filters *p, struct se_diff_side *out)
{
	struct se_thread_filters *t = &p->threads[0];
	for (size_t i = 1; i < p->n_threads; i++)
		if (!se_threads_alike(t, &p->threads[i]))
			return se_fail("threads %d and %d of process %d run different filters: give "
				       "the id of the thread to compare (seccomp-embed dump %d lists "
				       "them)", (int)t->tid, (int)p->threads[i].tid, (int)p->pid,
				       (int)p->pid);
	if (t->mode == SE_SECCOMP_STRICT)
		return se_fail("%d is in seccomp strict mode (read, write, _exit and sigreturn "
			       "only), which no filter holds", (int)p->pid);
	out->layers = t->filters;
	out->n = t->n;
	t->filters = NULL;
	t->n = 0;
	if (p->one_thread)
		snprintf(out->what, sizeof out->what, "thread %d (%s): %s", (int)p->pid, p->comm,
			 out->n == 0 ? "no seccomp filter" : "");
	else
		snprintf(out->what, sizeof out->what, "process %d (%s), %zu thread%s: %s",
			 (int)p->pid, p->comm, p->n_threads, p->n_threads == 1 ? "" : "s",
			 out->n == 0 ? "no seccomp filter" : "");
	if (out->n)
		snprintf(out->what + strlen(out->what), sizeof out->what - strlen(out->what),
			 "%zu filter%s", out->n, out->n == 1 ? "" : "s");
	say_lengths(out);
	return 0;
}

static int load_process(const char *operand, const struct se_arch *target,
			struct se_diff_side *out)
{
	const struct se_arch *host = se_host_arch();
	struct se_process_filters p;
	if (!host)
		return se_fail("%s: seccomp-embed does not know this machine's arch", operand);
	if (host->big_endian != target->big_endian)
		return se_fail("--arch %s is %s-endian, and process %s runs on this %s-endian %s "
			       "machine", target->uname, target->big_endian ? "big" : "little",
			       operand, host->big_endian ? "big" : "little", host->uname);
	if (se_read_process((pid_t)atol(operand), &p))
		return SE_EINPUT;
	int rc = take_threads(&p, out);
	se_process_filters_free(&p);
	return rc;
}

static int load_bpf(const char *file, const struct se_arch *target, struct se_diff_side *out)
{
	size_t at;
	if (!(out->layers = calloc(1, sizeof *out->layers)))
		return se_internal("out of memory");
	out->n = 1;
	if (se_program_read_raw(file, target->big_endian, &out->layers[0]))
		return SE_EINPUT;
	enum se_bpf_fault fault = se_bpf_check(out->layers[0].insns, out->layers[0].len, &at);
	if (fault != SE_BPF_OK)
		return se_fail("%s: instruction %zu: %s: the kernel would not load this filter (read "
			       "as %s-endian, for %s)", file, at, se_bpf_fault_str(fault),
			       target->big_endian ? "big" : "little", target->uname);
	snprintf(out->what, sizeof out->what, "%s, raw BPF for %s", file, target->uname);
	say_lengths(out);
	return 0;
}

/* The program (compiled for one kernel: the only variant), after the
 * death filter the runtime installs before it when it may return TRAP. */
static int take_program(const struct se_compiled *c, bool death, struct se_diff_side *out)
{
	const struct se_variant *v = &c->variants[0];
	out->layers = calloc(2, sizeof *out->layers);
	if (!out->layers || (death && se_death_filter(&out->layers[out->n++])))
		return se_internal("out of memory");
	struct se_program *p = &out->layers[out->n];
	if (!(p->insns = malloc(v->prog.len * sizeof *p->insns)))
		return se_internal("out of memory");
	memcpy(p->insns, v->prog.insns, v->prog.len * sizeof *p->insns);
	p->len = v->prog.len;
	out->n++;
	out->arches = c->arches;
	return 0;
}

static void say_profile(const char *file, const struct se_options *o, bool host_kernel,
			const struct se_compiled *c, bool death, struct se_diff_side *out)
{
	snprintf(out->what, sizeof out->what, "%s for %s, kernel %u.%u%s, as libseccomp's program%s",
		 strcmp(file, "-") == 0 ? "the profile on standard input" : file, c->target.arch->uname, o->kernel.major, o->kernel.minor,
		 host_kernel ? " (this machine's)" : "",
		 death ? " after the runtime's death filter" : "");
	say_lengths(out);
}

static int compile_profile(const char *file, const struct se_arch *target,
			   const struct se_options *given, bool bare, struct se_diff_side *out)
{
	struct se_options o = *given;
	struct se_diag d = {.file = file, .quiet = 1, .strict = given->strict};
	struct se_profile profile;
	struct se_compiled c;
	bool host_kernel = !o.has_kernel;
	o.profile = file;
	o.arch = target->uname;
	o.backend = SE_BACKEND_LIBSECCOMP; /* decides as ours does, proven on every compile */
	if (host_kernel && se_host_kernel(&o.kernel) == 0)
		o.has_kernel = true;
	if (!o.has_kernel)
		return se_fail("%s: cannot tell this machine's kernel version: give --kernel X.Y", file);
	cJSON *root = se_json_load(&d, file);
	if (!root)
		return SE_EINPUT;
	int rc = se_profile_parse(&d, root, target->errno_family, &profile);
	if (rc == 0 && d.strict_errors == 0) {
		rc = se_compile(&d, &profile, &o, &c);
		bool death = rc == 0 && c.uses_trap && !bare;
		if (rc == 0 && d.strict_errors == 0 && (rc = take_program(&c, death, out)) == 0)
			say_profile(file, &o, host_kernel, &c, death, out);
		se_compiled_free(&c);
	}
	se_profile_free(&profile);
	cJSON_Delete(root);
	return rc ? rc : d.strict_errors ? SE_EINPUT : 0;
}

int se_diff_side_load(const char *operand, const struct se_arch *target,
		      const struct se_options *o, bool bare, struct se_diff_side *out)
{
	*out = (struct se_diff_side){0};
	int rc = is_pid(operand)           ? load_process(operand, target, out)
		 : ends_with(operand, ".bpf") ? load_bpf(operand, target, out)
					      : compile_profile(operand, target, o, bare, out);
	if (rc)
		se_diff_side_free(out);
	return rc;
}

void se_diff_side_free(struct se_diff_side *s)
{
	for (size_t i = 0; i < s->n; i++)
		se_program_free(&s->layers[i]);
	free(s->layers);
	*s = (struct se_diff_side){0};
}
