/*
 * fuzz_profile.c - see fuzz_profile.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include "fuzz_profile.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_names.h"

#define PICK(r, array) (array)[fuzz_below((r), sizeof(array) / sizeof(*(array)))]
#define MAX_RULES 24
#define MAX_NAMES_PER_RULE 5
#define MAX_CONDITIONS 4
#define MAX_HOT 4

/* Each test arch with the sub-arches Docker's archMap gives it (same byte
 * order: mixing them is refused by design). */
static const struct {
	const char *arch, *subs[2];
} arch_map[] = {
	{"SCMP_ARCH_X86_64", {"SCMP_ARCH_X86", "SCMP_ARCH_X32"}},
	{"SCMP_ARCH_AARCH64", {"SCMP_ARCH_ARM", NULL}},
	{"SCMP_ARCH_X86", {NULL, NULL}},
	{"SCMP_ARCH_ARM", {NULL, NULL}},
	{"SCMP_ARCH_S390X", {"SCMP_ARCH_S390", NULL}},
	{"SCMP_ARCH_PPC64LE", {NULL, NULL}},
	{"SCMP_ARCH_RISCV64", {NULL, NULL}},
	{"SCMP_ARCH_MIPS64", {"SCMP_ARCH_MIPS", "SCMP_ARCH_MIPS64N32"}},
};

/* Where random names come from: the test arches and their compat arches. */
static const uint32_t name_tokens[] = {
	SCMP_ARCH_X86_64, SCMP_ARCH_X86,   SCMP_ARCH_X32,     SCMP_ARCH_AARCH64,
	SCMP_ARCH_ARM,    SCMP_ARCH_S390X, SCMP_ARCH_S390,    SCMP_ARCH_PPC64LE,
	SCMP_ARCH_RISCV64, SCMP_ARCH_MIPS64, SCMP_ARCH_MIPS, SCMP_ARCH_MIPS64N32,
};

static const char *const docker_arches[] = {"amd64", "arm64", "x86",     "arm",    "s390x",
					    "ppc64le", "riscv64", "mips64", "x32", "s390"};
static const char *const caps[] = {"CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_NET_ADMIN",
				   "CAP_CHOWN",     "CAP_KILL",       "CAP_SYS_BOOT",
				   "CAP_BPF",       "CAP_SYSLOG"};
static const char *const kernels[] = {"3.10", "4.8", "5.4", "5.10", "6.1", "6.6"};
static const struct se_kernel_version option_kernels[] = {{4, 4}, {4, 8}, {5, 6}, {6, 1}, {6, 12}};
static const char *const ops[] = {"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE",       "SCMP_CMP_EQ",
				  "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"};

enum { A_ALLOW, A_ERRNO, A_KILL, A_KILL_THREAD, A_KILL_PROCESS, A_TRAP, A_LOG, A_TRACE, A_COUNT };
static const char *const actions[A_COUNT] = {
	"SCMP_ACT_ALLOW",        "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD",
	"SCMP_ACT_KILL_PROCESS", "SCMP_ACT_TRAP",  "SCMP_ACT_LOG",  "SCMP_ACT_TRACE"};

/* What is being written, and what the options may refer back to. */
struct builder {
	struct fuzz_rng *r;
	FILE *f;
	const char *hot_pool[MAX_RULES * MAX_NAMES_PER_RULE];
	size_t n_hot_pool;
	bool uses_min_kernel;
};

static const char *random_name(struct fuzz_rng *r)
{
	size_t n = 0;
	const struct fuzz_syscall *t = NULL;
	if (fuzz_chance(r, 3))
		return "fuzz_no_such_call"; /* unknown names are skipped with a warning */
	while (n == 0)
		t = fuzz_syscalls(PICK(r, name_tokens), &n);
	return t[fuzz_below(r, n)].name;
}

static unsigned random_errno(struct fuzz_rng *r)
{
	static const unsigned common[] = {1, 1, 13, 22, 38, 95, 4094};
	return fuzz_chance(r, 70) ? PICK(r, common) : 1 + (unsigned)fuzz_below(r, 4094);
}

static int default_action(struct fuzz_rng *r)
{
	static const int weighted[] = {A_ALLOW, A_ALLOW, A_ALLOW, A_ALLOW, A_ERRNO, A_ERRNO,
				       A_ERRNO, A_ERRNO, A_ERRNO, A_ERRNO, A_ERRNO, A_KILL,
				       A_KILL_THREAD, A_KILL_PROCESS, A_KILL_PROCESS, A_TRAP,
				       A_TRAP, A_LOG, A_LOG};
	return PICK(r, weighted);
}

/* Against a denying default most rules allow, as in real profiles. */
static int rule_action(struct fuzz_rng *r, int dflt)
{
	bool denying = dflt != A_ALLOW && dflt != A_LOG;
	if (denying && fuzz_chance(r, 45))
		return A_ALLOW;
	return (int)fuzz_below(r, A_COUNT);
}

static void write_action(struct builder *b, const char *key, const char *errno_key, int action)
{
	fprintf(b->f, "\"%s\": \"%s\"", key, actions[action]);
	if ((action == A_ERRNO || action == A_TRACE) && fuzz_chance(b->r, 60))
		fprintf(b->f, ", \"%s\": %u", errno_key, random_errno(b->r));
}

/* A mask with a few runs of bits, or a boundary value. */
static uint64_t random_mask(struct fuzz_rng *r)
{
	if (fuzz_chance(r, 40))
		return fuzz_interesting_u64(r);
	uint64_t m = 0;
	for (unsigned i = 1 + (unsigned)fuzz_below(r, 3); i > 0; i--)
		m |= ((1ull << (1 + fuzz_below(r, 16))) - 1) << fuzz_below(r, 56);
	return m;
}

static void write_condition_arg(struct builder *b, unsigned index)
{
	const char *op = PICK(b->r, ops);
	uint64_t value = fuzz_interesting_u64(b->r), two = 0;
	if (strcmp(op, "SCMP_CMP_MASKED_EQ") == 0) {
		value = random_mask(b->r);
		/* mostly satisfiable; sometimes bits outside the mask (a lint) */
		two = fuzz_chance(b->r, 90) ? value & fuzz_interesting_u64(b->r)
					    : fuzz_interesting_u64(b->r);
	}
	fprintf(b->f, "{\"index\": %u, \"value\": %llu, \"valueTwo\": %llu, \"op\": \"%s\"}", index,
		(unsigned long long)value, (unsigned long long)two, op);
}

/* Conditions on random indexes, an index repeated now and then (runc
 * then ORs them as separate rules). */
static void write_args(struct builder *b)
{
	unsigned n = 1 + (unsigned)fuzz_below(b->r, MAX_CONDITIONS), index = 0;
	fprintf(b->f, ", \"args\": [");
	for (unsigned i = 0; i < n; i++) {
		if (i == 0 || !fuzz_chance(b->r, 30))
			index = (unsigned)fuzz_below(b->r, 6);
		fprintf(b->f, "%s", i ? ", " : "");
		write_condition_arg(b, index);
	}
	fprintf(b->f, "]");
}

static void write_string_array(struct builder *b, const char *const *from, size_t n_from,
			       unsigned n)
{
	fprintf(b->f, "[");
	for (unsigned i = 0; i < n; i++)
		fprintf(b->f, "%s\"%s\"", i ? ", " : "", from[fuzz_below(b->r, n_from)]);
	fprintf(b->f, "]");
}

/* includes or excludes: each of arches, caps, minKernel now and then. */
static void write_filter(struct builder *b, const char *key)
{
	bool arches = fuzz_chance(b->r, 12), with_caps = fuzz_chance(b->r, 12),
	     min_kernel = fuzz_chance(b->r, 10);
	if (!arches && !with_caps && !min_kernel)
		return;
	fprintf(b->f, ", \"%s\": {", key);
	if (arches) {
		fprintf(b->f, "\"arches\": ");
		write_string_array(b, docker_arches, sizeof docker_arches / sizeof *docker_arches,
				   1 + (unsigned)fuzz_below(b->r, 3));
	}
	if (with_caps) {
		fprintf(b->f, "%s\"caps\": ", arches ? ", " : "");
		write_string_array(b, caps, sizeof caps / sizeof *caps, 1 + (unsigned)fuzz_below(b->r, 2));
	}
	if (min_kernel) {
		fprintf(b->f, "%s\"minKernel\": \"%s\"", arches || with_caps ? ", " : "",
			PICK(b->r, kernels));
		b->uses_min_kernel = true;
	}
	fprintf(b->f, "}");
}

static void write_rule(struct builder *b, int dflt)
{
	unsigned n = 1 + (unsigned)fuzz_below(b->r, MAX_NAMES_PER_RULE);
	fprintf(b->f, "{\"names\": [");
	for (unsigned i = 0; i < n; i++) {
		const char *name = random_name(b->r);
		fprintf(b->f, "%s\"%s\"", i ? ", " : "", name);
		b->hot_pool[b->n_hot_pool++] = name;
	}
	fprintf(b->f, "], ");
	write_action(b, "action", "errnoRet", rule_action(b->r, dflt));
	if (fuzz_chance(b->r, 45))
		write_args(b);
	write_filter(b, "includes");
	write_filter(b, "excludes");
	fprintf(b->f, "}");
}

/* Every test arch gets a random part of its sub-arches; without archMap
 * the filter covers the target alone. */
static void write_arch_map(struct builder *b)
{
	if (fuzz_chance(b->r, 15))
		return;
	fprintf(b->f, "\"archMap\": [");
	for (size_t i = 0; i < sizeof arch_map / sizeof *arch_map; i++) {
		unsigned n = 0;
		fprintf(b->f, "%s{\"architecture\": \"%s\", \"subArchitectures\": [", i ? ", " : "",
			arch_map[i].arch);
		for (size_t k = 0; k < 2 && arch_map[i].subs[k]; k++)
			if (fuzz_chance(b->r, 75))
				fprintf(b->f, "%s\"%s\"", n++ ? ", " : "", arch_map[i].subs[k]);
		fprintf(b->f, "]}");
	}
	fprintf(b->f, "],\n");
}

static void write_profile(struct builder *b)
{
	int dflt = default_action(b->r);
	unsigned n = 1 + (unsigned)fuzz_below(b->r, MAX_RULES);
	fprintf(b->f, "{");
	write_action(b, "defaultAction", "defaultErrnoRet", dflt);
	fprintf(b->f, ",\n");
	write_arch_map(b);
	fprintf(b->f, "\"syscalls\": [\n");
	for (unsigned i = 0; i < n; i++) {
		fprintf(b->f, "%s", i ? ",\n" : "");
		write_rule(b, dflt);
	}
	fprintf(b->f, "\n]}\n");
}

static void pick_hot(struct builder *b, struct fuzz_case *c)
{
	size_t used = 0;
	c->hot[0] = '\0';
	if (!fuzz_chance(b->r, 25))
		return;
	for (unsigned i = 1 + (unsigned)fuzz_below(b->r, MAX_HOT); i > 0; i--) {
		const char *name = i == 1 && fuzz_chance(b->r, 30)
					   ? "futex" /* maybe in no rule: only a hint */
					   : b->hot_pool[fuzz_below(b->r, b->n_hot_pool)];
		used += (size_t)snprintf(c->hot + used, sizeof c->hot - used, "%s%s",
					 used ? "," : "", name);
		if (used >= sizeof c->hot)
			break;
	}
}

static void pick_options(struct builder *b, struct fuzz_case *c)
{
	c->cap_add = fuzz_chance(b->r, 25) ? PICK(b->r, caps) : NULL;
	c->cap_drop = fuzz_chance(b->r, 15) ? PICK(b->r, caps) : NULL;
	c->has_kernel = b->uses_min_kernel && fuzz_chance(b->r, 50);
	if (c->has_kernel)
		c->kernel = PICK(b->r, option_kernels);
	c->enosys_stub = fuzz_chance(b->r, 85);
	c->trap_log = fuzz_chance(b->r, 10);
	pick_hot(b, c);
}

void fuzz_case_make(struct fuzz_rng *r, struct fuzz_case *c)
{
	struct builder b = {.r = r};
	memset(c, 0, sizeof *c);
	b.f = open_memstream(&c->json, &c->json_len);
	if (!b.f) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	write_profile(&b);
	if (fclose(b.f) != 0) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	pick_options(&b, c);
}

void fuzz_case_free(struct fuzz_case *c)
{
	free(c->json);
	c->json = NULL;
}

void fuzz_case_options(const struct fuzz_case *c, char *out, size_t len)
{
	size_t used = 0;
	out[0] = '\0';
#define ADD(...)                                                                          \
	do {                                                                              \
		if (used < len)                                                           \
			used += (size_t)snprintf(out + used, len - used, __VA_ARGS__);    \
	} while (0)
	if (c->has_kernel)
		ADD(" --kernel %u.%u", c->kernel.major, c->kernel.minor);
	if (c->cap_add)
		ADD(" --cap-add %s", c->cap_add);
	if (c->cap_drop)
		ADD(" --cap-drop %s", c->cap_drop);
	if (!c->enosys_stub)
		ADD(" --no-enosys-stub");
	if (c->trap_log)
		ADD(" --mode trap-log");
	if (c->hot[0])
		ADD(" --hot %s", c->hot);
#undef ADD
}
