#include "diff.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bpf_consts.h"
#include "compare.h"
#include "diag.h"
#include "diff_side.h"
#include "host.h"
#include "syscall_table.h"

struct report {
	const struct se_diff_options *o;
	const struct se_arch *target;
	unsigned long long differences; /* (arch, nr) pairs */
};

static void add_arch(struct se_arch_set *set, const struct se_arch *a)
{
	for (size_t i = 0; i < set->n; i++)
		if (set->arches[i] == a)
			return;
	if (a && set->n < SE_MAX_ARCHES)
		set->arches[set->n++] = a;
}

/* The ABIs a kernel of the target's arch can also run processes in: calls
 * made in them meet the same filter, so they are tried whether or not a
 * side names them. */
static void add_compat_arches(struct se_arch_set *set, const struct se_arch *target)
{
	static const char *const compat[][3] = {
		{"x86_64", "i386", "x32"},     {"aarch64", "arm", NULL},
		{"ppc64", "ppc", NULL},        {"s390x", "s390", NULL},
		{"mips64", "mips", "mips64n32"}, {"mips64el", "mipsel", "mips64eln32"},
		{"parisc64", "parisc", NULL},
	};
	for (size_t i = 0; i < sizeof compat / sizeof *compat; i++)
		if (se_arch_find(compat[i][0]) == target)
			for (int k = 1; k < 3 && compat[i][k]; k++)
				add_arch(set, se_arch_find(compat[i][k]));
}

/* The target and its compat ABIs, the arches the profiles cover, and every arch a layer tests
 * for: each brings its syscall numbers to the inputs. */
static int arch_set(const struct se_diff_side *sides, const struct se_arch *target,
		    struct se_arch_set *out)
{
	*out = (struct se_arch_set){0};
	add_arch(out, target);
	add_compat_arches(out, target);
	for (int s = 0; s < 2; s++)
		for (size_t i = 0; i < sides[s].arches.n; i++)
			add_arch(out, sides[s].arches.arches[i]);
	for (int s = 0; s < 2; s++)
		for (size_t l = 0; l < sides[s].n; l++) {
			struct se_bpf_consts c = {0};
			if (se_bpf_consts_add(&c, sides[s].layers[l].insns, sides[s].layers[l].len)) {
				se_bpf_consts_free(&c);
				return se_internal("out of memory");
			}
			for (size_t i = 0; i < c.word[1].cmp.n; i++)
				add_arch(out, se_arch_by_audit((uint32_t)c.word[1].cmp.v[i]));
			se_bpf_consts_free(&c);
		}
	return 0;
}

/* snprintf at out[*used], never past len (a truncated line stays a line). */
static void append(char *out, size_t len, size_t *used, const char *fmt, ...) SE_PRINTF(4, 5);
static void append(char *out, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	if (*used >= len)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(out + *used, len - *used, fmt, ap);
	va_end(ap);
	*used = n < 0 ? len : *used + (size_t)n;
}

/* "x86_64 nr 90 chmod", "x32 nr 0x40000002 open", "arch 0x12345678 nr 7" */
static void call_words(const struct se_difference *d, char *out, size_t len)
{
	const struct se_arch *a = se_naming_arch(&d->input);
	char buf[64];
	const char *name = a ? se_syscall_name(a, d->input.nr, buf) : NULL;
	size_t used = 0;
	out[0] = '\0';
	if (a)
		append(out, len, &used, "%s", a->uname);
	else
		append(out, len, &used, "arch 0x%08x", (unsigned)d->input.arch);
	append(out, len, &used, d->input.nr < 0x10000 ? " nr %u" : " nr 0x%x", (unsigned)d->input.nr);
	if (name)
		append(out, len, &used, " %s", name);
	if (!d->arch)
		append(out, len, &used, " (an arch neither filter covers)");
}

/* " with args[0]=0x10 args[2]=0x0": the fields either side read. */
static void input_words(const struct se_difference *d, bool big_endian, char *out, size_t len)
{
	uint16_t loaded = d->a.loaded | d->b.loaded;
	size_t used = 0;
	out[0] = '\0';
	for (unsigned s = 0; s < 7; s++) {
		unsigned lo = 2 + 2 * s + (big_endian ? 1 : 0);
		if (!(loaded >> lo & 1) && !(loaded >> (lo ^ 1) & 1))
			continue;
		const char *lead = used ? "" : " with";
		if (s == 0)
			append(out, len, &used, "%s ip=0x%llx", lead, (unsigned long long)d->input.ip);
		else
			append(out, len, &used, "%s args[%u]=0x%llx", lead, s - 1,
			       (unsigned long long)d->input.args[s - 1]);
	}
}

static int print_difference(void *ctx, const struct se_difference *d)
{
	struct report *r = ctx;
	char call[160], args[256], a[80], b[80];
	if (++r->differences > r->o->max && r->o->max)
		return 0; /* counted, not printed */
	call_words(d, call, sizeof call);
	input_words(d, r->target->big_endian, args, sizeof args);
	se_describe_result(&d->a, r->target->errno_family, a, sizeof a);
	se_describe_result(&d->b, r->target->errno_family, b, sizeof b);
	printf("%s%s: A %s, B %s\n", call, args, a, b);
	return 0;
}

static void print_header(const struct se_diff_side *sides, const struct se_arch_set *arches)
{
	printf("A: %s\nB: %s\ncompared on arches", sides[0].what, sides[1].what);
	for (size_t i = 0; i < arches->n; i++)
		printf(" %s", arches->arches[i]->uname);
	printf(", and on arch values neither covers\n");
}

static void print_summary(const struct report *r, int rc, unsigned long long inputs)
{
	if (rc == 0) {
		printf("same verdicts on all %llu inputs tried\n", inputs);
		return;
	}
	if (r->o->max && r->differences > r->o->max)
		printf("... and %llu more (--max 0 lists all)\n", r->differences - r->o->max);
	printf("A and B differ on %llu syscall number%s (of %llu inputs tried)\n", r->differences,
	       r->differences == 1 ? "" : "s", inputs);
}

static int compare(const struct se_diff_options *o, const struct se_arch *target,
		   const struct se_diff_side *sides)
{
	struct se_arch_set arches;
	struct report r = {o, target, 0};
	unsigned long long inputs = 0;
	if (arch_set(sides, target, &arches))
		return -1;
	if (!o->quiet)
		print_header(sides, &arches);
	struct se_stack a = {sides[0].layers, sides[0].n}, b = {sides[1].layers, sides[1].n};
	int rc = se_compare_stacks(&a, &b, &arches, print_difference, &r, &inputs);
	if (rc < 0) {
		se_internal("out of memory");
		return -1;
	}
	if (!o->quiet)
		print_summary(&r, rc, inputs);
	if (fflush(stdout) != 0) {
		se_internal("cannot write the output");
		return -1;
	}
	return rc;
}

int se_diff_run(const struct se_diff_options *o)
{
	const struct se_arch *target = o->compile.arch ? se_arch_find(o->compile.arch) : se_host_arch();
	struct se_diff_side sides[2];
	if (!target)
		return o->compile.arch ? se_fail("--arch %s: not an arch seccomp-embed knows (see "
						 "seccomp-embed compile --help)", o->compile.arch)
				       : se_fail("seccomp-embed does not know this machine's arch: "
						 "give --arch");
	if (se_diff_side_load(o->a, target, &o->compile, o->bare, &sides[0]))
		return SE_EINPUT;
	if (se_diff_side_load(o->b, target, &o->compile, o->bare, &sides[1])) {
		se_diff_side_free(&sides[0]);
		return SE_EINPUT;
	}
	int rc = compare(o, target, sides);
	se_diff_side_free(&sides[0]);
	se_diff_side_free(&sides[1]);
	return rc;
}
