/*
 * opt_pe.h - partial evaluation: run the reference program knowing arch
 * and nr, leaving the argument words unknown.  Every compare on nr or arch
 * is decided; what remains (argument tests and returns) becomes a DAG node.
 * Along each path the tests already passed narrow the range of each
 * argument word, so a test they decide is not emitted again.
 */
#ifndef SE_OPT_PE_H
#define SE_OPT_PE_H

#include <linux/filter.h>
#include <stddef.h>
#include <stdint.h>

#include "opt_dag.h"

/* What the number line may be cut by: the caller splits nr into intervals
 * on which every compare with nr has one outcome; a JSET on nr is allowed
 * only with a mask listed here (single high bits the cuts respect). */
struct se_pe_context {
	const struct sock_filter *insns;
	size_t len;
	const uint32_t *nr_jset_masks;
	size_t n_nr_jset_masks;
	struct se_dag *dag;
	size_t budget; /* steps left in this evaluation */
};

/* Paths explored per (arch, nr): argument tests branch, so a pathological
 * reference could take exponential time; real ones need a few thousand. */
#define SE_PE_STEPS 1000000

#define SE_PE_UNSUPPORTED (UINT32_MAX - 1) /* an instruction the model lacks */
#define SE_PE_TOO_DEEP (UINT32_MAX - 2) /* argument tests nested too deep, or too many paths */

/* The node deciding a call on `arch` with number `nr`; SE_NODE_NONE when
 * out of memory or budget, SE_PE_UNSUPPORTED. */
uint32_t se_pe_eval(struct se_pe_context *c, uint32_t arch, uint32_t nr);

#endif
