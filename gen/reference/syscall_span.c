#include "syscall_span.h"

#include "syscall_table.h"

static uint32_t base_of(uint32_t nr)
{
	if (nr >= SE_X32_BASE)
		return SE_X32_BASE;
	return nr >= SE_ARM_PRIVATE_BASE ? SE_ARM_PRIVATE_BASE : 0;
}

int se_syscall_spans(const struct se_arch *a, struct se_syscall_spans *out)
{
	struct se_syscall_entry *t;
	long n = se_syscall_table(a, &t);

	out->n = 0;
	if (n < 0)
		return -1;
	/* the table is sorted, so each base's numbers are consecutive */
	for (long i = 0; i < n; i++) {
		uint32_t base = base_of(t[i].nr);
		struct se_syscall_span *s = &out->span[out->n ? out->n - 1 : 0];
		if (out->n == 0 || s->first != base) {
			if (out->n == sizeof out->span / sizeof *out->span)
				break;
			s = &out->span[out->n++];
			s->first = base;
		}
		s->end = t[i].nr + 1;
	}
	se_syscall_table_free(t, n);
	return 0;
}

int se_syscall_main_end(const struct se_arch *a, uint32_t *end)
{
	struct se_syscall_spans spans;
	if (se_syscall_spans(a, &spans))
		return -1;
	*end = spans.n > 0 && spans.span[0].first == 0 ? spans.span[0].end : 0;
	return 0;
}
