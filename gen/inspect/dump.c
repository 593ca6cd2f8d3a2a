#include "dump.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "emit.h"
#include "host.h"
#include "output.h"
#include "read_filters.h"
#include "runtime_layers.h"

static size_t group_size(const struct se_process_filters *p, size_t first)
{
	size_t n = 0;
	for (size_t i = first; i < p->n_threads; i++)
		n += se_threads_alike(&p->threads[first], &p->threads[i]);
	return n;
}

/* "# thread 12" or "# threads 12 13 15": those that run what threads[first] runs. */
static void print_tids(FILE *f, const struct se_process_filters *p, size_t first)
{
	fprintf(f, "#\n# thread%s", group_size(p, first) == 1 ? "" : "s");
	for (size_t i = first; i < p->n_threads; i++)
		if (se_threads_alike(&p->threads[first], &p->threads[i]))
			fprintf(f, " %d", (int)p->threads[i].tid);
}

/* The first thread like threads[i] (a group's representative). */
static bool first_of_group(const struct se_process_filters *p, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (se_threads_alike(&p->threads[k], &p->threads[i]))
			return false;
	return true;
}

static size_t n_groups(const struct se_process_filters *p)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n_threads; i++)
		n += first_of_group(p, i);
	return n;
}

static int list_filter(FILE *f, const struct se_arch *arch, const struct se_thread_filters *t,
		       size_t i)
{
	const char *when = t->n == 1 ? "the only one" : i == 0 ? "installed first"
				     : i + 1 == t->n ? "installed last" : "installed next";
	fprintf(f, "#\n# filter %zu (%s): %zu instructions%s\n", i, when, t->filters[i].len,
		se_is_death_filter(&t->filters[i])
			? "; seccomp-embed's death filter, installed with its SIGSYS reporter "
			  "(nr 0xf5e2 -> TRAP, all else ALLOW)"
			: "");
	return se_emit_program_listing(f, arch, &t->filters[i]);
}

static int list_group(FILE *f, const struct se_process_filters *p, size_t first,
		      const struct se_dump_options *o, const struct se_arch *arch)
{
	const struct se_thread_filters *t = &p->threads[first];
	print_tids(f, p, first);
	if (t->mode == SE_SECCOMP_STRICT) {
		fputs(": seccomp strict mode (only read, write, _exit and sigreturn; no filter)\n", f);
		return 0;
	}
	if (t->n == 0) {
		fputs(": no seccomp filter\n", f);
		return 0;
	}
	fprintf(f, ": %zu filter%s; the kernel runs every one on each call and the strictest "
		"outcome wins\n", t->n, t->n == 1 ? "" : "s");
	for (size_t i = 0; i < t->n; i++)
		if ((!o->has_index || i == o->index) && list_filter(f, arch, t, i))
			return -1;
	return 0;
}

static int write_text(FILE *f, const struct se_process_filters *p, const struct se_dump_options *o,
		      const struct se_arch *arch)
{
	fprintf(f, "# %s %d (%s), read on %s\n", p->one_thread ? "thread" : "process", (int)p->pid,
		p->comm, arch->uname);
	for (size_t i = 0; i < p->n_threads; i++)
		if (first_of_group(p, i) && list_group(f, p, i, o, arch))
			return -1;
	return ferror(f) ? -1 : 0;
}

static int write_raw(FILE *f, const struct se_program *prog, const struct se_arch *arch)
{
	for (size_t i = 0; i < prog->len; i++) {
		unsigned char bytes[8];
		se_insn_to_bytes(&prog->insns[i], arch->big_endian, bytes);
		if (fwrite(bytes, 1, sizeof bytes, f) != sizeof bytes)
			return -1;
	}
	return 0;
}

/* What --index and --format bpf ask for must exist, in one filter set. */
static int check_request(const struct se_process_filters *p, const struct se_dump_options *o)
{
	const struct se_thread_filters *t = &p->threads[0];
	if (!o->raw && !o->has_index)
		return 0;
	if (n_groups(p) > 1)
		return se_fail("the threads of process %d run different filters; dump one of them "
			       "(seccomp-embed dump TID; the text listing shows which)", (int)p->pid);
	if (t->n == 0)
		return se_fail("%d has no seccomp filter%s", (int)p->pid,
			       t->mode == SE_SECCOMP_STRICT ? " (it is in strict mode)" : "");
	if (o->has_index && o->index >= t->n)
		return se_fail("--index %zu: %d has %zu filter%s (0 to %zu, 0 installed first)",
			       o->index, (int)p->pid, t->n, t->n == 1 ? "" : "s", t->n - 1);
	if (o->raw && !o->has_index && t->n > 1)
		return se_fail("%d has %zu filters and --format bpf writes one: give --index 0 "
			       "(installed first) to %zu", (int)p->pid, t->n, t->n - 1);
	return 0;
}

static int write_out(const struct se_process_filters *p, const struct se_dump_options *o,
		     const struct se_arch *arch)
{
	struct se_output out;
	if (se_output_open(&out, o->output))
		return SE_EINPUT;
	errno = 0;
	int ok = (o->raw ? write_raw(out.f, &p->threads[0].filters[o->has_index ? o->index : 0], arch)
			 : write_text(out.f, p, o, arch)) == 0;
	if (!ok)
		se_internal("cannot write the output: %s", errno ? strerror(errno) : "out of memory");
	if (se_output_close(&out, ok))
		return SE_EINPUT;
	return ok ? 0 : -1;
}

int se_dump_run(const struct se_dump_options *o)
{
	const struct se_arch *arch = se_host_arch();
	struct se_process_filters p;
	if (!arch)
		return se_fail("dump: seccomp-embed does not know this machine's arch");
	if (se_read_process(o->pid, &p))
		return SE_EINPUT;
	int rc = check_request(&p, o);
	if (rc == 0)
		rc = write_out(&p, o, arch);
	se_process_filters_free(&p);
	return rc;
}
