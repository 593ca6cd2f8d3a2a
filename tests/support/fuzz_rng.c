/*
 * fuzz_rng.c - see fuzz_rng.h.
 */
#include "fuzz_rng.h"

uint64_t fuzz_next(struct fuzz_rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint64_t fuzz_below(struct fuzz_rng *r, uint64_t n)
{
	return fuzz_next(r) % n; /* the bias is far below what a test can see */
}

bool fuzz_chance(struct fuzz_rng *r, unsigned percent)
{
	return fuzz_below(r, 100) < percent;
}

struct fuzz_rng fuzz_fork(uint64_t seed, uint64_t index)
{
	struct fuzz_rng r = {seed ^ (index * 0xd1b54a32d192ed03ull)};
	fuzz_next(&r);
	return r;
}

uint64_t fuzz_interesting_u64(struct fuzz_rng *r)
{
	static const uint64_t anchors[] = {
		0, 1, 2, 0x7fffffffull, 0x80000000ull, 0xffffffffull, 0x100000000ull,
		0x8000000000000000ull, 0x7fffffffffffffffull, UINT64_MAX, 0xffffffff00000000ull,
	};
	static const int64_t nudges[] = {-1, 0, 0, 0, 1};
	uint64_t base;
	switch (fuzz_below(r, 6)) {
	case 0: base = fuzz_below(r, 64); break;
	case 1: base = 1ull << fuzz_below(r, 64); break;
	case 2: base = fuzz_next(r) & 0xffffffffull; break;
	case 3: base = fuzz_next(r); break;
	default: base = anchors[fuzz_below(r, sizeof anchors / sizeof *anchors)]; break;
	}
	return base + (uint64_t)nudges[fuzz_below(r, sizeof nudges / sizeof *nudges)];
}
