#include "emit.h"

#include <linux/filter.h>

#include "c_text.h"
#include "describe.h"
#include "syscall_table.h"

static void comment_header(FILE *f, const struct se_compiled *c)
{
	if (c->options->mode == SE_MODE_LEARN)
		fputs("/*\n * LEARN MODE: THIS FILTER CONFINES NOTHING.  Every call the profile denies is\n"
		      " * reported and then ALLOWED.  Build it to learn what a program needs; never\n"
		      " * ship it (build with --mode enforce, or MODE enforce in CMake, to ship).\n */\n",
		      f);
	fputs("/*\n", f);
	se_emit_provenance(f, c, " * ");
	fputs(" */\n", f);
}

/* One program as a table: `which` names it ("program" or "enforce"). */
static int emit_insns(FILE *f, const struct se_compiled *c, size_t v, const struct se_program *p,
		      const char *which)
{
	struct se_describer *d = se_describer_new(p, c->target.arch);
	char words[160], op[48];
	if (!d)
		return -1;
	fprintf(f, "\nstatic const struct sock_filter %s_%s%zu[%zu] = {\n", c->options->name, which,
		v, p->len);
	for (size_t i = 0; i < p->len; i++) {
		const struct sock_filter *in = &p->insns[i];
		se_describe_insn(d, i, words, sizeof words);
		se_opcode_symbol(in->code, op, sizeof op);
		fprintf(f, "\t{ %s, %u, %u, 0x%08xu }, /* %zu: ", op, in->jt, in->jf,
			(unsigned)in->k, i);
		se_c_comment_text(f, words);
		fputs(" */\n", f);
	}
	fputs("};\n", f);
	se_describer_free(d);
	return 0;
}

static int emit_program(FILE *f, const struct se_compiled *c, size_t v)
{
	const struct se_variant *var = &c->variants[v];
	if (emit_insns(f, c, v, &var->prog, "program"))
		return -1;
	if (var->enforce.len) {
		fputs("\n/* The enforcing program, which the supervisor runs to answer each call the\n"
		      " * program above hands it (the one installed). */", f);
		if (emit_insns(f, c, v, &var->enforce, "enforce"))
			return -1;
	}
	if (var->fallback.len) {
		fputs("\n/* Installed instead where no supervisor can run (a kernel before 5.7):\n"
		      " * every denial a TRAP carrying its outcome, for the SIGSYS reporter. */", f);
		return emit_insns(f, c, v, &var->fallback, "fallback");
	}
	return 0;
}

static void emit_conditions(FILE *f, const char *sym, size_t v, const struct se_attribution *a)
{
	size_t n = 0;
	for (size_t r = 0; r < a->n_rules; r++)
		n += a->rules[r].rule->n_args;
	if (n == 0)
		return;
	fprintf(f, "\nstatic const struct seccomp_embed_condition %s_conditions%zu[%zu] = {\n", sym, v, n);
	for (size_t r = 0; r < a->n_rules; r++)
		for (size_t i = 0; i < a->rules[r].rule->n_args; i++) {
			const struct se_arg *arg = &a->rules[r].rule->args[i];
			fprintf(f, "\t{ %u, %d, 0x%llxull, 0x%llxull }, /* %s */\n", arg->index,
				(int)arg->op, (unsigned long long)arg->value,
				(unsigned long long)arg->value_two, se_op_name(arg->op));
		}
	fputs("};\n", f);
}

/* What the SIGSYS reporter needs to name the rule that decided a call. */
static void emit_attribution(FILE *f, const struct se_compiled *c, size_t v)
{
	const char *sym = c->options->name;
	const struct se_attribution *a = &c->variants[v].report.attribution;
	size_t offset = 0;
	emit_conditions(f, sym, v, a);
	if (a->n_rules) {
		fprintf(f, "\nstatic const struct seccomp_embed_rule %s_rules%zu[%zu] = {\n", sym, v,
			a->n_rules);
		for (size_t r = 0; r < a->n_rules; r++) {
			const struct se_attr_rule *rule = &a->rules[r];
			fprintf(f, "\t{ %zu, 0x%08xu, %zu, %d, ", rule->rule->index, (unsigned)rule->action,
				rule->rule->n_args, rule->any ? 1 : 0);
			if (rule->rule->n_args)
				fprintf(f, "%s_conditions%zu + %zu },\n", sym, v, offset);
			else
				fputs("0 },\n", f);
			offset += rule->rule->n_args;
		}
		fputs("};\n", f);
	}
	if (a->n_sites) {
		fprintf(f, "\nstatic const struct seccomp_embed_rule_site %s_sites%zu[%zu] = {\n", sym, v,
			a->n_sites);
		for (size_t i = 0; i < a->n_sites; i++)
			fprintf(f, "\t{ 0x%x, %u, %u },\n", (unsigned)a->sites[i].nr, a->sites[i].arch,
				a->sites[i].rule);
		fputs("};\n", f);
	}
	fprintf(f, "\nstatic const unsigned int %s_enosys_above%zu[%zu] = {", sym, v, c->arches.n);
	for (size_t i = 0; i < c->arches.n; i++)
		fprintf(f, "%s0x%xu", i ? ", " : " ", (unsigned)a->enosys_above[i]);
	fputs(" };\n", f);
}

static int emit_names(FILE *f, const struct se_compiled *c, size_t a)
{
	struct se_syscall_entry *t;
	long n = se_syscall_table(c->arches.arches[a], &t);
	if (n < 0)
		return -1;
	fprintf(f, "\nstatic const struct seccomp_embed_syscall_name %s_names_%s[%ld] = {\n",
		c->options->name, c->arches.arches[a]->docker, n ? n : 1);
	for (long i = 0; i < n; i++) {
		fprintf(f, "\t{ 0x%x, ", (unsigned)t[i].nr);
		se_c_string(f, t[i].name);
		fputs(" },\n", f);
	}
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
	for (size_t v = 0; v < c->n_variants; v++) {
		const struct se_attribution *a = &c->variants[v].report.attribution;
		fprintf(f, "\t{ %u, %u, %zu, %s_program%zu, 0x%08xu,\n", c->variants[v].min_kernel.major,
			c->variants[v].min_kernel.minor, c->variants[v].prog.len, sym, v,
			(unsigned)a->default_action);
		if (a->n_rules)
			fprintf(f, "\t  %zu, %s_rules%zu, ", a->n_rules, sym, v);
		else
			fputs("\t  0, 0, ", f);
		if (a->n_sites)
			fprintf(f, "%zu, %s_sites%zu, ", a->n_sites, sym, v);
		else
			fputs("0, 0, ", f);
		fprintf(f, "%s_enosys_above%zu, ", sym, v);
		if (c->variants[v].enforce.len)
			fprintf(f, "%zu, %s_enforce%zu, ", c->variants[v].enforce.len, sym, v);
		else
			fputs("0, 0, ", f);
		if (c->variants[v].fallback.len)
			fprintf(f, "%zu, %s_fallback%zu },\n", c->variants[v].fallback.len, sym, v);
		else
			fputs("0, 0 },\n", f);
	}
	fputs("};\n", f);
}

static void emit_filter(FILE *f, const struct se_compiled *c)
{
	const char *sym = c->options->name;
	fprintf(f, "\nconst struct seccomp_embed_filter %s = {\n", sym);
	fprintf(f, "\tSECCOMP_EMBED_ABI_VERSION,\n\t\"%s\",\n\t", sym);
	se_c_string(f, c->options->profile);
	fputs(",\n", f);
	fprintf(f, "\t0x%08xu, /* %s */\n", (unsigned)c->target.arch->audit_arch, c->target.arch->uname);
	fprintf(f, "\t0x%xu, /* SECCOMP_FILTER_FLAG_* */\n", c->flags);
	static const char *const modes[] = {[SE_MODE_ENFORCE] = "ENFORCE",
					    [SE_MODE_TRAP_LOG] = "TRAP_LOG", [SE_MODE_LEARN] = "LEARN"};
	fprintf(f, "\tSECCOMP_EMBED_MODE_%s,\n", modes[c->options->mode]);
	fprintf(f, "\t%d, /* may return TRAP */\n", c->uses_trap ? 1 : 0);
	fprintf(f, "\t%zu, %s_arches,\n\t%zu, %s_programs\n};\n", c->arches.n, sym, c->n_variants, sym);
}

/* Priorities 0-100 belong to the implementation; ours start at 1000 so a
 * program can still run its own low-numbered constructors first. */
#define SE_STARTUP_PRIORITY_BASE 1000

static void emit_startup(FILE *f, const struct se_compiled *c)
{
	const char *sym = c->options->name;
	fprintf(f, "\n/* --install startup: confine the process before main() runs; if that\n"
		   " * fails, seccomp_embed_install_or_abort() says why and aborts, so the\n"
		   " * program never runs unsandboxed.  Priority %d + --install-order %u:\n"
		   " * the startup filters of one program are layered in that order. */\n"
		   "__attribute__((constructor(%u))) static void %s_install_at_startup(void)\n"
		   "{\n\tseccomp_embed_install_or_abort(&%s);\n}\n",
		SE_STARTUP_PRIORITY_BASE, c->options->install_order,
		SE_STARTUP_PRIORITY_BASE + c->options->install_order, sym, sym);
}

int se_emit_c(FILE *f, const struct se_compiled *c)
{
	comment_header(f, c);
	fputs("\n#include <seccomp_embed.h>\n", f);
	fprintf(f, "\nextern const struct seccomp_embed_filter %s;\n", c->options->name);
	for (size_t v = 0; v < c->n_variants; v++) {
		if (emit_program(f, c, v))
			return -1;
		emit_attribution(f, c, v);
	}
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
	fputs("\n/* The filter compiled from ", f);
	se_c_comment_text(f, c->options->profile);
	fprintf(f, ". */\nextern const struct seccomp_embed_filter %s;\n", c->options->name);
	fputs("\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n", f);
	return 0;
}
