#include "suggest_command_line.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arch.h"
#include "command_words.h"
#include "diag.h"
#include "host.h"

static const char usage[] =
	"usage: seccomp-embed suggest PROFILE RUN... [options]\n"
	"       seccomp-embed suggest --start [--exec] [RUN...] [options]\n"
	"\n"
	"Write PROFILE with what the runs needed added: the syscalls they called that\n"
	"the profile denies, as new rules at the end of \"syscalls\" (one with the names,\n"
	"one per syscall with argument conditions), each with a comment naming the input;\n"
	"the author's rules and layout are left as they are.  The result is compiled and\n"
	"checked to allow every call it was extended for before it is written.\n"
	"\n"
	"RUN is a file a run of the program left (- for standard input), in any mix of:\n"
	"  - seccomp-embed's report lines, text or JSON (a trap-log or learn build's\n"
	"    standard error, or SECCOMP_EMBED_REPORT_FD's file);\n"
	"  - strace output: -f, -ff files, -t/-tt/-ttt, and -c summaries; calls of a\n"
	"    process strace says runs in 32 bit mode are the compat arch's (i386 on\n"
	"    x86_64);\n"
	"  - the kernel's audit lines for seccomp (type=SECCOMP or type=1326, raw or from\n"
	"    ausearch -i).\n"
	"Other lines are skipped.\n"
	"\n"
	"  --arch ARCH      the filter's target, as for compile (default: this machine's);\n"
	"                   strace lines are calls of this arch\n"
	"  --args           argument conditions instead of a plain allow, where every\n"
	"                   observed call gave the argument: socket/socketpair domain,\n"
	"                   personality, prctl option, ioctl request, fcntl command (each\n"
	"                   value seen); clone without CLONE_NEW* flags, mmap/mmap2/mprotect\n"
	"                   without PROT_EXEC (if no call used them)\n"
	"  --allow-risky    also add the syscalls otherwise only named in a warning: execve,\n"
	"                   execveat, ptrace, process_vm_*, mount and the new mount API,\n"
	"                   pivot_root, chroot, setns, unshare, bpf, *_module, kexec_*,\n"
	"                   reboot, swapon/off, userfaultfd, perf_event_open, keyctl,\n"
	"                   add_key, request_key, *_by_handle_at, iopl, ioperm, acct, clock\n"
	"                   and time setting, quotactl, syslog, vhangup, pidfd_getfd, seccomp\n"
	"  --diff           write the change as a unified diff (patch -p0 applies it)\n"
	"  --start          start from a new profile instead of PROFILE: deny by default\n"
	"                   (EPERM), the target's arch only, and what every glibc or musl\n"
	"                   program needs to end (exit, exit_group, rt_sigreturn,\n"
	"                   restart_syscall) and calls at any time (brk, mmap, munmap,\n"
	"                   futex); with no RUN, that profile is written as is\n"
	"  --exec           with --start: also execve and what the loader and libc call\n"
	"                   before main(), for a filter applied before exec (bwrap)\n"
	"  --cap-add CAP, --cap-drop CAP, --kernel X.Y, --syscalls FROM\n"
	"                   decide the profile's rules as compile does\n"
	"  -o FILE          write FILE (atomically; it may be PROFILE) instead of stdout\n"
	"  -q, --quiet      only what was left out, and errors\n"
	"\n"
	"Never added without being asked: what a rule of the profile denies, calls on an\n"
	"arch the profile does not list, and syscalls the profile allows for some\n"
	"arguments when the input does not give the arguments; each is named on stderr.\n"
	"\n"
	"Exit status: 0 success, 2 bad input or usage, 1 internal failure.\n";

static int take_value(struct se_suggest_options *o, const char *opt, const char *val)
{
	struct se_options *c = &o->compile;
	if (strcmp(opt, "--arch") == 0)
		c->arch = val;
	else
		return se_options_take(c, opt, val);
	return 0;
}

/* Where a flag of suggest sets its bool, or SIZE_MAX for no flag of it. */
static size_t flag_field(const char *opt)
{
	static const struct { const char *name; size_t offset; } flags[] = {
		{"--args", offsetof(struct se_suggest_options, args)},
		{"--allow-risky", offsetof(struct se_suggest_options, allow_risky)},
		{"--diff", offsetof(struct se_suggest_options, diff)},
		{"--start", offsetof(struct se_suggest_options, start)},
		{"--exec", offsetof(struct se_suggest_options, start_exec)},
		{"-q", offsetof(struct se_suggest_options, compile.quiet)},
		{"--quiet", offsetof(struct se_suggest_options, compile.quiet)},
	};
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
		if (strcmp(opt, flags[i].name) == 0)
			return flags[i].offset;
	return SIZE_MAX;
}

static int take_flag(struct se_suggest_options *o, const struct se_word *w)
{
	size_t field = flag_field(w->name);
	if (field == SIZE_MAX)
		return se_fail("unknown option %s (see seccomp-embed suggest --help)", w->name);
	if (w->value)
		return se_fail("option %s takes no value", w->name);
	*(bool *)((char *)o + field) = true;
	return 0;
}

static int take_operand(struct se_suggest_options *o, const char *a)
{
	if (!o->start && !o->compile.profile) {
		o->compile.profile = a;
		return 0;
	}
	if (o->n_runs == SE_MAX_RUNS)
		return se_fail("more than %d runs given", SE_MAX_RUNS);
	o->runs[o->n_runs++] = a;
	return 0;
}

/* The options must all be known before operands are sorted: --start
 * makes the first operand a run rather than the profile. */
static bool has_start(int argc, char **argv)
{
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--start") == 0)
			return true;
	return false;
}

static bool takes_value(const char *opt, const void *ctx)
{
	static const char *const with_value[] = {"--arch", "--cap-add", "--cap-drop", "--kernel",
						 "--syscalls", "-o", "--output", NULL};
	(void)ctx;
	for (int i = 0; with_value[i]; i++)
		if (strcmp(opt, with_value[i]) == 0)
			return true;
	return false;
}

static int take(struct se_suggest_options *o, const struct se_word *w)
{
	switch (w->kind) {
	case SE_WORD_OPERAND:
		return take_operand(o, w->name);
	case SE_WORD_OPTION:
		return take_value(o, w->name, w->value);
	default:
		return take_flag(o, w);
	}
}

static int parse(int argc, char **argv, struct se_suggest_options *o)
{
	o->start = has_start(argc, argv);
	for (int i = 2; i < argc; i++) {
		struct se_word w;
		if (se_word_next(argc, argv, &i, takes_value, NULL, &w) || take(o, &w))
			return SE_EINPUT;
	}
	return 0;
}

static int check(struct se_suggest_options *o)
{
	struct se_options *c = &o->compile;
	const struct se_arch *host = se_host_arch();
	if (!c->arch && host)
		c->arch = host->uname;
	if (!c->arch)
		return se_fail("this machine's arch is not one seccomp-embed knows; give --arch");
	if (!se_arch_find(c->arch))
		return se_fail("--arch %s: unknown architecture (see seccomp-embed --help)", c->arch);
	if (!o->start && !c->profile)
		return se_fail("no profile given (usage: seccomp-embed suggest PROFILE RUN..., or "
			       "suggest --start to begin one)");
	if (!o->start && o->n_runs == 0)
		return se_fail("no run given: name the files a run left (report lines, strace "
			       "output, audit lines)");
	if (o->start_exec && !o->start)
		return se_fail("--exec shapes the --start profile: it needs --start");
	if (o->diff && o->start)
		return se_fail("--diff shows a change to PROFILE: it does not apply to --start");
	size_t stdin_uses = c->profile && strcmp(c->profile, "-") == 0;
	for (size_t i = 0; i < o->n_runs; i++)
		stdin_uses += strcmp(o->runs[i], "-") == 0;
	if (stdin_uses > 1)
		return se_fail("standard input (-) is given %zu times; it can be read once", stdin_uses);
	return 0;
}

enum se_parse_result se_suggest_options_parse(int argc, char **argv,
					      struct se_suggest_options *o)
{
	memset(o, 0, sizeof *o);
	se_options_defaults(&o->compile);
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return SE_OPTIONS_DONE;
		}
	if (parse(argc, argv, o) || check(o))
		return SE_OPTIONS_BAD;
	return SE_OPTIONS_RUN;
}
