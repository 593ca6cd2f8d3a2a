#include "emit.h"

int se_emit_bpf(FILE *f, const struct se_compiled *c)
{
	const struct se_program *p = &c->variants[0].prog;
	unsigned char raw[8];
	for (size_t i = 0; i < p->len; i++) {
		se_insn_to_bytes(&p->insns[i], c->target.arch->big_endian, raw);
		if (fwrite(raw, 1, sizeof raw, f) != sizeof raw)
			return -1;
	}
	return 0;
}

int se_emit_text(FILE *f, const struct se_compiled *c)
{
	se_emit_provenance(f, c, "# ");
	fprintf(f, "#\n# %zu instructions\n", c->variants[0].prog.len);
	return se_emit_listing(f, c, &c->variants[0].prog);
}
