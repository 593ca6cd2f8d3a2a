#include "emit.h"

#include <linux/filter.h>

#include "describe.h"
#include "syscall_table.h"

static void comment_header(FILE *f, const struct se_compiled *c)
{
	fputs("/*\n", f);
	se_emit_provenance(f, c, " * ");
	fputs(" */\n", f);
}

static int emit_program(FILE *f, const struct se_compiled *c, size_t v)
{
	const struct se_program *p = &c->variants[v].prog;
	struct se_describer *d = se_describer_new(p, c->target.arch);
	char words[160], op[48];
	if (!d)
		return -1;
	fprintf(f, "\nstatic const struct sock_filter %s_program%zu[%zu] = {\n", c->options->name, v,
		p->len);
	for (size_t i = 0; i < p->len; i++) {
		const struct sock_filter *in = &p->insns[i];
		se_describe_insn(d, i, words, sizeof words);
		se_opcode_symbol(in->code, op, sizeof op);
		fprintf(f, "\t{ %s, %u, %u, 0x%08xu }, /* %zu: %s */\n", op, in->jt, in->jf,
			(unsigned)in->k, i, words);
	}
	fputs("};\n", f);
	se_describer_free(d);
	return 0;
}

static int emit_names(FILE *f, const struct se_compiled *c, size_t a)
{
	struct se_syscall_entry *t;
	long n = se_syscall_table(c->arches.arches[a], &t);
	if (n < 0)
		return -1;
	fprintf(f, "\nstatic const struct seccomp_embed_syscall_name %s_names_%s[%ld] = {\n",
		c->options->name, c->arches.arches[a]->docker, n ? n : 1);
	for (long i = 0; i < n; i++)
		fprintf(f, "\t{ 0x%x, \"%s\" },\n", (unsigned)t[i].nr, t[i].name);
	if (n == 0)
		fputs("\t{ 0, \"\" },\n", f);
	fputs("};\n", f);
	se_syscall_table_free(t, n);
	return 0;
}

static void emit_tables(FILE *f, const struct se_compiled *c)
{
	const char *sym = c->options->name;
	fprintf(f, "\nstatic const struct seccomp_embed_arch %s_arches[%zu] = {\n", sym, c->arches.n);
	for (size_t a = 0; a < c->arches.n; a++) {
		const struct se_arch *arch = c->arches.arches[a];
		fprintf(f, "\t{ 0x%08xu, \"%s\", sizeof %s_names_%s / sizeof %s_names_%s[0], "
			"%s_names_%s },\n", (unsigned)arch->audit_arch, arch->uname, sym, arch->docker,
			sym, arch->docker, sym, arch->docker);
	}
	fputs("};\n", f);
	fprintf(f, "\nstatic const struct seccomp_embed_program %s_programs[%zu] = {\n", sym,
		c->n_variants);
	for (size_t v = 0; v < c->n_variants; v++)
		fprintf(f, "\t{ %u, %u, %zu, %s_program%zu },\n", c->variants[v].min_kernel.major,
			c->variants[v].min_kernel.minor, c->variants[v].prog.len, sym, v);
	fputs("};\n", f);
}

static void emit_filter(FILE *f, const struct se_compiled *c)
{
	const char *sym = c->options->name;
	fprintf(f, "\nconst struct seccomp_embed_filter %s = {\n", sym);
	fprintf(f, "\tSECCOMP_EMBED_ABI_VERSION,\n\t\"%s\",\n\t\"%s\",\n", sym, c->options->profile);
	fprintf(f, "\t0x%08xu, /* %s */\n", (unsigned)c->target.arch->audit_arch, c->target.arch->uname);
	fprintf(f, "\t0x%xu, /* SECCOMP_FILTER_FLAG_* */\n", c->flags);
	fprintf(f, "\tSECCOMP_EMBED_MODE_%s,\n", c->options->mode == SE_MODE_TRAP_LOG ? "TRAP_LOG" : "ENFORCE");
	fprintf(f, "\t%d, /* may return TRAP */\n", c->uses_trap ? 1 : 0);
	fprintf(f, "\t%zu, %s_arches,\n\t%zu, %s_programs\n};\n", c->arches.n, sym, c->n_variants, sym);
}

static void emit_startup(FILE *f, const struct se_compiled *c)
{
	const char *sym = c->options->name;
	fprintf(f, "\n/* --install startup: confine the process before main() runs; if that\n"
		   " * fails, seccomp_embed_install_or_abort() says why and aborts, so the\n"
		   " * program never runs unsandboxed. */\n"
		   "__attribute__((constructor)) static void %s_install_at_startup(void)\n"
		   "{\n\tseccomp_embed_install_or_abort(&%s);\n}\n", sym, sym);
}

int se_emit_c(FILE *f, const struct se_compiled *c)
{
	comment_header(f, c);
	fputs("\n#include <seccomp_embed.h>\n", f);
	fprintf(f, "\nextern const struct seccomp_embed_filter %s;\n", c->options->name);
	for (size_t v = 0; v < c->n_variants; v++)
		if (emit_program(f, c, v))
			return -1;
	for (size_t a = 0; a < c->arches.n; a++)
		if (emit_names(f, c, a))
			return -1;
	emit_tables(f, c);
	emit_filter(f, c);
	if (c->options->install_startup)
		emit_startup(f, c);
	return 0;
}

int se_emit_h(FILE *f, const struct se_compiled *c)
{
	comment_header(f, c);
	fprintf(f, "\n#ifndef SECCOMP_EMBED_%s_H\n#define SECCOMP_EMBED_%s_H\n", c->options->name,
		c->options->name);
	fputs("\n#include <seccomp_embed.h>\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n", f);
	fprintf(f, "\n/* The filter compiled from %s. */\nextern const struct seccomp_embed_filter %s;\n",
		c->options->profile, c->options->name);
	fputs("\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n", f);
	return 0;
}
