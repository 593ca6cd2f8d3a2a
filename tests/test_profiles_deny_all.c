/*
 * test_profiles_deny_all.c - profiles/deny-all.json, compiled for eight
 * target arches, answers EPERM to every syscall libseccomp knows on every
 * arch of its filter, except exit and exit_group (ALLOW), and ENOSYS only
 * to numbers no syscall has.
 *
 * The last part is the profile's second rule at work: runc's ENOSYS stub
 * answers ENOSYS above the highest number a profile names, so a profile
 * naming only exit and exit_group would answer ENOSYS to most syscalls
 * (everything above 94 on arm64).  Run in the classic-BPF interpreter on
 * every syscall number of the probes of tests/support/verdict_probes.c.
 */
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "compile.h"
#include "errno_names.h"
#include "json_doc.h"
#include "profile_parse.h"
#include "verdict_compare.h"
#include "verdict_probes.h"

#define N_TARGETS 8
#define X32_BIT 0x40000000u
#define EPERM_RET (SECCOMP_RET_ERRNO | 1u)

static const char *const targets[N_TARGETS] = {"amd64", "arm64",   "x86",     "arm",
					       "s390x", "ppc64le", "riscv64", "mips64"};
static unsigned failures;

/* The arch of the filter a probe is for, or NULL if none: a foreign arch,
 * or an x32 number (bit 30 on x86_64) where x32 is not in the set. */
static const struct se_arch *arch_of(const struct se_arch_set *arches, const struct bpf_sim_data *d)
{
	bool x32_nr = d->arch == AUDIT_ARCH_X86_64 && ((uint32_t)d->nr & X32_BIT) != 0;
	for (size_t i = 0; i < arches->n; i++) {
		const struct se_arch *a = arches->arches[i];
		if (a->audit_arch == d->arch && (a->token == SCMP_ARCH_X32) == x32_nr)
			return a;
	}
	return NULL;
}

/* The syscall `nr` is on `a`, if libseccomp names it there and back. */
static char *syscall_name(const struct se_arch *a, int32_t nr)
{
	char *name = seccomp_syscall_resolve_num_arch(a->token, nr);
	if (name && seccomp_syscall_resolve_name_arch(a->token, name) != nr) {
		free(name);
		return NULL;
	}
	return name;
}

/* Is `got` right for this probe?  `enosys` is the target's ERRNO(ENOSYS). */
static bool expected(const struct se_arch_set *arches, const struct bpf_sim_data *d, uint32_t got,
		     uint32_t enosys, unsigned long long *named)
{
	const struct se_arch *a = arch_of(arches, d);
	char *name;
	bool ok;
	if (!a)
		return got == SECCOMP_RET_KILL_THREAD;
	if (!(name = syscall_name(a, d->nr)))
		return got == EPERM_RET || got == enosys;
	(*named)++;
	ok = got == (strcmp(name, "exit") == 0 || strcmp(name, "exit_group") == 0
			     ? SECCOMP_RET_ALLOW
			     : EPERM_RET);
	free(name);
	return ok;
}

static void check_target(const char *path, const cJSON *root, const char *arch)
{
	const struct se_arch *ga = se_arch_find(arch);
	struct se_diag d = {.file = path, .quiet = 1};
	struct se_options o = {.profile = path, .arch = arch, .format = SE_FORMAT_BPF,
			       .name = "deny_all", .enosys_stub = true, .quiet = true};
	struct se_profile p = {0};
	struct se_compiled c = {0};
	struct probe_set probes = {0};
	const struct se_profile *list[1] = {&p};
	unsigned long long named = 0, wrong = 0;

	if (!ga || se_profile_parse(&d, root, ga->errno_family, &p) || se_compile(&d, &p, &o, &c) ||
	    probe_set_build(&probes, &c.arches, list, 1)) {
		printf("FAIL --arch %s: cannot compile deny-all.json or build the probes\n", arch);
		failures++;
	} else {
		const struct se_program *prog = &c.variants[0].prog;
		uint32_t enosys = SECCOMP_RET_ERRNO | se_enosys(ga->errno_family);
		for (size_t i = 0; i < probes.n; i++) {
			uint32_t got = bpf_sim_run(prog->insns, prog->len, &probes.v[i],
						   ga->big_endian, NULL);
			if (expected(&c.arches, &probes.v[i], got, enosys, &named))
				continue;
			char v[32];
			verdict_describe(got, v, sizeof v);
			if (wrong++ < 8)
				printf("FAIL --arch %s: arch 0x%08x nr %d: %s\n", arch,
				       (unsigned)probes.v[i].arch, (int)probes.v[i].nr, v);
		}
		failures += wrong != 0 || named == 0;
		printf("  %-8s %zu arches, %zu probes, %llu named syscalls checked, %llu wrong\n", arch,
		       c.arches.n, probes.n, named, wrong);
	}
	probe_set_free(&probes);
	se_compiled_free(&c);
	se_profile_free(&p);
}

int main(void)
{
	const char *source = getenv("SECCOMP_EMBED_SOURCE_DIR");
	char path[4096];
	struct se_diag d = {.file = path, .quiet = 1};
	cJSON *root;

	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(path, sizeof path, "%s/profiles/deny-all.json", source && *source ? source : ".");
	if (!(root = se_json_load(&d, path))) {
		printf("FAIL: cannot load %s\n", path);
		return 1;
	}
	for (int ti = 0; ti < N_TARGETS; ti++)
		check_target(path, root, targets[ti]);
	cJSON_Delete(root);
	printf("%u failures\n", failures);
	return failures ? 1 : 0;
}
