#include "optimize.h"

#include <stdlib.h>
#include <string.h>

#include "opt_ir.h"
#include "opt_layout.h"
#include "opt_line.h"
#include "opt_search.h"
#include "opt_tree.h"
#include "opt_weights.h"

/* What the accumulator holds when a node is entered, over all the ways in:
 * a node entered only from tests of its own word skips reloading it. */
enum a_kind { A_UNSET, A_NR, A_ARCH, A_WORD, A_MIXED };
struct a_state {
	enum a_kind kind;
	uint32_t offset, mask;
};

struct builder {
	struct se_dag dag;
	struct se_ir ir;
	struct se_line lines[SE_MAX_ARCHES + 1]; /* the last is every other arch */
	size_t n_lines;
	double *prefix;        /* weights summed, for the tree of one line */
	uint32_t *label;       /* per node: the id of its first instruction */
	struct a_state *state; /* per node */
	uint32_t *order;       /* reachable nodes, children before parents */
	size_t n_order;
};

/* The most single numbers one range decides by JEQs in the greedy tree
 * (place_tree), kept for lines too long to plan (opt_tree.h). */
#define MAX_CHAIN 3

/* Weighted compares against instructions (opt_tree.h): one instruction is
 * worth 80 compares of weight 1 (a denied syscall's), that is 0.2 on the
 * denied mean of a profile that denies 400 numbers.  Measured on the five
 * bench policies and Docker's default (bench/README.md; 0.006 to 0.04
 * tried): from 0.011 to 0.014 every length and mean stays the same; 0.01
 * and below cut b-runc337 to 51 instructions and raise its mean by 1.1,
 * 0.02 and above lengthen a-spo by 1 for 0.2 off its mean. */
#define TREE_MU 0.0125

static uint32_t foreign_arch(const struct se_program *ref, const struct se_arch_set *arches)
{
	for (uint32_t candidate = 0;; candidate++) {
		bool used = false;
		for (size_t i = 0; i < arches->n && !used; i++)
			used = arches->arches[i]->audit_arch == candidate;
		for (size_t i = 0; i < ref->len && !used; i++)
			used = BPF_CLASS(ref->insns[i].code) == BPF_JMP && ref->insns[i].k == candidate;
		if (!used)
			return candidate;
	}
}

static bool have_line(const struct builder *b, uint32_t arch)
{
	for (size_t i = 0; i < b->n_lines; i++)
		if (b->lines[i].arch == arch)
			return true;
	return false;
}

/* One line per distinct seccomp_data.arch (x32 is on x86_64's), then one
 * for any other arch.  Returns 0, -1, or 1 when not modelled. */
static int build_lines(struct builder *b, const struct se_program *ref,
		       const struct se_arch_set *arches, const struct se_opt_hints *hints)
{
	struct se_cuts cuts;
	if (se_cuts_collect(ref->insns, ref->len, &cuts))
		return -1;
	struct se_pe_context pe = {ref->insns, ref->len, cuts.jset_masks, cuts.n_jset_masks,
				   &b->dag, 0};
	int rc = 0;
	for (size_t i = 0; !rc && i <= arches->n; i++) {
		uint32_t arch = i < arches->n ? arches->arches[i]->audit_arch : foreign_arch(ref, arches);
		if (i < arches->n && have_line(b, arch))
			continue;
		struct se_line *line = &b->lines[b->n_lines];
		rc = se_line_build(&pe, &cuts, arch, line);
		if (!rc)
			b->n_lines++;
		if (!rc)
			rc = se_weigh_line(line, &b->dag, arches, hints);
	}
	se_cuts_free(&cuts);
	return rc;
}

static void merge_state(struct a_state *s, struct a_state in)
{
	if (s->kind == A_UNSET)
		*s = in;
	else if (s->kind != in.kind || s->offset != in.offset || s->mask != in.mask)
		s->kind = A_MIXED;
}

/* Depth-first from `node`, appending in post-order (children first). */
static void visit(struct builder *b, uint32_t node, bool *seen)
{
	if (seen[node])
		return;
	seen[node] = true;
	const struct se_node *n = &b->dag.nodes[node];
	if (n->kind == SE_NODE_TEST) {
		struct a_state word = {A_WORD, n->offset, n->mask};
		merge_state(&b->state[n->yes], word);
		merge_state(&b->state[n->no], word);
		visit(b, n->yes, seen);
		visit(b, n->no, seen);
	}
	b->order[b->n_order++] = node;
}

static int order_nodes(struct builder *b)
{
	size_t n = b->dag.n;
	bool *seen = calloc(n, sizeof *seen);
	b->state = calloc(n, sizeof *b->state);
	b->order = malloc(n * sizeof *b->order);
	b->label = malloc(n * sizeof *b->label);
	if (!seen || !b->state || !b->order || !b->label) {
		free(seen);
		return -1;
	}
	for (size_t l = 0; l < b->n_lines; l++) {
		const struct se_line *line = &b->lines[l];
		struct a_state in = {line->n > 1 ? A_NR : A_ARCH, 0, 0};
		for (size_t r = 0; r < line->n; r++) {
			merge_state(&b->state[line->runs[r].node], in);
			visit(b, line->runs[r].node, seen);
		}
	}
	free(seen);
	return 0;
}

/* Creates a node's instructions; its children's exist already (post-order).
 * Returns the entry id. */
static uint32_t make_node(struct builder *b, uint32_t node)
{
	const uint32_t *label = b->label;
	const struct se_node *n = &b->dag.nodes[node];
	struct se_ir *ir = &b->ir;
	if (n->kind == SE_NODE_RET)
		return se_ir_new(ir, BPF_RET | BPF_K, n->k, 0, 0);
	uint32_t id = se_ir_new(ir, BPF_JMP | n->op | BPF_K, n->k, label[n->yes], label[n->no]);
	const struct a_state *s = &b->state[node];
	bool loaded = s->kind == A_WORD && s->offset == n->offset && s->mask == n->mask;
	if (!loaded && n->mask != UINT32_MAX && id != UINT32_MAX)
		id = se_ir_new(ir, BPF_ALU | BPF_AND | BPF_K, n->mask, SE_IR_NEXT, SE_IR_NEXT);
	if (!loaded && id != UINT32_MAX)
		id = se_ir_new(ir, BPF_LD | BPF_W | BPF_ABS, n->offset, SE_IR_NEXT, SE_IR_NEXT);
	return id;
}

/* A node's instructions were created in reverse; place them in order. */
static int place_node(struct builder *b, uint32_t first)
{
	uint32_t last = first;
	while (se_ir_falls_through(&b->ir.insns[last]))
		last--;
	for (uint32_t id = first + 1; id-- > last;)
		if (se_ir_place(&b->ir, id))
			return -1;
	return 0;
}

/* The run where the weights on either side are closest to equal. */
static size_t split_point(const double *prefix, size_t lo, size_t hi)
{
	size_t best = lo + 1;
	double best_gap = -1;
	for (size_t s = lo + 1; s < hi; s++) {
		double left = prefix[s] - prefix[lo], right = prefix[hi] - prefix[s];
		double gap = left > right ? left - right : right - left;
		if (best_gap < 0 || gap < best_gap) {
			best_gap = gap;
			best = s;
		}
	}
	return best;
}

/* One JEQ per number the chain singles out, in its order, each falling
 * through to the next; the last to the background. */
static uint32_t place_chain(struct builder *b, const struct se_line *line,
			    const struct se_chain *chain)
{
	uint32_t jeq[SE_TREE_MAX_CHAIN];
	for (size_t i = 0; i < chain->n; i++) {
		jeq[i] = se_ir_new(&b->ir, BPF_JMP | BPF_JEQ | BPF_K, chain->nr[i], 0, 0);
		if (jeq[i] == UINT32_MAX || se_ir_place(&b->ir, jeq[i]))
			return UINT32_MAX;
	}
	uint32_t next = b->label[chain->background];
	for (size_t i = chain->n; i-- > 0;) {
		b->ir.insns[jeq[i]].jf = next;
		b->ir.insns[jeq[i]].jt = b->label[line->runs[chain->run[i]].node];
		next = jeq[i];
	}
	return next;
}

/* Places the compares choosing among runs [lo, hi) in pre-order; returns
 * the entry id.  Only nr and constants are read: constant-allow paths stay
 * what the kernel's cache can emulate. */
static uint32_t place_tree(struct builder *b, const struct se_line *line, size_t lo, size_t hi)
{
	if (hi - lo == 1)
		return b->label[line->runs[lo].node];
	uint32_t background;
	size_t exceptions;
	struct se_chain chain;
	if (hi - lo <= 2 * MAX_CHAIN + 1 && se_chain_background(line, lo, hi, &background, &exceptions) &&
	    exceptions <= MAX_CHAIN && se_chain_layout(line, lo, hi, background, &chain))
		return place_chain(b, line, &chain);
	size_t s = split_point(b->prefix, lo, hi);
	uint32_t id = se_ir_new(&b->ir, BPF_JMP | BPF_JGE | BPF_K, line->runs[s].lo, 0, 0);
	if (id == UINT32_MAX || se_ir_place(&b->ir, id))
		return UINT32_MAX;
	uint32_t no = place_tree(b, line, lo, s);
	uint32_t yes = no == UINT32_MAX ? UINT32_MAX : place_tree(b, line, s, hi);
	b->ir.insns[id].jt = yes;
	b->ir.insns[id].jf = no;
	return yes == UINT32_MAX ? UINT32_MAX : id;
}

/* The planned tree (opt_tree.h) for [lo, hi) with `depth` compares left. */
static uint32_t place_planned(struct builder *b, const struct se_line *line,
			      const struct se_tree *plan, size_t lo, size_t hi, unsigned depth)
{
	size_t s;
	struct se_chain chain;
	switch (se_tree_step_at(plan, lo, hi, depth, &s)) {
	case SE_TREE_LEAF:
		return b->label[line->runs[lo].node];
	case SE_TREE_CHAIN:
		se_chain_layout(line, lo, hi, line->runs[s].node, &chain);
		return place_chain(b, line, &chain);
	default:
		break;
	}
	uint32_t id = se_ir_new(&b->ir, BPF_JMP | BPF_JGE | BPF_K, line->runs[s].lo, 0, 0);
	if (id == UINT32_MAX || se_ir_place(&b->ir, id))
		return UINT32_MAX;
	uint32_t no = place_planned(b, line, plan, lo, s, depth - 1);
	uint32_t yes = no == UINT32_MAX ? UINT32_MAX : place_planned(b, line, plan, s, hi, depth - 1);
	b->ir.insns[id].jt = yes;
	b->ir.insns[id].jf = no;
	return yes == UINT32_MAX ? UINT32_MAX : id;
}

/* The line's tree: planned when it is short enough, else the greedy one. */
static uint32_t place_runs(struct builder *b, const struct se_line *line)
{
	struct se_tree plan;
	bool *keep = malloc(line->n * sizeof *keep);
	if (!keep)
		return UINT32_MAX;
	for (size_t i = 0; i < line->n; i++)
		keep[i] = b->dag.nodes[line->runs[i].node].kind == SE_NODE_TEST;
	int rc = se_tree_plan(line, TREE_MU, keep, &plan);
	free(keep);
	if (rc < 0)
		return UINT32_MAX;
	uint32_t entry = rc == 0 ? place_planned(b, line, &plan, 0, line->n, plan.depth)
				 : place_tree(b, line, 0, line->n);
	se_tree_free(&plan);
	return entry;
}

static uint32_t place_line(struct builder *b, const struct se_line *line)
{
	if (line->n == 1)
		return b->label[line->runs[0].node];
	b->prefix[0] = 0;
	for (size_t i = 0; i < line->n; i++)
		b->prefix[i + 1] = b->prefix[i] + line->runs[i].weight;
	uint32_t ld = se_ir_new(&b->ir, BPF_LD | BPF_W | BPF_ABS, 0, SE_IR_NEXT, SE_IR_NEXT);
	if (ld == UINT32_MAX || se_ir_place(&b->ir, ld))
		return UINT32_MAX;
	return place_runs(b, line) == UINT32_MAX ? UINT32_MAX : ld;
}

/* A = arch; one JEQ per arch of the filter, in the filter's order (the
 * target first); anything else goes to the last line. */
static int place_program(struct builder *b)
{
	uint32_t checks[SE_MAX_ARCHES + 1];
	size_t n_checks = b->n_lines - 1;
	uint32_t ld = se_ir_new(&b->ir, BPF_LD | BPF_W | BPF_ABS, 4, SE_IR_NEXT, SE_IR_NEXT);
	if (ld == UINT32_MAX || se_ir_place(&b->ir, ld))
		return -1;
	for (size_t i = 0; i < n_checks; i++) {
		checks[i] = se_ir_new(&b->ir, BPF_JMP | BPF_JEQ | BPF_K, b->lines[i].arch, 0, 0);
		if (checks[i] == UINT32_MAX || se_ir_place(&b->ir, checks[i]))
			return -1;
	}
	for (size_t i = 0; i < b->n_lines; i++) {
		uint32_t entry = place_line(b, &b->lines[i]);
		if (entry == UINT32_MAX)
			return -1;
		if (i < n_checks)
			b->ir.insns[checks[i]].jt = entry;
		if (i + 1 < n_checks)
			b->ir.insns[checks[i]].jf = checks[i + 1];
		if (i + 1 == n_checks)
			b->ir.insns[checks[i]].jf = SE_IR_NEXT; /* patched below */
		if (i == n_checks && n_checks > 0)
			b->ir.insns[checks[n_checks - 1]].jf = entry;
	}
	for (size_t i = b->n_order; i-- > 0;)
		if (place_node(b, b->label[b->order[i]]))
			return -1;
	return 0;
}

static size_t most_runs(const struct builder *b)
{
	size_t most = 0;
	for (size_t i = 0; i < b->n_lines; i++)
		most = b->lines[i].n > most ? b->lines[i].n : most;
	return most;
}

/* Chains of equality tests become searches (opt_search.h). */
static int shorten_chains(struct builder *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n_lines; i++)
		n += b->lines[i].n;
	uint32_t *roots = malloc((n ? n : 1) * sizeof *roots);
	if (!roots)
		return -1;
	n = 0;
	for (size_t i = 0; i < b->n_lines; i++)
		for (size_t r = 0; r < b->lines[i].n; r++)
			roots[n++] = b->lines[i].runs[r].node;
	int rc = se_search_chains(&b->dag, roots, n);
	n = 0;
	for (size_t i = 0; i < b->n_lines && !rc; i++)
		for (size_t r = 0; r < b->lines[i].n; r++)
			b->lines[i].runs[r].node = roots[n++];
	free(roots);
	return rc;
}

static int emit(struct builder *b, struct se_program *out)
{
	if (shorten_chains(b) || order_nodes(b))
		return -1;
	for (size_t i = 0; i < b->n_order; i++) {
		uint32_t node = b->order[i];
		if ((b->label[node] = make_node(b, node)) == UINT32_MAX)
			return -1;
	}
	b->prefix = malloc((most_runs(b) + 1) * sizeof *b->prefix);
	if (!b->prefix || place_program(b))
		return -1;
	int rc = se_layout_program(&b->ir, out);
	return rc > 0 ? SE_ETOOLONG : rc;
}

static void builder_free(struct builder *b)
{
	for (size_t i = 0; i < b->n_lines; i++)
		se_line_free(&b->lines[i]);
	se_dag_free(&b->dag);
	se_ir_free(&b->ir);
	free(b->prefix);
	free(b->label);
	free(b->state);
	free(b->order);
}

int se_optimize(const struct se_program *ref, const struct se_arch_set *arches,
		const struct se_opt_hints *hints, struct se_program *out)
{
	struct builder b;
	memset(&b, 0, sizeof b);
	memset(out, 0, sizeof *out);
	se_dag_init(&b.dag);
	se_ir_init(&b.ir);
	int rc = build_lines(&b, ref, arches, hints);
	if (rc == 0)
		rc = emit(&b, out);
	else if (rc > 0)
		rc = rc == 2 ? SE_ETOOLONG : SE_EUNSUPPORTED;
	builder_free(&b);
	return rc;
}
