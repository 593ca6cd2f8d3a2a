/*
 * opt_dag.h - what the program does once arch and nr are known: a DAG of
 * argument tests ending in returns.  Nodes are hash-consed, so two
 * syscalls whose remaining decisions are the same share one node, and
 * identical tails are merged by construction.
 */
#ifndef SE_OPT_DAG_H
#define SE_OPT_DAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum se_node_kind { SE_NODE_RET, SE_NODE_TEST };

/* TEST: (data word at `offset` & mask) <op> k, then `yes` or `no`. */
struct se_node {
	enum se_node_kind kind;
	uint16_t op;     /* BPF_JEQ, BPF_JGT, BPF_JGE or BPF_JSET */
	uint32_t offset; /* of the 32-bit word in seccomp_data */
	uint32_t mask;   /* 0xffffffff: no AND */
	uint32_t k;      /* compared value, or the RET value */
	uint32_t yes, no;
};

struct se_dag {
	struct se_node *nodes;
	size_t n, cap;
	uint32_t *slots; /* hash table of node ids + 1; 0 = empty */
	size_t n_slots;
};

#define SE_NODE_NONE UINT32_MAX

void se_dag_init(struct se_dag *g);
void se_dag_free(struct se_dag *g);
/* The id of an equal node, or a new one; SE_NODE_NONE when out of memory. */
uint32_t se_dag_ret(struct se_dag *g, uint32_t value);
/* A test whose two branches agree is no test: returns that branch. */
uint32_t se_dag_test(struct se_dag *g, uint16_t op, uint32_t offset, uint32_t mask, uint32_t k,
		     uint32_t yes, uint32_t no);

#endif
