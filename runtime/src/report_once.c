#include "report_once.h"

static uint64_t key_of(const struct se_report *r)
{
	const struct se_call *c = &r->call;
	const struct se_decision *d = &r->decision;
	uint64_t k = ((uint64_t)c->arch << 32) ^ c->nr;
	k = k * 0x9E3779B97F4A7C15ull ^ ((uint64_t)d->decider << 24 | d->profile_index);
	k = k * 0x9E3779B97F4A7C15ull ^ (uintptr_t)d->filter;
	return k ? k : 1;
}

int se_once_seen(struct se_once_table *t, const struct se_report *r)
{
	uint64_t key = key_of(r);
	for (unsigned probe = 0; probe < SE_ONCE_SLOTS; probe++) {
		struct se_once_slot *s = &t->slot[(key + probe) % SE_ONCE_SLOTS];
		uint64_t expected = 0;
		if (__atomic_load_n(&s->key, __ATOMIC_ACQUIRE) == key ||
		    !__atomic_compare_exchange_n(&s->key, &expected, key, 0, __ATOMIC_ACQ_REL,
						 __ATOMIC_ACQUIRE)) {
			if (__atomic_load_n(&s->key, __ATOMIC_ACQUIRE) != key)
				continue;
			__atomic_add_fetch(&s->count, 1, __ATOMIC_RELAXED);
			return 1;
		}
		s->first = *r;
		__atomic_store_n(&s->count, 1, __ATOMIC_RELEASE);
		return 0;
	}
	return 0;
}

void se_once_summary(const struct se_once_table *t, enum se_report_format format, int fd)
{
	for (unsigned i = 0; i < SE_ONCE_SLOTS; i++) {
		const struct se_once_slot *s = &t->slot[i];
		if (__atomic_load_n(&s->key, __ATOMIC_ACQUIRE))
			se_report_write_summary(&s->first, __atomic_load_n(&s->count, __ATOMIC_ACQUIRE),
						format, fd);
	}
}
