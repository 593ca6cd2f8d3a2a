#include "inspect_command_line.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command_words.h"
#include "diag.h"

static const char dump_usage[] =
	"usage: seccomp-embed dump PID [--format text|bpf] [--index N] [-o FILE]\n"
	"\n"
	"Print the seccomp filters the kernel holds for a running process, read with\n"
	"PTRACE_SECCOMP_GET_FILTER: for each set of threads running the same filters,\n"
	"every filter, installed first at index 0, as an instruction listing with\n"
	"what each instruction does in words.  PID may be a thread's id: then only that\n"
	"thread is read.  Needs CAP_SYS_ADMIN (root), the right to ptrace the process,\n"
	"and a caller not under seccomp itself; each thread is stopped for a moment\n"
	"(some blocking calls, such as epoll_wait, may then return EINTR in it, as after\n"
	"SIGSTOP and SIGCONT).\n"
	"\n"
	"  --format FMT     text (default), or bpf: one filter's raw instructions in this\n"
	"                   machine's byte order, as `compile --format bpf` writes them\n"
	"  --index N        that filter only (0 = installed first); --format bpf needs it\n"
	"                   when the process has several\n"
	"  -o FILE          write FILE (atomically) instead of standard output\n"
	"\n"
	"Exit status: 0 success, 2 bad usage or a process that cannot be read, 1 internal\n"
	"failure.\n";

static const char diff_usage[] =
	"usage: seccomp-embed diff A B [--arch ARCH] [--cap-add CAP]... [--cap-drop CAP]...\n"
	"              [--kernel X.Y] [--mode MODE] [--no-enosys-stub] [--syscalls FROM]\n"
	"              [--strict] [--bare] [--max N] [-q]\n"
	"\n"
	"Do two seccomp filters decide alike?  A and B are each:\n"
	"  - a process id (digits; ./123 for a file of that name): the filters the\n"
	"    process runs under, every one run on each call and the strictest outcome\n"
	"    kept, as the kernel does (read as dump reads them: root needed);\n"
	"  - a file ending in .bpf: one raw filter, in ARCH's byte order;\n"
	"  - anything else: a profile (- for standard input), compiled as compile would\n"
	"    with the options given, for the running kernel unless --kernel, and with\n"
	"    the death filter seccomp-embed's runtime installs beside a filter that may\n"
	"    return TRAP (nr 0xf5e2 traps), so that a program and its profile compare\n"
	"    equal (--bare: without it).\n"
	"Both run on the inputs the generator's translation validation uses: every\n"
	"syscall number of every arch either filter tests for, and a margin past the\n"
	"last, on those arches and on arch values neither covers, with the edge values\n"
	"of every constant either compares an argument with, and each pair of paths\n"
	"where arguments are read.  Each syscall number decided differently is printed\n"
	"once, with the first input that shows it:\n"
	"    x86_64 nr 90 chmod: A ERRNO(EPERM), B ALLOW\n"
	"\n"
	"  --arch ARCH      the profiles' target and the .bpf files' arch (default: this\n"
	"                   machine's)\n"
	"  --kernel X.Y     the kernel a profile's minKernel rules are decided for\n"
	"                   (default: the running kernel's, as the runtime picks here)\n"
	"  --cap-add CAP, --cap-drop CAP, --mode MODE, --no-enosys-stub, --syscalls FROM,\n"
	"  --strict         as for compile\n"
	"  --bare           a profile's program alone, without the death filter: for a\n"
	"                   process confined by other means (runc, Docker, seccomp(2))\n"
	"  --max N          print at most N differences (default 20; 0: all)\n"
	"  -q, --quiet      the differences only: no header, no summary\n"
	"\n"
	"Exit status: 0 same verdicts, 1 they differ, 2 bad input or usage, 3 internal\n"
	"failure.\n";

static bool asked_for_help(int argc, char **argv, const char *usage)
{
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return true;
		}
	return false;
}

static bool listed(const char *opt, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(opt, list[i]) == 0)
			return true;
	return false;
}

static int parse_count(const char *opt, const char *s, size_t max, size_t *out)
{
	char *end;
	if (s[0] < '0' || s[0] > '9' || (*out = strtoul(s, &end, 10), *end) || *out > max)
		return se_fail("%s %s: expected a number from 0 to %zu", opt, s, max);
	return 0;
}

/* ------------------------------------------------------------------ dump */

static int dump_value(struct se_dump_options *o, const char *opt, const char *val)
{
	if (strcmp(opt, "--format") == 0) {
		if (strcmp(val, "text") != 0 && strcmp(val, "bpf") != 0)
			return se_fail("--format %s: expected text or bpf", val);
		o->raw = strcmp(val, "bpf") == 0;
		return 0;
	}
	if (strcmp(opt, "--index") == 0) {
		o->has_index = true;
		return parse_count(opt, val, 1u << 20, &o->index);
	}
	o->output = val; /* -o, --output */
	return 0;
}

static int dump_operand(struct se_dump_options *o, const char *a)
{
	size_t digits = strspn(a, "0123456789");
	if (o->pid)
		return se_fail("more than one process given (%d and %s); dump reads one",
			       (int)o->pid, a);
	if (digits == 0 || digits > 9 || a[digits] || atol(a) == 0)
		return se_fail("%s: expected a process id (see seccomp-embed dump --help)", a);
	o->pid = (pid_t)atol(a);
	return 0;
}

static const char *const dump_with_value[] = {"--format", "--index", "-o", "--output", NULL};

static bool dump_takes_value(const char *opt, const void *ctx)
{
	(void)ctx;
	return listed(opt, dump_with_value);
}

static int dump_arg(struct se_dump_options *o, const struct se_word *w)
{
	switch (w->kind) {
	case SE_WORD_OPERAND:
		return dump_operand(o, w->name);
	case SE_WORD_OPTION:
		return dump_value(o, w->name, w->value);
	default:
		return se_fail("unknown option %s (see seccomp-embed dump --help)", w->name);
	}
}

enum se_parse_result se_dump_options_parse(int argc, char **argv, struct se_dump_options *o)
{
	memset(o, 0, sizeof *o);
	if (asked_for_help(argc, argv, dump_usage))
		return SE_OPTIONS_DONE;
	for (int i = 2; i < argc; i++) {
		struct se_word w;
		if (se_word_next(argc, argv, &i, dump_takes_value, NULL, &w) || dump_arg(o, &w))
			return SE_OPTIONS_BAD;
	}
	if (!o->pid) {
		se_fail("no process given (usage: seccomp-embed dump PID)");
		return SE_OPTIONS_BAD;
	}
	return SE_OPTIONS_RUN;
}

/* ------------------------------------------------------------------ diff */

/* compile's options that shape the program; the others place, name or
 * pick an output, which diff has none of, and are refused. */
static const char *const diff_compile_values[] = {"--arch", "--cap-add", "--cap-drop",
						  "--kernel", "--mode", "--syscalls", NULL};
static const char *const compile_only[] = {"--format", "--name", "--install", "--install-order",
					   "--backend", "--hot", "-o", "--output", NULL};

static int diff_value(struct se_diff_options *o, const char *opt, const char *val)
{
	if (strcmp(opt, "--max") == 0)
		return parse_count(opt, val, 1000000, &o->max);
	return se_options_take(&o->compile, opt, val);
}

static const char *const diff_flags[] = {"--no-enosys-stub", "--strict", "--bare", "-q",
					 "--quiet", NULL};

static int diff_flag(struct se_diff_options *o, const char *a)
{
	if (strcmp(a, "--no-enosys-stub") == 0)
		o->compile.enosys_stub = false;
	else if (strcmp(a, "--strict") == 0)
		o->compile.strict = true;
	else if (strcmp(a, "--bare") == 0)
		o->bare = true;
	else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
		o->quiet = true;
	else if (listed(a, compile_only))
		return se_fail("option %s does not apply to diff: it compares verdicts, and "
			       "writes no filter (see seccomp-embed diff --help)", a);
	else
		return se_fail("unknown option %s (see seccomp-embed diff --help)", a);
	return 0;
}

static bool diff_takes_value(const char *opt, const void *ctx)
{
	(void)ctx;
	return strcmp(opt, "--max") == 0 || listed(opt, diff_compile_values);
}

static int diff_operand(struct se_diff_options *o, const char *a)
{
	if (!o->a)
		o->a = a;
	else if (!o->b)
		o->b = a;
	else
		return se_fail("more than two filters given (%s, %s and %s); diff compares two",
			       o->a, o->b, a);
	return 0;
}

static int diff_arg(struct se_diff_options *o, const struct se_word *w)
{
	switch (w->kind) {
	case SE_WORD_OPERAND:
		return diff_operand(o, w->name);
	case SE_WORD_OPTION:
		return diff_value(o, w->name, w->value);
	default:
		return w->value && listed(w->name, diff_flags)
			       ? se_fail("option %s takes no value", w->name)
			       : diff_flag(o, w->name);
	}
}

enum se_parse_result se_diff_options_parse(int argc, char **argv, struct se_diff_options *o)
{
	memset(o, 0, sizeof *o);
	se_options_defaults(&o->compile);
	o->max = 20;
	if (asked_for_help(argc, argv, diff_usage))
		return SE_OPTIONS_DONE;
	for (int i = 2; i < argc; i++) {
		struct se_word w;
		if (se_word_next(argc, argv, &i, diff_takes_value, NULL, &w) || diff_arg(o, &w))
			return SE_OPTIONS_BAD;
	}
	if (!o->b) {
		se_fail("diff compares two filters: give A and B (usage: seccomp-embed diff A B)");
		return SE_OPTIONS_BAD;
	}
	if (strcmp(o->a, "-") == 0 && strcmp(o->b, "-") == 0) {
		se_fail("standard input (-) is given twice; it can be read once");
		return SE_OPTIONS_BAD;
	}
	return SE_OPTIONS_RUN;
}
