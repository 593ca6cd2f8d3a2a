#define _GNU_SOURCE
#include "live_common.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int live_passed, live_failed, live_skipped;
int live_report_fd = -1;
static int result_fd = -1;

struct wire_result {
	long rc;
	int err;
};

void live_result(long rc, int err)
{
	struct wire_result w = {rc, rc < 0 ? err : 0};
	if (result_fd >= 0 && write(result_fd, &w, sizeof w) != (ssize_t)sizeof w)
		_exit(125);
}

/* A growing buffer for what a child reports. */
struct sink {
	char *buf;
	size_t len, cap;
};

/* Reads what is there; returns 1 at EOF, 0 otherwise, -1 out of memory. */
static int drain(int fd, struct sink *k)
{
	if (k->cap - k->len < 1 << 15) {
		size_t cap = k->cap ? k->cap * 2 : 1 << 16;
		char *bigger = realloc(k->buf, cap + 1);
		if (!bigger)
			return -1;
		k->buf = bigger;
		k->cap = cap;
	}
	ssize_t n = read(fd, k->buf + k->len, k->cap - k->len);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0)
		return 1;
	k->len += (size_t)n;
	return 0;
}

/* Reads the report pipe to EOF while reaping the child: a supervisor
 * (trap-log) holds the pipe until its filter has no task left, and before
 * Linux 6.x a dead task keeps its filter until it is reaped. */
static int collect(int fd, pid_t pid, int *status, struct sink *k)
{
	int reaped = 0, eof = 0;
	while (!eof || !reaped) {
		struct pollfd p = {fd, POLLIN, 0};
		if (!eof && poll(&p, 1, reaped ? -1 : 20) > 0 && (eof = drain(fd, k)) < 0)
			return -1;
		if (!reaped) {
			pid_t r = waitpid(pid, status, WNOHANG);
			if (r < 0 && errno != EINTR)
				return -1;
			reaped = r == pid;
		}
	}
	k->buf[k->len] = '\0';
	return 0;
}

int live_run(int (*body)(void *), void *arg, int report_env, struct live_child *out)
{
	int rep[2], res[2];
	memset(out, 0, sizeof *out);
	if (pipe2(rep, O_CLOEXEC) != 0 || pipe2(res, O_CLOEXEC) != 0) {
		perror("live_run: pipe");
		exit(2);
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		perror("live_run: fork");
		exit(2);
	}
	if (pid == 0) {
		struct rlimit no_core = {0, 0};
		char fd_text[16];
		close(rep[0]);
		close(res[0]);
		setrlimit(RLIMIT_CORE, &no_core);
		alarm(LIVE_CHILD_SECONDS); /* a hung child dies by SIGALRM, no orphan spins on */
		live_report_fd = rep[1];
		result_fd = res[1];
		if (report_env) {
			snprintf(fd_text, sizeof fd_text, "%d", rep[1]);
			setenv("SECCOMP_EMBED_REPORT_FD", fd_text, 1);
		}
		int code = body(arg);
		fflush(NULL);
		/* not _exit(): under -fsanitize=address it runs the leak check,
		 * which needs calls (ptrace, getppid) a sandboxed child is refused */
		syscall(SYS_exit_group, code);
		_exit(code);
	}
	close(rep[1]);
	close(res[1]);
	out->pid = pid;
	int status;
	struct sink k = {0};
	if (collect(rep[0], pid, &status, &k) != 0) {
		perror("live_run: reading the reports and waiting for the child");
		exit(2);
	}
	out->reports = k.buf;
	out->reports_len = k.len;
	close(rep[0]);
	struct wire_result w;
	ssize_t n;
	do
		n = read(res[0], &w, sizeof w);
	while (n < 0 && errno == EINTR);
	close(res[0]);
	if (n == (ssize_t)sizeof w) {
		out->has_result = 1;
		out->rc = w.rc;
		out->err = w.err;
	}
	if (WIFSIGNALED(status))
		out->signal = WTERMSIG(status);
	else
		out->code = WEXITSTATUS(status);
	return 0;
}

void live_child_free(struct live_child *c)
{
	free(c->reports);
	c->reports = NULL;
}

const char *live_describe(const struct live_child *c, char *buf, size_t len)
{
	if (c->signal)
		snprintf(buf, len, "killed by signal %d (%s)", c->signal, strsignal(c->signal));
	else if (c->has_result)
		snprintf(buf, len, "exited with %d after a call returned %ld, errno %d (%s)", c->code,
			 c->rc, c->err, c->err ? strerrorname_np(c->err) : "-");
	else
		snprintf(buf, len, "exited with %d", c->code);
	return buf;
}

static int case_failed;

int live_check(int ok, const char *name, const char *fmt, ...)
{
	if (ok)
		return 1;
	va_list ap;
	case_failed = 1;
	printf("FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return 0;
}

void live_case_done(const char *name)
{
	if (case_failed) {
		live_failed++;
	} else {
		live_passed++;
		printf("ok   %s\n", name);
	}
	case_failed = 0;
	fflush(stdout);
}

void live_skip(const char *name, const char *why)
{
	live_skipped++;
	printf("SKIP: %s%s%s\n", name, why ? ": " : "", why ? why : "");
}

int live_finish(void)
{
	printf("%d passed, %d failed, %d skipped\n", live_passed, live_failed, live_skipped);
	if (live_failed)
		return 1;
	return live_passed == 0 && live_skipped > 0 ? LIVE_SKIP_STATUS : 0;
}

int live_scratch_file(char *path, size_t len, const char *tag)
{
	snprintf(path, len, "/tmp/seccomp-embed-%s-%d", tag, (int)getpid());
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(path);
		return -1;
	}
	close(fd);
	return chmod(path, 0644);
}

/* --- parsing report lines ------------------------------------------------ */

struct cursor {
	const char *p;
	char *why;
	size_t why_len;
};

static int fail(struct cursor *c, const char *field, const char *expected)
{
	snprintf(c->why, c->why_len, "field %s: expected %s, found \"%.40s\"", field, expected, c->p);
	return -1;
}

static int lit(struct cursor *c, const char *s, const char *field)
{
	size_t n = strlen(s);
	if (strncmp(c->p, s, n) != 0)
		return fail(c, field, s);
	c->p += n;
	return 0;
}

/* "0" or a decimal number without leading zeros */
static int dec(struct cursor *c, unsigned long long *v, const char *field)
{
	const char *p = c->p;
	if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] >= '0' && p[1] <= '9'))
		return fail(c, field, "a decimal number");
	*v = 0;
	while (*p >= '0' && *p <= '9')
		*v = *v * 10 + (unsigned)(*p++ - '0');
	c->p = p;
	return 0;
}

/* the reporter's hex: "0", or "0x" and lowercase digits without leading zeros */
static int hex(struct cursor *c, unsigned long long *v, const char *field)
{
	const char *p = c->p;
	if (p[0] == '0' && p[1] != 'x') {
		c->p++;
		*v = 0;
		return 0;
	}
	if (p[0] != '0' || p[1] != 'x' || !strchr("123456789abcdef", p[2]) || !p[2])
		return fail(c, field, "0 or 0x<lowercase hex without leading zeros>");
	p += 2;
	*v = 0;
	int digits = 0;
	while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')) {
		*v = *v * 16 + (unsigned)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
		p++;
		digits++;
	}
	if (digits > 16)
		return fail(c, field, "at most 16 hex digits");
	c->p = p;
	return 0;
}

/* copies up to (not including) the first of `stops` */
static int word(struct cursor *c, char *dst, size_t len, const char *stops, const char *field)
{
	size_t n = strcspn(c->p, stops);
	if (n == 0 || n >= len)
		return fail(c, field, "a non-empty word");
	memcpy(dst, c->p, n);
	dst[n] = '\0';
	c->p += n;
	return 0;
}

static int call_part(struct cursor *c, struct live_report *r)
{
	if (lit(c, "syscall ", "syscall") || word(c, r->name, sizeof r->name, "( ", "syscall name") ||
	    lit(c, "(", "syscall"))
		return -1;
	const char *nr_start = c->p;
	r->nr_negative = *c->p == '-';
	c->p += r->nr_negative;
	if (c->p[0] == '0' && c->p[1] == 'x' ? hex(c, &r->nr, "syscall number")
					     : dec(c, &r->nr, "syscall number"))
		return -1;
	snprintf(r->nr_text, sizeof r->nr_text, "%.*s", (int)(c->p - nr_start), nr_start);
	if (lit(c, ") arch ", "arch") || word(c, r->arch, sizeof r->arch, " ", "arch") ||
	    lit(c, " args", "args"))
		return -1;
	r->known = 0x3f;
	for (int i = 0; i < 6; i++) {
		if (lit(c, " ", "args"))
			return -1;
		if (*c->p == '?') { /* an argument the frame did not hold (s390x's first) */
			c->p++;
			r->known &= ~(1u << i);
			r->args[i] = 0;
		} else if (hex(c, &r->args[i], "args")) {
			return -1;
		}
	}
	return 0;
}

/* " (syscalls[2].args[0]: EQ 0x1 did not match 0x2)" after the outcome:
 * the allow rule whose condition failed, kept apart. */
static void split_detail(struct live_report *r)
{
	char *d = strstr(r->outcome, " (syscalls[");
	if (!d)
		return;
	snprintf(r->detail, sizeof r->detail, "%s", d + 2);
	r->detail[strlen(r->detail) ? strlen(r->detail) - 1 : 0] = '\0'; /* the ')' */
	*d = '\0';
}

int live_parse_report(const char *line, struct live_report *r, char *why, size_t why_len)
{
	struct cursor c = {line, why, why_len};
	unsigned long long v;
	memset(r, 0, sizeof *r);
	if (lit(&c, "seccomp-embed: ", "prefix"))
		return -1;
	if (strncmp(c.p, "summary: ", 9) == 0) {
		r->kind = LIVE_SUMMARY;
		c.p += 9;
		if (call_part(&c, r) || lit(&c, " rule ", "rule") ||
		    word(&c, r->rule, sizeof r->rule, ":", "rule") || lit(&c, ": ", "count") ||
		    dec(&c, &v, "count") || lit(&c, " time(s)", "count"))
			return -1;
		r->count = (unsigned long)v;
	} else {
		r->kind = LIVE_VIOLATION;
		r->learn = strncmp(c.p, "learn: ", 7) == 0;
		if (r->learn)
			c.p += 7;
		else if (lit(&c, "violation: ", "prefix"))
			return -1;
		if (lit(&c, "pid ", "pid") || dec(&c, &v, "pid"))
			return -1;
		r->pid = (unsigned long)v;
		if (lit(&c, " tid ", "tid") || dec(&c, &v, "tid"))
			return -1;
		r->tid = (unsigned long)v;
		if (lit(&c, " ", "syscall") || call_part(&c, r) || lit(&c, " pc ", "pc") ||
		    hex(&c, &r->pc, "pc") || lit(&c, " rule ", "rule") ||
		    word(&c, r->rule, sizeof r->rule, ":", "rule") || lit(&c, ": ", "outcome") ||
		    word(&c, r->outcome, sizeof r->outcome, "\n", "outcome"))
			return -1;
		split_detail(r);
	}
	if (*c.p != '\0')
		return fail(&c, "end of line", "nothing more");
	return 0;
}

long live_for_each_line(const char *text, size_t len, void (*fn)(const char *line, void *ctx),
			void *ctx)
{
	long n = 0;
	size_t start = 0;
	char *copy = NULL;
	size_t cap = 0;
	if (len && text[len - 1] != '\n')
		return -1;
	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t l = (size_t)(nl - (text + start));
		if (l + 1 > cap) {
			cap = l + 1;
			char *bigger = realloc(copy, cap);
			if (!bigger)
				abort();
			copy = bigger;
		}
		memcpy(copy, text + start, l);
		copy[l] = '\0';
		fn(copy, ctx);
		n++;
		start += l + 1;
	}
	free(copy);
	return n;
}

#if defined(__x86_64__)
long live_raw_syscall2(long nr, long a0, long a1)
{
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a0), "S"(a1)
			 : "rcx", "r11", "memory");
	return ret;
}
#elif defined(__aarch64__)
long live_raw_syscall2(long nr, long a0, long a1)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a0;
	register long x1 __asm__("x1") = a1;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1) : "memory");
	return x0;
}
#endif
