/* strace's output: one call per line, and `strace -c` tables. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read_line.h"
#include "read_run.h"
#include "strace_summary.h"
#include "syscall_table.h"

/* The constants strace writes by name in the arguments `--args` looks at
 * (needs.h); their values are the generic Linux ones (x86, arm, riscv). */
static const struct { const char *name; uint64_t value; } symbols[] = {
	{"AF_UNIX", 1}, {"AF_LOCAL", 1}, {"AF_INET", 2}, {"AF_INET6", 10}, {"AF_NETLINK", 16},
	{"AF_PACKET", 17}, {"AF_ALG", 38}, {"AF_VSOCK", 40}, {"SOCK_STREAM", 1},
	{"SOCK_DGRAM", 2}, {"SOCK_RAW", 3}, {"SOCK_SEQPACKET", 5}, {"SOCK_NONBLOCK", 0x800},
	{"SOCK_CLOEXEC", 0x80000}, {"PROT_NONE", 0}, {"PROT_READ", 1}, {"PROT_WRITE", 2},
	{"PROT_EXEC", 4}, {"CLONE_VM", 0x100}, {"CLONE_FS", 0x200}, {"CLONE_FILES", 0x400},
	{"CLONE_SIGHAND", 0x800}, {"CLONE_PIDFD", 0x1000}, {"CLONE_PTRACE", 0x2000},
	{"CLONE_VFORK", 0x4000}, {"CLONE_PARENT", 0x8000}, {"CLONE_THREAD", 0x10000},
	{"CLONE_NEWNS", 0x20000}, {"CLONE_SYSVSEM", 0x40000}, {"CLONE_SETTLS", 0x80000},
	{"CLONE_PARENT_SETTID", 0x100000}, {"CLONE_CHILD_CLEARTID", 0x200000},
	{"CLONE_UNTRACED", 0x800000}, {"CLONE_CHILD_SETTID", 0x1000000},
	{"CLONE_NEWCGROUP", 0x2000000}, {"CLONE_NEWUTS", 0x4000000}, {"CLONE_NEWIPC", 0x8000000},
	{"CLONE_NEWUSER", 0x10000000}, {"CLONE_NEWPID", 0x20000000}, {"CLONE_NEWNET", 0x40000000},
	{"CLONE_IO", 0x80000000}, {"SIGCHLD", 17}, {"F_DUPFD", 0}, {"F_GETFD", 1},
	{"F_SETFD", 2}, {"F_GETFL", 3}, {"F_SETFL", 4}, {"F_GETLK", 5}, {"F_SETLK", 6},
	{"F_SETLKW", 7}, {"F_DUPFD_CLOEXEC", 1030}, {"PR_SET_PDEATHSIG", 1},
	{"PR_GET_DUMPABLE", 3}, {"PR_SET_DUMPABLE", 4}, {"PR_SET_NAME", 15}, {"PR_GET_NAME", 16},
	{"PR_SET_SECCOMP", 22}, {"PR_CAPBSET_READ", 23}, {"PR_SET_NO_NEW_PRIVS", 38},
	{"PER_LINUX", 0}, {"TCGETS", 0x5401}, {"TCSETS", 0x5402}, {"TIOCGWINSZ", 0x5413},
	{"FIONREAD", 0x541b}, {"FIONBIO", 0x5421}, {"FIOCLEX", 0x5451}, {"NULL", 0},
};

/* The syscalls whose arguments --args proposes conditions on, and the
 * argument of each that is read here. */
static const struct { const char *name; unsigned arg; } read_args[] = {
	{"socket", 0}, {"socket", 1}, {"socketpair", 0}, {"clone", 0}, {"personality", 0},
	{"prctl", 0}, {"ioctl", 1}, {"fcntl", 1}, {"mmap", 2}, {"mmap2", 2}, {"mprotect", 2},
};

/* One argument as a number: digits, -N, NAME, A|B|C; -1 if it is not. */
static int value_of(const char *s, size_t len, uint64_t *out)
{
	char part[64];
	uint64_t v = 0;
	while (len && isspace((unsigned char)*s))
		s++, len--;
	for (size_t start = 0, i = 0; i <= len; i++) {
		if (i < len && s[i] != '|')
			continue;
		size_t n = i - start;
		while (n && isspace((unsigned char)s[start + n - 1]))
			n--;
		if (n == 0 || n >= sizeof part)
			return -1;
		memcpy(part, s + start, n);
		part[n] = '\0';
		char *end;
		uint64_t one = (uint64_t)strtoll(part, &end, 0);
		if (*end) {
			size_t k = 0;
			while (k < sizeof symbols / sizeof *symbols && strcmp(symbols[k].name, part))
				k++;
			if (k == sizeof symbols / sizeof *symbols)
				return -1;
			one = symbols[k].value;
		}
		v |= one;
		start = i + 1;
	}
	*out = v;
	return 0;
}

/* Records argument `index` if this reader cares for it; the C comment
 * strace may write after a value (0x3001, then ARCH_??? as a comment) is
 * not part of it. */
static void note_arg(const char *name, int index, const char *text, size_t len, uint64_t args[6],
		     bool known[6])
{
	const char *comment = strstr(text, "/*");
	if (comment && (size_t)(comment - text) < len)
		len = (size_t)(comment - text);
	for (size_t k = 0; k < sizeof read_args / sizeof *read_args; k++)
		if (strcmp(read_args[k].name, name) == 0 && read_args[k].arg == (unsigned)index)
			known[index] = value_of(text, len, &args[index]) == 0;
}

/* The arguments: the text after the call's "(", split at top-level commas
 * (strings, structures, arrays and comments skipped) up to its ")". */
static void parse_args(const char *name, const char *p, uint64_t args[6], bool known[6])
{
	int depth = 0, index = 0;
	const char *start = p;
	for (; *p && index < 6; p++) {
		if (*p == '"') {
			for (p++; *p && !(*p == '"' && p[-1] != '\\'); p++)
				;
			if (!*p)
				return;
		} else if (*p == '/' && p[1] == '*') {
			const char *end = strstr(p, "*/");
			if (!end)
				return;
			p = end + 1;
		} else if (*p == '{' || *p == '[' || (*p == '(' && depth >= 0)) {
			depth++;
		} else if ((*p == '}' || *p == ']' || *p == ')') && depth > 0) {
			depth--;
		} else if (depth == 0 && (*p == ',' || *p == ')')) {
			note_arg(name, index++, start, (size_t)(p - start), args, known);
			start = p + 1;
			if (*p == ')')
				return;
		}
	}
}

static bool is_pid32(const struct se_reader *r, pid_t pid)
{
	for (int i = 0; pid && i < SE_MAX_32BIT_PIDS; i++)
		if (r->pids32[i] == pid)
			return true;
	return false;
}

/* "[ Process PID 1234 runs in 32 bit mode. ]" (or 64). */
static int personality_line(struct se_reader *r, const char *line)
{
	int pid, bits;
	if (sscanf(line, "[ Process PID %d runs in %d bit mode. ]", &pid, &bits) != 2)
		return 0;
	for (int i = 0; i < SE_MAX_32BIT_PIDS; i++)
		if (bits == 32 ? r->pids32[i] == 0 : r->pids32[i] == pid) {
			r->pids32[i] = bits == 32 ? pid : 0;
			break;
		}
	return 1;
}

/* Skips "[pid N] ", "N ", a time ("12:34:56", "1451149457.438737"). */
static const char *skip_prefix(const char *p, pid_t *pid)
{
	char *end;
	*pid = 0;
	if (strncmp(p, "[pid ", 5) == 0) {
		*pid = (pid_t)strtol(p + 5, &end, 10);
		p = *end == ']' ? end + 1 : p;
	} else if (isdigit((unsigned char)*p)) {
		long n = strtol(p, &end, 10);
		if (*end == ' ' || *end == '\t')
			*pid = (pid_t)n, p = end;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (isdigit((unsigned char)*p)) { /* a time */
		const char *t = p + strspn(p, "0123456789:.");
		if (*t == ' ')
			for (p = t; *p == ' '; p++)
				;
	}
	return p;
}

static int call_line(struct se_reader *r, const char *line)
{
	pid_t pid;
	const char *p = skip_prefix(line, &pid);
	size_t n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789_");
	char name[64];
	uint64_t args[6] = {0};
	bool known[6] = {false};
	if (n == 0 || n >= sizeof name || p[n] != '(')
		return 0;
	memcpy(name, p, n);
	name[n] = '\0';
	const struct se_arch *arch = is_pid32(r, pid) ? r->compat : r->arch;
	/* strace names a 64-bit process's int $0x80 call by its i386 name,
	 * and says nothing more: a name only the compat arch has is its call */
	if (se_syscall_nr(arch, name, SE_SYSCALLS_KERNEL) < 0)
		arch = r->compat;
	if (se_syscall_nr(arch, name, SE_SYSCALLS_KERNEL) < 0)
		return 0; /* not a call this arch has: someone else's line */
	parse_args(name, p + n + 1, args, known);
	if (se_observed_add(r->out, arch, name, args, known, false, 1))
		return -1;
	r->stats->strace++;
	return 1;
}

static int summary_line(struct se_reader *r, const char *line)
{
	char copy[512], *name;
	unsigned long calls;
	if (strncmp(line, "% time", 6) == 0)
		return r->in_summary = true, 1;
	if (!r->in_summary)
		return 0;
	snprintf(copy, sizeof copy, "%s", line);
	if (!se_strace_summary_row(copy, &calls, &name)) {
		r->in_summary = line[0] == '-' || strstr(line, "total");
		return 1;
	}
	if (se_syscall_nr(r->arch, name, SE_SYSCALLS_KERNEL) < 0)
		return 1;
	if (se_observed_add(r->out, r->arch, name, NULL, NULL, false, calls))
		return -1;
	r->stats->summary_rows++;
	return 1;
}

int se_read_strace_line(struct se_reader *r, const char *line)
{
	static const char *const noise[] = {"+++ ", "--- ", "strace: ", "<... "};
	int rc = summary_line(r, line);
	if (rc)
		return rc;
	if ((rc = personality_line(r, line)))
		return rc;
	for (size_t i = 0; i < sizeof noise / sizeof *noise; i++) {
		pid_t pid;
		if (strncmp(skip_prefix(line, &pid), noise[i], strlen(noise[i])) == 0)
			return 1; /* a resumed call was counted where it began */
	}
	return call_line(r, line);
}
