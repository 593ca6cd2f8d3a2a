/*
 * fuzz_mutate.h - programs that are wrong on purpose: a copy of a filter
 * with the branches of one conditional jump swapped, or with one jump on
 * an argument's high half always taken (the classic "64-bit compare done
 * on the low half only").  A set of inputs that cannot tell such a mutant
 * from the original would not catch a backend bug of that shape either; a
 * validator that accepts one would let such a bug ship.
 */
#ifndef FUZZ_MUTATE_H
#define FUZZ_MUTATE_H

#include <stdbool.h>
#include <stddef.h>

#include "fuzz_rng.h"
#include "program.h"
#include "verdict_probes.h"

enum fuzz_mutation {
	FUZZ_SWAP_BRANCHES, /* any conditional jump, one on an argument if any */
	FUZZ_SKIP_HIGH_HALF, /* a jump on an argument's high word: always jt */
};

struct fuzz_mutant {
	struct se_program prog;
	size_t at;   /* the jump whose branches were swapped */
	bool on_arg; /* it tests an argument word (else nr or arch) */
};

/* Picks a conditional jump with distinct branches that `kind` applies to
 * (for FUZZ_SWAP_BRANCHES one on an argument word when there is one),
 * uniformly among them.  `big_endian` says where high words lie.  Returns
 * false (nothing allocated) if `p` has none; exits on allocation failure. */
bool fuzz_mutant_make(struct fuzz_rng *r, const struct se_program *p, enum fuzz_mutation kind,
		      bool big_endian, struct fuzz_mutant *out);
void fuzz_mutant_free(struct fuzz_mutant *m);

/* The first input on which the programs return different values, or NULL. */
const struct bpf_sim_data *fuzz_first_difference(const struct se_program *a,
						 const struct se_program *b, bool big_endian,
						 const struct probe_set *inputs);

#endif
