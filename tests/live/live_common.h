/*
 * Shared by the live tests of the runtime: run a case in a forked child
 * (reports and results come back through pipes), count passes and
 * failures, and parse violation report lines field by field.
 *
 * Nothing is mocked: each child installs a real generated filter and makes
 * real syscalls.  The parent never installs anything.
 */
#ifndef LIVE_COMMON_H
#define LIVE_COMMON_H

#include <stddef.h>
#include <sys/types.h>

/* Exit status a test program returns when every case was skipped (CTest's
 * SKIP_RETURN_CODE). */
#define LIVE_SKIP_STATUS 77
/* A child still running after this long is killed by SIGALRM. */
#define LIVE_CHILD_SECONDS 30

/* What a child left behind. */
struct live_child {
	pid_t pid;
	int signal;       /* the signal that ended it, 0 if it exited */
	int code;         /* its exit code, when it exited */
	int has_result;   /* it sent a result with live_result() */
	long rc;          /* ... the value a call returned */
	int err;          /* ... and errno after it (0 if rc >= 0) */
	char *reports;    /* everything written to the report pipe, NUL-terminated */
	size_t reports_len;
};

/* The child's end of the pipes, valid inside a body run by live_run(). */
extern int live_report_fd;

/* Runs body(arg) in a forked child with core dumps off, an alarm set
 * (LIVE_CHILD_SECONDS), stdout flushed and,
 * if `report_env` is set, SECCOMP_EMBED_REPORT_FD pointing at a pipe the
 * parent reads (concurrently, so a child may write megabytes).  The child
 * exits with body's return value.  Returns 0; if fork or pipe fail, the
 * test program exits with status 2 (an infrastructure failure). */
int live_run(int (*body)(void *), void *arg, int report_env, struct live_child *out);
void live_child_free(struct live_child *c);

/* Inside a child: hand the outcome of one call to the parent. */
void live_result(long rc, int err);

/* Human-readable "exited with 3" / "killed by signal 31 (Bad system call)". */
const char *live_describe(const struct live_child *c, char *buf, size_t len);

/* Counters and reporting. */
extern int live_passed, live_failed, live_skipped;
/* One check of the current case: on failure prints "FAIL <case>: <fmt...>"
 * with the expected and actual values.  Returns ok. */
int live_check(int ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Ends a case: it passed if none of its checks failed ("ok   <case>"). */
void live_case_done(const char *name);
void live_skip(const char *name, const char *why);
/* Prints "N passed, N failed, N skipped" and returns the exit status:
 * 1 if anything failed, LIVE_SKIP_STATUS if everything was skipped, else 0. */
int live_finish(void);

/* One report line of the runtime, parsed. */
enum live_line_kind { LIVE_VIOLATION, LIVE_SUMMARY };
struct live_report {
	enum live_line_kind kind;
	int learn;                    /* a "learn:" line (a violation allowed in learn mode) */
	unsigned long pid, tid;       /* violation lines only */
	char name[64];                /* syscall name, "?" when unknown */
	unsigned long long nr;        /* as printed (decimal, or hex for x32) */
	int nr_negative;              /* printed as -N */
	char nr_text[24];             /* the number as printed: "90", "0x400000a5" */
	char arch[32];
	unsigned long long args[6];
	unsigned known;               /* bit i: args[i] was printed, not "?" */
	unsigned long long pc;        /* violation lines only */
	char rule[96];                /* "syscalls[0]", "defaultAction", "enosys-stub", ... */
	char outcome[96];             /* "returning ENOSYS", "killing process", ... */
	char detail[128];             /* "syscalls[2].args[0]: EQ 0x1 did not match 0x2", or "" */
	unsigned long count;          /* summary lines only: "N time(s)" */
};

/* Parses one line (without its '\n').  Returns 0, or -1 with a reason in
 * `why` (which field was wrong and what was found). */
int live_parse_report(const char *line, struct live_report *r, char *why, size_t why_len);

/* Splits `text` into lines, checking that it ends with '\n'.  Calls fn for
 * each line (NUL-terminated copy); returns the number of lines, or -1 if the
 * text does not end with a newline (a torn line). */
long live_for_each_line(const char *text, size_t len,
			void (*fn)(const char *line, void *ctx), void *ctx);

/* A scratch file in /tmp (created with mode 0644); returns 0 or -1. */
int live_scratch_file(char *path, size_t len, const char *tag);

#if defined(__x86_64__) || defined(__aarch64__)
#define LIVE_HAVE_RAW_SYSCALL 1
/* The syscall instruction itself: no libc wrapper, so errno is untouched
 * and the value is the kernel's (or the SIGSYS handler's) -errno. */
long live_raw_syscall2(long nr, long a0, long a1);
#endif

#endif
