/*
 * fuzz_inputs.c - see fuzz_inputs.h.
 */
#include "fuzz_inputs.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_names.h"

#define SWEEP_LAST 1100u
#define X32_BIT 0x40000000u
#define ARM_PRIVATE 0x0f0000u
#define ARM_PRIVATE_LAST 0x0f0010u
#define FOREIGN_ALPHA 0xc0009026u /* AUDIT_ARCH_ALPHA: in no filter */
#define RANDOM_ARGS_EVERY 8       /* sweep numbers also run with random arguments */
#define MAX_EDGES 160             /* values per argument index */
#define RANDOM_MIXES 32           /* random argument vectors per (arch, nr) */
#define MAX_NUMBERS 8             /* numbers one name has on one arch */
#define MAX_ARG_NAMES 256
#define MULTIPLEXER_CALLS 25      /* socketcall/ipc pick the call with args[0] */
#define IP 0x7f0000001000ull

/* The values each argument index takes when one name is probed. */
struct edge_space {
	uint64_t v[6][MAX_EDGES];
	size_t n[6];
	bool used[6];
};

static void push(struct probe_set *s, const struct bpf_sim_data *d)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16384;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
	}
	s->v[s->n++] = *d;
}

static void random_args(struct fuzz_rng *r, uint64_t args[6])
{
	for (unsigned i = 0; i < 6; i++)
		args[i] = fuzz_interesting_u64(r);
}

static void sweep_range(struct probe_set *s, struct fuzz_rng *r, uint32_t audit, uint32_t first,
			uint32_t last)
{
	struct bpf_sim_data d = {.arch = audit, .instruction_pointer = IP};
	for (uint64_t nr = first; nr <= last; nr++) { /* 64 bits: last may be 0xffffffff */
		d.nr = (int32_t)(uint32_t)nr;
		memset(d.args, 0, sizeof d.args);
		push(s, &d);
		if (nr % RANDOM_ARGS_EVERY == 0) {
			random_args(r, d.args);
			push(s, &d);
		}
	}
}

static uint32_t numbering_base(uint32_t token)
{
	int read_nr = seccomp_syscall_resolve_name_arch(token, "read");
	if (read_nr >= 1000 && (uint32_t)read_nr < X32_BIT)
		return (uint32_t)read_nr / 1000u * 1000u;
	return 0;
}

/* `arches` NULL: an arch outside the filter, swept on the common ranges. */
static void sweep_audit(struct probe_set *s, struct fuzz_rng *r, uint32_t audit,
			const struct se_arch_set *arches)
{
	static const uint32_t extremes[] = {0xffffffffu, 0xfffffffeu, 0x7fffffffu, 0x80000000u,
					    X32_BIT - 1u, 0xbfffffffu, 0xffffu, 0x10000u};
	for (size_t i = 0; i < sizeof extremes / sizeof *extremes; i++)
		sweep_range(s, r, audit, extremes[i], extremes[i]);
	sweep_range(s, r, audit, 0, SWEEP_LAST);
	sweep_range(s, r, audit, X32_BIT, X32_BIT + SWEEP_LAST);
	for (size_t a = 0; arches && a < arches->n; a++) {
		uint32_t token = arches->arches[a]->token, base = numbering_base(token);
		if (arches->arches[a]->audit_arch != audit)
			continue;
		if (base)
			sweep_range(s, r, audit, base, base + SWEEP_LAST);
		if (token == SCMP_ARCH_ARM)
			sweep_range(s, r, audit, ARM_PRIVATE, ARM_PRIVATE_LAST);
	}
}

static bool audit_in(const struct se_arch_set *arches, size_t before, uint32_t audit)
{
	for (size_t i = 0; i < before; i++)
		if (arches->arches[i]->audit_arch == audit)
			return true;
	return false;
}

static void sweep_numbers(struct probe_set *s, struct fuzz_rng *r, const struct se_arch_set *arches)
{
	for (size_t i = 0; i < arches->n; i++)
		if (!audit_in(arches, i, arches->arches[i]->audit_arch))
			sweep_audit(s, r, arches->arches[i]->audit_arch, arches);
	sweep_audit(s, r, FOREIGN_ALPHA, NULL);
	for (const struct se_arch *a = se_arches; a->docker; a++)
		if (!audit_in(arches, arches->n, a->audit_arch)) {
			sweep_audit(s, r, a->audit_arch, NULL); /* a real arch, not this filter's */
			break;
		}
}

static void space_put(struct edge_space *sp, unsigned idx, uint64_t x)
{
	sp->used[idx] = true;
	for (size_t i = 0; i < sp->n[idx]; i++)
		if (sp->v[idx][i] == x)
			return;
	if (sp->n[idx] < MAX_EDGES)
		sp->v[idx][sp->n[idx]++] = x;
}

/* 32-bit arches compare the low half only, 64-bit ones both halves, signed
 * and unsigned mix-ups show at the sign bits. */
static void space_edges(struct edge_space *sp, unsigned idx, uint64_t c)
{
	const uint64_t lo = c & 0xffffffffull, hi = c >> 32 << 32;
	const uint64_t edges[] = {c - 1,		c,		   c + 1,
				  lo,			hi,		   lo | 0xffffffff00000000ull,
				  hi | (lo + 1),	hi | (lo - 1),	   (hi + (1ull << 32)) | lo,
				  (hi - (1ull << 32)) | lo, c ^ 0x80000000ull, c ^ 0x8000000000000000ull};
	for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
		space_put(sp, idx, edges[i]);
}

/* (arg & mask) == want: each mask bit flipped, bits outside the mask set. */
static void space_mask(struct edge_space *sp, unsigned idx, uint64_t mask, uint64_t want)
{
	space_edges(sp, idx, want);
	space_put(sp, idx, mask);
	space_put(sp, idx, want | ~mask);
	space_put(sp, idx, ~want);
	for (unsigned b = 0; b < 64; b++)
		if (mask >> b & 1)
			space_put(sp, idx, want ^ (1ull << b));
}

static bool names(const struct se_rule *rule, const char *name)
{
	for (size_t k = 0; k < rule->names.n; k++)
		if (strcmp(rule->names.items[k], name) == 0)
			return true;
	return false;
}

static void collect(struct edge_space *sp, const struct se_profile *p, const char *name)
{
	memset(sp, 0, sizeof *sp);
	for (unsigned call = 0; call < MULTIPLEXER_CALLS; call++)
		space_put(sp, 0, call);
	for (size_t i = 0; i < p->n_rules; i++) {
		if (!names(&p->rules[i], name))
			continue;
		for (size_t a = 0; a < p->rules[i].n_args; a++) {
			const struct se_arg *g = &p->rules[i].args[a];
			if (g->index > 5)
				continue;
			if (g->op == SE_OP_MASKED_EQ)
				space_mask(sp, g->index, g->value, g->value_two);
			else
				space_edges(sp, g->index, g->value);
		}
	}
}

static void one_at_a_time(struct probe_set *s, const struct edge_space *sp, struct bpf_sim_data d)
{
	static const uint64_t fillers[] = {0, UINT64_MAX};
	for (size_t f = 0; f < sizeof fillers / sizeof *fillers; f++)
		for (unsigned idx = 0; idx < 6; idx++) {
			for (unsigned i = 0; i < 6; i++)
				d.args[i] = fillers[f];
			for (size_t v = 0; sp->used[idx] && v < sp->n[idx]; v++) {
				d.args[idx] = sp->v[idx][v];
				push(s, &d);
			}
		}
}

static void random_mixes(struct probe_set *s, struct fuzz_rng *r, const struct edge_space *sp,
			 struct bpf_sim_data d)
{
	for (unsigned m = 0; m < RANDOM_MIXES; m++) {
		for (unsigned idx = 0; idx < 6; idx++)
			d.args[idx] = sp->used[idx] && fuzz_chance(r, 80)
					      ? sp->v[idx][fuzz_below(r, sp->n[idx])]
					      : fuzz_interesting_u64(r);
		push(s, &d);
	}
}

/* The call socketcall(2) or ipc(2) takes in args[0] for `name`
 * (<linux/net.h> SYS_SOCKET.., <linux/ipc.h> SEMOP..), or -1. */
static int multiplexer_call(const char *name)
{
	static const struct {
		const char *name;
		int call;
	} calls[] = {
		{"socket", 1},	     {"bind", 2},	 {"connect", 3},     {"listen", 4},
		{"accept", 5},	     {"getsockname", 6}, {"getpeername", 7}, {"socketpair", 8},
		{"send", 9},	     {"recv", 10},	 {"sendto", 11},     {"recvfrom", 12},
		{"shutdown", 13},    {"setsockopt", 14}, {"getsockopt", 15}, {"sendmsg", 16},
		{"recvmsg", 17},     {"accept4", 18},	 {"recvmmsg", 19},   {"sendmmsg", 20},
		{"semop", 1},	     {"semget", 2},	 {"semctl", 3},	     {"semtimedop", 4},
		{"msgsnd", 11},	     {"msgrcv", 12},	 {"msgget", 13},     {"msgctl", 14},
		{"shmat", 21},	     {"shmdt", 22},	 {"shmget", 23},     {"shmctl", 24},
	};
	for (size_t i = 0; i < sizeof calls / sizeof *calls; i++)
		if (strcmp(calls[i].name, name) == 0)
			return calls[i].call;
	return -1;
}

/* A value for which the condition holds (if any does). */
static uint64_t satisfying(const struct se_arg *g)
{
	switch (g->op) {
	case SE_OP_NE: return ~g->value;
	case SE_OP_LT: return g->value ? g->value - 1 : 0;
	case SE_OP_GT: return g->value != UINT64_MAX ? g->value + 1 : g->value;
	case SE_OP_MASKED_EQ: return g->value_two;
	default: return g->value; /* EQ, LE, GE */
	}
}

static bool repeats_index(const struct se_rule *rule)
{
	for (size_t i = 0; i < rule->n_args; i++)
		for (size_t k = 0; k < i; k++)
			if (rule->args[i].index == rule->args[k].index)
				return true;
	return false;
}

static bool holds(const struct se_arg *g, uint64_t x)
{
	switch (g->op) {
	case SE_OP_NE: return x != g->value;
	case SE_OP_LT: return x < g->value;
	case SE_OP_LE: return x <= g->value;
	case SE_OP_EQ: return x == g->value;
	case SE_OP_GE: return x >= g->value;
	case SE_OP_GT: return x > g->value;
	default: return (x & g->value) == g->value_two;
	}
}

/* An edge of argument `idx` failing every condition of `rule` on it (the
 * current value if none does). */
static uint64_t failing(const struct edge_space *sp, const struct se_rule *rule, unsigned idx,
			uint64_t current)
{
	for (size_t v = 0; v < sp->n[idx]; v++) {
		bool fails_all = true;
		for (size_t a = 0; a < rule->n_args && fails_all; a++)
			fails_all = rule->args[a].index != idx || !holds(&rule->args[a], sp->v[idx][v]);
		if (fails_all)
			return sp->v[idx][v];
	}
	return current;
}

/* Conditions on distinct indexes are ANDed, so one comparison shows only
 * when the others hold; a rule repeating an index is split by runc into
 * one rule per condition, ORed, so one shows only when the others fail.
 * Start from a vector where `group` holds and the rest of `rule` fails
 * (args[0] = `call` through a multiplexer), and run each index of `group`
 * through its edges. */
static void around_group(struct probe_set *s, struct fuzz_rng *r, const struct edge_space *sp,
			 const struct se_rule *rule, const struct se_arg *group, size_t n,
			 int call, struct bpf_sim_data d)
{
	random_args(r, d.args);
	for (size_t a = 0; a < rule->n_args; a++)
		if (rule->args[a].index <= 5)
			d.args[rule->args[a].index] = failing(sp, rule, rule->args[a].index,
							      d.args[rule->args[a].index]);
	for (size_t i = 0; i < n; i++)
		if (group[i].index <= 5)
			d.args[group[i].index] = satisfying(&group[i]);
	if (call >= 0)
		d.args[0] = (uint64_t)call;
	push(s, &d);
	for (size_t i = 0; i < n; i++) {
		unsigned idx = group[i].index;
		uint64_t keep = idx <= 5 ? d.args[idx] : 0;
		for (size_t v = 0; idx <= 5 && v < sp->n[idx]; v++) {
			d.args[idx] = sp->v[idx][v];
			push(s, &d);
		}
		if (idx <= 5)
			d.args[idx] = keep;
	}
}

/* runc splits a rule that repeats an index into one rule per condition. */
static void around_rules(struct probe_set *s, struct fuzz_rng *r, const struct edge_space *sp,
			 const struct se_profile *p, const char *name, int call,
			 struct bpf_sim_data d)
{
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct se_rule *rule = &p->rules[i];
		if (!rule->n_args || !names(rule, name))
			continue;
		if (!repeats_index(rule))
			around_group(s, r, sp, rule, rule->args, rule->n_args, call, d);
		else
			for (size_t a = 0; a < rule->n_args; a++)
				around_group(s, r, sp, rule, &rule->args[a], 1, call, d);
	}
}

static void name_inputs(struct probe_set *s, struct fuzz_rng *r, const struct se_arch_set *arches,
			const struct se_profile *p, const char *name, struct edge_space *sp)
{
	uint32_t nrs[MAX_NUMBERS];
	collect(sp, p, name);
	for (size_t a = 0; a < arches->n; a++) {
		uint32_t token = arches->arches[a]->token;
		int rw = seccomp_syscall_resolve_name_rewrite(token, name);
		bool via_multiplexer = rw >= 0 && rw != seccomp_syscall_resolve_name_arch(token, name);
		size_t n = fuzz_numbers_of(token, name, nrs, MAX_NUMBERS);
		for (size_t k = 0; k < n; k++) {
			struct bpf_sim_data d = {.arch = arches->arches[a]->audit_arch,
						 .nr = (int32_t)nrs[k], .instruction_pointer = IP};
			int call = via_multiplexer && nrs[k] == (uint32_t)rw ? multiplexer_call(name) : -1;
			one_at_a_time(s, sp, d);
			around_rules(s, r, sp, p, name, call, d);
			random_mixes(s, r, sp, d);
		}
	}
}

static bool seen(const char *const *done, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(done[i], name) == 0)
			return true;
	return false;
}

/* Through socketcall or ipc, a call is told apart by args[0] even when
 * the rule has no argument condition. */
static bool multiplexed(const struct se_arch_set *arches, const char *name)
{
	for (size_t a = 0; a < arches->n; a++) {
		uint32_t token = arches->arches[a]->token;
		int rw = seccomp_syscall_resolve_name_rewrite(token, name);
		if (rw >= 0 && rw != seccomp_syscall_resolve_name_arch(token, name))
			return true;
	}
	return false;
}

static void argument_inputs(struct probe_set *s, struct fuzz_rng *r,
			    const struct se_arch_set *arches, const struct se_profile *p)
{
	const char *done[MAX_ARG_NAMES];
	size_t n_done = 0, before = s->n;
	struct edge_space *sp = malloc(sizeof *sp);
	if (!sp) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	for (size_t i = 0; i < p->n_rules; i++)
		for (size_t k = 0; k < p->rules[i].names.n; k++) {
			const char *name = p->rules[i].names.items[k];
			if (seen(done, n_done, name) || n_done == MAX_ARG_NAMES ||
			    (!p->rules[i].n_args && !multiplexed(arches, name)))
				continue;
			done[n_done++] = name;
			name_inputs(s, r, arches, p, name, sp);
		}
	free(sp);
	s->n_with_args = s->n - before;
}

void fuzz_inputs_build(struct probe_set *s, struct fuzz_rng *r, const struct se_arch_set *arches,
		       const struct se_profile *p)
{
	memset(s, 0, sizeof *s);
	sweep_numbers(s, r, arches);
	argument_inputs(s, r, arches, p);
}
