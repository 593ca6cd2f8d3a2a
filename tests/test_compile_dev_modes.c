/*
 * test_compile_dev_modes.c - the development modes allow exactly what
 * enforce allows, no syscall more, and answer every denial as enforce does.
 *
 * For every profile of profiles/, tests/profiles/ and ../shared/corpus (and
 * its oci-config/), on amd64 (x86_64, i386 and x32 in one filter) and s390x
 * (big-endian), the profile is compiled three times with our backend, as a
 * build would: --mode enforce, trap-log and learn.  Program by program (one
 * per kernel range), on the inputs translation validation tries for the
 * pair (check/validate_inputs.h: every syscall number of every arch, arch
 * values the filter does not cover, boundary values of every argument
 * either program compares), run in the tests' own kernel model (bpf_sim):
 *
 *   - the development program returns ALLOW or LOG exactly where the
 *     enforcing one does, with the same value;
 *   - trap-log: ERRNO and TRACE become USER_NOTIF (the supervisor answers);
 *     KILL_THREAD, KILL_PROCESS and TRAP become TRAP carrying that outcome
 *     (SECCOMP_EMBED_TRAP_LOG_*); learn: every denial becomes USER_NOTIF,
 *     but the profile's own TRAP, which stays TRAP in every mode;
 *   - SECCOMP_EMBED_REPORT_NR on the target arch goes to the supervisor
 *     (an allow-by-default profile lets enforce "allow" it: no kernel has
 *     that number, so the kernel answers ENOSYS);
 *   - the enforcing program the development build carries for its
 *     supervisor decides exactly like the enforce build's;
 *   - trap-log's program for a kernel without user notification returns
 *     ALLOW and LOG where enforce does, and every denial as TRAP carrying
 *     that outcome (ERRNO with its errno, TRACE, the kills, TRAP).
 *
 * The expected mapping is written out here, not taken from the generator.
 */
#include <dirent.h>
#include <linux/seccomp.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_eval.h"
#include "bpf_sim.h"
#include "compile.h"
#include "json_doc.h"
#include "profile_parse.h"
#include "validate_inputs.h"

#ifndef SECCOMP_RET_USER_NOTIF
#define SECCOMP_RET_USER_NOTIF 0x7fc00000U
#endif

#define MAX_SHOWN 10

static const char *const targets[] = {"amd64", "s390x"};
static unsigned failures, profiles_checked;
static unsigned long long comparisons, denials_seen, allows_seen;

static uint32_t trap_with(unsigned cls, uint32_t value)
{
	return SECCOMP_RET_TRAP | (cls << SECCOMP_EMBED_TRAP_LOG_CLASS_SHIFT) |
	       (value & SECCOMP_EMBED_TRAP_LOG_VALUE_MASK);
}

/* What trap-log's program for a kernel without user notification must
 * return: every denial a TRAP carrying its outcome. */
static uint32_t expected_fallback(uint32_t ret)
{
	uint32_t action = ret & SECCOMP_RET_ACTION_FULL, data = ret & SECCOMP_RET_DATA;
	switch (action) {
	case SECCOMP_RET_ALLOW: case SECCOMP_RET_LOG: return ret;
	case SECCOMP_RET_KILL_THREAD: return trap_with(SECCOMP_EMBED_TRAP_LOG_KILL_THREAD, 0);
	case SECCOMP_RET_KILL_PROCESS: return trap_with(SECCOMP_EMBED_TRAP_LOG_KILL_PROCESS, 0);
	case SECCOMP_RET_TRAP: return trap_with(SECCOMP_EMBED_TRAP_LOG_TRAP, data);
	case SECCOMP_RET_ERRNO: return trap_with(SECCOMP_EMBED_TRAP_LOG_ERRNO, data);
	default: return trap_with(SECCOMP_EMBED_TRAP_LOG_TRACE, data);
	}
}

/* What the development program must return where enforce returns `ret`. */
static uint32_t expected(uint32_t ret, enum se_mode mode)
{
	uint32_t action = ret & SECCOMP_RET_ACTION_FULL, data = ret & SECCOMP_RET_DATA;
	if (action == SECCOMP_RET_ALLOW || action == SECCOMP_RET_LOG)
		return ret;
	if (action == SECCOMP_RET_TRAP)
		return trap_with(SECCOMP_EMBED_TRAP_LOG_TRAP, data);
	if (mode == SE_MODE_LEARN)
		return SECCOMP_RET_USER_NOTIF;
	switch (action) {
	case SECCOMP_RET_KILL_THREAD: return trap_with(SECCOMP_EMBED_TRAP_LOG_KILL_THREAD, 0);
	case SECCOMP_RET_KILL_PROCESS: return trap_with(SECCOMP_EMBED_TRAP_LOG_KILL_PROCESS, 0);
	case SECCOMP_RET_TRAP: return trap_with(SECCOMP_EMBED_TRAP_LOG_TRAP, data);
	default: return SECCOMP_RET_USER_NOTIF;
	}
}

struct pair {
	const char *label;
	const struct se_program *enforce, *dev, *carried, *fallback;
	const struct se_arch *target;
	enum se_mode mode;
	bool big_endian;
};

static void fail_at(const struct pair *p, const char *what, const struct bpf_sim_data *d,
		    uint32_t enforce, uint32_t got, uint32_t want)
{
	if (++failures <= MAX_SHOWN)
		printf("FAIL: %s: %s: arch 0x%08x nr %d args 0x%llx 0x%llx 0x%llx: enforce 0x%08x, "
		       "got 0x%08x, want 0x%08x\n", p->label, what, d->arch, d->nr,
		       (unsigned long long)d->args[0], (unsigned long long)d->args[1],
		       (unsigned long long)d->args[2], enforce, got, want);
}

static void compare(const struct pair *p, const struct bpf_sim_data *d)
{
	uint32_t e = bpf_sim_run(p->enforce->insns, p->enforce->len, d, p->big_endian, NULL);
	uint32_t dev = bpf_sim_run(p->dev->insns, p->dev->len, d, p->big_endian, NULL);
	uint32_t carried = bpf_sim_run(p->carried->insns, p->carried->len, d, p->big_endian, NULL);
	bool report_nr = d->arch == p->target->audit_arch &&
			 (uint32_t)d->nr == SECCOMP_EMBED_REPORT_NR;
	uint32_t want = report_nr ? SECCOMP_RET_USER_NOTIF : expected(e, p->mode);
	uint32_t e_action = e & SECCOMP_RET_ACTION_FULL;
	comparisons++;
	if (e_action == SECCOMP_RET_ALLOW || e_action == SECCOMP_RET_LOG)
		allows_seen++;
	else
		denials_seen++;
	if (dev != want)
		fail_at(p, "development program", d, e, dev, want);
	if (carried != e)
		fail_at(p, "the supervisor's enforcing program", d, e, carried, e);
	if (p->mode == SE_MODE_TRAP_LOG) {
		uint32_t fb = bpf_sim_run(p->fallback->insns, p->fallback->len, d, p->big_endian, NULL);
		if (fb != expected_fallback(e))
			fail_at(p, "the program for a kernel without user notification", d, e, fb,
				expected_fallback(e));
	}
}

/* Does the path of `d` read anything but nr and arch in either program? */
static bool reads_args(const struct pair *p, const struct bpf_sim_data *d)
{
	struct se_bpf_data g = {.nr = (uint32_t)d->nr, .arch = d->arch};
	struct se_bpf_result r1, r2;
	se_bpf_eval(p->enforce->insns, p->enforce->len, &g, p->big_endian, &r1);
	se_bpf_eval(p->dev->insns, p->dev->len, &g, p->big_endian, &r2);
	return r1.reads_data || r2.reads_data;
}

/* Each value of each field either program reads, the others 0 and then
 * all ones. */
static void vary_args(const struct pair *p, const struct se_probe_plan *plan,
		      struct bpf_sim_data d)
{
	for (int base = 0; base < 2; base++)
		for (size_t s = 0; s < SE_PROBE_SLOTS; s++)
			for (size_t v = 0; v < plan->slot[s].n; v++) {
				struct bpf_sim_data x = d;
				uint64_t fill = base ? ~0ull : 0;
				x.instruction_pointer = s == 0 ? plan->slot[s].v[v] : fill;
				for (size_t a = 0; a < 6; a++)
					x.args[a] = s == a + 1 ? plan->slot[s].v[v] : fill;
				compare(p, &x);
			}
}

static void check_pair(const struct pair *p, const struct se_arch_set *arches)
{
	struct se_probe_plan plan;
	if (se_probe_plan_make(p->enforce, p->dev, arches, &plan)) {
		printf("FAIL: %s: out of memory\n", p->label);
		failures++;
		return;
	}
	uint64_t report_nr = SECCOMP_EMBED_REPORT_NR;
	for (size_t a = 0; a < plan.arches.n; a++)
		for (size_t i = 0; i <= plan.nrs.n; i++) {
			struct bpf_sim_data d = {.arch = (uint32_t)plan.arches.v[a]};
			d.nr = (int32_t)(i < plan.nrs.n ? plan.nrs.v[i] : report_nr);
			compare(p, &d);
			if (reads_args(p, &d))
				vary_args(p, &plan, d);
		}
	se_probe_plan_free(&plan);
}

static bool compile_as(const cJSON *root, const char *file, const char *target,
		       enum se_mode mode, struct se_profile *prof, struct se_options *o,
		       struct se_compiled *out)
{
	struct se_diag d = {.file = file, .quiet = 1};
	const struct se_arch *arch = se_arch_find(target);
	memset(o, 0, sizeof *o);
	o->profile = file;
	o->arch = target;
	o->enosys_stub = true;
	o->name = "f";
	o->mode = mode;
	memset(prof, 0, sizeof *prof);
	if (se_profile_parse(&d, root, arch->errno_family, prof)) {
		se_profile_free(prof); /* what was parsed before the error */
		return false;
	}
	if (se_compile(&d, prof, o, out)) {
		se_compiled_free(out);
		se_profile_free(prof);
		return false;
	}
	return true;
}

static void check_mode(const cJSON *root, const char *file, const char *target,
		       const struct se_compiled *enforce, enum se_mode mode)
{
	struct se_profile prof;
	struct se_options o;
	struct se_compiled dev;
	char label[512];
	if (!compile_as(root, file, target, mode, &prof, &o, &dev)) {
		printf("FAIL: %s: %s: compiles in enforce mode but not in %s\n", file, target,
		       mode == SE_MODE_LEARN ? "learn" : "trap-log");
		failures++;
		return;
	}
	/* the two may merge their programs before and from 5.11 differently
	 * (compile.c): each of the dev mode's against enforce's for its kernels */
	for (size_t v = 0; v < enforce->n_variants; v++)
		if (!se_compiled_variant_for(&dev, enforce->variants[v].min_kernel)) {
			printf("FAIL: %s: %s: no program for kernels from %u.%u\n", file, target,
			       enforce->variants[v].min_kernel.major,
			       enforce->variants[v].min_kernel.minor);
			failures++;
		}
	for (size_t v = 0; v < dev.n_variants; v++) {
		const struct se_variant *e = se_compiled_variant_for(enforce, dev.variants[v].min_kernel);
		snprintf(label, sizeof label, "%s --arch %s --mode %s (program %zu)", file, target,
			 mode == SE_MODE_LEARN ? "learn" : "trap-log", v);
		if (!e) { /* both split at every minKernel value, so no range spans one */
			printf("FAIL: %s: enforce mode has no program for its kernels\n", label);
			failures++;
			continue;
		}
		struct pair p = {label, &e->prog, &dev.variants[v].prog,
				 &dev.variants[v].enforce, &dev.variants[v].fallback, dev.target.arch,
				 mode, dev.target.arch->big_endian};
		if (mode == SE_MODE_TRAP_LOG && !p.fallback->len) {
			printf("FAIL: %s: no program for a kernel without user notification\n",
			       label);
			failures++;
			continue;
		}
		check_pair(&p, &dev.arches);
	}
	se_compiled_free(&dev);
	se_profile_free(&prof);
}

static void check_file(const char *dir, const char *name)
{
	char path[4096];
	struct se_diag d = {.file = path, .quiet = 1};
	snprintf(path, sizeof path, "%s/%s", dir, name);
	cJSON *root = se_json_load(&d, path);
	if (!root)
		return;
	for (size_t t = 0; t < sizeof targets / sizeof *targets; t++) {
		struct se_profile prof;
		struct se_options o;
		struct se_compiled enforce;
		if (!compile_as(root, path, targets[t], SE_MODE_ENFORCE, &prof, &o, &enforce))
			continue; /* refused in every mode: the refusals are tested elsewhere */
		check_mode(root, path, targets[t], &enforce, SE_MODE_TRAP_LOG);
		check_mode(root, path, targets[t], &enforce, SE_MODE_LEARN);
		profiles_checked++;
		se_compiled_free(&enforce);
		se_profile_free(&prof);
	}
	cJSON_Delete(root);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void check_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	char *names[256];
	size_t n = 0;
	struct dirent *e;
	if (!dp)
		return;
	while ((e = readdir(dp)) && n < 256) {
		size_t len = strlen(e->d_name);
		if (len > 5 && strcmp(e->d_name + len - 5, ".json") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof *names, compare_names);
	for (size_t i = 0; i < n; i++) {
		check_file(dir, names[i]);
		free(names[i]);
	}
}

int main(void)
{
	const char *src = getenv("SECCOMP_EMBED_SOURCE_DIR");
	const char *corpus = getenv("SECCOMP_EMBED_CORPUS");
	char dir[4096];
	/* the generator's errors for the profiles refused in every mode (tested
	 * elsewhere) go to stderr: this test's own lines go to stdout */
	if (!src) {
		printf("FAIL: SECCOMP_EMBED_SOURCE_DIR is not set (run through ctest)\n");
		return 1;
	}
	snprintf(dir, sizeof dir, "%s/profiles", src);
	check_dir(dir);
	snprintf(dir, sizeof dir, "%s/tests/profiles", src);
	check_dir(dir);
	unsigned ours = profiles_checked;
	DIR *corpus_dir = corpus ? opendir(corpus) : NULL;
	if (corpus_dir) {
		closedir(corpus_dir);
		check_dir(corpus);
		snprintf(dir, sizeof dir, "%s/oci-config", corpus);
		check_dir(dir);
	} else {
		printf("note: ../shared/corpus is absent: only our own profiles were checked\n");
	}
	printf("%u (profile, target) pairs (%u of ours), each in trap-log and learn mode: "
	       "%llu inputs compared (%llu allowed by enforce, %llu denied), %u failures\n",
	       profiles_checked, ours, comparisons, allows_seen, denials_seen, failures);
	if (ours < 10 || denials_seen == 0 || allows_seen == 0) {
		printf("FAIL: too little was compared to prove anything\n");
		return 1;
	}
	return failures ? 1 : 0;
}
