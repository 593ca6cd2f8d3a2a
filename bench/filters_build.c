/*
 * Building the filter bench's programs with the generator library, then
 * checking with its evaluator that they decide the two timed calls as the
 * bench assumes: keyctl denied with EPERM without reading arguments,
 * personality(0xffffffff) allowed after reading them.
 */
#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

#include "bpf_eval.h"
#include "filters.h"
#include "json_doc.h"
#include "methods.h"
#include "profile_parse.h"

/* stats' options for this machine: its arch, the running kernel. */
static int host_options(const char *profile, struct se_options *o)
{
	struct utsname u;
	const struct se_arch *arch = se_arch_by_token(seccomp_arch_native());
	memset(o, 0, sizeof *o);
	if (!arch || uname(&u) != 0 ||
	    sscanf(u.release, "%u.%u", &o->kernel.major, &o->kernel.minor) != 2)
		return fprintf(stderr, "%s: cannot tell this machine's arch or kernel\n",
			       program_invocation_short_name), -1;
	o->command = SE_COMMAND_STATS;
	o->profile = profile;
	o->arch = arch->uname;
	o->has_kernel = true;
	o->enosys_stub = true;
	o->quiet = true;
	o->name = "bench";
	return 0;
}

static int wrong(const struct bench_filter *f, const char *what)
{
	fprintf(stderr, "%s: the %s program %s; the bench needs a profile that denies keyctl "
		"with EPERM and allows personality(0xffffffff) after checking it\n",
		program_invocation_short_name, f->label, what);
	return -1;
}

/* Run the two timed calls through the program; 0 if they decide as the
 * bench assumes, -1 after saying why. */
static int check_calls(const struct se_arch *arch, struct bench_filter *f)
{
	struct se_bpf_data keyctl = {.nr = SYS_keyctl, .arch = arch->audit_arch};
	struct se_bpf_data query = {.nr = SYS_personality, .arch = arch->audit_arch,
				    .args = {BENCH_PERSONALITY_QUERY}};
	struct se_bpf_result k, p;
	if (se_bpf_eval(f->insns, f->len, &keyctl, arch->big_endian, &k) ||
	    se_bpf_eval(f->insns, f->len, &query, arch->big_endian, &p))
		return wrong(f, "faults when run");
	if (k.ret != (SECCOMP_RET_ERRNO | EPERM) || k.reads_data)
		return wrong(f, "does not deny keyctl with EPERM whatever its arguments");
	if (p.ret != SECCOMP_RET_ALLOW || !p.reads_data)
		return wrong(f, "does not allow personality(0xffffffff) after checking it");
	f->keyctl_steps = k.steps;
	f->personality_steps = p.steps;
	return 0;
}

static void describe(struct bench_filters *b)
{
	const struct se_compiled *c = &b->programs.compiled;
	size_t used = (size_t)snprintf(b->what, sizeof b->what, "%s for %s (arches",
				       b->programs.options.profile, c->target.arch->uname);
	for (size_t i = 0; i < c->arches.n && used < sizeof b->what; i++)
		used += (size_t)snprintf(b->what + used, sizeof b->what - used, " %s",
					 c->arches.arches[i]->uname);
	if (used < sizeof b->what)
		snprintf(b->what + used, sizeof b->what - used, "), %s (the running one), docker "
			 "run's default capabilities, ENOSYS stub on", b->programs.kernel);
}

static int build_programs(const char *path, struct bench_filters *b)
{
	struct se_diag d = {.file = path, .quiet = 1};
	struct se_options o;
	if (host_options(path, &o) || !(b->root = se_json_load(&d, path)))
		return -1;
	const struct se_arch *arch = se_arch_find(o.arch);
	if (se_profile_parse(&d, b->root, arch->errno_family, &b->profile) ||
	    se_stats_build(&d, &b->profile, &o, &b->programs))
		return -1; /* the generator said why */
	for (int i = 0; i < SE_STATS_COLUMNS; i++) {
		const struct se_program *p = b->programs.column[i];
		b->f[i] = (struct bench_filter){se_stats_column_names[i], p->insns, p->len, true, 0, 0};
		if (check_calls(arch, &b->f[i]))
			return -1;
	}
	describe(b);
	return 0;
}

int bench_filters_build(const char *profile, struct bench_filters *out)
{
	memset(out, 0, sizeof *out);
	out->f[BF_ONE] = (struct bench_filter){"one instruction (RET ALLOW)", bench_one_instruction,
					      1, false, 1, 1};
	out->f[BF_NONE] = (struct bench_filter){"no filter", NULL, 0, false, 0, 0};
	return build_programs(profile, out);
}

void bench_filters_free(struct bench_filters *b)
{
	se_stats_programs_free(&b->programs);
	se_profile_free(&b->profile);
	cJSON_Delete(b->root);
	b->root = NULL;
}
