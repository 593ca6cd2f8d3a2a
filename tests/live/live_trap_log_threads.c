/*
 * The development modes with threads, fork and exec, under any signal mask.
 *
 * tests/profiles/threads.json allows everything but: clone3 and
 * set_robust_list (ENOSYS; as Docker's default denies clone3, glibc falls
 * back to clone, and it goes on without a robust list), chmod (EPERM),
 * mkdir (EACCES) and socket(AF_INET, ...) (EAFNOSUPPORT).  glibc makes the
 * first two with every signal blocked (around clone3 in pthread_create, and
 * while a new thread starts), where a SIGSYS-only trap-log killed the
 * process.  Built three times: enforce, trap-log and learn.
 *
 * Case "threads": installed, then THREADS threads are created; each blocks
 * every signal and makes its three denied calls.  Then a fork()ed child
 * makes one with every signal blocked, and exec()s this program again,
 * which makes two more.  Under enforce and trap-log every call must fail
 * with the same errno, and nothing may die; under trap-log exactly one
 * report line per denied call (glibc's included, counted per syscall),
 * under enforce none.
 *
 * Case "learn": a program that stops at its first failing call (chmod,
 * then mkdir, then socket).  Under trap-log it stops at chmod, with one
 * report for it; under learn one run reports all three and every call
 * succeeds; then getpgid, the profile's own SCMP_ACT_TRAP, still fails with
 * ENOSYS and is reported, as in every mode.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <seccomp_embed.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "live_common.h"

extern const struct seccomp_embed_filter threads_enforce, threads_trap_log, threads_learn;

#define THREADS 4
#define CALLS 3 /* chmod, mkdir, socket */
/* slots: THREADS * CALLS, then the fork child's chmod, then the exec'd
 * program's chmod and mkdir */
#define SLOTS (THREADS * CALLS + 3)

struct outcome {
	long rc;
	int err;
};

struct shared {
	char file[96], dir[64];
	struct outcome slot[SLOTS];
	int threads_started;
};

static struct shared *sh;

static void record(int slot, long rc)
{
	sh->slot[slot] = (struct outcome){rc, rc < 0 ? errno : 0};
}

static void block_all(sigset_t *old)
{
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, old);
}

static void *worker(void *arg)
{
	int base = (int)(long)arg * CALLS;
	char sub[96];
	sigset_t old;
	__atomic_add_fetch(&sh->threads_started, 1, __ATOMIC_SEQ_CST);
	snprintf(sub, sizeof sub, "%s/t%d", sh->dir, base);
	block_all(&old);
	record(base, chmod(sh->file, 0600));
	record(base + 1, mkdir(sub, 0700));
	long fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	record(base + 2, fd);
	if (fd >= 0)
		close((int)fd);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return NULL;
}

/* The program exec'd by the fork child: argv[2] is the fd it answers on. */
static int exec_child(char **argv)
{
	struct outcome o[2];
	char sub[96];
	const char *file = argv[3], *dir = argv[4];
	snprintf(sub, sizeof sub, "%s/exec", dir);
	o[0].rc = chmod(file, 0600);
	o[0].err = o[0].rc < 0 ? errno : 0;
	o[1].rc = mkdir(sub, 0700);
	o[1].err = o[1].rc < 0 ? errno : 0;
	return write(atoi(argv[2]), o, sizeof o) == (ssize_t)sizeof o ? 0 : 1;
}

/* fork: one denied call with every signal blocked, then exec. */
static int fork_and_exec(void)
{
	int answer[2];
	if (pipe(answer))
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		sigset_t old;
		char fd[16];
		block_all(&old);
		record(THREADS * CALLS, chmod(sh->file, 0600));
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		close(answer[0]);
		snprintf(fd, sizeof fd, "%d", answer[1]);
		execl("/proc/self/exe", "live_trap_log_threads", "--exec-child", fd, sh->file,
		      sh->dir, (char *)NULL);
		_exit(127);
	}
	close(answer[1]);
	struct outcome o[2];
	ssize_t n = read(answer[0], o, sizeof o);
	close(answer[0]);
	int status;
	waitpid(pid, &status, 0);
	if (n != (ssize_t)sizeof o || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return 2;
	sh->slot[THREADS * CALLS + 1] = o[0];
	sh->slot[THREADS * CALLS + 2] = o[1];
	return 0;
}

static int threads_body(void *arg)
{
	pthread_t t[THREADS];
	if (seccomp_embed_install(arg, 0))
		return 100;
	for (long i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)i) != 0)
			return 101;
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	return fork_and_exec() ? 102 : 0;
}

/* Stops at the first call that fails, as most code does. */
static int learn_body(void *arg)
{
	char sub[96];
	if (seccomp_embed_install(arg, 0))
		return 100;
	snprintf(sub, sizeof sub, "%s/learn", sh->dir);
	record(0, chmod(sh->file, 0600));
	if (sh->slot[0].rc < 0)
		return 0;
	record(1, mkdir(sub, 0700));
	if (sh->slot[1].rc < 0)
		return 0;
	long fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	record(2, fd);
	if (fd >= 0)
		close((int)fd);
	record(3, syscall(SYS_getpgid, 0)); /* the profile's own TRAP */
	return 0;
}

struct tally {
	int lines, bad, chmod, mkdir, socket, clone3, rseq, robust, other;
	char first_bad[256];
};

static void tally_line(const char *line, void *ctx)
{
	struct tally *t = ctx;
	struct live_report r;
	char why[200];
	t->lines++;
	if (live_parse_report(line, &r, why, sizeof why) != 0 || r.kind != LIVE_VIOLATION) {
		if (t->bad++ == 0)
			snprintf(t->first_bad, sizeof t->first_bad, "%s (%s)", line, why);
		return;
	}
	/* chmod() and mkdir() are fchmodat and mkdirat where the arch has no
	 * older call (aarch64, riscv64: tests/qemu runs this there) */
	int *counter = strcmp(r.name, "chmod") == 0 || strcmp(r.name, "fchmodat") == 0 ? &t->chmod
		       : strcmp(r.name, "mkdir") == 0 || strcmp(r.name, "mkdirat") == 0 ? &t->mkdir
		       : strcmp(r.name, "socket") == 0 || strcmp(r.name, "socketcall") == 0 ? &t->socket
		       : strcmp(r.name, "clone3") == 0	       ? &t->clone3
		       : strcmp(r.name, "rseq") == 0	       ? &t->rseq
		       : strcmp(r.name, "set_robust_list") == 0 ? &t->robust
							       : &t->other;
	(*counter)++;
}

static void tally(const struct live_child *c, struct tally *t)
{
	memset(t, 0, sizeof *t);
	if (c->reports_len)
		live_for_each_line(c->reports, c->reports_len, tally_line, t);
}

static void reset_shared(void)
{
	char sub[128];
	memset(sh->slot, 0x7f, sizeof sh->slot);
	sh->threads_started = 0;
	for (int i = 0; i < SLOTS; i++) {
		snprintf(sub, sizeof sub, "%s/t%d", sh->dir, i);
		rmdir(sub);
	}
	snprintf(sub, sizeof sub, "%s/exec", sh->dir);
	rmdir(sub);
	snprintf(sub, sizeof sub, "%s/learn", sh->dir);
	rmdir(sub);
}

/* Runs the threads case under `f`; its outcomes land in `out`. */
static void run_threads(const char *name, const struct seccomp_embed_filter *f,
			struct outcome out[SLOTS], struct tally *t)
{
	struct live_child c;
	char how[200];
	reset_shared();
	live_run(threads_body, (void *)f, 1, &c);
	live_check(c.signal == 0 && c.code == 0, name, "expected exit 0, child %s",
		   live_describe(&c, how, sizeof how));
	live_check(sh->threads_started == THREADS, name, "%d of %d threads started",
		   sh->threads_started, THREADS);
	memcpy(out, sh->slot, sizeof sh->slot);
	tally(&c, t);
	live_child_free(&c);
}

static void check_denied(const char *name, const struct outcome *o)
{
	static const int want[CALLS] = {EPERM, EACCES, EAFNOSUPPORT};
	for (int i = 0; i < SLOTS; i++) {
		int w = i < THREADS * CALLS ? want[i % CALLS] : i == THREADS * CALLS + 2 ? EACCES
											    : EPERM;
		live_check(o[i].rc == -1 && o[i].err == w, name,
			   "call %d: expected -1 %s, got %ld errno %d", i, strerrorname_np(w),
			   o[i].rc, o[i].err);
	}
}

static void threads_case(void)
{
	const char *name = "threads, fork and exec, every signal blocked";
	struct outcome e[SLOTS], tl[SLOTS];
	struct tally te, tt;
	run_threads(name, &threads_enforce, e, &te);
	run_threads(name, &threads_trap_log, tl, &tt);
	check_denied(name, e);
	int differ = 0;
	for (int i = 0; i < SLOTS; i++)
		if (e[i].rc != tl[i].rc || e[i].err != tl[i].err) /* fields: padding differs */
			printf("  call %d: enforce %ld errno %d, trap-log %ld errno %d\n", i, e[i].rc,
			       e[i].err, tl[i].rc, tl[i].err), differ++;
	live_check(!differ, name, "trap-log outcomes differ from enforce's in %d calls (above)",
		   differ);
	live_check(te.lines == 0, name, "enforce: expected no report line, got %d", te.lines);
	live_check(tt.bad == 0, name, "trap-log: %d lines do not parse, first: %s", tt.bad,
		   tt.first_bad);
	/* per thread: its three calls, clone3 in pthread_create (where glibc
	 * calls it: a glibc built without it uses clone, which is allowed) and
	 * set_robust_list as it starts; fork child: set_robust_list (glibc's
	 * fork resets the list) and chmod; exec'd program:
	 * set_robust_list as it starts, chmod, mkdir */
	live_check(tt.chmod == THREADS + 2 && tt.mkdir == THREADS + 1 && tt.socket == THREADS &&
			   (tt.clone3 == THREADS || tt.clone3 == 0) && tt.rseq == 0 &&
			   tt.robust == THREADS + 2 && tt.other == 0,
		   name,
		   "trap-log: reports chmod %d (want %d), mkdir %d (%d), socket %d (%d), clone3 %d "
		   "(%d or 0), rseq %d (0), set_robust_list %d (%d), others %d (0)",
		   tt.chmod, THREADS + 2, tt.mkdir, THREADS + 1, tt.socket, THREADS, tt.clone3,
		   THREADS, tt.rseq, tt.robust, THREADS + 2, tt.other);
	live_case_done(name);
}

static void learn_case(void)
{
	const char *name = "learn: one run shows every denial of a program that stops at the first";
	struct live_child c;
	struct tally t;
	char how[200];
	reset_shared();
	live_run(learn_body, (void *)&threads_trap_log, 1, &c);
	tally(&c, &t);
	live_check(sh->slot[0].rc == -1 && sh->slot[0].err == EPERM &&
			   sh->slot[1].err == 0x7f7f7f7f /* never recorded: the program stopped */,
		   name, "trap-log: expected chmod to fail with EPERM and the program to stop");
	live_check(t.lines == 1 && t.chmod == 1, name,
		   "trap-log: expected one report (chmod), got %d lines", t.lines);
	live_child_free(&c);
	reset_shared();
	live_run(learn_body, (void *)&threads_learn, 1, &c);
	tally(&c, &t);
	live_check(c.signal == 0 && c.code == 0, name, "learn: expected exit 0, child %s",
		   live_describe(&c, how, sizeof how));
	live_check(sh->slot[0].rc == 0 && sh->slot[1].rc == 0 && sh->slot[2].rc >= 0, name,
		   "learn: expected every call to succeed, got %ld %ld %ld", sh->slot[0].rc,
		   sh->slot[1].rc, sh->slot[2].rc);
	live_check(t.bad == 0 && t.chmod == 1 && t.mkdir == 1 && t.socket == 1 && t.other == 1, name,
		   "learn: expected one report each for chmod, mkdir, socket and getpgid, got %d %d "
		   "%d %d (unparsed %d)",
		   t.chmod, t.mkdir, t.socket, t.other, t.bad);
	live_check(sh->slot[3].rc == -1 && sh->slot[3].err == ENOSYS &&
			   strstr(c.reports, "syscall getpgid(") &&
			   strstr(c.reports, "rule syscalls[4]: returning ENOSYS"),
		   name, "learn: the profile's own TRAP (getpgid) must fail with ENOSYS and be "
		   "reported, got %ld errno %d:\n%s", sh->slot[3].rc, sh->slot[3].err, c.reports);
	live_child_free(&c);
	live_case_done(name);
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "--exec-child") == 0)
		return exec_child(argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return 2;
	snprintf(sh->dir, sizeof sh->dir, "/tmp/live_threads.XXXXXX");
	if (!mkdtemp(sh->dir))
		return 2;
	snprintf(sh->file, sizeof sh->file, "%s/file", sh->dir);
	int fd = open(sh->file, O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0)
		return 2;
	close(fd);
	threads_case();
	learn_case();
	reset_shared();
	unlink(sh->file);
	rmdir(sh->dir);
	return live_finish();
}
