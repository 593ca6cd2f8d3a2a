#include "libseccomp_build.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "attribution.h"

scmp_filter_ctx se_libseccomp_context(struct se_diag *d, uint32_t default_action,
				      const struct se_arch *const *arches, size_t n_arches,
				      unsigned level)
{
	scmp_filter_ctx ctx = seccomp_init(default_action);
	if (!ctx && errno == ENOMEM) {
		se_internal("out of memory (libseccomp)");
		return NULL;
	}
	if (!ctx) {
		se_error(d, "defaultAction", "libseccomp refused the default action");
		return NULL;
	}
	int rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
	for (size_t i = 0; rc == 0 && i < n_arches; i++)
		rc = seccomp_arch_add(ctx, arches[i]->token);
	if (rc == 0 && level != 1) /* 1 is libseccomp's default */
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, level);
	if (rc == -ENOMEM)
		se_internal("out of memory (libseccomp, setting up the filter)");
	else if (rc)
		se_error(d, NULL, "libseccomp: cannot set up the filter: %s", strerror(-rc));
	if (rc) {
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

static struct scmp_arg_cmp condition(const struct se_arg *a)
{
	static const enum scmp_compare ops[] = {
		[SE_OP_NE] = SCMP_CMP_NE, [SE_OP_LT] = SCMP_CMP_LT, [SE_OP_LE] = SCMP_CMP_LE,
		[SE_OP_EQ] = SCMP_CMP_EQ, [SE_OP_GE] = SCMP_CMP_GE, [SE_OP_GT] = SCMP_CMP_GT,
		[SE_OP_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
	};
	return (struct scmp_arg_cmp){a->index, ops[a->op], a->value,
				     a->op == SE_OP_MASKED_EQ ? a->value_two : 0};
}

int se_libseccomp_add_rule(scmp_filter_ctx ctx, int nr, uint32_t action, const struct se_rule *r)
{
	struct scmp_arg_cmp all[6]; /* distinct indexes: at most one per argument */
	if (se_rule_args_ored(r)) {
		for (size_t i = 0; i < r->n_args; i++) {
			struct scmp_arg_cmp one = condition(&r->args[i]);
			int rc = seccomp_rule_add_array(ctx, action, nr, 1, &one);
			if (rc)
				return rc;
		}
		return 0;
	}
	for (size_t i = 0; i < r->n_args; i++)
		all[i] = condition(&r->args[i]);
	return seccomp_rule_add_array(ctx, action, nr, (unsigned)r->n_args, r->n_args ? all : NULL);
}

/* How the child of run_in_child() ends. */
enum { CHILD_OK = 0, CHILD_INPUT = 2, CHILD_INTERNAL = 3 };

/* libseccomp 2.5.4 is run in a child process, for two reasons found by
 * testing it: its BPF generator dereferences NULL or frees twice when an
 * allocation fails part-way (tests/bats/compile_out_of_memory.bats fails
 * each in turn), and some argument conditions make its rule tree grow
 * without bound, so that adding eleven rules to one syscall never ends
 * (runc would stall the same way).  The child may use SE_LIBSECCOMP_CPU
 * seconds of CPU time; `work` writes the exported program to `fd` and
 * returns 0 or SE_EINPUT after reporting.  Returns the child's end, or -1
 * after reporting how it died. */
static int run_in_child(struct se_diag *d, int (*work)(void *arg, int fd), void *arg, int fd)
{
	int status;
	pid_t pid = fork();
	if (pid < 0)
		return se_internal("cannot fork to run libseccomp: %s", strerror(errno));
	if (pid == 0) {
		struct rlimit cpu = {SE_LIBSECCOMP_CPU, SE_LIBSECCOMP_CPU + 1};
		setrlimit(RLIMIT_CPU, &cpu);
		int rc = work(arg, fd);
		/* the raw call: a sanitizer's exit hooks would check this copy for leaks */
		syscall(SYS_exit_group, rc == 0 ? CHILD_OK : se_internal_failed() ? CHILD_INTERNAL
										: CHILD_INPUT);
		_exit(CHILD_INTERNAL);
	}
	struct rusage used;
	while (wait4(pid, &status, 0, &used) < 0)
		if (errno != EINTR)
			return se_internal("waiting for libseccomp: %s", strerror(errno));
	/* SIGKILL is the hard limit's only if the CPU was used (not the OOM killer's) */
	bool out_of_time = WIFSIGNALED(status) &&
			   (WTERMSIG(status) == SIGXCPU ||
			    (WTERMSIG(status) == SIGKILL &&
			     used.ru_utime.tv_sec + used.ru_stime.tv_sec >= SE_LIBSECCOMP_CPU));
	if (out_of_time)
		return se_error(d, NULL, "libseccomp did not finish building the filter in %d s of "
				"CPU time: its rule tree for these argument conditions grows "
				"without bound (runc would stall the same way); fewer or simpler "
				"conditions on one syscall avoid it", SE_LIBSECCOMP_CPU);
	if (WIFSIGNALED(status))
		return se_internal("libseccomp crashed building the filter (signal %d; out of "
				   "memory?)", WTERMSIG(status));
	if (WEXITSTATUS(status) == CHILD_INTERNAL)
		se_internal_note(); /* the child said what */
	return WEXITSTATUS(status) == CHILD_OK ? 0 : -1;
}

/* The rules were all accepted: a failure now is libseccomp's or the
 * machine's (2.5.4 says EFAULT for a failed allocation), not the profile's.
 * stderr is silenced meanwhile: glibc's "double free" line would be noise. */
int se_libseccomp_export_to(scmp_filter_ctx ctx, int fd)
{
	int saved = dup(STDERR_FILENO), quiet = open("/dev/null", O_WRONLY);
	if (quiet >= 0) {
		dup2(quiet, STDERR_FILENO);
		close(quiet);
	}
	int rc = seccomp_export_bpf(ctx, fd);
	if (saved >= 0) {
		dup2(saved, STDERR_FILENO);
		close(saved);
	}
	return rc ? se_internal("libseccomp could not export the filter: %s", strerror(-rc)) : 0;
}

/* The whole file `f` as instructions in host order. */
static int read_program(FILE *f, bool big_endian, struct se_program *out)
{
	long size;
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0)
		return se_internal("cannot read libseccomp's program: %s", strerror(errno));
	unsigned char *buf = malloc((size_t)size + 1);
	out->len = (size_t)size / 8;
	out->insns = calloc(out->len ? out->len : 1, sizeof *out->insns);
	rewind(f);
	if (!buf || !out->insns || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		free(buf);
		se_program_free(out);
		return se_internal("out of memory reading libseccomp's program");
	}
	for (size_t i = 0; i < out->len; i++)
		se_insn_from_bytes(buf + 8 * i, big_endian, &out->insns[i]);
	free(buf);
	return 0;
}

static bool in_process;

void se_libseccomp_run_in_process(bool yes)
{
	in_process = yes;
}

int se_libseccomp_run(struct se_diag *d, int (*work)(void *arg, int fd), void *arg,
		      bool big_endian, struct se_program *out)
{
	FILE *f = tmpfile();
	memset(out, 0, sizeof *out);
	if (!f && errno == ENOMEM)
		return se_internal("out of memory");
	if (!f)
		return se_error(d, NULL, "cannot create a temporary file: %s", strerror(errno));
	int failed = in_process ? work(arg, fileno(f)) : run_in_child(d, work, arg, fileno(f));
	int rc = failed ? SE_EINPUT : read_program(f, big_endian, out);
	fclose(f);
	return rc;
}

int se_libseccomp_export(struct se_diag *d, scmp_filter_ctx ctx, bool big_endian,
			 struct se_program *out)
{
	return se_libseccomp_run(d, se_libseccomp_export_to, ctx, big_endian, out);
}
