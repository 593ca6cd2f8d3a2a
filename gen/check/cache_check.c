#include "cache_check.h"

#include <linux/audit.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syscall_span.h"
#include "syscall_table.h"

#define AUDIT_ARCH_PPCLE_VALUE (AUDIT_ARCH_PPC | __AUDIT_ARCH_LE) /* no libseccomp arch */

/* The kernel a filter for each target runs under, by uname name: its
 * native arch and compat arch.  compat_own_table: the compat bitmap is as
 * long as the compat arch's table (IA32_NR_syscalls, __NR_compat32_syscalls);
 * otherwise the kernel uses the native NR_syscalls for both. */
static const struct {
	const char *target, *native, *compat;
	bool compat_own_table;
} kernels[] = {
	{"x86_64", "x86_64", "i386", true},     {"x32", "x86_64", "i386", true},
	{"i386", "i386", NULL, false},          {"aarch64", "aarch64", "arm", true},
	{"arm", "arm", NULL, false},            {"ppc64", "ppc64", "ppc", false},
	{"ppc64le", "ppc64le", "ppcle", false}, {"ppc", "ppc", NULL, false},
	{"s390x", "s390x", "s390", false},      {"s390", "s390", NULL, false},
	{"parisc64", "parisc64", "parisc", false}, {"parisc", "parisc", NULL, false},
	{"riscv64", "riscv64", NULL, false},
};

bool se_cache_emulate(const struct sock_filter *prog, size_t len, uint32_t arch, uint32_t nr,
		      unsigned *steps)
{
	uint32_t a = 0;
	unsigned ran = 0;
	bool allow = false;
	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *in = &prog[pc];
		ran++;
		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (in->k != 0 && in->k != 4)
				goto out; /* an argument or instruction_pointer */
			a = in->k == 0 ? nr : arch;
			break;
		case BPF_RET | BPF_K:
			allow = in->k == SECCOMP_RET_ALLOW;
			goto out;
		case BPF_JMP | BPF_JA:
			pc += in->k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K: pc += a == in->k ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JGE | BPF_K: pc += a >= in->k ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JGT | BPF_K: pc += a > in->k ? in->jt : in->jf; break;
		case BPF_JMP | BPF_JSET | BPF_K: pc += (a & in->k) ? in->jt : in->jf; break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= in->k;
			break;
		default: /* anything else makes the path uncacheable */
			goto out;
		}
	}
out: /* running off the end is no ALLOW either */
	if (steps)
		*steps = ran;
	return allow;
}

bool se_cache_const_allow(const struct sock_filter *prog, size_t len, uint32_t arch, uint32_t nr)
{
	return se_cache_emulate(prog, len, arch, nr, NULL);
}

static int table_size(const struct se_arch *a, uint32_t *size)
{
	struct se_syscall_spans sp;
	if (se_syscall_spans(a, &sp))
		return -1;
	*size = sp.n && sp.span[0].first == 0 ? sp.span[0].end : 0;
	return 0;
}

bool se_cache_kernel_caches(const struct se_arch *target)
{
	for (size_t i = 0; i < sizeof kernels / sizeof *kernels; i++)
		if (strcmp(kernels[i].target, target->uname) == 0)
			return true;
	return false;
}

/* Fill out->arch[] for the kernel `target` runs under. */
static int kernel_arches(const struct se_arch *target, struct se_cache_report *out,
			 uint32_t tokens[SE_CACHE_MAX_ARCHES])
{
	for (size_t i = 0; i < sizeof kernels / sizeof *kernels; i++) {
		const struct se_arch *native, *compat;
		struct se_cache_arch *n = &out->arch[0], *c = &out->arch[1];
		if (strcmp(kernels[i].target, target->uname) != 0)
			continue;
		native = se_arch_find(kernels[i].native);
		*n = (struct se_cache_arch){native->uname, native->audit_arch, 0, 0, 0, 0};
		tokens[0] = native->token;
		out->n_arches = 1;
		if (table_size(native, &n->size))
			return -1;
		if (!kernels[i].compat)
			return 0;
		compat = se_arch_find(kernels[i].compat);
		*c = compat ? (struct se_cache_arch){compat->uname, compat->audit_arch, n->size, 0, 0, 0}
			    : (struct se_cache_arch){"ppcle", AUDIT_ARCH_PPCLE_VALUE, n->size, 0, 0, 0};
		tokens[1] = compat ? compat->token : 0;
		out->n_arches = 2;
		return kernels[i].compat_own_table ? table_size(compat, &c->size) : 0;
	}
	return 0; /* MIPS: no cache */
}

int se_cache_check(const struct se_program *ref, const struct se_program *cand,
		   const struct se_arch *target, struct se_cache_report *out)
{
	uint32_t tokens[SE_CACHE_MAX_ARCHES] = {0};

	*out = (struct se_cache_report){0};
	if (kernel_arches(target, out, tokens))
		return -1;
	for (size_t i = 0; i < out->n_arches; i++) {
		struct se_cache_arch *a = &out->arch[i];
		const struct se_program *walked = cand ? cand : ref;
		for (uint32_t nr = 0; nr < a->size; nr++) {
			unsigned steps;
			bool kept = se_cache_emulate(walked->insns, walked->len, a->audit_arch, nr, &steps);
			a->emulated += steps;
			if (!(cand ? se_cache_const_allow(ref->insns, ref->len, a->audit_arch, nr) : kept))
				continue; /* without a candidate, the walk above was ref's */
			a->allowed++;
			if (kept) {
				a->kept++;
			} else if (!out->lost) {
				out->lost = true;
				out->lost_index = i;
				out->lost_nr = nr;
				out->lost_token = tokens[i];
			}
		}
		out->allowed += a->allowed;
		out->kept += a->kept;
		out->emulated += a->emulated;
		out->numbers += a->size;
	}
	return out->lost ? 1 : 0;
}

static void counts(const struct se_cache_report *r, char *out, size_t len)
{
	size_t used = (size_t)snprintf(out, len, "%u of %u constant-allow syscalls skip the filter",
				       r->kept, r->allowed);
	for (size_t i = 0; i < r->n_arches && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%s %u of %u", i ? ", " : " (",
					 r->arch[i].name, r->arch[i].kept, r->arch[i].allowed);
	if (r->n_arches && used < len)
		snprintf(out + used, len - used, ")");
}

void se_cache_format(const struct se_cache_report *r, const struct se_arch *target, char *out,
		     size_t len)
{
	if (r->n_arches == 0)
		snprintf(out, len, "no syscall skips the filter: the kernel keeps no cache for %s",
			 target->uname);
	else
		counts(r, out, len);
}

void se_cache_format_lost(const struct se_cache_report *r, char *out, size_t len)
{
	char summary[200], buf[64];
	const char *name;
	if (!r->lost) {
		counts(r, out, len);
		return;
	}
	name = r->lost_token ? se_syscall_name(se_arch_by_token(r->lost_token), r->lost_nr, buf)
			     : NULL;
	counts(r, summary, sizeof summary);
	snprintf(out, len, "%s nr %u%s%s%s is constant-allow in the reference but would run the "
		 "optimized filter: %s", r->arch[r->lost_index].name, (unsigned)r->lost_nr, name ? " (" : "",
		 name ? name : "", name ? ")" : "", summary);
}
