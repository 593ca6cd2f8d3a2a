/*
 * word_facts.h - what the tests passed on one path say about the data
 * words: for each (word offset, mask), the range [lo, hi] that
 * (word & mask) lies in.  The backend uses it to drop tests a path has
 * decided; validation uses it to walk both programs' paths together.
 */
#ifndef SE_WORD_FACTS_H
#define SE_WORD_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SE_MAX_FACTS 16

struct se_facts {
	struct {
		uint32_t offset, mask, lo, hi;
	} f[SE_MAX_FACTS];
	size_t n;
};

/* The index of (offset, mask), added with the full range if new;
 * SE_MAX_FACTS when there is no room (nothing is known then). */
size_t se_facts_index(struct se_facts *fs, uint32_t offset, uint32_t mask);
/* 1 or 0 if [lo, hi] decides `(value op k)` (op: BPF_JEQ/JGT/JGE/JSET), -1 if not. */
int se_facts_decided(uint16_t op, uint32_t lo, uint32_t hi, uint32_t k);
/* Narrows [lo, hi] by the outcome of a test (JSET teaches nothing kept). */
void se_facts_learn(uint16_t op, uint32_t k, bool outcome, uint32_t *lo, uint32_t *hi);
/* The result of a compare, as the kernel computes it. */
bool se_compare(uint16_t op, uint32_t a, uint32_t k);

#endif
