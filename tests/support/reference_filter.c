/*
 * reference_filter.c - see reference_filter.h.  Written from the documented
 * behaviour of dockerd, runc and libseccomp (../shared/notes), not from
 * gen/reference/build.c or gen/reference/enosys_stub.c, so that a test comparing the two can
 * catch a mistake in either.
 */
#include "reference_filter.h"

#include <errno.h>
#include <stdarg.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bpf_sim.h"
#include "kernel_syscalls.h"

#define REF_AUDIT_LE 0x40000000u       /* __AUDIT_ARCH_LE */
#define REF_X32_BIT 0x40000000u        /* x32 syscall numbers carry bit 30 */
#define REF_TREE_THRESHOLD 32          /* runc asks for a binary tree above this */
#define REF_EPERM 1                    /* Docker's errnoRet when none is given */
#define REF_OFF_NR 0                   /* offsetof(struct seccomp_data, nr) */
#define REF_OFF_ARCH 4                 /* offsetof(struct seccomp_data, arch) */

#define REF_ARCH(scmp_name, docker_name, tok, enosys_nr)                                  \
	{                                                                                  \
		"SCMP_ARCH_" scmp_name, docker_name, tok,                                  \
		(tok) == SCMP_ARCH_X32 ? (uint32_t)SCMP_ARCH_X86_64 : (uint32_t)(tok),     \
		((tok) & REF_AUDIT_LE) == 0, enosys_nr                                     \
	}

static const struct ref_arch ref_arches[] = {
	REF_ARCH("X86_64", "amd64", SCMP_ARCH_X86_64, 38),
	REF_ARCH("X86", "x86", SCMP_ARCH_X86, 38),
	REF_ARCH("X32", "x32", SCMP_ARCH_X32, 38),
	REF_ARCH("AARCH64", "arm64", SCMP_ARCH_AARCH64, 38),
	REF_ARCH("ARM", "arm", SCMP_ARCH_ARM, 38),
	REF_ARCH("MIPS", "mips", SCMP_ARCH_MIPS, 89),
	REF_ARCH("MIPSEL", "mipsel", SCMP_ARCH_MIPSEL, 89),
	REF_ARCH("MIPS64", "mips64", SCMP_ARCH_MIPS64, 89),
	REF_ARCH("MIPS64N32", "mips64n32", SCMP_ARCH_MIPS64N32, 89),
	REF_ARCH("MIPSEL64", "mipsel64", SCMP_ARCH_MIPSEL64, 89),
	REF_ARCH("MIPSEL64N32", "mipsel64n32", SCMP_ARCH_MIPSEL64N32, 89),
	REF_ARCH("PPC", "ppc", SCMP_ARCH_PPC, 38),
	REF_ARCH("PPC64", "ppc64", SCMP_ARCH_PPC64, 38),
	REF_ARCH("PPC64LE", "ppc64le", SCMP_ARCH_PPC64LE, 38),
	REF_ARCH("S390", "s390", SCMP_ARCH_S390, 38),
	REF_ARCH("S390X", "s390x", SCMP_ARCH_S390X, 38),
	REF_ARCH("PARISC", "parisc", SCMP_ARCH_PARISC, 251),
	REF_ARCH("PARISC64", "parisc64", SCMP_ARCH_PARISC64, 251),
	REF_ARCH("RISCV64", "riscv64", SCMP_ARCH_RISCV64, 38),
};

#define REF_N_ARCHES (sizeof ref_arches / sizeof ref_arches[0])

const struct ref_arch *ref_arch_by_scmp(const char *scmp)
{
	for (size_t i = 0; i < REF_N_ARCHES; i++)
		if (strcmp(ref_arches[i].scmp, scmp) == 0)
			return &ref_arches[i];
	return NULL;
}

const struct ref_arch *ref_arch_by_docker(const char *docker)
{
	for (size_t i = 0; i < REF_N_ARCHES; i++)
		if (strcmp(ref_arches[i].docker, docker) == 0)
			return &ref_arches[i];
	return NULL;
}

const struct ref_arch *ref_arch_by_token(uint32_t token)
{
	for (size_t i = 0; i < REF_N_ARCHES; i++)
		if (ref_arches[i].token == token)
			return &ref_arches[i];
	return NULL;
}

uint32_t ref_action_value(enum se_action a, bool has_errno, uint32_t errno_ret)
{
	uint32_t e = has_errno ? errno_ret : REF_EPERM;
	switch (a) {
	case SE_ACT_KILL_THREAD: return SCMP_ACT_KILL_THREAD;
	case SE_ACT_KILL_PROCESS: return SCMP_ACT_KILL_PROCESS;
	case SE_ACT_TRAP: return SCMP_ACT_TRAP;
	case SE_ACT_ERRNO: return SCMP_ACT_ERRNO(e);
	case SE_ACT_TRACE: return SCMP_ACT_TRACE(e);
	case SE_ACT_LOG: return SCMP_ACT_LOG;
	case SE_ACT_ALLOW: return SCMP_ACT_ALLOW;
	case SE_ACT_NOTIFY: return SCMP_ACT_NOTIFY;
	}
	return SCMP_ACT_KILL_THREAD;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(struct ref_filter *f, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->why, sizeof f->why, fmt, ap);
	va_end(ap);
	return status;
}

/* ---------------------------------------------------------------------- */
/* What dockerd hands runc: the arch list                                  */
/* ---------------------------------------------------------------------- */

static int add_arch(struct ref_filter *f, const char *scmp)
{
	const struct ref_arch *a = ref_arch_by_scmp(scmp);
	if (!a)
		return fail(f, REF_REFUSED, "unknown architecture %s", scmp);
	for (size_t i = 0; i < f->n_arches; i++)
		if (f->arches[i] == a)
			return REF_OK;
	if (f->n_arches == REF_MAX_ARCHES)
		return fail(f, REF_ERROR, "too many architectures");
	f->arches[f->n_arches++] = a;
	return REF_OK;
}

/* `architectures` as given; otherwise the first archMap entry naming the
 * target, then its subArchitectures.  The target (libseccomp's native arch
 * on the machine that runs the container) is always in the filter, and
 * current runc adds it to config.Architectures for the ENOSYS stub too
 * ("always include the native architecture"): the stub covers every arch
 * of the filter. */
static int resolve_arches(const struct se_profile *p, const struct ref_arch *target,
			  struct ref_filter *f)
{
	int rc = add_arch(f, target->scmp);
	if (rc)
		return rc;
	if (p->architectures.n) {
		for (size_t i = 0; i < p->architectures.n; i++)
			if ((rc = add_arch(f, p->architectures.items[i])))
				return rc;
		return REF_OK;
	}
	for (size_t i = 0; i < p->n_arch_map; i++) {
		const struct se_arch_map_entry *e = &p->arch_map[i];
		if (strcmp(e->arch, target->scmp) != 0)
			continue;
		for (size_t k = 0; k < e->sub_arches.n; k++)
			if ((rc = add_arch(f, e->sub_arches.items[k])))
				return rc;
		break;
	}
	return REF_OK;
}

/* ---------------------------------------------------------------------- */
/* What runc asks libseccomp for                                           */
/* ---------------------------------------------------------------------- */

static enum scmp_compare ref_op(enum se_op op)
{
	switch (op) {
	case SE_OP_NE: return SCMP_CMP_NE;
	case SE_OP_LT: return SCMP_CMP_LT;
	case SE_OP_LE: return SCMP_CMP_LE;
	case SE_OP_EQ: return SCMP_CMP_EQ;
	case SE_OP_GE: return SCMP_CMP_GE;
	case SE_OP_GT: return SCMP_CMP_GT;
	case SE_OP_MASKED_EQ: return SCMP_CMP_MASKED_EQ;
	}
	return _SCMP_CMP_MIN; /* invalid: libseccomp refuses it */
}

/* One name of one rule: no arguments -> one unconditional rule; distinct
 * indexes -> one rule with every condition (AND); a repeated index -> one
 * rule per condition (OR).  As runc, valueTwo is passed as datum_b for
 * every operator (libseccomp reads it for MASKED_EQ only). */
static int add_syscall(scmp_filter_ctx ctx, uint32_t action, int nr, const struct se_rule *r,
		       size_t *added)
{
	struct scmp_arg_cmp *conds;
	bool seen[64] = {false}, repeated = false;
	int rc = 0;

	if (r->n_args == 0) {
		(*added)++;
		return seccomp_rule_add_array(ctx, action, nr, 0, NULL);
	}
	conds = calloc(r->n_args, sizeof *conds);
	if (!conds)
		return -ENOMEM;
	for (size_t i = 0; i < r->n_args; i++) {
		const struct se_arg *a = &r->args[i];
		conds[i].arg = a->index;
		conds[i].op = ref_op(a->op);
		conds[i].datum_a = a->value;
		conds[i].datum_b = a->value_two;
		if (a->index < 64) {
			repeated |= seen[a->index];
			seen[a->index] = true;
		}
	}
	if (!repeated) {
		(*added)++;
		rc = seccomp_rule_add_array(ctx, action, nr, (unsigned)r->n_args, conds);
	} else {
		for (size_t i = 0; rc == 0 && i < r->n_args; i++) {
			(*added)++;
			rc = seccomp_rule_add_array(ctx, action, nr, 1, &conds[i]);
		}
	}
	free(conds);
	return rc;
}

static void add_outcome(struct ref_filter *f, uint32_t v)
{
	for (size_t i = 0; i < f->n_outcomes; i++)
		if (f->outcomes[i] == v)
			return;
	if (f->n_outcomes < REF_MAX_OUTCOMES)
		f->outcomes[f->n_outcomes++] = v;
}

static bool is_outcome(const struct ref_filter *f, uint32_t v)
{
	for (size_t i = 0; i < f->n_outcomes; i++)
		if (f->outcomes[i] == v)
			return true;
	return false;
}

static uint32_t bswap32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0x0000ff00u) | ((v << 8) & 0x00ff0000u) | (v << 24);
}

static bool host_big_endian(void)
{
	const uint16_t one = 1;
	unsigned char b[2];
	memcpy(b, &one, sizeof b);
	return b[0] == 0;
}

/* seccomp_export_bpf() writes to a file descriptor; read it back whole. */
static int export_program(struct ref_filter *f, scmp_filter_ctx ctx, struct sock_filter **insns,
			  size_t *len)
{
	FILE *tmp = tmpfile();
	unsigned char *buf = NULL;
	struct stat st;
	size_t got = 0;
	int rc, fd;

	*insns = NULL;
	*len = 0;
	if (!tmp)
		return fail(f, REF_ERROR, "tmpfile: %s", strerror(errno));
	fd = fileno(tmp);
	rc = seccomp_export_bpf(ctx, fd);
	if (rc) {
		fclose(tmp);
		return fail(f, REF_REFUSED, "seccomp_export_bpf: %s", strerror(-rc));
	}
	if (fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size % 8 != 0 ||
	    lseek(fd, 0, SEEK_SET) != 0 || !(buf = malloc((size_t)st.st_size))) {
		fclose(tmp);
		free(buf);
		return fail(f, REF_ERROR, "cannot read the exported program back");
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	fclose(tmp);
	if (got != (size_t)st.st_size) {
		free(buf);
		return fail(f, REF_ERROR, "short read of the exported program");
	}
	*len = got / 8;
	*insns = calloc(*len, sizeof **insns);
	if (!*insns || bpf_sim_decode(buf, got, f->big_endian, *insns, *len) != (long)*len) {
		free(buf);
		return fail(f, REF_ERROR, "cannot decode the exported program");
	}
	free(buf);
	return REF_OK;
}

/*
 * libseccomp 2.5.4 converts every constant to the target's byte order once,
 * but a RET block it duplicates to shorten a long jump
 * (_gen_bpf_build_jmp_ret) gets converted a second time.  On the machine
 * Docker runs on, host and target agree and the conversion is the identity,
 * so the program runc loads holds the plain value there.  When host and
 * target byte orders differ (here: a big-endian target), such a RET decodes
 * as the byte-swapped action: put it back.  Every RET must then be a value
 * the profile can produce, or the reference gives up.
 */
static int fix_returns(struct ref_filter *f, struct sock_filter *insns, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		struct sock_filter *in = &insns[i];
		if (BPF_CLASS(in->code) != BPF_RET || BPF_RVAL(in->code) != BPF_K ||
		    is_outcome(f, in->k))
			continue;
		if (f->big_endian != host_big_endian() && is_outcome(f, bswap32(in->k))) {
			in->k = bswap32(in->k);
			f->ret_fixes++;
			continue;
		}
		return fail(f, REF_ERROR, "libseccomp wrote an unexpected RET 0x%08x at %zu",
			    (unsigned)in->k, i);
	}
	return REF_OK;
}

static int build_libseccomp(const struct se_profile *p, const bool *applies, struct ref_filter *f,
			    struct sock_filter **insns, size_t *len)
{
	scmp_filter_ctx ctx;
	size_t n_names = 0;
	int rc = REF_OK;

	ctx = seccomp_init(f->default_value);
	if (!ctx)
		return fail(f, REF_REFUSED, "seccomp_init refused the default action");
	if ((rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE)) != 0) {
		seccomp_release(ctx);
		return fail(f, REF_ERROR, "seccomp_arch_remove: %s", strerror(-rc));
	}
	for (size_t i = 0; i < f->n_arches; i++) {
		rc = seccomp_arch_add(ctx, f->arches[i]->token);
		if (rc != 0 && rc != -EEXIST) {
			seccomp_release(ctx);
			return fail(f, REF_REFUSED, "seccomp_arch_add(%s): %s", f->arches[i]->scmp,
				    strerror(-rc));
		}
	}
	for (size_t i = 0; i < p->n_rules; i++)
		if (applies[i])
			n_names += p->rules[i].names.n;
	if (n_names > REF_TREE_THRESHOLD &&
	    (rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2)) != 0) {
		seccomp_release(ctx);
		return fail(f, REF_ERROR, "SCMP_FLTATR_CTL_OPTIMIZE: %s", strerror(-rc));
	}
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct se_rule *r = &p->rules[i];
		uint32_t action;
		if (!applies[i])
			continue;
		action = ref_action_value(r->action, r->has_errno_ret, r->errno_ret);
		add_outcome(f, action);
		for (size_t n = 0; n < r->names.n; n++) {
			int nr = seccomp_syscall_resolve_name(r->names.items[n]);
			if (nr == __NR_SCMP_ERROR) {
				f->names_unknown++;
				continue;
			}
			if (action == f->default_value) {
				f->names_same_as_default++;
				continue;
			}
			rc = add_syscall(ctx, action, nr, r, &f->rules_added);
			if (rc != 0) {
				seccomp_release(ctx);
				return fail(f, REF_REFUSED, "libseccomp refused the rule for %s: %s",
					    r->names.items[n], strerror(-rc));
			}
		}
	}
	rc = export_program(f, ctx, insns, len);
	seccomp_release(ctx);
	if (rc == REF_OK)
		rc = fix_returns(f, *insns, *len);
	return rc;
}

/* ---------------------------------------------------------------------- */
/* Syscalls newer than the host's libseccomp                               */
/* ---------------------------------------------------------------------- */

#define REF_STAND_IN "getpid"

/* The kernel's number for `name` on `a`, or -1. */
static long kernel_number(const struct ref_arch *a, const char *name)
{
	for (const struct se_kernel_table *t = se_kernel_tables; t->arch; t++) {
		if (strcmp(t->arch, a->docker) != 0)
			continue;
		for (size_t i = 0; i < t->n; i++)
			if (strcmp(t->calls[i].name, name) == 0)
				return t->calls[i].nr;
	}
	return -1;
}

static bool has_newer(const struct ref_filter *f, uint32_t audit, uint32_t nr)
{
	for (size_t i = 0; i < f->n_newer; i++)
		if (f->newer[i].audit_arch == audit && f->newer[i].nr == nr)
			return true;
	return false;
}

/* Every rule in effect naming `name`, for arch `a` alone, under the
 * stand-in: what libseccomp builds for that syscall. */
static int build_one_newer(const struct se_profile *p, const bool *applies, struct ref_filter *f,
			   const struct ref_arch *a, const char *name, long nr)
{
	struct ref_newer *nw = &f->newer[f->n_newer];
	scmp_filter_ctx ctx = seccomp_init(f->default_value);
	int stand_in = seccomp_syscall_resolve_name(REF_STAND_IN), rc = 0;
	if (f->n_newer == REF_MAX_NEWER)
		return fail(f, REF_ERROR, "more than %d syscalls newer than libseccomp", REF_MAX_NEWER);
	if (!ctx || seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE) || seccomp_arch_add(ctx, a->token)) {
		seccomp_release(ctx);
		return fail(f, REF_ERROR, "cannot set up a context for %s", a->scmp);
	}
	for (size_t i = 0; rc == 0 && i < p->n_rules; i++) {
		const struct se_rule *r = &p->rules[i];
		uint32_t action = ref_action_value(r->action, r->has_errno_ret, r->errno_ret);
		bool named = false;
		for (size_t n = 0; n < r->names.n; n++)
			named |= strcmp(r->names.items[n], name) == 0;
		if (applies[i] && named && action != f->default_value)
			rc = add_syscall(ctx, action, stand_in, r, &f->rules_added);
	}
	if (rc == 0)
		rc = export_program(f, ctx, &nw->insns, &nw->len);
	else
		rc = fail(f, REF_REFUSED, "libseccomp refused the rule for %s: %s", name, strerror(-rc));
	seccomp_release(ctx);
	if (rc == REF_OK)
		rc = fix_returns(f, nw->insns, nw->len);
	if (rc != REF_OK) {
		free(nw->insns);
		return rc;
	}
	nw->audit_arch = a->audit_arch;
	nw->nr = (uint32_t)nr;
	nw->stand_in = (uint32_t)seccomp_syscall_resolve_name_arch(a->token, REF_STAND_IN);
	f->n_newer++;
	return REF_OK;
}

static int build_newer(const struct se_profile *p, const bool *applies, struct ref_filter *f)
{
	for (size_t i = 0; i < p->n_rules; i++) {
		const struct se_rule *r = &p->rules[i];
		if (!applies[i] || ref_action_value(r->action, r->has_errno_ret, r->errno_ret) ==
				       f->default_value)
			continue;
		for (size_t n = 0; n < r->names.n; n++)
			for (size_t k = 0; k < f->n_arches; k++) {
				const struct ref_arch *a = f->arches[k];
				long nr = kernel_number(a, r->names.items[n]);
				int rc;
				if (nr < 0 || seccomp_syscall_resolve_name_arch(a->token, r->names.items[n]) >= 0 ||
				    has_newer(f, a->audit_arch, (uint32_t)nr))
					continue;
				if ((rc = build_one_newer(p, applies, f, a, r->names.items[n], nr)) != REF_OK)
					return rc;
			}
	}
	return REF_OK;
}

uint32_t ref_filter_run(const struct ref_filter *f, const struct bpf_sim_data *d)
{
	for (size_t i = 0; i < f->n_newer; i++)
		if (f->newer[i].audit_arch == d->arch && f->newer[i].nr == (uint32_t)d->nr) {
			struct bpf_sim_data as = *d;
			as.nr = f->newer[i].stand_in;
			return bpf_sim_run(f->newer[i].insns, f->newer[i].len, &as, f->big_endian, NULL);
		}
	return bpf_sim_run(f->insns, f->len, d, f->big_endian, NULL);
}

/* ---------------------------------------------------------------------- */
/* runc's ENOSYS stub                                                      */
/* ---------------------------------------------------------------------- */

static bool stub_wanted(const struct se_profile *p, const struct ref_filter *f)
{
	switch (p->default_action) {
	case SE_ACT_ALLOW:
	case SE_ACT_LOG:
	case SE_ACT_TRACE:
		return false;
	default:
		return f->default_value != f->enosys_value;
	}
}

/* Highest number > 0 that any name of any surviving rule has on `a`
 * (rules equal to the default and names unknown elsewhere count too: runc
 * looks at its whole config), or -1. */
static long last_syscall(const struct se_profile *p, const bool *applies, const struct ref_arch *a)
{
	long max = 0;
	for (size_t i = 0; i < p->n_rules; i++) {
		if (!applies[i])
			continue;
		for (size_t n = 0; n < p->rules[i].names.n; n++) {
			const char *name = p->rules[i].names.items[n];
			long nr = seccomp_syscall_resolve_name_arch(a->token, name);
			if (nr < 0)
				nr = kernel_number(a, name); /* newer than libseccomp */
			if (nr > max)
				max = nr;
		}
	}
	return max > 0 ? max : -1;
}

static void plan_sections(const struct se_profile *p, const bool *applies, struct ref_filter *f)
{
	for (size_t i = 0; i < f->n_arches; i++) {
		const struct ref_arch *a = f->arches[i];
		struct ref_stub_section *s = NULL;
		long max;
		if ((max = last_syscall(p, applies, a)) < 0)
			continue;
		for (size_t k = 0; k < f->n_sections; k++)
			if (f->sections[k].audit_arch == a->audit_arch)
				s = &f->sections[k];
		if (!s) {
			s = &f->sections[f->n_sections++];
			s->audit_arch = a->audit_arch;
			s->max_native = s->max_x32 = -1;
			s->s390 = a->token == SCMP_ARCH_S390 || a->token == SCMP_ARCH_S390X;
		}
		if (a->token == SCMP_ARCH_X32)
			s->max_x32 = max;
		else
			s->max_native = max;
	}
}

struct asm_buf {
	struct sock_filter *insns;
	size_t len, cap;
	size_t to_filter[8 * REF_MAX_ARCHES]; /* JA instructions aimed at the filter */
	size_t n_to_filter;
};

static size_t put(struct asm_buf *b, uint16_t code, uint8_t jt, uint8_t jf, uint32_t k)
{
	struct sock_filter *in = &b->insns[b->len];
	in->code = code;
	in->jt = jt;
	in->jf = jf;
	in->k = k;
	return b->len++;
}

static void put_ja_filter(struct asm_buf *b)
{
	b->to_filter[b->n_to_filter++] = put(b, BPF_JMP | BPF_JA, 0, 0, 0);
}

/* nr > max (unsigned) -> ERRNO(ENOSYS), otherwise the filter. */
static void put_limit(struct asm_buf *b, uint32_t max, uint32_t enosys)
{
	put(b, BPF_JMP | BPF_JGT | BPF_K, 0, 1, max);
	put(b, BPF_RET | BPF_K, 0, 0, enosys);
	put_ja_filter(b);
}

static void put_section(struct asm_buf *b, const struct ref_stub_section *s, uint32_t enosys)
{
	size_t head = put(b, BPF_JMP | BPF_JEQ | BPF_K, 0, 0, s->audit_arch);
	put(b, BPF_LD | BPF_W | BPF_ABS, 0, 0, REF_OFF_NR);
	if (s->s390) {
		put(b, BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0);
		put(b, BPF_RET | BPF_K, 0, 0, enosys);
	}
	if (s->audit_arch == SCMP_ARCH_X86_64 && s->max_native >= 0 && s->max_x32 >= 0) {
		put(b, BPF_JMP | BPF_JSET | BPF_K, 0, 3, REF_X32_BIT);
		put_limit(b, (uint32_t)s->max_x32, enosys);
		put_limit(b, (uint32_t)s->max_native, enosys);
	} else if (s->audit_arch == SCMP_ARCH_X86_64 && s->max_x32 >= 0) {
		put(b, BPF_JMP | BPF_JSET | BPF_K, 1, 0, REF_X32_BIT); /* x32 only */
		put_ja_filter(b);
		put_limit(b, (uint32_t)s->max_x32, enosys);
	} else if (s->audit_arch == SCMP_ARCH_X86_64) {
		put(b, BPF_JMP | BPF_JSET | BPF_K, 0, 1, REF_X32_BIT); /* amd64 only */
		put_ja_filter(b);
		put_limit(b, (uint32_t)s->max_native, enosys);
	} else {
		put_limit(b, (uint32_t)s->max_native, enosys);
	}
	/* another arch: on to the next section (or the filter after the last) */
	b->insns[head].jf = (uint8_t)(b->len - (head + 1));
}

static int prepend_stub(struct ref_filter *f, const struct sock_filter *filter, size_t filter_len)
{
	struct asm_buf b = {0};
	b.cap = 1 + 12 * f->n_sections;
	b.insns = calloc(b.cap + filter_len, sizeof *b.insns);
	if (!b.insns)
		return fail(f, REF_ERROR, "out of memory");
	put(&b, BPF_LD | BPF_W | BPF_ABS, 0, 0, REF_OFF_ARCH);
	for (size_t i = 0; i < f->n_sections; i++)
		put_section(&b, &f->sections[i], f->enosys_value);
	for (size_t i = 0; i < b.n_to_filter; i++)
		b.insns[b.to_filter[i]].k = (uint32_t)(b.len - (b.to_filter[i] + 1));
	f->stub_len = b.len;
	memcpy(b.insns + b.len, filter, filter_len * sizeof *filter);
	f->insns = b.insns;
	f->len = b.len + filter_len;
	return REF_OK;
}

/* ---------------------------------------------------------------------- */

int ref_filter_build(const struct se_profile *p, const struct se_target *t,
		     struct se_kernel_version kernel, bool enosys_stub, struct ref_filter *out)
{
	const struct ref_arch *target;
	struct sock_filter *filter = NULL;
	size_t filter_len = 0;
	bool *applies;
	int rc;

	memset(out, 0, sizeof *out);
	target = ref_arch_by_scmp(t->arch->scmp);
	if (!target || target->token != t->arch->token)
		return fail(out, REF_ERROR, "the reference does not know the target %s",
			    t->arch->scmp);
	out->big_endian = target->big_endian;
	out->default_value = ref_action_value(p->default_action, p->has_default_errno_ret,
					      p->default_errno_ret);
	out->enosys_value = SCMP_ACT_ERRNO(target->enosys);
	add_outcome(out, out->default_value);
	add_outcome(out, SCMP_ACT_KILL_THREAD); /* libseccomp's bad-arch action */
	if ((rc = resolve_arches(p, target, out)) != REF_OK)
		return rc;

	applies = calloc(p->n_rules ? p->n_rules : 1, sizeof *applies);
	if (!applies)
		return fail(out, REF_ERROR, "out of memory");
	for (size_t i = 0; i < p->n_rules; i++)
		applies[i] = se_rule_applies(&p->rules[i], t, kernel, NULL, 0);

	rc = build_libseccomp(p, applies, out, &filter, &filter_len);
	if (rc == REF_OK)
		rc = build_newer(p, applies, out);
	if (rc == REF_OK) {
		out->has_stub = enosys_stub && stub_wanted(p, out);
		if (out->has_stub) {
			plan_sections(p, applies, out);
			add_outcome(out, out->enosys_value);
			rc = prepend_stub(out, filter, filter_len);
		} else {
			out->insns = filter;
			out->len = filter_len;
			filter = NULL;
		}
	}
	free(filter);
	free(applies);
	return rc;
}

void ref_filter_free(struct ref_filter *f)
{
	for (size_t i = 0; i < f->n_newer; i++)
		free(f->newer[i].insns);
	f->n_newer = 0;
	free(f->insns);
	f->insns = NULL;
	f->len = 0;
}
