#include "newer_syscalls.h"

#include <linux/filter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libseccomp_build.h"
#include "syscall_table.h"

#define STAND_IN "getpid" /* on every arch, and no arch rewrites it */

/* What the accumulator holds on entry to an instruction: a word of
 * seccomp_data by its offset, or one of these. */
#define UNREACHED UINT32_MAX
#define UNKNOWN (UINT32_MAX - 1)

/* One (arch, syscall) that libseccomp cannot number. */
struct newer {
	size_t arch; /* index into the arch set */
	const char *name;
	uint32_t nr;
	struct se_program prog; /* libseccomp's for it, its nr compare set to nr */
};

struct newer_list {
	struct newer *v;
	size_t n, cap;
};

static bool listed(const struct newer_list *l, size_t arch, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].arch == arch && strcmp(l->v[i].name, name) == 0)
			return true;
	return false;
}

static int push(struct newer_list *l, size_t arch, const char *name, uint32_t nr)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct newer *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return -1;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct newer){arch, name, nr, {NULL, 0}};
	return 0;
}

static bool decides(const struct se_newer_rules *r, size_t i)
{
	return r->applies[i] && r->value[i] != r->default_value;
}

/* Every (arch, name) a rule in effect names that the kernel's tables
 * number on that arch and libseccomp does not (or that `as_newer` lists). */
static int collect(const struct se_newer_rules *r, const struct se_arch_set *arches,
		   struct newer_list *out)
{
	for (size_t i = 0; i < r->profile->n_rules; i++)
		for (size_t k = 0; decides(r, i) && k < r->profile->rules[i].names.n; k++) {
			const char *name = r->profile->rules[i].names.items[k];
			for (size_t a = 0; a < arches->n; a++) {
				long nr = se_syscall_nr(arches->arches[a], name, SE_SYSCALLS_KERNEL);
				bool forced = r->as_newer && se_strings_contains(r->as_newer, name);
				if (nr < 0 || (se_libseccomp_has(arches->arches[a], name) && !forced) ||
				    listed(out, a, name))
					continue;
				if (push(out, a, name, (uint32_t)nr))
					return -1;
			}
		}
	return 0;
}

static uint32_t merge(uint32_t held, uint32_t incoming)
{
	return held == UNREACHED || held == incoming ? incoming : UNKNOWN;
}

/* Sets the compare of nr with `from` to `to`: the program has rules for one
 * syscall, so there is exactly one, a JEQ, on the path where A holds nr.
 * Returns 0, or -1 if the program is not of that shape. */
static int set_number(struct se_program *p, uint32_t from, uint32_t to)
{
	uint32_t *held = malloc((p->len ? p->len : 1) * sizeof *held);
	int set = 0, other = 0;
	if (!held)
		return -1;
	for (size_t i = 0; i < p->len; i++)
		held[i] = i == 0 ? UNKNOWN : UNREACHED;
	for (size_t i = 0; i < p->len; i++) {
		struct sock_filter *f = &p->insns[i];
		uint32_t a = held[i];
		if (a == UNREACHED || BPF_CLASS(f->code) == BPF_RET)
			continue;
		if (BPF_CLASS(f->code) == BPF_JMP && a == 0 && BPF_SRC(f->code) == BPF_K &&
		    (f->k == from || f->k == to)) {
			if (BPF_OP(f->code) == BPF_JEQ && f->k == from) {
				f->k = to;
				set++;
			} else {
				other++;
			}
		}
		uint32_t after = f->code == (BPF_LD | BPF_W | BPF_ABS) ? f->k
				 : BPF_CLASS(f->code) == BPF_JMP ? a : UNKNOWN;
		size_t next[2] = {i + 1, i + 1};
		if (f->code == (BPF_JMP | BPF_JA))
			next[0] = next[1] = i + 1 + f->k;
		else if (BPF_CLASS(f->code) == BPF_JMP)
			next[0] = i + 1 + f->jt, next[1] = i + 1 + f->jf;
		for (int s = 0; s < 2; s++)
			if (next[s] < p->len)
				held[next[s]] = merge(held[next[s]], after);
	}
	free(held);
	return set == 1 && other == 0 ? 0 : -1;
}

static int build_one(struct se_diag *d, const struct se_newer_rules *r,
		     const struct se_arch_set *arches, struct newer *n)
{
	const struct se_arch *arch = arches->arches[n->arch];
	int stand_in = seccomp_syscall_resolve_name(STAND_IN);
	int rc = 0;
	char path[64];
	scmp_filter_ctx ctx = se_libseccomp_context(d, r->default_value, &arch, 1, 1);
	if (!ctx)
		return SE_EINPUT;
	for (size_t i = 0; rc == 0 && i < r->profile->n_rules; i++) {
		const struct se_rule *rule = &r->profile->rules[i];
		if (!decides(r, i) || !se_strings_contains(&rule->names, n->name))
			continue;
		if ((rc = se_libseccomp_add_rule(ctx, stand_in, r->value[i], rule)) != 0) {
			snprintf(path, sizeof path, "syscalls[%zu]", rule->index);
			rc = se_error(d, path, "libseccomp refused the rule for \"%s\" on %s: %s",
				      n->name, arch->uname, strerror(-rc));
		}
	}
	if (rc == 0)
		rc = se_libseccomp_export(d, ctx, arch->big_endian, &n->prog);
	seccomp_release(ctx);
	if (rc == 0 &&
	    set_number(&n->prog, (uint32_t)seccomp_syscall_resolve_name_arch(arch->token, STAND_IN),
		       n->nr))
		rc = se_internal("libseccomp's program for %s on %s has not "
			      "the one compare of nr expected", n->name, arch->uname);
	return rc;
}

/* Per AUDIT_ARCH value with newer syscalls: ld arch; jne -> next block;
 * ld nr; then for each, jeq nr -> the JA to its program. */
static size_t block_length(size_t entries)
{
	return 3 + 2 * entries;
}

static int lay_out(struct se_diag *d, const struct se_arch_set *arches, struct newer_list *l,
		   struct se_program *prog)
{
	size_t dispatch = 0, total, at = 0, sub;
	uint32_t audits[SE_MAX_ARCHES];
	size_t per[SE_MAX_ARCHES] = {0}, n_audits = 0;
	for (size_t i = 0; i < l->n; i++) {
		uint32_t audit = arches->arches[l->v[i].arch]->audit_arch;
		size_t k = 0;
		while (k < n_audits && audits[k] != audit)
			k++;
		if (k == n_audits)
			audits[n_audits++] = audit;
		per[k]++;
	}
	for (size_t k = 0; k < n_audits; k++) {
		if (block_length(per[k]) - 2 > 255)
			return se_error(d, NULL, "too many syscalls newer than libseccomp on one arch");
		dispatch += block_length(per[k]);
	}
	total = dispatch + prog->len;
	for (size_t i = 0; i < l->n; i++)
		total += l->v[i].prog.len;
	struct sock_filter *out = malloc(total * sizeof *out);
	if (!out)
		return se_internal("out of memory");
	sub = dispatch + prog->len;
	for (size_t k = 0; k < n_audits; k++) {
		out[at++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4);
		out[at++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, audits[k], 0,
							 (uint8_t)(block_length(per[k]) - 2));
		out[at++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0);
		for (size_t i = 0; i < l->n; i++) {
			if (arches->arches[l->v[i].arch]->audit_arch != audits[k])
				continue;
			out[at++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, l->v[i].nr, 0, 1);
			out[at] = (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, (uint32_t)(sub - at - 1));
			at++;
			sub += l->v[i].prog.len;
		}
	}
	memcpy(out + at, prog->insns, prog->len * sizeof *out);
	at += prog->len;
	for (size_t k = 0; k < n_audits; k++) /* the programs, in the order of the JAs */
		for (size_t i = 0; i < l->n; i++)
			if (arches->arches[l->v[i].arch]->audit_arch == audits[k]) {
				memcpy(out + at, l->v[i].prog.insns, l->v[i].prog.len * sizeof *out);
				at += l->v[i].prog.len;
			}
	se_program_free(prog);
	prog->insns = out;
	prog->len = total;
	return 0;
}

int se_newer_syscalls_add(struct se_diag *d, const struct se_newer_rules *rules,
			  const struct se_arch_set *arches, struct se_program *prog,
			  struct se_strings *added)
{
	struct newer_list l = {0};
	int rc = collect(rules, arches, &l) ? se_internal("out of memory") : 0;
	for (size_t i = 0; rc == 0 && i < l.n; i++)
		if ((rc = build_one(d, rules, arches, &l.v[i])) == 0 &&
		    se_strings_add_unique(added, l.v[i].name))
			rc = se_internal("out of memory");
	if (rc == 0 && l.n)
		rc = lay_out(d, arches, &l, prog);
	for (size_t i = 0; i < l.n; i++)
		se_program_free(&l.v[i].prog);
	free(l.v);
	return rc;
}
