#include "enosys_stub.h"

#include <linux/audit.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#define X32_SYSCALL_BIT 0x40000000u
#define STUB_MAX 128 /* 8 arches x at most 9 instructions, plus the frame */

/* A stub under construction: jumps to the shared ENOSYS return and to the
 * filter are recorded as fix-ups and resolved once the length is known. */
struct stub {
	struct sock_filter insns[STUB_MAX];
	size_t len;
	size_t to_enosys[STUB_MAX], n_enosys; /* jt of these -> ENOSYS */
	size_t to_filter[STUB_MAX], n_filter; /* jt (or k for JA) -> filter */
	size_t to_filter_jf[STUB_MAX], n_filter_jf;
};

static size_t emit(struct stub *s, uint16_t code, uint32_t k)
{
	s->insns[s->len] = (struct sock_filter){.code = code, .jt = 0, .jf = 0, .k = k};
	return s->len++;
}

static void jump_enosys(struct stub *s, uint16_t cond, uint32_t k)
{
	s->to_enosys[s->n_enosys++] = emit(s, BPF_JMP | cond | BPF_K, k);
}

static void jump_filter(struct stub *s)
{
	s->to_filter[s->n_filter++] = emit(s, BPF_JMP | BPF_JA, 0);
}

void se_stub_last_syscalls(const struct se_profile *p, const bool *applies,
			   const struct se_arch_set *arches, enum se_syscall_source src,
			   long last[SE_MAX_ARCHES])
{
	for (size_t a = 0; a < arches->n; a++) {
		last[a] = -1;
		for (size_t r = 0; r < p->n_rules; r++) {
			if (!applies[r])
				continue;
			for (size_t n = 0; n < p->rules[r].names.n; n++) {
				long nr = se_syscall_nr(arches->arches[a], p->rules[r].names.items[n],
							src);
				/* names the arch has not do not count */
				if (nr > 0 && nr > last[a])
					last[a] = nr;
			}
		}
	}
}

static long find_last(const struct se_arch_set *arches, const long *last, uint32_t token)
{
	for (size_t a = 0; a < arches->n; a++)
		if (arches->arches[a]->token == token)
			return last[a];
	return -1;
}

/* The section for one AUDIT_ARCH value, entered with A = arch matched. */
static void emit_section(struct stub *s, const struct se_arch_set *arches, const long *last,
			 size_t index)
{
	const struct se_arch *a = arches->arches[index];
	emit(s, BPF_LD | BPF_W | BPF_ABS, 0); /* A = nr */
	if (a->audit_arch == AUDIT_ARCH_X86_64) {
		long amd64 = find_last(arches, last, SCMP_ARCH_X86_64);
		long x32 = find_last(arches, last, SCMP_ARCH_X32);
		size_t jset = emit(s, BPF_JMP | BPF_JSET | BPF_K, X32_SYSCALL_BIT);
		if (amd64 >= 0 && x32 >= 0) {
			s->insns[jset].jt = 2; /* x32 numbers: to the second compare */
			jump_enosys(s, BPF_JGT, (uint32_t)amd64);
			jump_filter(s);
			jump_enosys(s, BPF_JGT, (uint32_t)x32);
		} else if (amd64 >= 0) {
			s->to_filter[s->n_filter++] = jset; /* x32 numbers skip the stub */
			jump_enosys(s, BPF_JGT, (uint32_t)amd64);
		} else {
			s->to_filter_jf[s->n_filter_jf++] = jset; /* x86_64 numbers skip it */
			jump_enosys(s, BPF_JGT, (uint32_t)x32);
		}
	} else {
		if (a->token == SCMP_ARCH_S390 || a->token == SCMP_ARCH_S390X)
			jump_enosys(s, BPF_JEQ, 0); /* the setup(2) multiplexer */
		jump_enosys(s, BPF_JGT, (uint32_t)last[index]);
	}
	jump_filter(s);
}

static bool seen_before(const struct se_arch_set *arches, size_t index)
{
	for (size_t i = 0; i < index; i++)
		if (arches->arches[i]->audit_arch == arches->arches[index]->audit_arch)
			return true;
	return false;
}

static bool group_has_last(const struct se_arch_set *arches, const long *last, size_t index)
{
	for (size_t i = 0; i < arches->n; i++)
		if (arches->arches[i]->audit_arch == arches->arches[index]->audit_arch && last[i] >= 0)
			return true;
	return false;
}

static void resolve_jumps(struct stub *s, size_t enosys_at, size_t filter_at)
{
	for (size_t i = 0; i < s->n_enosys; i++)
		s->insns[s->to_enosys[i]].jt = (uint8_t)(enosys_at - s->to_enosys[i] - 1);
	for (size_t i = 0; i < s->n_filter; i++) {
		struct sock_filter *f = &s->insns[s->to_filter[i]];
		uint32_t off = (uint32_t)(filter_at - s->to_filter[i] - 1);
		if (BPF_OP(f->code) == BPF_JA)
			f->k = off;
		else
			f->jt = (uint8_t)off;
	}
	for (size_t i = 0; i < s->n_filter_jf; i++)
		s->insns[s->to_filter_jf[i]].jf = (uint8_t)(filter_at - s->to_filter_jf[i] - 1);
}

/* Layout: load arch; one compare per arch group jumping to its section;
 * "ja filter" for other arches; the sections; "ret ENOSYS"; then the
 * filter.  Every decision equals runc's stub; only the order may differ. */
int se_stub_prepend(const struct se_arch_set *arches, const long last[SE_MAX_ARCHES],
		    uint32_t enosys_ret, struct se_program *filter)
{
	struct stub s = {.len = 0};
	size_t dispatch[SE_MAX_ARCHES], groups[SE_MAX_ARCHES], n = 0;
	emit(&s, BPF_LD | BPF_W | BPF_ABS, 4); /* A = arch */
	for (size_t i = 0; i < arches->n; i++)
		if (!seen_before(arches, i) && group_has_last(arches, last, i)) {
			groups[n] = i;
			dispatch[n++] = emit(&s, BPF_JMP | BPF_JEQ | BPF_K, arches->arches[i]->audit_arch);
		}
	if (n == 0)
		return 0; /* nothing to guard: runc's stub would only jump on */
	jump_filter(&s);
	for (size_t g = 0; g < n; g++) {
		s.insns[dispatch[g]].jt = (uint8_t)(s.len - dispatch[g] - 1);
		emit_section(&s, arches, last, groups[g]);
	}
	size_t enosys_at = emit(&s, BPF_RET | BPF_K, enosys_ret);
	resolve_jumps(&s, enosys_at, s.len);
	struct se_program out;
	if (se_program_concat(s.insns, s.len, filter, &out))
		return -1;
	se_program_free(filter);
	*filter = out;
	return 0;
}
