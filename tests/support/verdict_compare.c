/*
 * verdict_compare.c - see verdict_compare.h.
 */
#include "verdict_compare.h"

#include <linux/seccomp.h>
#include <stdio.h>

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static unsigned printed_total;

void verdict_describe(uint32_t ret, char *out, size_t len)
{
	uint32_t data = ret & SECCOMP_RET_DATA;
	switch (ret & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS: snprintf(out, len, "KILL_PROCESS"); break;
	case SECCOMP_RET_KILL_THREAD: snprintf(out, len, "KILL_THREAD"); break;
	case SECCOMP_RET_TRAP: snprintf(out, len, "TRAP(%u)", (unsigned)data); break;
	case SECCOMP_RET_ERRNO: snprintf(out, len, "ERRNO(%u)", (unsigned)data); break;
	case SECCOMP_RET_TRACE: snprintf(out, len, "TRACE(%u)", (unsigned)data); break;
	case SECCOMP_RET_LOG: snprintf(out, len, "LOG"); break;
	case SECCOMP_RET_ALLOW: snprintf(out, len, "ALLOW"); break;
	default: snprintf(out, len, "0x%08x", (unsigned)ret); break;
	}
}

bool verdict_seen(const struct verdict_tally *t, uint32_t ret)
{
	for (size_t i = 0; i < t->n_seen; i++)
		if (t->seen[i] == ret)
			return true;
	return false;
}

static void note_seen(struct verdict_tally *t, uint32_t ret)
{
	if (!verdict_seen(t, ret) && t->n_seen < VERDICT_MAX_SEEN)
		t->seen[t->n_seen++] = ret;
}

static void print_mismatch(const char *label, const struct bpf_sim_data *d, uint32_t a,
			   uint32_t b)
{
	char as[32], bs[32];
	verdict_describe(a, as, sizeof as);
	verdict_describe(b, bs, sizeof bs);
	printf("MISMATCH %s: arch=0x%08x nr=%d (0x%x) args=[0x%llx 0x%llx 0x%llx 0x%llx 0x%llx "
	       "0x%llx]: %s against %s\n",
	       label, (unsigned)d->arch, (int)d->nr, (unsigned)d->nr,
	       (unsigned long long)d->args[0], (unsigned long long)d->args[1],
	       (unsigned long long)d->args[2], (unsigned long long)d->args[3],
	       (unsigned long long)d->args[4], (unsigned long long)d->args[5], as, bs);
}

void verdicts_compare(const char *label, struct verdict_program a, struct verdict_program b,
		      bool big_endian, const struct probe_set *s, verdict_may_differ_fn may_differ,
		      void *ctx, struct verdict_tally *t)
{
	unsigned printed = 0;
	if (!t->digest)
		t->digest = FNV_OFFSET;
	for (size_t i = 0; i < s->n; i++) {
		const struct bpf_sim_data *d = &s->v[i];
		uint32_t va = bpf_sim_run(a.insns, a.len, d, big_endian, NULL);
		uint32_t vb = bpf_sim_run(b.insns, b.len, d, big_endian, NULL);
		t->compared++;
		t->with_args += i >= s->n - s->n_with_args;
		t->digest = (t->digest ^ va) * FNV_PRIME;
		note_seen(t, va);
		if (va == vb)
			continue;
		if (may_differ && may_differ(d, ctx)) {
			t->excused++;
			continue;
		}
		t->differing++;
		if (printed++ < VERDICT_MAX_PRINTED && printed_total++ < VERDICT_MAX_PRINTED_TOTAL)
			print_mismatch(label, d, va, vb);
	}
}
