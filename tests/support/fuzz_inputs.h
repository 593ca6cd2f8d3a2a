/*
 * fuzz_inputs.h - the seccomp_data values on which a fuzzed profile's two
 * programs (ours, libseccomp's) must decide alike.  Written apart from the
 * generator's own translation validation (gen/check/validate_inputs.c), so that
 * a gap in one is not a gap in both:
 *
 *   - for every AUDIT_ARCH of the filter: syscall numbers 0..1100, the
 *     x32 numbers, MIPS's numbering bases, ARM's private calls, 32-bit
 *     extremes, arguments zero, and one number in eight again with random
 *     boundary-ish arguments;
 *   - the same sweep on arches outside the filter (one no filter names,
 *     one of the test arches that is not in this one);
 *   - for every number of every name an argument condition names (or that
 *     socketcall or ipc multiplexes), on every arch of the filter: each
 *     argument index run through the edges of its constants (c-1, c, c+1,
 *     each 32-bit half, each mask bit, sign bits) with the other arguments
 *     0 and all ones; then, for every rule, from a
 *     vector meeting all its conditions (they are ANDed), each of its
 *     indexes through its edges; then random mixes of edges and boundary
 *     values on all six arguments.
 */
#ifndef FUZZ_INPUTS_H
#define FUZZ_INPUTS_H

#include "fuzz_rng.h"
#include "profile.h"
#include "resolve.h"
#include "verdict_probes.h"

/* Fills `s` (free with probe_set_free); exits on allocation failure. */
void fuzz_inputs_build(struct probe_set *s, struct fuzz_rng *r, const struct se_arch_set *arches,
		       const struct se_profile *p);

#endif
