/*
 * test_profiles_live.c - the profiles of profiles/ in a real kernel.
 *
 * Each profile is compiled with the generator's library for the machine the
 * test runs on (its arch and kernel version), and installed with seccomp(2)
 * in a forked child that then makes real syscalls; then again as built for
 * Linux 5.10, whose program is weighed for a kernel without the cache of
 * allowed syscalls (a tree of its own), and must decide the same here.  The child records each
 * result in memory shared with the parent (under deny-all it cannot even
 * write), and exits: exit_group is allowed by every profile here.
 *
 * Exit status 77 with a SKIP line where the generator does not know this
 * machine's arch or the kernel refuses seccomp filters.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch.h"
#include "compile.h"
#include "json_doc.h"
#include "profile_parse.h"

#define EXIT_SKIP 77
#define MAX_CHECKS 16
#define NO_SUCH_SYSCALL 1000 /* past every syscall table */
#define AF_VSOCK_VALUE 40    /* denied by Docker's default, with AF_ALG */
#define PERSONALITY_QUERY 0xffffffffUL
#define OK 0 /* a check's expected result: success */
#define CHILD_NO_SECCOMP 2 /* the kernel has no seccomp(2) */
#define CHILD_REFUSED 3    /* the kernel refused the filter */

extern char **environ;

static char scratch[64];   /* a file the chmod family works on */
static int scratch_fd = -1;
static unsigned failures;

/* Each check makes one syscall and returns 0 or the negative errno. */
static long outcome(long rc)
{
	return rc < 0 ? -errno : 0;
}

static long do_fchmodat(void)
{
	return outcome(syscall(SYS_fchmodat, AT_FDCWD, scratch, 0640));
}

static long do_fchmod(void)
{
	return outcome(syscall(SYS_fchmod, scratch_fd, 0600));
}

static long do_fchown(void)
{
	return outcome(syscall(SYS_fchown, scratch_fd, -1, -1));
}

static long do_getpid(void)
{
	return outcome(syscall(SYS_getpid));
}

static long do_openat(void)
{
	long fd = syscall(SYS_openat, AT_FDCWD, "/", O_RDONLY | O_DIRECTORY);
	if (fd >= 0)
		close((int)fd);
	return outcome(fd);
}

static long do_execve(void)
{
	char *argv[] = {"true", NULL};
	return outcome(syscall(SYS_execve, "/bin/true", argv, environ));
}

static long do_no_such_syscall(void)
{
	return outcome(syscall(NO_SUCH_SYSCALL));
}

/* Harmless if wrongly allowed: nothing is mounted there. */
static long do_umount2(void)
{
	return outcome(syscall(SYS_umount2, "/nonexistent-seccomp-embed", 0));
}

/* Harmless if wrongly allowed: a NULL argument of size 0 is EINVAL. */
static long do_clone3(void)
{
	return outcome(syscall(SYS_clone3, NULL, 0));
}

static long do_socket(int family)
{
	long fd = syscall(SYS_socket, family, SOCK_STREAM, 0);
	if (fd >= 0)
		close((int)fd);
	return outcome(fd);
}

static long do_socket_unix(void)
{
	return do_socket(AF_UNIX);
}

static long do_socket_vsock(void)
{
	return do_socket(AF_VSOCK_VALUE);
}

static long do_personality_query(void)
{
	return outcome(syscall(SYS_personality, PERSONALITY_QUERY));
}

struct check {
	const char *what;
	long (*call)(void);
	long want; /* 0 or a negative errno */
};

struct live_case {
	const char *profile; /* in profiles/ */
	const char *cap_add; /* or NULL */
	struct check checks[MAX_CHECKS];
};

static const struct live_case cases[] = {
	{"deny-all.json", NULL,
	 {{"getpid", do_getpid, -EPERM},
	  {"openat", do_openat, -EPERM},
	  {"fchmodat", do_fchmodat, -EPERM},
	  {"a number past the table", do_no_such_syscall, -ENOSYS},
	  {"execve /bin/true", do_execve, -EPERM}}},
	{"docker-default.json", NULL,
	 {{"getpid", do_getpid, OK},
	  {"openat", do_openat, OK},
	  {"fchmodat", do_fchmodat, OK},
	  {"fchmod", do_fchmod, OK},
	  {"umount2 without CAP_SYS_ADMIN", do_umount2, -EPERM},
	  {"clone3 without CAP_SYS_ADMIN", do_clone3, -ENOSYS},
	  {"socket(AF_UNIX)", do_socket_unix, OK},
	  {"socket(AF_VSOCK)", do_socket_vsock, -EPERM},
	  {"personality(0xffffffff)", do_personality_query, OK},
	  {"a number past the table", do_no_such_syscall, -ENOSYS}}},
	{"default-no-chmod.json", NULL,
	 {{"getpid", do_getpid, OK},
	  {"fchown", do_fchown, OK},
	  {"fchmodat", do_fchmodat, -EPERM},
	  {"fchmod", do_fchmod, -EPERM}}},
	{"chmod-wake-alarm.json", NULL,
	 {{"fchown", do_fchown, OK},
	  {"fchmodat without CAP_WAKE_ALARM", do_fchmodat, -EPERM},
	  {"fchmod without CAP_WAKE_ALARM", do_fchmod, -EPERM}}},
	{"chmod-wake-alarm.json", "WAKE_ALARM",
	 {{"fchmodat with CAP_WAKE_ALARM", do_fchmodat, OK},
	  {"fchmod with CAP_WAKE_ALARM", do_fchmod, OK}}},
};

/* The running kernel's X.Y, for --kernel. */
static struct se_kernel_version running_kernel(const struct utsname *u)
{
	struct se_kernel_version k = {0, 0};
	sscanf(u->release, "%u.%u", &k.major, &k.minor);
	return k;
}

static int compile_case(const struct live_case *lc, const char *dir, const struct utsname *u,
			struct se_kernel_version kernel, struct se_options *o, struct se_compiled *c)
{
	static char path[4096 + 64];
	struct se_diag d = {.file = path, .quiet = 1};
	struct se_profile p;
	const struct se_arch *arch = se_arch_find(u->machine);
	cJSON *root;
	int rc = -1;

	snprintf(path, sizeof path, "%s/%s", dir, lc->profile);
	memset(o, 0, sizeof *o);
	o->profile = path;
	o->arch = u->machine;
	o->format = SE_FORMAT_BPF;
	o->name = "seccomp_embed_filter";
	o->enosys_stub = true;
	o->quiet = true;
	o->has_kernel = true;
	o->kernel = kernel;
	if (lc->cap_add)
		o->cap_add[o->n_cap_add++] = lc->cap_add;
	memset(&p, 0, sizeof p);
	if ((root = se_json_load(&d, path)) && se_profile_parse(&d, root, arch->errno_family, &p) == 0)
		rc = se_compile(&d, &p, o, c);
	se_profile_free(&p);
	cJSON_Delete(root);
	return rc;
}

/* In the child: confine, run the checks, record, exit. */
static void child(const struct se_program *prog, const struct live_case *lc, long *results)
{
	struct sock_fprog fprog = {.len = (unsigned short)prog->len,
				   .filter = (struct sock_filter *)prog->insns};
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) != 0)
		_exit(errno == ENOSYS ? CHILD_NO_SECCOMP : CHILD_REFUSED);
	for (size_t i = 0; i < MAX_CHECKS && lc->checks[i].what; i++)
		results[i] = lc->checks[i].call();
	_exit(0);
}

static void report(const struct live_case *lc, struct se_kernel_version built_for,
		   const long *results)
{
	for (size_t i = 0; i < MAX_CHECKS && lc->checks[i].what; i++) {
		const struct check *k = &lc->checks[i];
		bool ok = results[i] == k->want;
		printf("%s %s%s%s (built for %u.%u): %s -> %s (expected %s)\n", ok ? "ok  " : "FAIL",
		       lc->profile, lc->cap_add ? " +" : "", lc->cap_add ? lc->cap_add : "",
		       built_for.major, built_for.minor, k->what,
		       results[i] ? strerror((int)-results[i]) : "success",
		       k->want ? strerror((int)-k->want) : "success");
		failures += !ok;
	}
}

/* Returns 0, or EXIT_SKIP when the kernel refuses seccomp filters. */
static int run_case(const struct live_case *lc, const char *dir, const struct utsname *u,
		    struct se_kernel_version kernel, long *results)
{
	struct se_options o;
	struct se_compiled c;
	int status = 0;
	pid_t pid;

	if (compile_case(lc, dir, u, kernel, &o, &c) != 0) {
		printf("FAIL %s: the generator refused it\n", lc->profile);
		failures++;
		se_compiled_free(&c);
		return 0;
	}
	memset(results, 0x55, MAX_CHECKS * sizeof *results); /* no errno looks like this */
	pid = fork();
	if (pid == 0)
		child(&c.variants[0].prog, lc, results);
	se_compiled_free(&c);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
		printf("FAIL %s: the child did not exit normally (status 0x%x)\n", lc->profile,
		       (unsigned)status);
		failures++;
		return 0;
	}
	if (WEXITSTATUS(status) == CHILD_NO_SECCOMP)
		return EXIT_SKIP;
	if (WEXITSTATUS(status) == CHILD_REFUSED) {
		printf("FAIL %s: the kernel refused the filter\n", lc->profile);
		failures++;
		return 0;
	}
	report(lc, kernel, results);
	return 0;
}

static int make_scratch(void)
{
	snprintf(scratch, sizeof scratch, "/tmp/seccomp-embed-profiles-%d", (int)getpid());
	scratch_fd = open(scratch, O_RDWR | O_CREAT | O_EXCL, 0600);
	return scratch_fd < 0 ? -1 : 0;
}

int main(void)
{
	const char *source = getenv("SECCOMP_EMBED_SOURCE_DIR");
	char dir[4096];
	struct utsname u;
	long *results;
	int rc = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(dir, sizeof dir, "%s/profiles", source && *source ? source : ".");
	if (uname(&u) != 0 || !se_arch_find(u.machine)) {
		printf("SKIP: the generator does not know this machine's arch (%s)\n", u.machine);
		return EXIT_SKIP;
	}
	results = mmap(NULL, MAX_CHECKS * sizeof *results, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (results == MAP_FAILED || make_scratch() != 0) {
		perror("test_profiles_live: set-up");
		return 1;
	}
	/* the running kernel's program, then the one for a kernel before the
	 * cache (every minKernel value of these profiles is below 5.10) */
	const struct se_kernel_version kernels[] = {running_kernel(&u), {5, 10}};
	for (size_t k = 0; k < 2 && rc == 0; k++)
		for (size_t i = 0; i < sizeof cases / sizeof cases[0] && rc == 0; i++)
			rc = run_case(&cases[i], dir, &u, kernels[k], results);
	close(scratch_fd);
	unlink(scratch);
	if (rc == EXIT_SKIP) {
		printf("SKIP: this kernel refuses seccomp filters\n");
		return EXIT_SKIP;
	}
	printf("%u failures\n", failures);
	return failures ? 1 : 0;
}
