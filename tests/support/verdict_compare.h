/*
 * verdict_compare.h - run two seccomp programs side by side on a probe set
 * (verdict_probes.h) in the classic-BPF interpreter, and count where they
 * decide differently: the check behind "profile A decides like profile B".
 */
#ifndef VERDICT_COMPARE_H
#define VERDICT_COMPARE_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "verdict_probes.h"

#define VERDICT_MAX_SEEN 32
#define VERDICT_MAX_PRINTED 6        /* mismatch lines printed per comparison */
#define VERDICT_MAX_PRINTED_TOTAL 48 /* and in the whole process */

struct verdict_program {
	const struct sock_filter *insns; /* host values */
	size_t len;
};

/* May the programs differ on this probe?  For profiles that differ on
 * purpose (the chmod family); NULL: nowhere. */
typedef bool (*verdict_may_differ_fn)(const struct bpf_sim_data *d, void *ctx);

struct verdict_tally {
	unsigned long long compared;
	unsigned long long with_args; /* of them, probes carrying argument values */
	unsigned long long differing; /* where they may not */
	unsigned long long excused;   /* differences `may_differ` allowed */
	uint32_t seen[VERDICT_MAX_SEEN]; /* distinct verdicts of the first program */
	size_t n_seen;
	uint64_t digest; /* of the first program's verdicts, in probe order */
};

/* Runs `a` and `b` (for a target of the given byte order) on every probe
 * of `s`, adding to `t` (zero it first).  The first VERDICT_MAX_PRINTED
 * disallowed differences (VERDICT_MAX_PRINTED_TOTAL over all calls) are
 * printed as "MISMATCH <label>: ..." lines. */
void verdicts_compare(const char *label, struct verdict_program a, struct verdict_program b,
		      bool big_endian, const struct probe_set *s, verdict_may_differ_fn may_differ,
		      void *ctx, struct verdict_tally *t);

bool verdict_seen(const struct verdict_tally *t, uint32_t ret);

/* "ALLOW", "ERRNO(38)", "KILL_THREAD", ... */
void verdict_describe(uint32_t ret, char *out, size_t len);

#endif
