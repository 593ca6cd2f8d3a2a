/*
 * verdict_probes.c - see verdict_probes.h.
 */
#include "verdict_probes.h"

#include <seccomp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define SWEEP_LAST 1100u          /* past the end of every syscall table today */
#define X32_BIT 0x40000000u       /* x32 numbers share x86_64's AUDIT_ARCH */
#define ARM_PRIVATE 0x0f0000u     /* ARM's breakpoint, cacheflush, set_tls, ... */
#define ARM_PRIVATE_LAST 0x0f0010u
#define FOREIGN_ALPHA 0xc0009026u /* AUDIT_ARCH_ALPHA: in no filter we build */
#define FOREIGN_JUNK 0x12345678u  /* not an AUDIT_ARCH value at all */
#define MULTIPLEXER_CALLS 21u     /* socketcall/ipc call numbers 0..20 in args[0] */
#define MAX_VALUES 192            /* per argument index */
#define MAX_PRODUCT 65536u        /* above this, vary one index at a time */
#define MAX_NUMBERS 8             /* numbers one name has on one arch */

struct nr_range {
	uint32_t first, last;
};

/* The values one syscall's arguments take in the probes. */
struct arg_space {
	uint64_t v[6][MAX_VALUES];
	size_t n[6];
	bool used[6];
};

static int push(struct probe_set *s, const struct bpf_sim_data *d)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 8192;
		struct bpf_sim_data *grown = realloc(s->v, cap * sizeof *grown);
		if (!grown)
			return -1;
		s->v = grown;
		s->cap = cap;
	}
	s->v[s->n++] = *d;
	return 0;
}

/* MIPS o32, n64 and n32 count from 4000, 5000 and 6000; the rest from 0. */
static uint32_t numbering_base(uint32_t token)
{
	int read_nr = seccomp_syscall_resolve_name_arch(token, "read");
	if (read_nr >= 1000 && (uint32_t)read_nr < X32_BIT)
		return (uint32_t)read_nr / 1000u * 1000u;
	return 0;
}

/* Where `token` has syscall numbers, generously. */
static size_t ranges_of(uint32_t token, struct nr_range out[3])
{
	uint32_t x32 = token == SCMP_ARCH_X32 ? X32_BIT : 0, base = numbering_base(token);
	size_t n = 0;
	out[n++] = (struct nr_range){x32, x32 + SWEEP_LAST};
	if (base)
		out[n++] = (struct nr_range){base, base + SWEEP_LAST};
	if (token == SCMP_ARCH_ARM)
		out[n++] = (struct nr_range){ARM_PRIVATE, ARM_PRIVATE_LAST};
	return n;
}

static size_t add_unique(uint32_t *out, size_t n, size_t cap, uint32_t nr)
{
	for (size_t i = 0; i < n; i++)
		if (out[i] == nr)
			return n;
	if (n < cap)
		out[n++] = nr;
	return n;
}

/* libseccomp's number and its multiplexer's, without a reverse lookup. */
static size_t direct_numbers(uint32_t token, const char *name, uint32_t *out, size_t cap)
{
	int nr = seccomp_syscall_resolve_name_arch(token, name);
	int rw = seccomp_syscall_resolve_name_rewrite(token, name);
	size_t n = 0;
	if (nr >= 0)
		n = add_unique(out, n, cap, (uint32_t)nr);
	if (rw >= 0)
		n = add_unique(out, n, cap, (uint32_t)rw);
	return n;
}

/* Every number `name` has on `token`: libseccomp's own, the multiplexer's
 * and direct numbers only a reverse lookup finds (x86's socket is 359
 * besides socketcall). */
static size_t numbers_of(uint32_t token, const char *name, uint32_t *out, size_t cap)
{
	struct nr_range r[3];
	size_t n = direct_numbers(token, name, out, cap), n_ranges = ranges_of(token, r);
	for (size_t i = 0; i < n_ranges; i++)
		for (uint32_t nr = r[i].first; nr <= r[i].last; nr++) {
			char *found = seccomp_syscall_resolve_num_arch(token, (int)nr);
			if (found && strcmp(found, name) == 0)
				n = add_unique(out, n, cap, nr);
			free(found);
		}
	return n;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* A growable list of syscall numbers, sorted and made unique at the end. */
struct nr_list {
	uint32_t *v;
	size_t n, cap;
	bool failed;
};

static void nr_add(struct nr_list *l, uint32_t nr)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 4096;
		uint32_t *grown = realloc(l->v, cap * sizeof *grown);
		if (!grown) {
			l->failed = true;
			return;
		}
		l->v = grown;
		l->cap = cap;
	}
	l->v[l->n++] = nr;
}

static void nr_add_range(struct nr_list *l, struct nr_range r)
{
	for (uint32_t nr = r.first; nr <= r.last; nr++)
		nr_add(l, nr);
}

/* Numbers around every name of the profiles on `token`. */
static void nr_add_neighbours(struct nr_list *l, uint32_t token,
			      const struct se_profile *const *profiles, size_t n_profiles)
{
	uint32_t nrs[MAX_NUMBERS];
	for (size_t p = 0; p < n_profiles; p++)
		for (size_t r = 0; r < profiles[p]->n_rules; r++) {
			const struct se_strings *names = &profiles[p]->rules[r].names;
			for (size_t k = 0; k < names->n; k++) {
				size_t n = direct_numbers(token, names->items[k], nrs, MAX_NUMBERS);
				for (size_t i = 0; i < n; i++) {
					nr_add(l, nrs[i] - 1);
					nr_add(l, nrs[i]);
					nr_add(l, nrs[i] + 1);
				}
			}
		}
}

/* The syscall-number sweep of one AUDIT_ARCH value, arguments zero.
 * `arches` is NULL for an arch outside the filter. */
static int sweep_numbers(struct probe_set *s, uint32_t audit, const struct se_arch_set *arches,
			 const struct se_profile *const *profiles, size_t n_profiles)
{
	static const uint32_t extremes[] = {0xffffffffu, 0xfffffffeu, 0x7fffffffu, 0x80000000u,
					    X32_BIT - 1u, 0xbfffffffu, 0xffffu, 0x10000u};
	struct nr_list l = {0};
	struct bpf_sim_data d = {.arch = audit, .instruction_pointer = 0x7f0000001000ull};
	struct nr_range r[3];
	int rc = 0;

	nr_add_range(&l, (struct nr_range){0, SWEEP_LAST});
	nr_add_range(&l, (struct nr_range){X32_BIT, X32_BIT + SWEEP_LAST});
	for (size_t i = 0; i < sizeof extremes / sizeof extremes[0]; i++)
		nr_add(&l, extremes[i]);
	for (size_t a = 0; arches && a < arches->n; a++) {
		uint32_t token = arches->arches[a]->token;
		size_t n_ranges = ranges_of(token, r);
		if (arches->arches[a]->audit_arch != audit)
			continue;
		for (size_t i = 0; i < n_ranges; i++)
			nr_add_range(&l, r[i]);
		nr_add_neighbours(&l, token, profiles, n_profiles);
	}
	if (l.failed) {
		free(l.v);
		return -1;
	}
	qsort(l.v, l.n, sizeof *l.v, cmp_u32);
	for (size_t i = 0; i < l.n && rc == 0; i++)
		if (i == 0 || l.v[i] != l.v[i - 1]) {
			d.nr = (int32_t)l.v[i];
			rc = push(s, &d);
		}
	free(l.v);
	return rc;
}

static void put(struct arg_space *a, unsigned idx, uint64_t x)
{
	a->used[idx] = true;
	for (size_t i = 0; i < a->n[idx]; i++)
		if (a->v[idx][i] == x)
			return;
	if (a->n[idx] < MAX_VALUES)
		a->v[idx][a->n[idx]++] = x;
}

/* The values on either side of `c`, in 64 bits and in each 32-bit half:
 * 32-bit arches compare only the low half, 64-bit ones both. */
static void put_edges(struct arg_space *a, unsigned idx, uint64_t c)
{
	const uint64_t lo = c & 0xffffffffull, hi = c & ~0xffffffffull;
	const uint64_t edges[] = {c - 1,  c,      c + 1,          lo,
				  hi,     lo - 1, lo + 1,         lo | 0xffffffff00000000ull,
				  hi | 1, 0,      UINT64_MAX,     (lo + 1) | hi};
	for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++)
		put(a, idx, edges[i]);
}

/* SCMP_CMP_MASKED_EQ: (arg & mask) == want.  Each mask bit on its own and
 * flipped, and bits outside the mask, which must not matter. */
static void put_mask(struct arg_space *a, unsigned idx, uint64_t mask, uint64_t want)
{
	put_edges(a, idx, mask);
	put_edges(a, idx, want);
	put(a, idx, want | ~mask);
	put(a, idx, want ^ mask);
	for (unsigned b = 0; b < 64; b++)
		if (mask >> b & 1) {
			put(a, idx, 1ull << b);
			put(a, idx, want ^ (1ull << b));
		}
}

static bool names_it(const struct se_rule *r, const char *name)
{
	for (size_t k = 0; k < r->names.n; k++)
		if (strcmp(r->names.items[k], name) == 0)
			return true;
	return false;
}

/* Every constant any profile compares an argument of `name` with. */
static void collect_space(struct arg_space *a, const char *name,
			  const struct se_profile *const *profiles, size_t n_profiles)
{
	memset(a, 0, sizeof *a);
	for (uint64_t call = 0; call < MULTIPLEXER_CALLS; call++)
		put(a, 0, call); /* socketcall and ipc select the call with args[0] */
	for (size_t p = 0; p < n_profiles; p++)
		for (size_t r = 0; r < profiles[p]->n_rules; r++) {
			const struct se_rule *rule = &profiles[p]->rules[r];
			if (!names_it(rule, name))
				continue;
			for (size_t i = 0; i < rule->n_args; i++) {
				const struct se_arg *g = &rule->args[i];
				if (g->index > 5)
					continue;
				if (g->op == SE_OP_MASKED_EQ)
					put_mask(a, g->index, g->value, g->value_two);
				else
					put_edges(a, g->index, g->value);
			}
		}
}

/* Every combination of the values when that stays small, else one index at
 * a time; the other arguments hold a filler pattern. */
static int push_vectors(struct probe_set *s, const struct arg_space *a, struct bpf_sim_data d)
{
	static const uint64_t fillers[] = {0, 0xa5a5a5a5a5a5a5a5ull};
	unsigned idx[6], k = 0;
	size_t product = 1;
	for (unsigned i = 0; i < 6; i++)
		if (a->used[i]) {
			idx[k++] = i;
			product *= a->n[i];
		}
	for (size_t f = 0; f < sizeof fillers / sizeof fillers[0]; f++) {
		for (unsigned i = 0; i < 6; i++)
			d.args[i] = fillers[f];
		for (size_t c = 0; product <= MAX_PRODUCT && c < product; c++) {
			size_t rest = c;
			for (unsigned j = 0; j < k; j++) {
				d.args[idx[j]] = a->v[idx[j]][rest % a->n[idx[j]]];
				rest /= a->n[idx[j]];
			}
			if (push(s, &d))
				return -1;
		}
		for (unsigned j = 0; product > MAX_PRODUCT && j < k; j++) {
			for (size_t v = 0; v < a->n[idx[j]]; v++) {
				d.args[idx[j]] = a->v[idx[j]][v];
				if (push(s, &d))
					return -1;
			}
			d.args[idx[j]] = fillers[f];
		}
	}
	return 0;
}

static bool seen_name(const struct se_profile *const *profiles, size_t p, size_t r, size_t k)
{
	const char *name = profiles[p]->rules[r].names.items[k];
	for (size_t pp = 0; pp <= p; pp++)
		for (size_t rr = 0; rr < profiles[pp]->n_rules; rr++) {
			if (pp == p && rr == r)
				return false;
			if (profiles[pp]->rules[rr].n_args && names_it(&profiles[pp]->rules[rr], name))
				return true;
		}
	return false;
}

/* Argument vectors for one name on every arch of the filter. */
static int name_vectors(struct probe_set *s, const char *name, const struct se_arch_set *arches,
			const struct se_profile *const *profiles, size_t n_profiles)
{
	struct arg_space *a = malloc(sizeof *a);
	uint32_t nrs[MAX_NUMBERS];
	int rc = a ? 0 : -1;
	if (a)
		collect_space(a, name, profiles, n_profiles);
	for (size_t i = 0; rc == 0 && i < arches->n; i++) {
		const struct se_arch *arch = arches->arches[i];
		size_t n = numbers_of(arch->token, name, nrs, MAX_NUMBERS);
		for (size_t k = 0; rc == 0 && k < n; k++) {
			struct bpf_sim_data d = {.arch = arch->audit_arch, .nr = (int32_t)nrs[k],
						 .instruction_pointer = 0x7f0000001000ull};
			rc = push_vectors(s, a, d);
		}
	}
	free(a);
	return rc;
}

static int argument_probes(struct probe_set *s, const struct se_arch_set *arches,
			   const struct se_profile *const *profiles, size_t n_profiles)
{
	size_t before = s->n;
	for (size_t p = 0; p < n_profiles; p++)
		for (size_t r = 0; r < profiles[p]->n_rules; r++) {
			const struct se_rule *rule = &profiles[p]->rules[r];
			for (size_t k = 0; rule->n_args && k < rule->names.n; k++)
				if (!seen_name(profiles, p, r, k) &&
				    name_vectors(s, rule->names.items[k], arches, profiles, n_profiles))
					return -1;
		}
	s->n_with_args = s->n - before;
	return 0;
}

static bool audit_seen_before(const struct se_arch_set *arches, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (arches->arches[k]->audit_arch == arches->arches[i]->audit_arch)
			return true;
	return false;
}

int probe_set_build(struct probe_set *s, const struct se_arch_set *arches,
		    const struct se_profile *const *profiles, size_t n_profiles)
{
	int rc = 0;
	memset(s, 0, sizeof *s);
	for (size_t i = 0; rc == 0 && i < arches->n; i++)
		if (!audit_seen_before(arches, i))
			rc = sweep_numbers(s, arches->arches[i]->audit_arch, arches, profiles,
					   n_profiles);
	if (rc == 0)
		rc = sweep_numbers(s, FOREIGN_ALPHA, NULL, profiles, n_profiles);
	if (rc == 0)
		rc = sweep_numbers(s, FOREIGN_JUNK, NULL, profiles, n_profiles);
	if (rc == 0)
		rc = argument_probes(s, arches, profiles, n_profiles);
	if (rc)
		probe_set_free(s);
	return rc;
}

void probe_set_free(struct probe_set *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}
