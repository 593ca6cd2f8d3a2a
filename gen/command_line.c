#include "command_line.h"

#include <ctype.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command_words.h"
#include "diag.h"

#ifndef SE_VERSION
#define SE_VERSION "0.0.0"
#endif

static const char general_usage[] =
	"usage: seccomp-embed COMMAND ARGUMENTS [options]\n"
	"\n"
	"Bake a Docker/OCI seccomp profile into a program at build time.\n"
	"\n"
	"Commands:\n"
	"  compile PROFILE --arch ARCH   the filter as C (a precompiled table), a header,\n"
	"                                raw BPF or a text listing\n"
	"  stats PROFILE --arch ARCH     what the filter costs at run time, our program\n"
	"                                beside libseccomp's\n"
	"  suggest PROFILE RUN...        the rules a run (reports, strace, audit) needs,\n"
	"                                added to the profile\n"
	"  dump PID                      the filters a running process is confined by\n"
	"  diff A B                      do two filters (processes, .bpf files, profiles)\n"
	"                                decide alike? the differences in words\n"
	"\n"
	"  seccomp-embed COMMAND --help  every option of one command\n"
	"  seccomp-embed --version       this version, and the libseccomp it was built with\n"
	"\n"
	"Exit status: 0 success, 2 bad input or usage, 1 internal failure; diff exits 1\n"
	"when the filters differ and 3 on an internal failure.\n";

static const char usage[] =
	"usage: seccomp-embed compile PROFILE --arch ARCH [options]\n"
	"\n"
	"Compile a Docker/OCI seccomp profile into a precompiled BPF filter.\n"
	"PROFILE is a Docker profile, an OCI linux.seccomp object, an OCI config.json,\n"
	"or - for standard input.\n"
	"\n"
	"  --arch ARCH         target: amd64 x86 arm64 arm riscv64 ppc64le ppc64 ppc s390x s390\n"
	"                      mips mipsel mips64 mips64n32 mipsel64 mipsel64n32 parisc parisc64\n"
	"                      x32, or the uname -m or SCMP_ARCH_* spelling of one (required)\n"
	"  --cap-add CAP       add a capability to docker run's default set (repeatable; ALL)\n"
	"  --cap-drop CAP      drop a capability (repeatable; ALL)\n"
	"  --kernel X.Y        decide minKernel conditions for this kernel at build time;\n"
	"                      without it, the C output holds one program per kernel range\n"
	"                      (one for kernels before 5.11, which keep no cache)\n"
	"  --format FMT        c (default), h, bpf (raw, target byte order) or text\n"
	"  --name SYMBOL       C symbol of the filter (default: seccomp_embed_filter)\n"
	"  --install WHEN      startup: install before main(); manual (default): the program\n"
	"                      calls seccomp_embed_install() itself\n"
	"  --install-order N   with --install startup: filters of one program are installed in\n"
	"                      increasing N (0-9999, default 0; the CMake function counts calls)\n"
	"  --mode MODE         enforce (default); trap-log: every denial reported, outcomes as\n"
	"                      enforced; learn: every denial reported, then allowed (never ship)\n"
	"  --no-enosys-stub    leave out runc's ENOSYS stub for syscalls newer than the profile\n"
	"  --backend B         ours (default): a shorter, faster program, proven to decide like\n"
	"                      libseccomp's on every compile; libseccomp: its program as is\n"
	"  --hot NAME,...      syscalls to reach in the fewest instructions (frequent ones),\n"
	"                      or the path of an `strace -c` summary (its call counts)\n"
	"  --syscalls FROM     where syscall names get their numbers: kernel (default), the\n"
	"                      generator's own tables of Linux 6.18, then libseccomp's; or\n"
	"                      host-libseccomp, only what this libseccomp knows (as Docker)\n"
	"  --strict            every warning is an error\n"
	"  -q, --quiet         print errors only\n"
	"  -o FILE             write FILE (atomically) instead of standard output\n"
	"\n"
	"Exit status: 0 success, 2 bad input or usage, 1 internal failure.\n";

static const char stats_usage[] =
	"usage: seccomp-embed stats PROFILE --arch ARCH [--cap-add CAP]... [--cap-drop CAP]...\n"
	"              [--kernel X.Y] [--no-enosys-stub] [--hot NAME,...|FILE] [--syscalls FROM]\n"
	"              [--also FILE.bpf]... [--mix FILE] [--strict] [-q]\n"
	"\n"
	"Compare what one filter costs at run time as our backend writes it and as\n"
	"libseccomp writes it at optimize level 1 (a linear chain) and level 2 (a binary\n"
	"tree), all three with runc's ENOSYS stub unless --no-enosys-stub.  The options\n"
	"mean what they mean for compile; without --kernel, the program for the newest\n"
	"kernel range of the profile's minKernel values is measured (the header says so).\n"
	"\n"
	"  --also FILE.bpf  one more column: another compiler's raw program for the same\n"
	"                   profile (target byte order; up to 4), measured alike and run\n"
	"                   against the profile's program on the validation's inputs: where\n"
	"                   it decides differently, a line under the table says so\n"
	"  --mix FILE       a workload's `strace -c` summary: rows for the calls of it\n"
	"                   each program allows and the instructions they run, mean per\n"
	"                   call (arguments 0; a call the kernel's cache lets skip the\n"
	"                   filter runs none; with --kernel below 5.11 every call runs it)\n"
	"\n"
	"Printed, as a Markdown table:\n"
	"  - program length in instructions;\n"
	"  - \"N of M\", per arch whose syscalls the kernel caches (Linux >= 5.11): M\n"
	"    syscall numbers the program allows whatever the arguments, N of them allowed\n"
	"    on a path the kernel's cache accepts, so they skip the filter altogether;\n"
	"  - for every syscall libseccomp knows on each arch of the filter that still\n"
	"    runs the filter, the instructions it executes, mean and max, for the target\n"
	"    arch alone and for all arches, in three groups:\n"
	"      argument-checked: its path reads arguments; its count is the most over\n"
	"        the argument values translation validation tries (0, all ones, and\n"
	"        c-1, c, c+1, each 32-bit half and each mask bit of every constant the\n"
	"        reference or ours compares that argument with), one argument at a\n"
	"        time with the others at 0 and at all ones, then all together;\n"
	"      denied: the same non-ALLOW outcome whatever the arguments;\n"
	"      allowed, uncached: ALLOW whatever the arguments but not cached (x32\n"
	"        numbers, arches the kernel keeps no cache for, any with --kernel below\n"
	"        5.11);\n"
	"  - the same denied mean over every number of the target arch from its first\n"
	"    syscall to its last, gaps included (numbers no syscall has);\n"
	"  - with --mix, the workload's allowed calls and their instructions per call.\n"
	"\n"
	"Exit status: 0 success, 2 bad input or usage, 1 internal failure.\n";

/* The options that shape the output, for its header; where the output goes
 * and how chatty the run is do not belong there (the output must not
 * change with its own file name). */
static void record(struct se_options *o, int argc, char **argv)
{
	size_t n = 0;
	for (int i = 1; i < argc && n < sizeof o->command_line; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			i++;
			continue;
		}
		if (strncmp(a, "--output=", 9) == 0 || strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
			continue;
		n += (size_t)snprintf(o->command_line + n, sizeof o->command_line - n, "%s%s",
				      n ? " " : "", a);
	}
}

static bool parse_kernel(const char *s, struct se_kernel_version *k)
{
	char *end;
	if (!isdigit((unsigned char)*s))
		return false;
	unsigned long major = strtoul(s, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]))
		return false;
	unsigned long minor = strtoul(end + 1, &end, 10);
	if (*end || major > 65535 || minor > 65535)
		return false;
	k->major = (unsigned)major;
	k->minor = (unsigned)minor;
	return true;
}

static bool parse_order(const char *s, unsigned *order)
{
	char *end;
	if (!isdigit((unsigned char)*s))
		return false;
	unsigned long n = strtoul(s, &end, 10);
	if (*end || n > SE_MAX_INSTALL_ORDER)
		return false;
	*order = (unsigned)n;
	return true;
}

static bool valid_symbol(const char *s)
{
	if (!(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

static int choose(const char *option, const char *value, const char *const *choices)
{
	char all[128] = "";
	for (int i = 0; choices[i]; i++) {
		if (strcmp(value, choices[i]) == 0)
			return i;
		snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", i ? ", " : "", choices[i]);
	}
	se_fail("%s %s: expected one of %s", option, value, all);
	return -1;
}

static int push(const char **list, size_t *n, const char *option, const char *value)
{
	if (*n == SE_MAX_CAP_ARGS)
		return se_fail("too many %s options", option);
	list[(*n)++] = value;
	return 0;
}

int se_options_take(struct se_options *o, const char *opt, const char *val)
{
	static const char *const formats[] = {"c", "h", "bpf", "text", NULL};
	static const char *const installs[] = {"manual", "startup", NULL};
	static const char *const modes[] = {"enforce", "trap-log", "learn", NULL};
	static const char *const backends[] = {"ours", "libseccomp", NULL};
	static const char *const sources[] = {"kernel", "host-libseccomp", NULL};
	int pick;
	if (strcmp(opt, "--arch") == 0)
		o->arch = val;
	else if (strcmp(opt, "--cap-add") == 0)
		return push(o->cap_add, &o->n_cap_add, opt, val);
	else if (strcmp(opt, "--cap-drop") == 0)
		return push(o->cap_drop, &o->n_cap_drop, opt, val);
	else if (strcmp(opt, "--kernel") == 0) {
		o->has_kernel = true;
		if (!parse_kernel(val, &o->kernel))
			return se_fail("--kernel %s: expected MAJOR.MINOR such as 5.10", val);
	} else if (strcmp(opt, "--format") == 0) {
		if ((pick = choose(opt, val, formats)) < 0)
			return SE_EINPUT;
		o->format = (enum se_format)pick;
	} else if (strcmp(opt, "--name") == 0) {
		o->name = val;
		if (!valid_symbol(val))
			return se_fail("--name %s: expected a C identifier", val);
	} else if (strcmp(opt, "--install") == 0) {
		if ((pick = choose(opt, val, installs)) < 0)
			return SE_EINPUT;
		o->install_startup = pick == 1;
	} else if (strcmp(opt, "--install-order") == 0) {
		if (!parse_order(val, &o->install_order))
			return se_fail("--install-order %s: expected a number from 0 to %d", val,
				       SE_MAX_INSTALL_ORDER);
	} else if (strcmp(opt, "--mode") == 0) {
		if ((pick = choose(opt, val, modes)) < 0)
			return SE_EINPUT;
		o->mode = (enum se_mode)pick;
	} else if (strcmp(opt, "--backend") == 0) {
		if ((pick = choose(opt, val, backends)) < 0)
			return SE_EINPUT;
		o->backend = (enum se_backend)pick;
	} else if (strcmp(opt, "--syscalls") == 0) {
		if ((pick = choose(opt, val, sources)) < 0)
			return SE_EINPUT;
		o->syscalls = (enum se_syscall_source)pick;
	} else if (strcmp(opt, "--hot") == 0) {
		o->hot = val;
	} else if (strcmp(opt, "--also") == 0 && o->command == SE_COMMAND_STATS) {
		if (o->n_also == SE_MAX_ALSO)
			return se_fail("at most %d --also programs", SE_MAX_ALSO);
		o->also[o->n_also++] = val;
	} else if (strcmp(opt, "--mix") == 0 && o->command == SE_COMMAND_STATS) {
		o->mix = val;
	} else if (strcmp(opt, "-o") == 0 || strcmp(opt, "--output") == 0)
		o->output = val;
	else
		return se_fail("unknown option %s (see seccomp-embed %s --help)", opt,
			       o->command == SE_COMMAND_STATS ? "stats" : "compile");
	return 0;
}

static bool listed(const char *opt, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(opt, list[i]) == 0)
			return true;
	return false;
}

/* stats writes no file and measures both backends: what places, names or
 * picks one program is refused rather than silently ignored. */
static const char *const compile_only[] = {"--format", "--name", "--install", "--install-order",
					   "--mode", "--backend", "-o", "--output", NULL};

/* For stats, compile's own options take none: they come to take_flag, which
 * refuses them by name, whether a value follows or not. */
static bool takes_value(const char *opt, const void *ctx)
{
	static const char *const with_value[] = {"--arch", "--cap-add", "--cap-drop", "--kernel",
						 "--format", "--name", "--install", "--install-order",
						 "--mode", "--backend", "--hot", "--syscalls", "-o",
						 "--output", "--also", "--mix",
						 NULL};
	const struct se_options *o = ctx;
	if (o->command == SE_COMMAND_STATS && listed(opt, compile_only))
		return false;
	return listed(opt, with_value);
}

/* compile's and stats' flags, each the bool it sets to `to`. */
static bool *flag_field(struct se_options *o, const char *opt, bool *to)
{
	*to = true;
	if (strcmp(opt, "--strict") == 0)
		return &o->strict;
	if (strcmp(opt, "-q") == 0 || strcmp(opt, "--quiet") == 0)
		return &o->quiet;
	*to = false;
	return strcmp(opt, "--no-enosys-stub") == 0 ? &o->enosys_stub : NULL;
}

static int take_flag(struct se_options *o, const struct se_word *w)
{
	bool to;
	bool *field = flag_field(o, w->name, &to);
	if (o->command == SE_COMMAND_STATS && listed(w->name, compile_only))
		return se_fail("option %s does not apply to stats (see seccomp-embed stats --help)",
			       w->name);
	if (!field)
		return se_fail("unknown option %s (see seccomp-embed %s --help)", w->name,
			       o->command == SE_COMMAND_STATS ? "stats" : "compile");
	if (w->value)
		return se_fail("option %s takes no value", w->name);
	*field = to;
	return 0;
}

static int take_word(struct se_options *o, const struct se_word *w)
{
	switch (w->kind) {
	case SE_WORD_OPERAND:
		if (o->profile)
			return se_fail("more than one profile given (%s and %s)", o->profile, w->name);
		o->profile = w->name;
		return 0;
	case SE_WORD_OPTION:
		return se_options_take(o, w->name, w->value);
	default:
		return take_flag(o, w);
	}
}

static int parse_args(int argc, char **argv, struct se_options *o)
{
	for (int i = 2; i < argc; i++) {
		struct se_word w;
		if (se_word_next(argc, argv, &i, takes_value, o, &w) || take_word(o, &w))
			return SE_EINPUT;
	}
	if (!o->profile)
		return se_fail("no profile given (usage: seccomp-embed %s PROFILE --arch ARCH)",
			       o->command == SE_COMMAND_STATS ? "stats" : "compile");
	if (!o->arch)
		return se_fail("--arch is required (for example --arch amd64)");
	if (o->install_order && !o->install_startup)
		return se_fail("--install-order orders startup filters: it needs --install startup");
	return 0;
}

void se_options_defaults(struct se_options *o)
{
	memset(o, 0, sizeof *o);
	o->enosys_stub = true;
	o->name = "seccomp_embed_filter";
}

enum se_parse_result se_options_parse(int argc, char **argv, struct se_options *o)
{
	se_options_defaults(o);
	if (argc < 2) {
		fputs(general_usage, stderr);
		return SE_OPTIONS_BAD;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(general_usage, stdout);
		return SE_OPTIONS_DONE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("seccomp-embed %s (libseccomp %d.%d.%d)\n", SE_VERSION, SCMP_VER_MAJOR,
		       SCMP_VER_MINOR, SCMP_VER_MICRO);
		return SE_OPTIONS_DONE;
	}
	if (strcmp(argv[1], "stats") == 0)
		o->command = SE_COMMAND_STATS;
	else if (strcmp(argv[1], "compile") != 0) {
		se_fail("unknown command \"%s\"; expected compile, stats, suggest, dump or diff "
			"(see seccomp-embed --help)", argv[1]);
		return SE_OPTIONS_BAD;
	}
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(o->command == SE_COMMAND_STATS ? stats_usage : usage, stdout);
			return SE_OPTIONS_DONE;
		}
	record(o, argc, argv);
	return parse_args(argc, argv, o) ? SE_OPTIONS_BAD : SE_OPTIONS_RUN;
}
