#include "start_profile.h"

#include "rule_text.h"
#include "syscall_table.h"

#define MAX_NAMES 48

static const char *const to_end[] = {
	"exit", "exit_group", "restart_syscall", "rt_sigreturn", "sigreturn", NULL,
};

/* What the C library calls at moments a test run may never reach: the
 * heap grows, a lock is contended (compile's lints name the same). */
static const char *const at_any_time[] = {
	"brk", "mmap", "mmap2", "munmap", "futex", "futex_time64", NULL,
};

/* Every spelling one of these calls has on some arch: each arch keeps the
 * ones it has. */
static const char *const to_start[] = {
	"execve", "mprotect", "open", "openat", "read",
	"pread64", "close", "fstat", "fstat64", "newfstatat", "fstatat64", "statx", "stat",
	"stat64", "access", "faccessat", "faccessat2", "readlink", "readlinkat", "arch_prctl",
	"set_tls", "set_tid_address", "set_robust_list", "rseq", "prlimit64", "getrandom", NULL,
};

static size_t keep_known(const struct se_arch *arch, const char *const *from,
			 const char **out)
{
	size_t n = 0;
	for (size_t i = 0; from[i] && n < MAX_NAMES; i++)
		if (se_syscall_nr(arch, from[i], SE_SYSCALLS_KERNEL) >= 0)
			out[n++] = from[i];
	return n;
}

static const struct {
	const char *const *names;
	bool exec_only;
	const char *comment;
} start_rules[] = {
	{to_end, false, "seccomp-embed suggest --start: every program needs these to end (exit, "
			"exit_group), to return from a signal handler (rt_sigreturn) and to "
			"resume a call a stop interrupted (restart_syscall)"},
	{at_any_time, false, "seccomp-embed suggest --start: the C library calls these at moments "
			     "one run may not reach: malloc grows the heap or maps a large block "
			     "(brk, mmap), free gives it back (munmap), a contended lock waits "
			     "(futex)"},
	{to_start, true, "seccomp-embed suggest --start --exec: execve and what the dynamic "
			 "loader and libc's start-up call before main(), for a filter applied "
			 "before the program is executed"},
};

void se_start_profile(FILE *f, const struct se_arch *arch, bool exec)
{
	const struct se_rule_style style = {.indent = "    ", .unit = "  ", .inline_names = false};
	const char *names[MAX_NAMES];
	fprintf(f, "{\n  \"defaultAction\": \"SCMP_ACT_ERRNO\",\n  \"defaultErrnoRet\": 1,\n"
		   "  \"architectures\": [\"%s\"],\n  \"syscalls\": [\n", arch->scmp);
	for (size_t i = 0; i < sizeof start_rules / sizeof *start_rules; i++) {
		if (start_rules[i].exec_only && !exec)
			continue;
		size_t n = keep_known(arch, start_rules[i].names, names);
		fputs(i ? ",\n" : "", f);
		se_rule_text(f, &style, names, n, NULL, 0, start_rules[i].comment);
	}
	fputs("\n  ]\n}\n", f);
}
