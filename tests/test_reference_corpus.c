/*
 * test_reference_corpus.c - the generator decides exactly as Docker would,
 * on every real profile of ../shared/corpus and eight target arches.
 *
 * For each profile and target (amd64 arm64 x86 arm s390x ppc64le riscv64
 * mips64), the generator's own pipeline (se_compile, then the `bpf` bytes
 * se_emit_bpf writes, decoded in the target's byte order) is run side by
 * side with the reference filter of tests/support/reference_filter.c (what
 * dockerd + runc + libseccomp build, with runc's ENOSYS stub written
 * independently) in the classic-BPF interpreter, on:
 *   - every syscall number 0..1100, every x32 number 0x40000000|n, the
 *     numbers near every name of the profile on that arch (MIPS bases and
 *     ARM private calls included), -1 and a few big values, for every arch
 *     in the filter and two arches that are not;
 *   - for every syscall named in an argument condition, argument vectors
 *     built from the boundary values of every constant in those conditions,
 *     on each argument index used, on every arch where the syscall exists.
 * Profiles using minKernel are compiled with --kernel 6.1 (bpf) and without
 * (C output, one program per kernel range); every variant is checked
 * against the reference built for its kernel.  Any differing verdict fails
 * the test with the profile, arch, nr, arguments and both return values.
 *
 * The whole comparison runs twice: with our optimizing backend (the
 * default) and with --backend libseccomp.
 *
 * Profiles Docker cannot load either (SCMP_ACT_NOTIFY, errnoRet above 4094,
 * arch sets mixing byte orders with the target) must be refused.
 */
#include <dirent.h>
#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bpf_sim.h"
#include "caps.h"
#include "compile.h"
#include "emit.h"
#include "json_doc.h"
#include "options.h"
#include "profile_parse.h"
#include "reference_filter.h"
#include "resolve.h"

#define N_TARGETS 8
static const char *const targets[N_TARGETS] = {"amd64", "arm64", "x86", "arm",
					       "s390x", "ppc64le", "riscv64", "mips64"};

/* Refused whatever the target (Docker could not load them either, or the
 * generator refuses them by design). */
static const struct {
	const char *file, *why;
} must_refuse[] = {
	{"kinvolk-seccompagent-notify-dangerous.json", "SCMP_ACT_NOTIFY is refused by design"},
	{"moby-profiles-fixture-example.json",
	 "errnoRet 12345: libseccomp 2.5.4 refuses errno values above 4094"},
};

/* Docker-style defaults: on their target they must allow some calls and
 * deny others with ERRNO, or the comparison proved nothing. */
static const char *const docker_defaults[] = {
	"moby-profiles-default-latest.json",
	"moby-moby-default-2021-03-minkernel.json",
	"moby-profiles-fixture-default-old-format.json",
	"docker-labs-default.json",
	"docker-labs-default-no-chmod.json",
	"containers-container-libs-podman-default-latest.json",
	"containers-container-libs-fixture-example-archmap.json",
	"apptainer-apptainer-default.json",
	"jessfraz-dotfiles-chrome.json",
};

#define SWEEP_MAX 1100u
#define X32_BIT 0x40000000u
#define AUDIT_ARCH_ALPHA_VALUE 0xC0009026u /* EM_ALPHA | 64BIT | LE: never in a filter */
#define FOREIGN_ARCH_2 0x12345678u
#define MAX_PRINTED_MISMATCHES 12
#define MAX_VERDICTS 32
#define MAX_ARG_VALUES 256
#define MAX_PRODUCT 65536u

static unsigned failures;
/* newer-syscall programs the reference built (struct ref_newer), whose
 * calls the sweeps compared: Docker's default names 9 such syscalls */
static unsigned long long newer_programs;
static enum se_backend backend; /* of the pass under way: ours, then libseccomp */
static unsigned long long per_target_cmp[N_TARGETS];
static unsigned per_target_profiles[N_TARGETS], per_target_refusals[N_TARGETS];

/* ---------------------------------------------------------------------- */
/* Small helpers                                                           */
/* ---------------------------------------------------------------------- */

static void describe(uint32_t ret, char *out, size_t len)
{
	uint32_t data = ret & SECCOMP_RET_DATA;
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS: snprintf(out, len, "KILL_PROCESS"); break;
	case SECCOMP_RET_KILL_THREAD: snprintf(out, len, "KILL_THREAD"); break;
	case SECCOMP_RET_TRAP: snprintf(out, len, "TRAP"); break;
	case SECCOMP_RET_ERRNO: snprintf(out, len, "ERRNO(%u)", (unsigned)data); break;
	case SECCOMP_RET_USER_NOTIF: snprintf(out, len, "NOTIFY"); break;
	case SECCOMP_RET_TRACE: snprintf(out, len, "TRACE(%u)", (unsigned)data); break;
	case SECCOMP_RET_LOG: snprintf(out, len, "LOG"); break;
	case SECCOMP_RET_ALLOW: snprintf(out, len, "ALLOW"); break;
	default: snprintf(out, len, "0x%08x", (unsigned)ret); break;
	}
	if ((ret & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ERRNO &&
	    (ret & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRACE && data) {
		size_t n = strlen(out);
		snprintf(out + n, len - n, "+0x%x", (unsigned)data);
	}
}

static bool in_list(const char *const *list, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return true;
	return false;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct u32_list {
	uint32_t *v;
	size_t n, cap;
};

static void u32_add(struct u32_list *l, uint32_t x)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 4096;
		uint32_t *grown = realloc(l->v, cap * sizeof *grown);
		if (!grown) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
		l->v = grown;
		l->cap = cap;
	}
	l->v[l->n++] = x;
}

static void u32_sort_unique(struct u32_list *l)
{
	size_t k = 0;
	if (!l->n)
		return;
	qsort(l->v, l->n, sizeof *l->v, cmp_u32);
	for (size_t i = 1; i < l->n; i++)
		if (l->v[i] != l->v[k])
			l->v[++k] = l->v[i];
	l->n = k + 1;
}

/* ---------------------------------------------------------------------- */
/* Reverse syscall tables (number -> name) per libseccomp arch token, for  */
/* finding every number a name has (x86 socket: 359 besides socketcall).  */
/* ---------------------------------------------------------------------- */

struct rev_table {
	uint32_t token;
	uint32_t *nr;
	char **name;
	size_t n;
};
static struct rev_table rev_tables[32];
static size_t n_rev_tables;

/* The base of an arch's numbering: MIPS o32/n64/n32 count from 4000, 5000
 * and 6000; everything else from 0 (x32's bit 30 is swept on its own). */
static uint32_t arch_base(uint32_t token)
{
	int read_nr = seccomp_syscall_resolve_name_arch(token, "read");
	if (read_nr >= 1000 && (uint32_t)read_nr < X32_BIT)
		return (uint32_t)read_nr / 1000u * 1000u;
	return 0;
}

static const struct rev_table *rev_table(uint32_t token)
{
	struct rev_table *t;
	uint32_t base = arch_base(token), x32 = token == SCMP_ARCH_X32 ? X32_BIT : 0;
	for (size_t i = 0; i < n_rev_tables; i++)
		if (rev_tables[i].token == token)
			return &rev_tables[i];
	if (n_rev_tables == sizeof rev_tables / sizeof rev_tables[0])
		return NULL;
	t = &rev_tables[n_rev_tables++];
	t->token = token;
	t->nr = calloc(2 * (SWEEP_MAX + 1) + 16, sizeof *t->nr);
	t->name = calloc(2 * (SWEEP_MAX + 1) + 16, sizeof *t->name);
	if (!t->nr || !t->name) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	for (int pass = 0; pass < 2; pass++) {
		uint32_t from = pass == 0 ? x32 : base | x32;
		if (pass == 1 && base == 0)
			break;
		for (uint32_t n = 0; n <= SWEEP_MAX; n++) {
			char *name = seccomp_syscall_resolve_num_arch(token, (int)(from + n));
			if (!name)
				continue;
			t->nr[t->n] = from + n;
			t->name[t->n++] = name;
		}
	}
	/* ARM's private calls (breakpoint, cacheflush, set_tls) sit at 0x0f0000 */
	for (uint32_t n = 0x0f0000; token == SCMP_ARCH_ARM && n <= 0x0f0008; n++) {
		char *name = seccomp_syscall_resolve_num_arch(token, (int)n);
		if (!name)
			continue;
		t->nr[t->n] = n;
		t->name[t->n++] = name;
	}
	return t;
}

static void rev_tables_free(void)
{
	for (size_t i = 0; i < n_rev_tables; i++) {
		for (size_t k = 0; k < rev_tables[i].n; k++)
			free(rev_tables[i].name[k]);
		free(rev_tables[i].name);
		free(rev_tables[i].nr);
	}
	n_rev_tables = 0;
}

/* Every number `name` has on `token`: libseccomp's own, the multiplexer
 * it rewrites to (socketcall, ipc), and direct numbers found by reverse
 * lookup. */
static void numbers_of(uint32_t token, const char *name, struct u32_list *out)
{
	const struct rev_table *t = rev_table(token);
	int nr = seccomp_syscall_resolve_name_arch(token, name);
	int rw = seccomp_syscall_resolve_name_rewrite(token, name);
	out->n = 0;
	if (nr >= 0)
		u32_add(out, (uint32_t)nr);
	if (rw >= 0)
		u32_add(out, (uint32_t)rw);
	for (size_t i = 0; t && i < t->n; i++)
		if (strcmp(t->name[i], name) == 0)
			u32_add(out, t->nr[i]);
	u32_sort_unique(out);
}

/* ---------------------------------------------------------------------- */
/* Running both programs                                                   */
/* ---------------------------------------------------------------------- */

struct run {
	const char *profile, *target, *what;
	const struct sock_filter *gen;
	size_t gen_len;
	const struct ref_filter *ref; /* run with ref_filter_run */
	bool big_endian;
	uint32_t target_audit;
	unsigned long long comparisons, mismatches, arg_comparisons;
	uint32_t target_verdicts[MAX_VERDICTS]; /* seen on the target's own arch */
	size_t n_target_verdicts;
	uint32_t filter_verdicts[MAX_VERDICTS]; /* seen on any arch in the filter */
	size_t n_filter_verdicts;
	uint32_t foreign_verdicts[MAX_VERDICTS]; /* seen on arches not in it */
	size_t n_foreign_verdicts;
};

static void note_verdict(uint32_t *set, size_t *n, uint32_t v)
{
	for (size_t i = 0; i < *n; i++)
		if (set[i] == v)
			return;
	if (*n < MAX_VERDICTS)
		set[(*n)++] = v;
}

static bool has_verdict(const uint32_t *set, size_t n, uint32_t v)
{
	for (size_t i = 0; i < n; i++)
		if (set[i] == v)
			return true;
	return false;
}

enum where { ON_TARGET, IN_FILTER, FOREIGN };

static void compare_one(struct run *r, const struct bpf_sim_data *d, enum where w)
{
	uint32_t g = bpf_sim_run(r->gen, r->gen_len, d, r->big_endian, NULL);
	uint32_t f = ref_filter_run(r->ref, d);
	r->comparisons++;
	if (w == FOREIGN)
		note_verdict(r->foreign_verdicts, &r->n_foreign_verdicts, f);
	else
		note_verdict(r->filter_verdicts, &r->n_filter_verdicts, f);
	if (w == ON_TARGET)
		note_verdict(r->target_verdicts, &r->n_target_verdicts, f);
	if (g == f)
		return;
	if (r->mismatches++ < MAX_PRINTED_MISMATCHES) {
		char gs[40], fs[40];
		describe(g, gs, sizeof gs);
		describe(f, fs, sizeof fs);
		printf("MISMATCH %s --arch %s (%s): arch=0x%08x nr=%d (0x%08x) "
		       "args=[0x%llx 0x%llx 0x%llx 0x%llx 0x%llx 0x%llx] "
		       "generator=0x%08x %s reference=0x%08x %s\n",
		       r->profile, r->target, r->what, (unsigned)d->arch, (int)d->nr,
		       (unsigned)d->nr, (unsigned long long)d->args[0],
		       (unsigned long long)d->args[1], (unsigned long long)d->args[2],
		       (unsigned long long)d->args[3], (unsigned long long)d->args[4],
		       (unsigned long long)d->args[5], (unsigned)g, gs, (unsigned)f, fs);
	}
}

/* The syscall-number sweep, arguments all zero. */
static void sweep_arch(struct run *r, const struct se_profile *p, const struct ref_filter *ref,
		       uint32_t audit, enum where w)
{
	static const uint32_t specials[] = {0xffffffffu, 0x7fffffffu, 0x80000000u, 0xbfffffffu,
					    0x40000000u - 1u, 0xfffffffeu};
	struct u32_list nrs = {0}, tmp = {0};
	struct bpf_sim_data d;

	for (uint32_t n = 0; n <= SWEEP_MAX; n++) {
		u32_add(&nrs, n);
		u32_add(&nrs, X32_BIT | n);
	}
	for (size_t i = 0; i < sizeof specials / sizeof specials[0]; i++)
		u32_add(&nrs, specials[i]);
	/* each token of this audit arch: its numbering base, and the numbers
	 * next to every name the profile uses */
	for (size_t a = 0; w != FOREIGN && a < ref->n_arches; a++) {
		const struct ref_arch *ra = ref->arches[a];
		uint32_t base = arch_base(ra->token);
		if (ra->audit_arch != audit)
			continue;
		for (uint32_t n = 0; base && n <= SWEEP_MAX; n++)
			u32_add(&nrs, base + n);
		for (size_t i = 0; i < p->n_rules; i++)
			for (size_t k = 0; k < p->rules[i].names.n; k++) {
				numbers_of(ra->token, p->rules[i].names.items[k], &tmp);
				for (size_t j = 0; j < tmp.n; j++) {
					u32_add(&nrs, tmp.v[j] - 1);
					u32_add(&nrs, tmp.v[j]);
					u32_add(&nrs, tmp.v[j] + 1);
				}
			}
	}
	u32_sort_unique(&nrs);
	memset(&d, 0, sizeof d);
	d.arch = audit;
	d.instruction_pointer = 0x7f0000001000ull;
	for (size_t i = 0; i < nrs.n; i++) {
		d.nr = (int32_t)nrs.v[i];
		compare_one(r, &d, w);
	}
	free(nrs.v);
	free(tmp.v);
}

/* Boundary values of the constants of the argument conditions. */
struct arg_values {
	uint64_t v[6][MAX_ARG_VALUES];
	size_t n[6];
	bool used[6];
};

static void add_value(struct arg_values *av, unsigned idx, uint64_t x)
{
	for (size_t i = 0; i < av->n[idx]; i++)
		if (av->v[idx][i] == x)
			return;
	if (av->n[idx] < MAX_ARG_VALUES)
		av->v[idx][av->n[idx]++] = x;
}

static void add_boundaries(struct arg_values *av, unsigned idx, uint64_t c)
{
	add_value(av, idx, c - 1);
	add_value(av, idx, c);
	add_value(av, idx, c + 1);
	add_value(av, idx, c & 0xffffffffull);         /* low half alone */
	add_value(av, idx, c & 0xffffffff00000000ull); /* high half alone */
	add_value(av, idx, 0xffffffff00000000ull | (c & 0xffffffffull)); /* high set, low matching */
	add_value(av, idx, (c & 0xffffffffull) - 1);
	add_value(av, idx, (c & 0xffffffffull) + 1);
	add_value(av, idx, 0);
	add_value(av, idx, UINT64_MAX);
}

static void collect_arg_values(const struct se_profile *p, const char *name, struct arg_values *av)
{
	memset(av, 0, sizeof *av);
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct se_rule *r = &p->rules[i];
		bool names_it = false;
		for (size_t k = 0; k < r->names.n; k++)
			names_it |= strcmp(r->names.items[k], name) == 0;
		if (!names_it)
			continue;
		for (size_t a = 0; a < r->n_args; a++) {
			const struct se_arg *g = &r->args[a];
			unsigned idx = g->index;
			if (idx > 5)
				continue;
			av->used[idx] = true;
			add_boundaries(av, idx, g->value);
			if (g->op != SE_OP_MASKED_EQ)
				continue;
			/* value is the mask, valueTwo the expected masked value */
			add_boundaries(av, idx, g->value_two);
			add_value(av, idx, g->value_two | ~g->value); /* matches, all else set */
			add_value(av, idx, g->value & ~g->value_two);
			for (unsigned b = 0; b < 64; b++)
				if (g->value >> b & 1) {
					add_value(av, idx, 1ull << b);
					add_value(av, idx, g->value_two ^ (1ull << b));
				}
		}
	}
}

static void run_vectors(struct run *r, const struct arg_values *av, uint32_t audit, uint32_t nr,
			enum where w)
{
	static const uint64_t fillers[] = {0, 0xa5a5a5a5a5a5a5a5ull};
	unsigned idx[6], k = 0;
	size_t product = 1;
	struct bpf_sim_data d;

	for (unsigned i = 0; i < 6; i++)
		if (av->used[i]) {
			idx[k++] = i;
			product *= av->n[i];
		}
	if (k == 0)
		return;
	memset(&d, 0, sizeof d);
	d.arch = audit;
	d.nr = (int32_t)nr;
	for (size_t f = 0; f < sizeof fillers / sizeof fillers[0]; f++) {
		for (unsigned i = 0; i < 6; i++)
			d.args[i] = fillers[f];
		if (product <= MAX_PRODUCT) {
			for (size_t c = 0; c < product; c++) {
				size_t rest = c;
				for (unsigned j = 0; j < k; j++) {
					d.args[idx[j]] = av->v[idx[j]][rest % av->n[idx[j]]];
					rest /= av->n[idx[j]];
				}
				compare_one(r, &d, w);
			}
		} else {
			for (unsigned j = 0; j < k; j++) {
				for (size_t v = 0; v < av->n[idx[j]]; v++) {
					d.args[idx[j]] = av->v[idx[j]][v];
					compare_one(r, &d, w);
				}
				d.args[idx[j]] = fillers[f];
			}
		}
	}
}

/* Argument vectors for every syscall named in an argument condition. */
static void argument_tests(struct run *r, const struct se_profile *p, const struct ref_filter *ref)
{
	const char *done[256];
	size_t n_done = 0;
	struct u32_list nrs = {0};
	struct arg_values *av = malloc(sizeof *av);

	if (!av) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct se_rule *rule = &p->rules[i];
		if (!rule->n_args)
			continue;
		for (size_t k = 0; k < rule->names.n; k++) {
			const char *name = rule->names.items[k];
			if (in_list(done, n_done, name) || n_done == 256)
				continue;
			done[n_done++] = name;
			collect_arg_values(p, name, av);
			for (size_t a = 0; a < ref->n_arches; a++) {
				const struct ref_arch *ra = ref->arches[a];
				enum where w = ra->audit_arch == r->target_audit ? ON_TARGET : IN_FILTER;
				numbers_of(ra->token, name, &nrs);
				for (size_t j = 0; j < nrs.n; j++)
					run_vectors(r, av, ra->audit_arch, nrs.v[j], w);
			}
		}
	}
	free(nrs.v);
	free(av);
}

static void compare_programs(struct run *r, const struct se_profile *p, const struct ref_filter *ref)
{
	uint32_t audits[REF_MAX_ARCHES];
	size_t n_audits = 0;

	for (size_t a = 0; a < ref->n_arches; a++) {
		bool seen = false;
		for (size_t k = 0; k < n_audits; k++)
			seen |= audits[k] == ref->arches[a]->audit_arch;
		if (!seen)
			audits[n_audits++] = ref->arches[a]->audit_arch;
	}
	unsigned long long before;
	for (size_t k = 0; k < n_audits; k++)
		sweep_arch(r, p, ref, audits[k], audits[k] == r->target_audit ? ON_TARGET : IN_FILTER);
	sweep_arch(r, p, ref, AUDIT_ARCH_ALPHA_VALUE, FOREIGN);
	sweep_arch(r, p, ref, FOREIGN_ARCH_2, FOREIGN);
	before = r->comparisons;
	argument_tests(r, p, ref);
	r->arg_comparisons = r->comparisons - before;
}

/* ---------------------------------------------------------------------- */
/* One profile, one target                                                 */
/* ---------------------------------------------------------------------- */

static void fill_options(struct se_options *o, const char *path, const char *arch,
			 enum se_format format, bool has_kernel, struct se_kernel_version k)
{
	memset(o, 0, sizeof *o);
	o->profile = path;
	o->arch = arch;
	o->format = format;
	o->name = "seccomp_embed_filter";
	o->mode = SE_MODE_ENFORCE;
	o->enosys_stub = true;
	o->quiet = true;
	o->backend = backend;
	o->has_kernel = has_kernel;
	o->kernel = k;
}

static bool valid_program(const char *who, const char *profile, const char *arch,
			  const struct sock_filter *insns, size_t len)
{
	char err[200];
	if (bpf_sim_check(insns, len, err, sizeof err) == 0)
		return true;
	printf("FAIL %s --arch %s: the %s program would not load: %s\n", profile, arch, who, err);
	failures++;
	return false;
}

static void verdict_list(const uint32_t *set, size_t n, char *out, size_t len)
{
	uint32_t sorted[MAX_VERDICTS];
	size_t used = 0;
	memcpy(sorted, set, n * sizeof *set);
	qsort(sorted, n, sizeof *sorted, cmp_u32);
	out[0] = '\0';
	for (size_t i = 0; i < n && used + 1 < len; i++) {
		char one[40];
		describe(sorted[i], one, sizeof one);
		used += (size_t)snprintf(out + used, len - used, "%s%s", i ? " " : "", one);
	}
}

/* The comparison must have seen something: the default action, at least
 * two outcomes when the profile adds rules, KILL on foreign arches, and for
 * Docker-style defaults ALLOW and ERRNO on the target (ENOSYS too where
 * runc's stub covers the target). */
static void check_not_vacuous(const struct run *r, const struct ref_filter *ref, bool docker_default)
{
	bool target_section = false;
	for (size_t i = 0; i < ref->n_sections; i++)
		target_section |= ref->sections[i].audit_arch == r->target_audit;
	if (!has_verdict(r->filter_verdicts, r->n_filter_verdicts, ref->default_value)) {
		printf("FAIL %s --arch %s (%s): the default action never came out\n", r->profile,
		       r->target, r->what);
		failures++;
	}
	if (ref->rules_added && r->n_filter_verdicts < 2) {
		printf("FAIL %s --arch %s (%s): %zu rules added but one verdict only\n", r->profile,
		       r->target, r->what, ref->rules_added);
		failures++;
	}
	if (r->n_foreign_verdicts != 1 || r->foreign_verdicts[0] != SECCOMP_RET_KILL_THREAD) {
		printf("FAIL %s --arch %s (%s): foreign arches did not all get KILL_THREAD\n",
		       r->profile, r->target, r->what);
		failures++;
	}
	if (!docker_default)
		return;
	if (!has_verdict(r->target_verdicts, r->n_target_verdicts, SECCOMP_RET_ALLOW) ||
	    !has_verdict(r->target_verdicts, r->n_target_verdicts, ref->default_value) ||
	    (target_section && ref->has_stub &&
	     !has_verdict(r->target_verdicts, r->n_target_verdicts, ref->enosys_value))) {
		printf("FAIL %s --arch %s (%s): a Docker default should ALLOW some calls, give "
		       "its default to others%s\n", r->profile, r->target, r->what,
		       target_section ? " and ENOSYS above the stub's maximum" : "");
		failures++;
	}
}

static bool same_arch_set(const struct se_compiled *c, const struct ref_filter *ref)
{
	if (c->arches.n != ref->n_arches)
		return false;
	for (size_t i = 0; i < c->arches.n; i++) {
		bool found = false;
		for (size_t k = 0; k < ref->n_arches; k++)
			found |= c->arches.arches[i]->token == ref->arches[k]->token;
		if (!found)
			return false;
	}
	return true;
}

/* Compare one generator program with the reference for kernel `k`. */
static unsigned long long check_variant(const char *profile, const char *arch, int ti,
					const struct se_profile *p, const struct se_target *t,
					const struct se_compiled *c, const struct sock_filter *gen,
					size_t gen_len, struct se_kernel_version k, const char *what,
					bool docker_default)
{
	struct ref_filter ref;
	struct run r;
	char verdicts[400], sections[200] = "";
	int rc = ref_filter_build(p, t, k, true, &ref);

	if (rc != REF_OK) {
		printf("FAIL %s --arch %s (%s): the generator compiled it but the reference %s: "
		       "%s\n", profile, arch, what,
		       rc == REF_REFUSED ? "(libseccomp, hence Docker) refuses it" : "failed",
		       ref.why);
		failures++;
		ref_filter_free(&ref);
		return 0;
	}
	if (!same_arch_set(c, &ref)) {
		printf("FAIL %s --arch %s (%s): arch sets differ (generator %zu arches, "
		       "reference %zu)\n", profile, arch, what, c->arches.n, ref.n_arches);
		failures++;
	}
	if (!valid_program("generator's", profile, arch, gen, gen_len) ||
	    !valid_program("reference", profile, arch, ref.insns, ref.len)) {
		ref_filter_free(&ref);
		return 0;
	}
	memset(&r, 0, sizeof r);
	r.profile = profile;
	r.target = arch;
	r.what = what;
	r.gen = gen;
	r.gen_len = gen_len;
	r.ref = &ref;
	r.big_endian = ref.big_endian;
	r.target_audit = ref.arches[0]->audit_arch;
	compare_programs(&r, p, &ref);
	if (r.mismatches) {
		printf("FAIL %s --arch %s (%s): %llu of %llu verdicts differ\n", profile, arch, what,
		       r.mismatches, r.comparisons);
		failures++;
	}
	check_not_vacuous(&r, &ref, docker_default);
	if (strcmp(profile, "moby-profiles-default-latest.json") == 0 && ref.n_newer == 0) {
		printf("FAIL %s --arch %s (%s): the reference built no program for syscalls newer "
		       "than libseccomp: the comparison would not cover them\n", profile, arch, what);
		failures++;
	}
	newer_programs += ref.n_newer;
	per_target_cmp[ti] += r.comparisons;
	{
		size_t used = 0;
		verdict_list(r.filter_verdicts, r.n_filter_verdicts, verdicts, sizeof verdicts);
		if (!ref.has_stub)
			snprintf(sections, sizeof sections, "no stub");
		else if (!ref.n_sections)
			snprintf(sections, sizeof sections, "stub without sections");
		for (size_t i = 0; ref.has_stub && i < ref.n_sections && used + 1 < sizeof sections;
		     i++) {
			const struct ref_stub_section *s = &ref.sections[i];
			used += (size_t)snprintf(sections + used, sizeof sections - used, "%s0x%08x",
						 i ? " " : "stub ", (unsigned)s->audit_arch);
			if (s->max_native >= 0 && used + 1 < sizeof sections)
				used += (size_t)snprintf(sections + used, sizeof sections - used,
							 ">%ld", s->max_native);
			if (s->max_x32 >= 0 && used + 1 < sizeof sections)
				used += (size_t)snprintf(sections + used, sizeof sections - used,
							 " x32>0x%lx", s->max_x32);
		}
		printf("  %-8s %-18s %6llu compared (%llu with arguments), %zu arches, %zu/%zu "
		       "insns (generator/reference), %s, %zu RETs unswapped; verdicts: %s\n",
		       arch, what, r.comparisons, r.arg_comparisons, ref.n_arches, gen_len, ref.len,
		       sections, ref.ret_fixes, verdicts);
	}
	ref_filter_free(&ref);
	return r.comparisons;
}

/* The `bpf` bytes the generator writes, decoded as the target would. */
static struct sock_filter *emitted_program(const struct se_compiled *c, size_t *len)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	struct sock_filter *insns = NULL;
	*len = 0;
	if (!f)
		return NULL;
	if (se_emit_bpf(f, c) != 0) {
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	insns = calloc(size / 8 + 1, sizeof *insns);
	if (insns) {
		long n = bpf_sim_decode((const unsigned char *)buf, size, c->target.arch->big_endian,
					insns, size / 8 + 1);
		if (n < 0) {
			free(insns);
			insns = NULL;
		} else {
			*len = (size_t)n;
		}
	}
	free(buf);
	return insns;
}

static bool programs_equal(const struct se_program *a, const struct sock_filter *b, size_t b_len)
{
	if (a->len != b_len)
		return false;
	for (size_t i = 0; i < b_len; i++)
		if (a->insns[i].code != b[i].code || a->insns[i].jt != b[i].jt ||
		    a->insns[i].jf != b[i].jf || a->insns[i].k != b[i].k)
			return false;
	return true;
}

/*
 * The corpus lists x86_64 and x32 together or not at all, so the ENOSYS
 * stub's "amd64 only" and "x32 only" paths would go untested.  For amd64
 * and a profile whose `architectures` name x32, also compare with that
 * list cut down (in memory; the profile is otherwise unchanged).
 */
static unsigned long long check_arch_subsets(const char *path, const char *file, int ti,
					     struct se_profile *p, const struct se_target *t,
					     bool uses_kernel)
{
	static char x86_64[] = "SCMP_ARCH_X86_64", x86[] = "SCMP_ARCH_X86", x32[] = "SCMP_ARCH_X32";
	static char *const subsets[][2] = {{x86_64, NULL}, {x32, NULL}, {x86_64, x86}, {x32, x86}};
	struct se_kernel_version k61 = {6, 1}, none = {0, 0};
	const struct se_strings saved = p->architectures;
	unsigned long long n = 0;
	bool has_x32 = false;

	for (size_t i = 0; i < saved.n; i++)
		has_x32 |= strcmp(saved.items[i], x32) == 0;
	if (strcmp(targets[ti], "amd64") != 0 || !has_x32)
		return 0;
	for (size_t s = 0; s < sizeof subsets / sizeof subsets[0]; s++) {
		char *items[2] = {subsets[s][0], subsets[s][1]};
		struct se_diag d = {.file = path, .quiet = 1};
		struct se_options o;
		struct se_compiled c;
		char what[64];
		size_t len = 0;
		struct sock_filter *gen;

		p->architectures.items = items;
		p->architectures.n = items[1] ? 2 : 1;
		snprintf(what, sizeof what, "arches=%s%s%s", items[0] + 10, items[1] ? "," : "",
			 items[1] ? items[1] + 10 : "");
		fill_options(&o, path, targets[ti], SE_FORMAT_BPF, uses_kernel, k61);
		if (se_compile(&d, p, &o, &c) != 0) {
			printf("FAIL %s --arch %s (%s): refused\n", file, targets[ti], what);
			failures++;
		} else if (!(gen = emitted_program(&c, &len))) {
			printf("FAIL %s --arch %s (%s): cannot read back the bpf output\n", file,
			       targets[ti], what);
			failures++;
		} else {
			n += check_variant(file, targets[ti], ti, p, t, &c, gen, len,
					   uses_kernel ? k61 : none, what, false);
			free(gen);
		}
		se_compiled_free(&c);
	}
	p->architectures = saved;
	return n;
}

static unsigned long long check_target(const char *path, const char *file, const cJSON *root,
				       int ti)
{
	const char *arch = targets[ti];
	const struct se_arch *ga = se_arch_find(arch);
	struct se_diag d = {.file = path, .quiet = 1};
	struct se_profile p;
	struct se_target t;
	struct se_options o;
	struct se_compiled c;
	struct se_kernel_version th[SE_MAX_VARIANTS], k61 = {6, 1}, none = {0, 0};
	struct ref_filter probe;
	bool uses_kernel, docker_default;
	unsigned long long n = 0;
	int gen_rc, ref_rc;

	memset(&p, 0, sizeof p);
	if (!ga) {
		printf("FAIL: the generator does not know --arch %s\n", arch);
		failures++;
		return 0;
	}
	for (size_t i = 0; i < sizeof must_refuse / sizeof must_refuse[0]; i++) {
		if (strcmp(file, must_refuse[i].file) != 0)
			continue;
		fill_options(&o, path, arch, SE_FORMAT_BPF, false, none);
		if (se_profile_parse(&d, root, ga->errno_family, &p) == 0) {
			gen_rc = se_compile(&d, &p, &o, &c);
			se_compiled_free(&c);
		} else {
			gen_rc = SE_EINPUT;
		}
		if (gen_rc == 0) {
			printf("FAIL %s --arch %s: compiled, but must be refused (%s)\n", file,
			       arch, must_refuse[i].why);
			failures++;
		} else {
			printf("  %-8s refused, as it must be: %s\n", arch, must_refuse[i].why);
			per_target_refusals[ti]++;
		}
		se_profile_free(&p);
		return 0;
	}
	if (se_profile_parse(&d, root, ga->errno_family, &p) != 0) {
		printf("FAIL %s --arch %s: the generator cannot parse it\n", file, arch);
		failures++;
		se_profile_free(&p);
		return 0;
	}
	docker_default = in_list(docker_defaults, sizeof docker_defaults / sizeof *docker_defaults,
				 file);
	t.arch = ga;
	if (se_caps_docker(NULL, 0, NULL, 0, &t.caps) != 0) {
		printf("FAIL: se_caps_docker refused the default capability set\n");
		failures++;
		se_profile_free(&p);
		return 0;
	}
	uses_kernel = se_kernel_thresholds(&p, th, SE_MAX_VARIANTS) > 0;

	/* 1. `--format bpf` (with --kernel 6.1 when minKernel is used) */
	fill_options(&o, path, arch, SE_FORMAT_BPF, uses_kernel, k61);
	gen_rc = se_compile(&d, &p, &o, &c);
	ref_rc = ref_filter_build(&p, &t, uses_kernel ? k61 : none, true, &probe);
	if (ref_rc == REF_REFUSED || gen_rc != 0) {
		if (ref_rc == REF_REFUSED && gen_rc != 0) {
			printf("  %-8s refused by both, as Docker would fail: %s\n", arch, probe.why);
			per_target_refusals[ti]++;
		} else if (ref_rc == REF_REFUSED) {
			printf("FAIL %s --arch %s: compiled, but libseccomp (hence Docker) refuses "
			       "it: %s\n", file, arch, probe.why);
			failures++;
		} else {
			printf("FAIL %s --arch %s: the generator refused it, but Docker would load "
			       "it%s%s\n", file, arch, ref_rc == REF_OK ? "" : "; reference: ",
			       ref_rc == REF_OK ? "" : probe.why);
			failures++;
		}
		ref_filter_free(&probe);
		se_compiled_free(&c);
		se_profile_free(&p);
		return 0;
	}
	ref_filter_free(&probe);
	{
		size_t len;
		struct sock_filter *gen = emitted_program(&c, &len);
		if (!gen) {
			printf("FAIL %s --arch %s: cannot read back the bpf output\n", file, arch);
			failures++;
		} else {
			n += check_variant(file, arch, ti, &p, &t, &c, gen, len,
					   uses_kernel ? k61 : none,
					   uses_kernel ? "bpf --kernel 6.1" : "bpf", docker_default);
			free(gen);
		}
	}

	/* 2. the stub's x86_64/x32 cases the corpus does not reach by itself */
	n += check_arch_subsets(path, file, ti, &p, &t, uses_kernel);

	/* 3. `--format c` without --kernel: one program per kernel range, and
	 * one for kernels before 5.11 where it comes out differently */
	{
		struct se_compiled cc;
		fill_options(&o, path, arch, SE_FORMAT_C, false, none);
		if (se_compile(&d, &p, &o, &cc) != 0) {
			printf("FAIL %s --arch %s: --format c without --kernel refused\n", file, arch);
			failures++;
		} else {
			/* without minKernel, today's kernels get the bpf output's program */
			const struct se_variant *today = &cc.variants[cc.n_variants - 1];
			if (!uses_kernel && (cc.n_variants > 2 ||
					     !programs_equal(&today->prog, c.variants[0].prog.insns,
							     c.variants[0].prog.len))) {
				printf("FAIL %s --arch %s: the C output's program for current kernels "
				       "differs from the bpf output's\n", file, arch);
				failures++;
			}
			for (size_t v = 0; v < cc.n_variants; v++) {
				char what[64];
				struct se_kernel_version mk = cc.variants[v].min_kernel;
				snprintf(what, sizeof what, "c, kernel >= %u.%u", mk.major, mk.minor);
				n += check_variant(file, arch, ti, &p, &t, &cc, cc.variants[v].prog.insns,
						   cc.variants[v].prog.len, mk, what, docker_default);
			}
		}
		se_compiled_free(&cc);
	}
	se_compiled_free(&c);
	se_profile_free(&p);
	per_target_profiles[ti]++;
	return n;
}

static void check_profile(const char *dir, const char *file)
{
	char path[4096];
	struct se_diag d = {.file = path, .quiet = 1};
	cJSON *root;
	unsigned long long total = 0;
	unsigned before = failures;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	printf("%s\n", file);
	root = se_json_load(&d, path);
	if (!root) {
		printf("FAIL %s: cannot load it\n", path);
		failures++;
		return;
	}
	for (int ti = 0; ti < N_TARGETS; ti++)
		total += check_target(path, strrchr(path, '/') + 1, root, ti);
	cJSON_Delete(root);
	printf("  => %llu comparisons%s\n", total, failures == before ? "" : " (FAILED)");
}

static size_t list_json(const char *dir, char ***out)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	*out = NULL;
	if (!dp)
		return 0;
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		char **grown;
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		grown = realloc(names, (n + 1) * sizeof *names);
		if (!grown || !(grown[n] = strdup(e->d_name))) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
		names = grown;
		n++;
	}
	closedir(dp);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	*out = names;
	return n;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

int main(void)
{
	const char *corpus = getenv("SECCOMP_EMBED_CORPUS");
	char sub[4096];
	const char *dirs[2];
	struct timespec t0;
	unsigned long long total = 0;
	size_t n_files = 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!corpus || !*corpus)
		corpus = "../shared/corpus";
	{
		DIR *dp = opendir(corpus);
		if (!dp) {
			printf("SKIP: ../shared/corpus not found (%s)\n", corpus);
			return 77; /* CTest: Skipped, not a pass that checked nothing */
		}
		closedir(dp);
	}
	snprintf(sub, sizeof sub, "%s/oci-config", corpus);
	dirs[0] = corpus;
	dirs[1] = sub;
	for (int b = SE_BACKEND_OURS; b <= SE_BACKEND_LIBSECCOMP; b++) {
		backend = (enum se_backend)b;
		printf("== --backend %s\n", backend == SE_BACKEND_OURS ? "ours" : "libseccomp");
		n_files = 0;
		for (int di = 0; di < 2; di++) {
			char **files;
			size_t n = list_json(dirs[di], &files);
			for (size_t i = 0; i < n; i++) {
				check_profile(dirs[di], files[i]);
				free(files[i]);
			}
			free(files);
			n_files += n;
		}
	}
	if (n_files == 0) {
		printf("FAIL: no *.json profile in %s\n", corpus);
		failures++;
	}
	for (size_t i = 0; i < sizeof must_refuse / sizeof must_refuse[0]; i++) {
		char path[4096];
		FILE *f;
		snprintf(path, sizeof path, "%s/%s", corpus, must_refuse[i].file);
		if (!(f = fopen(path, "r"))) {
			printf("FAIL: %s is missing: its refusal was not checked\n", path);
			failures++;
		} else {
			fclose(f);
		}
	}
	printf("\ncomparisons per target arch, both backends (profiles compared, refusals "
	       "asserted):\n");
	for (int ti = 0; ti < N_TARGETS; ti++) {
		printf("  %-8s %10llu  (%u compared, %u refused)\n", targets[ti], per_target_cmp[ti],
		       per_target_profiles[ti], per_target_refusals[ti]);
		total += per_target_cmp[ti];
	}
	rev_tables_free();
	printf("%zu profiles, %llu comparisons (%llu newer-syscall programs among the references), "
	       "%u failures, %.2f s\n", n_files, total, newer_programs, failures,
	       seconds_since(&t0));
	return failures ? 1 : 0;
}
