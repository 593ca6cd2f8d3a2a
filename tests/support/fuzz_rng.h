/*
 * fuzz_rng.h - a small deterministic random source for the fuzz tests, so
 * that a failing case is reproduced from its seed alone, on any libc.
 */
#ifndef FUZZ_RNG_H
#define FUZZ_RNG_H

#include <stdbool.h>
#include <stdint.h>

struct fuzz_rng {
	uint64_t state;
};

/* splitmix64: every seed, 0 included, gives a full-period stream. */
uint64_t fuzz_next(struct fuzz_rng *r);
/* Uniform in [0, n); n > 0. */
uint64_t fuzz_below(struct fuzz_rng *r, uint64_t n);
/* True `percent` times in a hundred. */
bool fuzz_chance(struct fuzz_rng *r, unsigned percent);
/* An independent stream for case `index` of a run seeded with `seed`. */
struct fuzz_rng fuzz_fork(uint64_t seed, uint64_t index);

/* A 64-bit value near where comparisons go wrong: 0, 1, 2, small numbers,
 * 2^31, 2^32-1, 2^32, 2^63, ~0, single bits, 32-bit and 64-bit noise,
 * each possibly one below or above. */
uint64_t fuzz_interesting_u64(struct fuzz_rng *r);

#endif
