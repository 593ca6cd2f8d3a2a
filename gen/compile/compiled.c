#include "compiled.h"

void se_compiled_free(struct se_compiled *c)
{
	for (size_t i = 0; i < c->n_variants; i++) {
		se_program_free(&c->variants[i].prog);
		se_program_free(&c->variants[i].enforce);
		se_program_free(&c->variants[i].fallback);
		se_build_report_free(&c->variants[i].report);
	}
	c->n_variants = 0;
}

const struct se_variant *se_compiled_variant_for(const struct se_compiled *c,
						 struct se_kernel_version k)
{
	const struct se_variant *found = NULL;
	for (size_t i = 0; i < c->n_variants; i++)
		if (se_kernel_cmp(c->variants[i].min_kernel, k) <= 0)
			found = &c->variants[i];
	return found;
}
