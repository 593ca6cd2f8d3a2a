#include "attribute.h"

#include <linux/audit.h>
#include <linux/seccomp.h>

#define X32_SYSCALL_BIT 0x40000000u

/* Is arch entry i one the call could belong to?  x32 shares x86_64's
 * AUDIT_ARCH; their numbers differ by bit 30, so both entries are tried. */
static int arch_matches(const struct seccomp_embed_filter *f, unsigned i, const struct se_call *c)
{
	return f->arches[i].audit_arch == c->arch;
}

static const char *find_name(const struct seccomp_embed_arch *a, uint32_t nr)
{
	unsigned lo = 0, hi = a->n_syscalls;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (a->syscalls[mid].nr == nr)
			return a->syscalls[mid].name;
		if (a->syscalls[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int is_x32_entry(const struct seccomp_embed_arch *a)
{
	return a->n_syscalls && (a->syscalls[0].nr & X32_SYSCALL_BIT) && a->audit_arch == AUDIT_ARCH_X86_64;
}

/* The arch entry that owns the call: for x86_64's AUDIT_ARCH, the x32
 * entry when bit 30 is set (and -1 is not), else the x86_64 one. */
static int owning_arch(const struct seccomp_embed_filter *f, const struct se_call *c)
{
	int want_x32 = c->arch == AUDIT_ARCH_X86_64 && (c->nr & X32_SYSCALL_BIT) && c->nr != 0xffffffffu;
	for (unsigned i = 0; i < f->n_arches; i++)
		if (arch_matches(f, i, c) && is_x32_entry(&f->arches[i]) == want_x32)
			return (int)i;
	return -1;
}

const char *se_attr_syscall_name(const struct seccomp_embed_filter *f, const struct se_call *c)
{
	int i = owning_arch(f, c);
	return i < 0 ? 0 : find_name(&f->arches[i], c->nr);
}

const char *se_attr_arch_name(const struct seccomp_embed_filter *f, const struct se_call *c)
{
	int i = owning_arch(f, c);
	return i < 0 ? 0 : f->arches[i].name;
}

static int compare(uint64_t arg, const struct seccomp_embed_condition *k)
{
	switch (k->op) {
	case SECCOMP_EMBED_OP_NE: return arg != k->value;
	case SECCOMP_EMBED_OP_LT: return arg < k->value;
	case SECCOMP_EMBED_OP_LE: return arg <= k->value;
	case SECCOMP_EMBED_OP_EQ: return arg == k->value;
	case SECCOMP_EMBED_OP_GE: return arg >= k->value;
	case SECCOMP_EMBED_OP_GT: return arg > k->value;
	default: return (arg & k->value) == k->value_two;
	}
}

enum { NO_MATCH, MATCH, MAYBE };

/* Does the rule match?  MAYBE when the answer needs an unknown argument. */
static int rule_matches(const struct seccomp_embed_rule *r, const struct se_call *c)
{
	int unknown = 0;
	if (r->n_conditions == 0)
		return MATCH;
	for (unsigned i = 0; i < r->n_conditions; i++) {
		const struct seccomp_embed_condition *k = &r->conditions[i];
		if (!(c->known & (1u << k->arg))) {
			unknown = 1;
			continue;
		}
		int hit = compare(c->args[k->arg], k);
		if (r->any && hit)
			return MATCH;
		if (!r->any && !hit)
			return NO_MATCH;
	}
	if (unknown)
		return MAYBE;
	return r->any ? NO_MATCH : MATCH;
}

/* First site of (arch, nr): sites are sorted by arch, then nr. */
static unsigned first_site(const struct seccomp_embed_program *p, unsigned arch, uint32_t nr)
{
	unsigned lo = 0, hi = p->n_sites;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		const struct seccomp_embed_rule_site *s = &p->sites[mid];
		if (s->arch < arch || (s->arch == arch && s->nr < nr))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int find_rule(const struct seccomp_embed_program *p, unsigned arch, const struct se_call *c,
		     uint32_t action, unsigned *profile_index)
{
	for (unsigned s = first_site(p, arch, c->nr);
	     s < p->n_sites && p->sites[s].arch == arch && p->sites[s].nr == c->nr; s++) {
		const struct seccomp_embed_rule *r = &p->rules[p->sites[s].rule];
		int m = r->action == action ? rule_matches(r, c) : NO_MATCH;
		if (m == MAYBE)
			return -1; /* it may be this rule or a later one: not known */
		if (m == MATCH) {
			*profile_index = r->profile_index;
			return 1;
		}
	}
	return 0;
}

static int stub_decided(const struct seccomp_embed_filter *f, const struct seccomp_embed_program *p,
			int arch, const struct se_call *c, uint32_t action)
{
	uint32_t above;
	if (arch < 0 || (action & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ERRNO)
		return 0;
	above = p->enosys_above[arch];
	if (above == 0xffffffffu)
		return 0;
	return c->nr > above || (c->nr == 0 && (f->arches[arch].audit_arch == AUDIT_ARCH_S390X ||
						  f->arches[arch].audit_arch == AUDIT_ARCH_S390));
}

enum se_decider se_attr_decider(const struct seccomp_embed_filter *f,
				const struct seccomp_embed_program *p, const struct se_call *c,
				uint32_t action, unsigned *profile_index)
{
	int arch = owning_arch(f, c);
	int found = arch >= 0 ? find_rule(p, (unsigned)arch, c, action, profile_index) : 0;
	if (found)
		return found > 0 ? SE_DECIDER_RULE : SE_DECIDER_UNKNOWN;
	if (stub_decided(f, p, arch, c, action))
		return SE_DECIDER_STUB;
	if (arch >= 0 && p->default_action == action)
		return SE_DECIDER_DEFAULT;
	return SE_DECIDER_UNKNOWN;
}

static int allows(uint32_t action)
{
	uint32_t a = action & SECCOMP_RET_ACTION_FULL;
	return a == SECCOMP_RET_ALLOW || a == SECCOMP_RET_LOG;
}

/* The first condition of `r` the call fails, of those it can be judged on. */
static const struct seccomp_embed_condition *failing(const struct seccomp_embed_rule *r,
						     const struct se_call *c)
{
	for (unsigned i = 0; i < r->n_conditions; i++)
		if ((c->known & (1u << r->conditions[i].arg)) &&
		    !compare(c->args[r->conditions[i].arg], &r->conditions[i]))
			return &r->conditions[i];
	return 0;
}

void se_attr_near_miss(const struct seccomp_embed_filter *f, const struct seccomp_embed_program *p,
		       const struct se_call *c, struct se_near_miss *out)
{
	int arch = owning_arch(f, c);
	out->found = 0;
	if (arch < 0)
		return;
	for (unsigned s = first_site(p, (unsigned)arch, c->nr);
	     s < p->n_sites && p->sites[s].arch == (unsigned)arch && p->sites[s].nr == c->nr; s++) {
		const struct seccomp_embed_rule *r = &p->rules[p->sites[s].rule];
		const struct seccomp_embed_condition *k;
		if (!allows(r->action) || r->n_conditions == 0 || rule_matches(r, c) != NO_MATCH ||
		    !(k = failing(r, c)))
			continue;
		*out = (struct se_near_miss){1, r->profile_index, k, c->args[k->arg]};
		return;
	}
}
