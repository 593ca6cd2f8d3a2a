/*
 * test_reference_verdicts.c - run the verdict tables in tests/verdicts/.
 *
 * Each table names a profile and generator options; its rows say what the
 * filter must return for one syscall on one architecture.  The expectations
 * were written from Docker's documented semantics (see
 * ../shared/notes/profile-semantics.md and tests/verdicts/README.md), never
 * copied from the generator's output, so a failing row means either the
 * generator or the table is wrong, and the row's "# why" comment says which
 * rule to check.
 *
 * For every table and both backends: compile the profile with `$SECCOMP_EMBED
 * compile PROFILE OPTIONS --backend B --format bpf -o TMP` (B: ours, the
 * default, and libseccomp), decode the raw program in the target's byte
 * order, check that seccomp(2) would accept it (bpf_sim_check), and run every
 * row through bpf_sim_run with seccomp_data {nr, AUDIT_ARCH of the row's arch,
 * args}.  Prints every mismatch and parse error as FILE:LINE, then
 * "N passed, N failed"; exit status 0 only if nothing failed.
 */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* mkdtemp, strdup */
#endif

#include "bpf_sim.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_INSNS 4096u
#define MAX_ROWS 512u
#define MAX_OPTS 32u
#define MAX_LINE 1024u
#define MAX_TABLES 128u
#define X32_SYSCALL_BIT 0x40000000u

/* seccomp return values (<linux/seccomp.h>), spelled out so the expected
 * values are visible here. */
#define RET_KILL_PROCESS 0x80000000u
#define RET_KILL_THREAD 0x00000000u
#define RET_TRAP 0x00030000u
#define RET_ERRNO 0x00050000u
#define RET_TRACE 0x7ff00000u
#define RET_LOG 0x7ffc0000u
#define RET_ALLOW 0x7fff0000u
#define RET_ACTION_FULL 0xffff0000u
#define RET_DATA 0x0000ffffu

static unsigned passed, failed;

/* Every table runs against both backends: ours (the default) must decide
 * exactly as libseccomp's program does. */
static const char *const backends[] = {"ours", "libseccomp"};

/* ------------------------------------------------------------------ */
/* Architectures: every name a table may use, for rows and for --arch.  */

struct arch_info {
	const char *names[4]; /* Docker, uname -m, SCMP_ARCH_*, other */
	uint32_t audit;       /* seccomp_data.arch */
	uint32_t token;       /* libseccomp token, for name resolution */
	bool big_endian;
	bool x32;
};

static const struct arch_info arches[] = {
	{ { "amd64", "x86_64", "SCMP_ARCH_X86_64", NULL }, AUDIT_ARCH_X86_64, SCMP_ARCH_X86_64, false, false },
	{ { "x86", "i386", "SCMP_ARCH_X86", "i686" }, AUDIT_ARCH_I386, SCMP_ARCH_X86, false, false },
	{ { "x32", "SCMP_ARCH_X32", NULL, NULL }, AUDIT_ARCH_X86_64, SCMP_ARCH_X32, false, true },
	{ { "arm64", "aarch64", "SCMP_ARCH_AARCH64", NULL }, AUDIT_ARCH_AARCH64, SCMP_ARCH_AARCH64, false, false },
	{ { "arm", "armv7l", "SCMP_ARCH_ARM", NULL }, AUDIT_ARCH_ARM, SCMP_ARCH_ARM, false, false },
	{ { "riscv64", "SCMP_ARCH_RISCV64", NULL, NULL }, AUDIT_ARCH_RISCV64, SCMP_ARCH_RISCV64, false, false },
	{ { "ppc64le", "SCMP_ARCH_PPC64LE", NULL, NULL }, AUDIT_ARCH_PPC64LE, SCMP_ARCH_PPC64LE, false, false },
	{ { "ppc64", "SCMP_ARCH_PPC64", NULL, NULL }, AUDIT_ARCH_PPC64, SCMP_ARCH_PPC64, true, false },
	{ { "ppc", "SCMP_ARCH_PPC", NULL, NULL }, AUDIT_ARCH_PPC, SCMP_ARCH_PPC, true, false },
	{ { "s390x", "SCMP_ARCH_S390X", NULL, NULL }, AUDIT_ARCH_S390X, SCMP_ARCH_S390X, true, false },
	{ { "s390", "SCMP_ARCH_S390", NULL, NULL }, AUDIT_ARCH_S390, SCMP_ARCH_S390, true, false },
	{ { "mips", "SCMP_ARCH_MIPS", NULL, NULL }, AUDIT_ARCH_MIPS, SCMP_ARCH_MIPS, true, false },
	{ { "mipsel", "SCMP_ARCH_MIPSEL", NULL, NULL }, AUDIT_ARCH_MIPSEL, SCMP_ARCH_MIPSEL, false, false },
	{ { "mips64", "SCMP_ARCH_MIPS64", NULL, NULL }, AUDIT_ARCH_MIPS64, SCMP_ARCH_MIPS64, true, false },
	{ { "mipsel64", "SCMP_ARCH_MIPSEL64", NULL, NULL }, AUDIT_ARCH_MIPSEL64, SCMP_ARCH_MIPSEL64, false, false },
	{ { "mips64n32", "SCMP_ARCH_MIPS64N32", NULL, NULL }, AUDIT_ARCH_MIPS64N32, SCMP_ARCH_MIPS64N32, true, false },
	{ { "mipsel64n32", "SCMP_ARCH_MIPSEL64N32", NULL, NULL }, AUDIT_ARCH_MIPSEL64N32, SCMP_ARCH_MIPSEL64N32, false, false },
	{ { "parisc", "SCMP_ARCH_PARISC", NULL, NULL }, AUDIT_ARCH_PARISC, SCMP_ARCH_PARISC, true, false },
	{ { "parisc64", "SCMP_ARCH_PARISC64", NULL, NULL }, AUDIT_ARCH_PARISC64, SCMP_ARCH_PARISC64, true, false },
};

static const struct arch_info *arch_find(const char *name)
{
	for (size_t i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		for (size_t j = 0; j < 4 && arches[i].names[j] != NULL; j++)
			if (strcmp(arches[i].names[j], name) == 0)
				return &arches[i];
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Errno names: the generic Linux values (asm-generic/errno*.h).  mips  */
/* and parisc number some of them differently; tables for those targets */
/* should write the number.                                             */

struct errno_name {
	const char *name;
	unsigned value;
};

static const struct errno_name errno_names[] = {
	{ "EPERM", 1 },   { "ENOENT", 2 },   { "ESRCH", 3 },   { "EINTR", 4 },   { "EIO", 5 },
	{ "ENXIO", 6 },   { "E2BIG", 7 },    { "ENOEXEC", 8 }, { "EBADF", 9 },   { "ECHILD", 10 },
	{ "EAGAIN", 11 }, { "ENOMEM", 12 },  { "EACCES", 13 }, { "EFAULT", 14 }, { "EBUSY", 16 },
	{ "EEXIST", 17 }, { "EXDEV", 18 },   { "ENODEV", 19 }, { "ENOTDIR", 20 }, { "EISDIR", 21 },
	{ "EINVAL", 22 }, { "ENFILE", 23 },  { "EMFILE", 24 }, { "ENOTTY", 25 }, { "ENOSPC", 28 },
	{ "ESPIPE", 29 }, { "EROFS", 30 },   { "EPIPE", 32 },  { "ERANGE", 34 }, { "ENOSYS", 38 },
	{ "EOPNOTSUPP", 95 }, { "EAFNOSUPPORT", 97 },
};

static const char *errno_name_of(unsigned value)
{
	for (size_t i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++)
		if (errno_names[i].value == value)
			return errno_names[i].name;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Numbers.                                                            */

/* Decimal or 0x-hex, the whole string, into a uint64.  A leading 0 is
 * decimal (no octal surprises). */
static bool parse_u64(const char *s, uint64_t *out)
{
	const char *p = s;
	int base = 10;
	char *end;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	if (*p == '\0' || !isxdigit((unsigned char)*p) || (base == 10 && !isdigit((unsigned char)*p)))
		return false;
	errno = 0;
	unsigned long long v = strtoull(p, &end, base);
	if (errno != 0 || *end != '\0')
		return false;
	*out = (uint64_t)v;
	return true;
}

static const char *fmt_verdict(uint32_t v, char *buf, size_t len)
{
	uint32_t act = v & RET_ACTION_FULL, data = v & RET_DATA;
	const char *name;

	switch (act) {
	case RET_ALLOW:
		snprintf(buf, len, data ? "ALLOW|0x%x" : "ALLOW", (unsigned)data);
		break;
	case RET_LOG:
		snprintf(buf, len, data ? "LOG|0x%x" : "LOG", (unsigned)data);
		break;
	case RET_TRAP:
		snprintf(buf, len, data ? "TRAP(%u)" : "TRAP", (unsigned)data);
		break;
	case RET_TRACE:
		snprintf(buf, len, "TRACE(%u)", (unsigned)data);
		break;
	case RET_ERRNO:
		name = errno_name_of(data);
		if (name != NULL)
			snprintf(buf, len, "ERRNO(%s)", name);
		else
			snprintf(buf, len, "ERRNO(%u)", (unsigned)data);
		break;
	case RET_KILL_THREAD:
		snprintf(buf, len, data ? "KILL_THREAD|0x%x" : "KILL_THREAD", (unsigned)data);
		break;
	case RET_KILL_PROCESS:
		snprintf(buf, len, data ? "KILL_PROCESS|0x%x" : "KILL_PROCESS", (unsigned)data);
		break;
	default:
		snprintf(buf, len, "0x%08x", (unsigned)v);
		break;
	}
	return buf;
}

/* "NAME(X)" -> X as a number or errno name; false if malformed. */
static bool parse_paren_value(const char *s, const char *prefix, bool errno_names_ok, uint32_t *out)
{
	size_t plen = strlen(prefix), slen = strlen(s);
	char inner[64];
	uint64_t v;

	if (strncmp(s, prefix, plen) != 0 || s[plen] != '(' || slen < plen + 3 || s[slen - 1] != ')')
		return false;
	if (slen - plen - 2 >= sizeof(inner))
		return false;
	memcpy(inner, s + plen + 1, slen - plen - 2);
	inner[slen - plen - 2] = '\0';
	if (parse_u64(inner, &v)) {
		if (v > RET_DATA)
			return false;
		*out = (uint32_t)v;
		return true;
	}
	if (!errno_names_ok)
		return false;
	for (size_t i = 0; i < sizeof(errno_names) / sizeof(errno_names[0]); i++) {
		if (strcmp(errno_names[i].name, inner) == 0) {
			*out = errno_names[i].value;
			return true;
		}
	}
	return false;
}

static bool parse_expected(const char *s, uint32_t *out)
{
	uint32_t v;

	if (strcmp(s, "ALLOW") == 0)
		*out = RET_ALLOW;
	else if (strcmp(s, "LOG") == 0)
		*out = RET_LOG;
	else if (strcmp(s, "TRAP") == 0)
		*out = RET_TRAP;
	else if (strcmp(s, "KILL_THREAD") == 0)
		*out = RET_KILL_THREAD;
	else if (strcmp(s, "KILL_PROCESS") == 0)
		*out = RET_KILL_PROCESS;
	else if (parse_paren_value(s, "ERRNO", true, &v))
		*out = RET_ERRNO | v;
	else if (parse_paren_value(s, "TRACE", false, &v))
		*out = RET_TRACE | v;
	else
		return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* Tables.                                                             */

struct row {
	unsigned line;
	char arch_text[32];
	char sys_text[64];
	uint32_t audit;
	int32_t nr;
	uint64_t args[6];
	uint32_t expected;
	char why[160];
};

struct table {
	char path[4096];     /* of the .verdicts file, for messages */
	char profile[4096];  /* resolved path of the profile */
	char profile_name[256];
	char options_text[MAX_LINE]; /* as written, for messages */
	char options_buf[MAX_LINE];  /* split in place into opts[] */
	char *opts[MAX_OPTS];
	unsigned nopts;
	const struct arch_info *target;
	struct row rows[MAX_ROWS];
	unsigned nrows;
	unsigned errors; /* parse errors, each already counted as a failure */
};

static void table_error(struct table *t, unsigned line, const char *fmt, ...)
{
	va_list ap;

	printf("%s:%u: error: ", t->path, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	t->errors++;
	failed++;
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

static unsigned split_ws(char *s, char **tok, unsigned max)
{
	unsigned n = 0;
	char *save = NULL;

	for (char *p = strtok_r(s, " \t", &save); p != NULL; p = strtok_r(NULL, " \t", &save)) {
		if (n == max)
			return max + 1;
		tok[n++] = p;
	}
	return n;
}

static bool resolve_syscall(struct table *t, unsigned line, const struct arch_info *arch,
			    const char *text, int32_t *nr)
{
	uint64_t v;

	if (strcmp(text, "-1") == 0) {
		*nr = -1;
		return true;
	}
	if (parse_u64(text, &v)) {
		if (v > UINT32_MAX) {
			table_error(t, line, "syscall number %s does not fit in 32 bits", text);
			return false;
		}
		*nr = (int32_t)(uint32_t)v;
		return true;
	}
	if (arch == NULL) {
		table_error(t, line, "syscall %s: a name needs a named arch (a hex AUDIT_ARCH takes numbers)",
			    text);
		return false;
	}
	int r = seccomp_syscall_resolve_name_arch(arch->token, text);
	if (r == __NR_SCMP_ERROR) {
		table_error(t, line, "syscall %s: unknown to libseccomp on %s", text, arch->names[0]);
		return false;
	}
	if (r < 0) {
		table_error(t, line, "syscall %s: not a real syscall on %s (libseccomp pseudo number %d)",
			    text, arch->names[0], r);
		return false;
	}
	if (arch->x32)
		r = (int)((uint32_t)r | X32_SYSCALL_BIT);
	*nr = r;
	return true;
}

static void parse_row(struct table *t, unsigned line, char *body, const char *why)
{
	char *tok[16];
	unsigned n = split_ws(body, tok, 16), arrow = 0;
	struct row *r;
	uint64_t v;

	if (t->nrows == MAX_ROWS) {
		table_error(t, line, "more than %u rows", MAX_ROWS);
		return;
	}
	r = &t->rows[t->nrows];
	memset(r, 0, sizeof(*r));
	r->line = line;
	for (unsigned i = 0; i < n && i < 16; i++) {
		if (strcmp(tok[i], "->") == 0) {
			arrow = i;
			break;
		}
	}
	if (n > 16 || arrow < 2 || arrow > 8 || n != arrow + 2) {
		table_error(t, line, "expected: ARCH SYSCALL [ARG0..ARG5] -> EXPECTED");
		return;
	}
	if (why == NULL || *why == '\0') {
		table_error(t, line, "every row needs a '# why' comment naming the rule it checks");
		return;
	}
	snprintf(r->why, sizeof(r->why), "%s", why);
	snprintf(r->arch_text, sizeof(r->arch_text), "%s", tok[0]);
	snprintf(r->sys_text, sizeof(r->sys_text), "%s", tok[1]);

	const struct arch_info *arch = arch_find(tok[0]);
	if (arch != NULL) {
		r->audit = arch->audit;
	} else if (strncmp(tok[0], "0x", 2) == 0 && parse_u64(tok[0], &v) && v <= UINT32_MAX) {
		r->audit = (uint32_t)v;
	} else {
		table_error(t, line, "unknown arch %s (a name such as x86_64, or a hex AUDIT_ARCH)", tok[0]);
		return;
	}
	if (!resolve_syscall(t, line, arch, tok[1], &r->nr))
		return;
	for (unsigned i = 2; i < arrow; i++) {
		if (strcmp(tok[i], "-") == 0) {
			r->args[i - 2] = 0;
		} else if (parse_u64(tok[i], &v)) {
			r->args[i - 2] = v;
		} else {
			table_error(t, line, "argument %u: %s is not a number", i - 2, tok[i]);
			return;
		}
	}
	if (!parse_expected(tok[arrow + 1], &r->expected)) {
		table_error(t, line,
			    "expected verdict %s: want ALLOW, LOG, TRAP, KILL_THREAD, KILL_PROCESS, "
			    "ERRNO(n|NAME) or TRACE(n)",
			    tok[arrow + 1]);
		return;
	}
	t->nrows++;
}

static bool parse_options(struct table *t, unsigned line, char *text)
{
	char *tok[MAX_OPTS + 1];
	unsigned n;

	snprintf(t->options_text, sizeof(t->options_text), "%s", text);
	snprintf(t->options_buf, sizeof(t->options_buf), "%s", text);
	n = split_ws(t->options_buf, tok, MAX_OPTS);
	if (n > MAX_OPTS) {
		table_error(t, line, "more than %u options", MAX_OPTS);
		return false;
	}
	for (unsigned i = 0; i < n; i++) {
		if (strcmp(tok[i], "--format") == 0 || strcmp(tok[i], "-o") == 0) {
			table_error(t, line, "options must not set %s (the runner adds --format bpf -o)", tok[i]);
			return false;
		}
		if (strcmp(tok[i], "--arch") == 0) {
			if (i + 1 == n || (t->target = arch_find(tok[i + 1])) == NULL) {
				table_error(t, line, "--arch needs a known architecture");
				return false;
			}
		}
		t->opts[i] = tok[i];
	}
	t->nopts = n;
	return true;
}

/* Parses one table.  Returns true if it can run: header complete and at
 * least one row parsed (errors in other rows are counted already). */
static bool load_table(struct table *t, const char *dir, const char *name)
{
	char buf[MAX_LINE + 2];
	unsigned line = 0;
	bool seen_options = false;
	FILE *f;

	memset(t, 0, sizeof(*t));
	if (snprintf(t->path, sizeof(t->path), "%s/%s", dir, name) >= (int)sizeof(t->path)) {
		table_error(t, 0, "path too long");
		return false;
	}
	f = fopen(t->path, "r");
	if (f == NULL) {
		table_error(t, 0, "cannot open: %s", strerror(errno));
		return false;
	}
	while (fgets(buf, sizeof(buf), f) != NULL) {
		char *hash, *body, *why = NULL;

		line++;
		if (strchr(buf, '\n') == NULL && !feof(f)) {
			table_error(t, line, "line longer than %u characters", MAX_LINE);
			fclose(f);
			return false;
		}
		hash = strchr(buf, '#');
		if (hash != NULL) {
			*hash = '\0';
			why = trim(hash + 1);
		}
		body = trim(buf);
		if (*body == '\0')
			continue;
		if (strncmp(body, "profile:", 8) == 0) {
			if (t->profile_name[0] != '\0' || t->nrows > 0) {
				table_error(t, line, "one profile: line, before the rows");
				continue;
			}
			snprintf(t->profile_name, sizeof(t->profile_name), "%s", trim(body + 8));
			if (snprintf(t->profile, sizeof(t->profile), "%s/%s", dir, t->profile_name) >=
			    (int)sizeof(t->profile))
				table_error(t, line, "profile path too long");
			continue;
		}
		if (strncmp(body, "options:", 8) == 0) {
			if (seen_options || t->nrows > 0) {
				table_error(t, line, "one options: line, before the rows");
				continue;
			}
			seen_options = true;
			parse_options(t, line, trim(body + 8));
			continue;
		}
		parse_row(t, line, body, why);
	}
	fclose(f);
	if (t->profile_name[0] == '\0')
		table_error(t, line, "no 'profile: NAME.json' line");
	else if (access(t->profile, R_OK) != 0)
		table_error(t, line, "profile %s: %s", t->profile, strerror(errno));
	if (t->target == NULL)
		table_error(t, line, "no 'options:' line with --arch ARCH");
	if (t->nrows == 0)
		table_error(t, line, "no rows");
	/* runnable: the header is complete and some rows parsed */
	return t->target != NULL && t->profile_name[0] != '\0' && access(t->profile, R_OK) == 0 &&
	       t->nrows > 0;
}

/* ------------------------------------------------------------------ */
/* Running the generator.                                              */

static bool compile_table(const struct table *t, const char *gen, const char *backend,
			  const char *out)
{
	char *argv[MAX_OPTS + 12];
	unsigned n = 0;
	pid_t pid;
	int status;

	argv[n++] = (char *)gen;
	argv[n++] = "compile";
	argv[n++] = (char *)t->profile;
	for (unsigned i = 0; i < t->nopts; i++)
		argv[n++] = t->opts[i];
	argv[n++] = "--backend";
	argv[n++] = (char *)backend;
	argv[n++] = "--format";
	argv[n++] = "bpf";
	argv[n++] = "-q";
	argv[n++] = "-o";
	argv[n++] = (char *)out;
	argv[n] = NULL;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		printf("%s: fork: %s\n", t->path, strerror(errno));
		return false;
	}
	if (pid == 0) {
		execv(gen, argv);
		fprintf(stderr, "exec %s: %s\n", gen, strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			printf("%s: waitpid: %s\n", t->path, strerror(errno));
			return false;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("%s: error: the generator failed (%s %d) on %s %s --backend %s\n", t->path,
		       WIFEXITED(status) ? "exit status" : "signal",
		       WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), t->profile_name,
		       t->options_text, backend);
		return false;
	}
	return true;
}

/* Reads the raw program; returns its length in instructions or -1. */
static long read_program(const struct table *t, const char *out, struct sock_filter *prog)
{
	static unsigned char bytes[MAX_INSNS * 8 + 1];
	size_t n;
	long len;
	FILE *f = fopen(out, "rb");

	if (f == NULL) {
		printf("%s: error: no program written: %s\n", t->path, strerror(errno));
		return -1;
	}
	n = fread(bytes, 1, sizeof(bytes), f);
	fclose(f);
	if (n == 0 || n > MAX_INSNS * 8) {
		printf("%s: error: program of %zu bytes (want 8..%u)\n", t->path, n, MAX_INSNS * 8);
		return -1;
	}
	len = bpf_sim_decode(bytes, n, t->target->big_endian, prog, MAX_INSNS);
	if (len < 0)
		printf("%s: error: %zu bytes is not a whole number of instructions\n", t->path, n);
	return len;
}

static void run_table(struct table *t, const char *gen, const char *backend, const char *tmpdir)
{
	static struct sock_filter prog[MAX_INSNS];
	char out[4200], err[200];
	long len = -1;

	snprintf(out, sizeof(out), "%s/program.bpf", tmpdir);
	unlink(out);
	if (compile_table(t, gen, backend, out)) {
		len = read_program(t, out, prog);
		if (len > 0 && bpf_sim_check(prog, (size_t)len, err, sizeof(err)) != 0) {
			printf("%s: error: seccomp(2) would reject the program: %s\n", t->path, err);
			len = -1;
		}
	}
	unlink(out);
	if (len <= 0) {
		printf("%s: %u rows not run, counted as failed\n", t->path, t->nrows);
		failed += t->nrows;
		return;
	}

	unsigned bad = 0;
	for (unsigned i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];
		struct bpf_sim_data d;
		char want[48], got[48];

		memset(&d, 0, sizeof(d));
		d.nr = r->nr;
		d.arch = r->audit;
		memcpy(d.args, r->args, sizeof(d.args));
		uint32_t ret = bpf_sim_run(prog, (size_t)len, &d, t->target->big_endian, NULL);
		if (ret == r->expected) {
			passed++;
			continue;
		}
		failed++;
		bad++;
		printf("%s:%u: [%s] %s %s (nr %" PRId32 " = 0x%" PRIx32 ", arch 0x%08" PRIx32 ")",
		       t->path, r->line, backend, r->arch_text, r->sys_text, r->nr, (uint32_t)r->nr,
		       r->audit);
		for (unsigned a = 0; a < 6; a++)
			printf("%s0x%" PRIx64, a == 0 ? " args " : " ", r->args[a]);
		printf(": expected %s, got %s  # %s\n", fmt_verdict(r->expected, want, sizeof(want)),
		       fmt_verdict(ret, got, sizeof(got)), r->why);
	}
	printf("%s: %u rows, %u failed (%s %s --backend %s; %ld instructions)\n", t->path,
	       t->nrows, bad, t->profile_name, t->options_text, backend, len);
}

/* ------------------------------------------------------------------ */

static int has_suffix(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls > lx && strcmp(s + ls - lx, suffix) == 0;
}

static int is_verdicts(const struct dirent *e)
{
	return has_suffix(e->d_name, ".verdicts");
}

static int is_json(const struct dirent *e)
{
	return has_suffix(e->d_name, ".json");
}

int main(void)
{
	const char *gen = getenv("SECCOMP_EMBED");
	const char *src = getenv("SECCOMP_EMBED_SOURCE_DIR");
	const char *tmp = getenv("TMPDIR");
	char dir[4096], tmpdir[4096];
	struct dirent **names = NULL, **profiles = NULL;
	static struct table t;
	static char used[MAX_TABLES][256];
	unsigned nused = 0;
	int n, np;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (gen == NULL || src == NULL) {
		printf("SECCOMP_EMBED and SECCOMP_EMBED_SOURCE_DIR must be set (CTest sets them)\n");
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/tests/verdicts", src);
	snprintf(tmpdir, sizeof(tmpdir), "%s/seccomp-embed-verdicts.XXXXXX",
		 tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		printf("mkdtemp %s: %s\n", tmpdir, strerror(errno));
		return 1;
	}

	n = scandir(dir, &names, is_verdicts, alphasort);
	if (n <= 0) {
		printf("%s: no *.verdicts tables\n", dir);
		failed++;
	}
	for (int i = 0; i < n; i++) {
		/* Rows that parsed still run when only other rows are bad; the
		 * bad ones are already counted as failures. */
		if (load_table(&t, dir, names[i]->d_name))
			for (size_t b = 0; b < sizeof(backends) / sizeof(backends[0]); b++)
				run_table(&t, gen, backends[b], tmpdir);
		if (t.profile_name[0] != '\0' && nused < MAX_TABLES)
			snprintf(used[nused++], sizeof(used[0]), "%s", t.profile_name);
		free(names[i]);
	}
	free(names);

	/* A profile no table uses is data that tests nothing: say so. */
	np = scandir(dir, &profiles, is_json, alphasort);
	for (int i = 0; i < np; i++) {
		bool found = false;

		for (unsigned j = 0; j < nused && !found; j++)
			found = strcmp(used[j], profiles[i]->d_name) == 0;
		if (!found) {
			printf("%s/%s: error: no table uses this profile\n", dir, profiles[i]->d_name);
			failed++;
		}
		free(profiles[i]);
	}
	free(profiles);
	rmdir(tmpdir);

	printf("%u passed, %u failed\n", passed, failed);
	return failed == 0 && passed > 0 ? 0 : 1;
}
