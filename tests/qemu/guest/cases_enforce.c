/*
 * Enforce mode, every arch: the lab's profiles, the kernel-range program
 * picked at run time, runc's ENOSYS stub at its bound, 64-bit argument
 * conditions on several arguments, a table for another arch refused.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "guest.h"

static int install_then(const struct seccomp_embed_filter *f)
{
	int rc = seccomp_embed_install(f, 0);
	if (rc)
		printf("  install %s: %s\n", f->name, strerror(-rc));
	return rc;
}

static int chmod_body(void *arg)
{
	if (install_then(arg))
		return 100;
	long rc = fchmodat(AT_FDCWD, guest_path("lab"), 0777, 0);
	live_result(rc, errno);
	return 0;
}

static void expect_call(const char *name, int (*body)(void *), const void *f, long rc, int err)
{
	struct live_child c;
	char how[160];
	live_run(body, (void *)f, 0, &c);
	live_check(c.signal == 0 && c.code == 0 && c.has_result && c.rc == rc && c.err == err, name,
		   "expected %ld errno %d, child %s", rc, err, live_describe(&c, how, sizeof how));
	live_child_free(&c);
	live_case_done(name);
}

/* The Docker lab's chmod experiment, and deny-all. */
static void lab(void)
{
	int fd = open(guest_path("lab"), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
	if (fd >= 0)
		close(fd);
	expect_call("lab: default-no-chmod refuses chmod (EPERM)", chmod_body, &lab_default_no_chmod, -1,
		    EPERM);
	expect_call("lab: docker-default allows chmod", chmod_body, &lab_docker_default, 0, 0);
}

static long bound_nr;

/* deny-all refuses write(2) too: the answer is the exit status */
static int stub_body(void *arg)
{
	if (install_then(&lab_deny_all))
		return 100;
	long rc = guest_raw6(bound_nr + (long)(intptr_t)arg, 0, 0, 0, 0, 0, 0);
	return rc == -EPERM ? 10 : rc == -ENOSYS ? 11 : 12;
}

/* runc's stub: ENOSYS above the highest number the profile names, the
 * default action (EPERM) at it. */
static void enosys_stub(void)
{
	const struct seccomp_embed_program *p = seccomp_embed_select_program(&lab_deny_all);
	int i = 0; /* the target comes first in a filter's arch set */
	const char *name = "enosys stub: EPERM at the highest named number, ENOSYS above it";
	if (!live_check(p && p->enosys_above[i] != 0xffffffffu, name,
			"deny-all has no stub bound for this arch"))
		return live_case_done(name);
	bound_nr = (long)p->enosys_above[i];
	printf("  bound on %s: %ld\n", lab_deny_all.arches[i].name, bound_nr);
	struct live_child at, above;
	live_run(stub_body, (void *)(intptr_t)0, 0, &at);
	live_run(stub_body, (void *)(intptr_t)1, 0, &above);
	live_check(at.code == 10, name, "nr %ld: expected EPERM (exit 10), child exited with %d",
		   bound_nr, at.code);
	live_check(above.code == 11, name, "nr %ld: expected ENOSYS (exit 11), child exited with %d",
		   bound_nr + 1, above.code);
	live_child_free(&at);
	live_child_free(&above);
	live_case_done(name);
}

static int vm_readv_body(void *arg)
{
	(void)arg;
	if (install_then(&lab_docker_default))
		return 100;
	long rc = syscall(SYS_process_vm_readv, getpid(), NULL, 0, NULL, 0, 0);
	live_result(rc, errno);
	return 0;
}

/* Docker's default allows process_vm_readv from kernel 4.8 on: the program
 * for this kernel is picked at install, and it allows the call. */
static void kernel_ranges(void)
{
	const char *name = "docker-default: the program for the running kernel is the one installed";
	const struct seccomp_embed_program *p = seccomp_embed_select_program(&lab_docker_default);
	struct utsname u;
	unsigned major = 0, minor = 0;
	uname(&u);
	sscanf(u.release, "%u.%u", &major, &minor);
	live_check(lab_docker_default.n_programs >= 2 && p == &lab_docker_default.programs[lab_docker_default.n_programs - 1] &&
			   (p->min_kernel_major < major ||
			    (p->min_kernel_major == major && p->min_kernel_minor <= minor)),
		   name, "%u programs; picked from %u.%u for kernel %u.%u", lab_docker_default.n_programs,
		   p ? p->min_kernel_major : 0, p ? p->min_kernel_minor : 0, major, minor);
	live_case_done(name);
	expect_call("docker-default: process_vm_readv allowed (minKernel 4.8)", vm_readv_body, NULL, 0, 0);
}

struct args_case {
	const char *label;
	uint64_t a[6];
	int want; /* errno, 0 for "not EXDEV" (prctl's own EINVAL) */
	int wide; /* 64-bit arches only */
};

static const struct args_case arg_cases[] = {
	{"64-bit values on args 1 and 3 match", {OPT_WIDE, 0x0123456789abcdefULL, 0, 0xfedcba9876543210ULL, 0, 0}, EXDEV, 1},
	{"args[1] high half differs", {OPT_WIDE, 0x0023456789abcdefULL, 0, 0xfedcba9876543210ULL, 0, 0}, EINVAL, 1},
	{"args[3] low half differs", {OPT_WIDE, 0x0123456789abcdefULL, 0, 0xfedcba9876543211ULL, 0, 0}, EINVAL, 1},
	{"args 2 and 4 match", {OPT_NARROW, 0, 0x89abcdefUL, 0, 7, 0}, EXDEV, 0},
	{"args[4] differs", {OPT_NARROW, 0, 0x89abcdefUL, 0, 8, 0}, EINVAL, 0},
	{"args[2] with a high half", {OPT_NARROW, 0, 0x189abcdefULL, 0, 7, 0}, EINVAL, 1},
};

static int args_body(void *arg)
{
	const struct args_case *k = arg;
	if (install_then(&guest_enforce))
		return 100;
	long rc = guest_raw6(SYS_prctl, (long)k->a[0], (long)k->a[1], (long)k->a[2], (long)k->a[3],
			     (long)k->a[4], (long)k->a[5]);
	live_result(rc < 0 ? -1 : rc, rc < 0 ? (int)-rc : 0);
	return 0;
}

static void arguments(void)
{
	char name[160];
	for (size_t i = 0; i < sizeof arg_cases / sizeof *arg_cases; i++) {
		const struct args_case *k = &arg_cases[i];
		snprintf(name, sizeof name, "argument conditions: %s", k->label);
		if (k->wide && !GUEST_64BIT) {
			live_skip(name, "a 32-bit arch passes 32-bit arguments");
			continue;
		}
		expect_call(name, args_body, k, -1, k->want);
	}
}

static int foreign_body(void *arg)
{
	(void)arg;
	int rc = seccomp_embed_install(&guest_foreign, 0);
	live_result(rc < 0 ? -1 : rc, -rc);
	return 0;
}

static void foreign_table(void)
{
	expect_call("a table for another arch is refused (ENOEXEC)", foreign_body, NULL, -1, ENOEXEC);
}

void cases_enforce(void)
{
	lab();
	enosys_stub();
	kernel_ranges();
	arguments();
	foreign_table();
}
