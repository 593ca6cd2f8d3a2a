#include "word_facts.h"

#include <linux/filter.h>

bool se_compare(uint16_t op, uint32_t a, uint32_t k)
{
	switch (op) {
	case BPF_JEQ: return a == k;
	case BPF_JGT: return a > k;
	case BPF_JGE: return a >= k;
	default: return (a & k) != 0;
	}
}

size_t se_facts_index(struct se_facts *fs, uint32_t offset, uint32_t mask)
{
	for (size_t i = 0; i < fs->n; i++)
		if (fs->f[i].offset == offset && fs->f[i].mask == mask)
			return i;
	if (fs->n == SE_MAX_FACTS)
		return SE_MAX_FACTS;
	fs->f[fs->n].offset = offset;
	fs->f[fs->n].mask = mask;
	fs->f[fs->n].lo = 0;
	fs->f[fs->n].hi = mask; /* word & mask never exceeds mask */
	return fs->n++;
}

int se_facts_decided(uint16_t op, uint32_t lo, uint32_t hi, uint32_t k)
{
	if (lo == hi)
		return se_compare(op, lo, k);
	if (op == BPF_JEQ)
		return (k < lo || k > hi) ? 0 : -1;
	if (op == BPF_JGT)
		return lo > k ? 1 : hi <= k ? 0 : -1;
	if (op == BPF_JGE)
		return lo >= k ? 1 : hi < k ? 0 : -1;
	return -1;
}

/* Only reached for a test the range did not decide, so k + 1 and k - 1
 * below cannot wrap: a JGT k with k == UINT32_MAX, or a JGE 0, is decided. */
void se_facts_learn(uint16_t op, uint32_t k, bool outcome, uint32_t *lo, uint32_t *hi)
{
	if (op == BPF_JEQ && outcome) {
		*lo = *hi = k;
	} else if (op == BPF_JEQ) {
		*lo += *lo == k;
		*hi -= *hi == k;
	} else if (op == BPF_JGT) {
		if (outcome)
			*lo = *lo > k + 1 ? *lo : k + 1;
		else
			*hi = *hi < k ? *hi : k;
	} else if (op == BPF_JGE) {
		if (outcome)
			*lo = *lo > k ? *lo : k;
		else
			*hi = *hi < k - 1 ? *hi : k - 1;
	}
}
