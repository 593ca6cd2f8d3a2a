/*
 * hold_filters: a process that confines itself and waits, for dump and
 * diff to read (tests/bats/inspect.bats).  Arguments, applied in order:
 *
 *   FILE.bpf          install this raw filter (host byte order) with seccomp(2)
 *   --table NAME      install the generated table NAME with seccomp_embed_install
 *                     (no_mkdir, docker_default, trap_chmod: built from profiles)
 *   --thread FILE.bpf start a thread that installs FILE.bpf on itself alone
 *   --call chmod|mkdir  make that call now (on a scratch path) and print
 *                     "chmod: errno N" (0: it succeeded): what the kernel decided
 *   --exec CMD...     run CMD under what is installed so far, instead of waiting
 *
 * Then it prints "ready" (and the thread's id after --thread) and waits
 * until its standard input ends.
 */
#define _GNU_SOURCE
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

extern const struct seccomp_embed_filter no_mkdir, docker_default, trap_chmod;

static struct sock_filter insns[4096];
static struct sock_fprog thread_prog;
static pthread_barrier_t installed;
static volatile pid_t thread_tid;

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "hold_filters: %s %s\n", what, arg);
	exit(100);
}

static struct sock_fprog read_bpf(const char *file)
{
	FILE *f = fopen(file, "rb");
	if (!f)
		die("cannot open", file);
	size_t n = fread(insns, sizeof *insns, 4096, f);
	fclose(f);
	struct sock_fprog prog = {(unsigned short)n, malloc(n * sizeof *insns)};
	if (!n || !prog.filter)
		die("empty or unreadable:", file);
	memcpy(prog.filter, insns, n * sizeof *insns);
	return prog;
}

static void install_bpf(const char *file)
{
	struct sock_fprog prog = read_bpf(file);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		die("seccomp refused", file);
}

static void install_table(const char *name)
{
	const struct seccomp_embed_filter *f = strcmp(name, "no_mkdir") == 0 ? &no_mkdir
					       : strcmp(name, "docker_default") == 0 ? &docker_default
					       : strcmp(name, "trap_chmod") == 0 ? &trap_chmod : NULL;
	if (!f || seccomp_embed_install(f, 0) != 0)
		die("cannot install table", name);
}

static void *own_filter(void *unused)
{
	(void)unused;
	thread_tid = (pid_t)syscall(SYS_gettid);
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &thread_prog))
		die("seccomp refused the thread's filter", "");
	pthread_barrier_wait(&installed);
	for (;;)
		pause();
	return NULL;
}

static void start_thread(const char *file)
{
	pthread_t t;
	thread_prog = read_bpf(file);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		die("no_new_privs refused", "");
	pthread_barrier_init(&installed, NULL, 2);
	if (pthread_create(&t, NULL, own_filter, NULL))
		die("cannot start a thread", "");
	pthread_barrier_wait(&installed);
}

static void call(const char *name)
{
	char path[] = "/tmp/hold_filters.XXXXXX";
	int fd = mkstemp(path), rc;
	if (fd < 0)
		die("cannot make a scratch file", path);
	close(fd);
	unlink(path);
	if (strcmp(name, "chmod") == 0) {
		fd = open(path, O_CREAT | O_WRONLY, 0600);
		rc = chmod(path, 0644);
	} else if (strcmp(name, "mkdir") == 0) {
		fd = -1;
		rc = mkdir(path, 0700);
	} else {
		die("--call: expected chmod or mkdir, not", name);
	}
	printf("%s: errno %d\n", name, rc == 0 ? 0 : errno);
	if (fd >= 0)
		close(fd);
	unlink(path);
	rmdir(path);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--table") == 0 && i + 1 < argc)
			install_table(argv[++i]);
		else if (strcmp(argv[i], "--thread") == 0 && i + 1 < argc)
			start_thread(argv[++i]);
		else if (strcmp(argv[i], "--call") == 0 && i + 1 < argc)
			call(argv[++i]);
		else if (strcmp(argv[i], "--exec") == 0 && i + 1 < argc) {
			execvp(argv[i + 1], argv + i + 1);
			die("cannot run", argv[i + 1]);
		} else
			install_bpf(argv[i]);
	}
	if (thread_tid)
		printf("ready %d\n", (int)thread_tid);
	else
		printf("ready\n");
	fflush(stdout);
	char c;
	while (read(0, &c, 1) > 0)
		;
	return 0;
}
