#include "describe.h"

#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "syscall_table.h"

#define X32_SYSCALL_BIT 0x40000000u

/* What the accumulator is known to hold at an instruction. */
enum acc { ACC_UNKNOWN, ACC_NR, ACC_ARCH, ACC_OTHER };

struct state {
	bool reached;
	enum acc acc;
	unsigned load_offset; /* for ACC_OTHER loads from seccomp_data */
	uint32_t arch;        /* matched AUDIT_ARCH, or 0 if not known */
};

struct se_describer {
	const struct se_program *prog;
	const struct se_arch *target;
	struct state *at;
};

static void merge(struct state *into, const struct state *from)
{
	if (!into->reached) {
		*into = *from;
		return;
	}
	if (into->acc != from->acc || into->load_offset != from->load_offset)
		into->acc = ACC_UNKNOWN;
	if (into->arch != from->arch)
		into->arch = 0;
}

static struct state after_load(struct state s, const struct sock_filter *f)
{
	s.load_offset = f->k;
	s.acc = f->k == 0 ? ACC_NR : f->k == 4 ? ACC_ARCH : ACC_OTHER;
	return s;
}

/* Jumps only go forward, so one pass in program order sees every
 * predecessor of an instruction before the instruction itself. */
static void flow(struct se_describer *d)
{
	const struct sock_filter *insns = d->prog->insns;
	size_t n = d->prog->len;
	d->at[0].reached = true;
	for (size_t i = 0; i < n; i++) {
		struct state s = d->at[i];
		const struct sock_filter *f = &insns[i];
		unsigned cls = BPF_CLASS(f->code);
		if (!s.reached || cls == BPF_RET)
			continue;
		if (cls == BPF_LD && BPF_MODE(f->code) == BPF_ABS)
			s = after_load(s, f);
		else if (cls == BPF_LD || cls == BPF_ALU || (cls == BPF_MISC && BPF_MISCOP(f->code) == BPF_TXA))
			s.acc = ACC_UNKNOWN;
		if (cls == BPF_JMP && BPF_OP(f->code) == BPF_JA) {
			if (i + 1 + f->k < n)
				merge(&d->at[i + 1 + f->k], &s);
			continue;
		}
		if (cls == BPF_JMP) {
			struct state taken = s;
			if (s.acc == ACC_ARCH && BPF_OP(f->code) == BPF_JEQ && BPF_SRC(f->code) == BPF_K)
				taken.arch = f->k;
			if (i + 1 + f->jt < n)
				merge(&d->at[i + 1 + f->jt], &taken);
			if (i + 1 + f->jf < n)
				merge(&d->at[i + 1 + f->jf], &s);
			continue;
		}
		if (i + 1 < n)
			merge(&d->at[i + 1], &s);
	}
}

struct se_describer *se_describer_new(const struct se_program *prog, const struct se_arch *target)
{
	struct se_describer *d = calloc(1, sizeof *d);
	if (!d || !(d->at = calloc(prog->len ? prog->len : 1, sizeof *d->at))) {
		free(d);
		return NULL;
	}
	d->prog = prog;
	d->target = target;
	flow(d);
	return d;
}

void se_describer_free(struct se_describer *d)
{
	if (d)
		free(d->at);
	free(d);
}

static void syscall_name(uint32_t arch, uint32_t nr, char *out, size_t len)
{
	const struct se_arch *a = se_arch_by_audit(arch);
	char buf[64];
	*out = '\0';
	if (!a)
		return;
	if (arch == AUDIT_ARCH_X86_64 && (nr & X32_SYSCALL_BIT) && nr != 0xffffffffu)
		a = se_arch_by_token(SCMP_ARCH_X32);
	const char *name = se_syscall_name(a, nr, buf);
	if (name)
		snprintf(out, len, " (%s)", name);
}

static void operand(const struct se_describer *d, const struct state *s, char *out, size_t len)
{
	bool big = d->target->big_endian;
	unsigned off = s->load_offset;
	switch (s->acc) {
	case ACC_NR: snprintf(out, len, "nr"); return;
	case ACC_ARCH: snprintf(out, len, "arch"); return;
	case ACC_OTHER:
		if (off >= 16 && off < 64)
			snprintf(out, len, "args[%u].%s", (off - 16) / 8,
				 ((off % 8 == 0) != big) ? "lo" : "hi");
		else
			snprintf(out, len, "ip.%s", ((off % 8 == 0) != big) ? "lo" : "hi");
		return;
	default: snprintf(out, len, "A"); return;
	}
}

static void constant(const struct state *s, uint32_t k, char *out, size_t len)
{
	char name[64] = "";
	if (s->acc == ACC_ARCH && se_arch_by_audit(k))
		snprintf(name, sizeof name, " (%s)", se_arch_by_audit(k)->uname);
	else if (s->acc == ACC_NR && s->arch)
		syscall_name(s->arch, k, name, sizeof name);
	if (k < 10 || (s->acc == ACC_NR && k < X32_SYSCALL_BIT))
		snprintf(out, len, "%u%s", (unsigned)k, name);
	else
		snprintf(out, len, "0x%x%s", (unsigned)k, name);
}

static const char *cond_op(unsigned op, bool negate)
{
	switch (op) {
	case BPF_JEQ: return negate ? "!=" : "==";
	case BPF_JGT: return negate ? "<=" : ">";
	case BPF_JGE: return negate ? "<" : ">=";
	default: return negate ? "has none of" : "has any of";
	}
}

static void describe_jump(const struct se_describer *d, size_t i, char *out, size_t len)
{
	const struct sock_filter *f = &d->prog->insns[i];
	const struct state *s = &d->at[i];
	char lhs[32], rhs[96];
	if (BPF_OP(f->code) == BPF_JA) {
		snprintf(out, len, "goto %zu", i + 1 + f->k);
		return;
	}
	operand(d, s, lhs, sizeof lhs);
	if (BPF_SRC(f->code) == BPF_X)
		snprintf(rhs, sizeof rhs, "X");
	else
		constant(s, f->k, rhs, sizeof rhs);
	if (f->jf == 0)
		snprintf(out, len, "%s %s %s -> %zu", lhs, cond_op(BPF_OP(f->code), false), rhs,
			 i + 1 + f->jt);
	else if (f->jt == 0)
		snprintf(out, len, "%s %s %s -> %zu", lhs, cond_op(BPF_OP(f->code), true), rhs,
			 i + 1 + f->jf);
	else
		snprintf(out, len, "%s %s %s -> %zu, else -> %zu", lhs,
			 cond_op(BPF_OP(f->code), false), rhs, i + 1 + f->jt, i + 1 + f->jf);
}

static const char *alu_op(unsigned op)
{
	static const char *const names[16] = {
		[BPF_ADD >> 4] = "+=", [BPF_SUB >> 4] = "-=", [BPF_MUL >> 4] = "*=",
		[BPF_DIV >> 4] = "/=", [BPF_OR >> 4] = "|=", [BPF_AND >> 4] = "&=",
		[BPF_LSH >> 4] = "<<=", [BPF_RSH >> 4] = ">>=", [BPF_NEG >> 4] = "= -A",
		[BPF_MOD >> 4] = "%=", [BPF_XOR >> 4] = "^=",
	};
	return names[op >> 4] ? names[op >> 4] : "?=";
}

static void describe_other(const struct se_describer *d, size_t i, char *out, size_t len)
{
	const struct sock_filter *f = &d->prog->insns[i];
	struct state s = d->at[i];
	char what[32];
	switch (BPF_CLASS(f->code)) {
	case BPF_LD:
		if (BPF_MODE(f->code) == BPF_ABS) {
			s = after_load(s, f);
			operand(d, &s, what, sizeof what);
			snprintf(out, len, "A = %s", what);
		} else if (BPF_MODE(f->code) == BPF_MEM) {
			snprintf(out, len, "A = M[%u]", (unsigned)f->k);
		} else {
			snprintf(out, len, "A = 0x%x", (unsigned)f->k);
		}
		return;
	case BPF_LDX: snprintf(out, len, "X = %s%u", BPF_MODE(f->code) == BPF_MEM ? "M" : "", (unsigned)f->k); return;
	case BPF_ST: snprintf(out, len, "M[%u] = A", (unsigned)f->k); return;
	case BPF_STX: snprintf(out, len, "M[%u] = X", (unsigned)f->k); return;
	case BPF_ALU:
		if (BPF_SRC(f->code) == BPF_X)
			snprintf(out, len, "A %s X", alu_op(BPF_OP(f->code)));
		else
			snprintf(out, len, "A %s 0x%x", alu_op(BPF_OP(f->code)), (unsigned)f->k);
		return;
	case BPF_MISC: snprintf(out, len, BPF_MISCOP(f->code) == BPF_TAX ? "X = A" : "A = X"); return;
	default: snprintf(out, len, "?"); return;
	}
}

void se_describe_insn(const struct se_describer *d, size_t i, char *out, size_t len)
{
	const struct sock_filter *f = &d->prog->insns[i];
	char ret[48];
	if (!d->at[i].reached) {
		snprintf(out, len, "unreachable");
		return;
	}
	switch (BPF_CLASS(f->code)) {
	case BPF_RET:
		if (BPF_RVAL(f->code) == BPF_A) {
			snprintf(out, len, "return A");
			return;
		}
		se_describe_ret(f->k, d->target->errno_family, ret, sizeof ret);
		snprintf(out, len, "return %s", ret);
		return;
	case BPF_JMP: describe_jump(d, i, out, len); return;
	default: describe_other(d, i, out, len); return;
	}
}

void se_opcode_symbol(unsigned code, char *out, size_t len)
{
	static const char *const classes[8] = {"BPF_LD", "BPF_LDX", "BPF_ST", "BPF_STX",
					       "BPF_ALU", "BPF_JMP", "BPF_RET", "BPF_MISC"};
	static const char *const jumps[16] = {[BPF_JA >> 4] = "BPF_JA", [BPF_JEQ >> 4] = "BPF_JEQ",
					      [BPF_JGT >> 4] = "BPF_JGT", [BPF_JGE >> 4] = "BPF_JGE",
					      [BPF_JSET >> 4] = "BPF_JSET"};
	unsigned cls = BPF_CLASS(code);
	const char *src = BPF_SRC(code) == BPF_X ? "BPF_X" : "BPF_K";
	if (cls == BPF_JMP && jumps[BPF_OP(code) >> 4])
		snprintf(out, len, BPF_OP(code) == BPF_JA ? "%s | %s" : "%s | %s | %s", classes[cls],
			 jumps[BPF_OP(code) >> 4], src);
	else if (code == (BPF_LD | BPF_W | BPF_ABS))
		snprintf(out, len, "BPF_LD | BPF_W | BPF_ABS");
	else if (code == (BPF_RET | BPF_K))
		snprintf(out, len, "BPF_RET | BPF_K");
	else
		snprintf(out, len, "0x%02x", code);
}
