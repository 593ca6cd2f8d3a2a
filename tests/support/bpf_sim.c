/*
 * bpf_sim.c - check and run classic BPF the way Linux does for seccomp.
 *
 * Kernel references (names, not code, are taken from them):
 *   net/core/filter.c    bpf_check_basics_ok, chk_code_allowed,
 *                        bpf_check_classic, check_load_and_stores,
 *                        bpf_convert_filter
 *   kernel/seccomp.c     seccomp_check_filter
 *   kernel/bpf/core.c    32-bit ALU and shift semantics of the interpreter
 */
#include "bpf_sim.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#if defined(__GNUC__)
#define SIM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define SIM_PRINTF(a, b)
#endif

/* ------------------------------------------------------------------ */
/* Byte-order helpers                                                  */
/* ------------------------------------------------------------------ */

/* Store the low `n` bytes of v at p in the target's byte order. Written
 * byte by byte so the result does not depend on the host's order. */
static void put_uint(unsigned char *p, uint64_t v, unsigned n, bool big_endian)
{
	for (unsigned i = 0; i < n; i++) {
		unsigned shift = big_endian ? 8 * (n - 1 - i) : 8 * i;
		p[i] = (unsigned char)(v >> shift);
	}
}

/* Inverse of put_uint(). */
static uint64_t get_uint(const unsigned char *p, unsigned n, bool big_endian)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++) {
		unsigned shift = big_endian ? 8 * (n - 1 - i) : 8 * i;
		v |= (uint64_t)p[i] << shift;
	}
	return v;
}

/* ------------------------------------------------------------------ */
/* Opcode whitelists                                                   */
/* ------------------------------------------------------------------ */

/* Exactly the codes seccomp_check_filter() lets through.  Anything else is
 * -EINVAL, even if the socket-filter checker would have accepted it. */
static bool seccomp_allows(uint16_t code)
{
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS:
	case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN:
	case BPF_RET | BPF_K:
	case BPF_RET | BPF_A:
	case BPF_ALU | BPF_ADD | BPF_K:
	case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K:
	case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K:
	case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K:
	case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K:
	case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K:
	case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K:
	case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG:
	case BPF_LD | BPF_IMM:
	case BPF_LDX | BPF_IMM:
	case BPF_MISC | BPF_TAX:
	case BPF_MISC | BPF_TXA:
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K:
	case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K:
	case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K:
	case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K:
	case BPF_JMP | BPF_JSET | BPF_X:
		return true;
	default:
		return false;
	}
}

/* Codes the socket-filter checker accepts but seccomp does not; only used
 * to make the rejection message say which rule was broken. */
static bool classic_only(uint16_t code)
{
	switch (code) {
	case BPF_ALU | BPF_MOD | BPF_K:
	case BPF_ALU | BPF_MOD | BPF_X:
	case BPF_LD | BPF_H | BPF_ABS:
	case BPF_LD | BPF_B | BPF_ABS:
	case BPF_LD | BPF_W | BPF_IND:
	case BPF_LD | BPF_H | BPF_IND:
	case BPF_LD | BPF_B | BPF_IND:
	case BPF_LDX | BPF_B | BPF_MSH:
		return true;
	default:
		return false;
	}
}

/* What bpf_sim_run() will execute: seccomp's set plus MOD, which tests use
 * to exercise classic arithmetic even though seccomp refuses it. */
static bool runnable(uint16_t code)
{
	return seccomp_allows(code) || code == (BPF_ALU | BPF_MOD | BPF_K) ||
	       code == (BPF_ALU | BPF_MOD | BPF_X);
}

static bool is_cond_jump(uint16_t code)
{
	return BPF_CLASS(code) == BPF_JMP && BPF_OP(code) != BPF_JA;
}

/* ------------------------------------------------------------------ */
/* Checker                                                             */
/* ------------------------------------------------------------------ */

static void set_err(char *err, size_t errlen, const char *fmt, ...) SIM_PRINTF(3, 4);

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* The opcode must be one seccomp accepts. */
static int check_opcode(const struct sock_filter *in, size_t pc, char *err, size_t errlen)
{
	if (seccomp_allows(in->code))
		return 0;
	if (classic_only(in->code))
		set_err(err, errlen, "insn %zu: opcode 0x%04x is classic BPF but not allowed by seccomp",
			pc, (unsigned)in->code);
	else
		set_err(err, errlen, "insn %zu: opcode 0x%04x is not a valid seccomp BPF opcode", pc,
			(unsigned)in->code);
	return -1;
}

/* Jump targets must lie inside the program.  Jumps are relative to the next
 * instruction and unsigned, so they can only go forward; this is what makes
 * every accepted program terminate. */
static int check_jump(const struct sock_filter *in, size_t pc, size_t len, char *err,
		      size_t errlen)
{
	size_t room = len - pc - 1; /* instructions after this one */

	if (BPF_OP(in->code) == BPF_JA) {
		if (in->k >= room) {
			set_err(err, errlen, "insn %zu: JA +%u jumps past the end (%zu insns)", pc,
				(unsigned)in->k, len);
			return -1;
		}
		return 0;
	}
	if (in->jt >= room || in->jf >= room) {
		set_err(err, errlen, "insn %zu: jt +%u / jf +%u jumps past the end (%zu insns)", pc,
			(unsigned)in->jt, (unsigned)in->jf, len);
		return -1;
	}
	return 0;
}

/* Operand limits of the non-jump instructions that have them. */
static int check_operand(const struct sock_filter *in, size_t pc, char *err, size_t errlen)
{
	switch (in->code) {
	case BPF_ALU | BPF_DIV | BPF_K:
		if (in->k == 0) {
			set_err(err, errlen, "insn %zu: division by constant 0", pc);
			return -1;
		}
		return 0;
	case BPF_ALU | BPF_LSH | BPF_K:
	case BPF_ALU | BPF_RSH | BPF_K:
		if (in->k >= 32) {
			set_err(err, errlen, "insn %zu: shift by constant %u (must be < 32)", pc,
				(unsigned)in->k);
			return -1;
		}
		return 0;
	case BPF_LD | BPF_MEM:
	case BPF_LDX | BPF_MEM:
	case BPF_ST:
	case BPF_STX:
		if (in->k >= BPF_MEMWORDS) {
			set_err(err, errlen, "insn %zu: scratch memory index %u (must be < %d)", pc,
				(unsigned)in->k, BPF_MEMWORDS);
			return -1;
		}
		return 0;
	case BPF_LD | BPF_W | BPF_ABS:
		if (in->k >= BPF_SIM_DATA_LEN || (in->k & 3) != 0) {
			set_err(err, errlen,
				"insn %zu: load at offset %u (seccomp_data needs a 4-aligned offset < %u)",
				pc, (unsigned)in->k, BPF_SIM_DATA_LEN);
			return -1;
		}
		return 0;
	default:
		return 0;
	}
}

static int check_insn(const struct sock_filter *prog, size_t pc, size_t len, char *err,
		      size_t errlen)
{
	const struct sock_filter *in = &prog[pc];

	if (check_opcode(in, pc, err, errlen) != 0)
		return -1;
	if (BPF_CLASS(in->code) == BPF_JMP)
		return check_jump(in, pc, len, err, errlen);
	return check_operand(in, pc, err, errlen);
}

/* The kernel does not clear scratch memory per run, so it refuses any load
 * of a cell that some path reaches without storing it.  Same single forward
 * pass as check_load_and_stores(): `valid` is the set of cells written on
 * the fall-through path, masks[pc] the intersection over jumps into pc.
 * After a jump the fall-through state becomes "anything" (~0) because the
 * next instruction is only reached through masks[].  Like the kernel, a RET
 * does not reset the state, which is conservative. */
static int check_scratch_init(const struct sock_filter *prog, size_t len, char *err,
			      size_t errlen)
{
	uint16_t masks[BPF_MAXINSNS];
	uint16_t valid = 0;

	for (size_t i = 0; i < len; i++)
		masks[i] = 0xffff;
	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *in = &prog[pc];

		valid &= masks[pc];
		switch (in->code) {
		case BPF_ST:
		case BPF_STX:
			valid |= (uint16_t)(1u << in->k);
			break;
		case BPF_LD | BPF_MEM:
		case BPF_LDX | BPF_MEM:
			if (!(valid & (1u << in->k))) {
				set_err(err, errlen, "insn %zu: reads M[%u], which may be unwritten here",
					pc, (unsigned)in->k);
				return -1;
			}
			break;
		case BPF_JMP | BPF_JA:
			masks[pc + 1 + in->k] &= valid;
			valid = 0xffff;
			break;
		default:
			if (is_cond_jump(in->code)) {
				masks[pc + 1 + in->jt] &= valid;
				masks[pc + 1 + in->jf] &= valid;
				valid = 0xffff;
			}
			break;
		}
	}
	return 0;
}

int bpf_sim_check(const struct sock_filter *prog, size_t len, char *err, size_t errlen)
{
	uint16_t last;

	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (prog == NULL || len == 0 || len > BPF_MAXINSNS) {
		set_err(err, errlen, "program length %zu not in 1..%d", prog ? len : 0,
			BPF_MAXINSNS);
		return -1;
	}
	for (size_t pc = 0; pc < len; pc++)
		if (check_insn(prog, pc, len, err, errlen) != 0)
			return -1;
	last = prog[len - 1].code;
	if (last != (BPF_RET | BPF_K) && last != (BPF_RET | BPF_A)) {
		set_err(err, errlen, "insn %zu: last instruction is not RET", len - 1);
		return -1;
	}
	return check_scratch_init(prog, len, err, errlen);
}

/* ------------------------------------------------------------------ */
/* Interpreter                                                         */
/* ------------------------------------------------------------------ */

struct vm {
	uint32_t a, x;                      /* both start at 0, as the kernel clears them */
	uint32_t mem[BPF_MEMWORDS];         /* zeroed only for determinism */
	unsigned char ctx[BPF_SIM_DATA_LEN]; /* struct seccomp_data in target order */
	bool big_endian;
	size_t len;    /* program length */
	size_t pc;     /* index of the next instruction */
	bool halted;
	uint32_t ret;
};

static void halt(struct vm *vm, uint32_t value)
{
	vm->halted = true;
	vm->ret = value;
}

/* Lay out struct seccomp_data as the target kernel would see it: each field
 * a native integer of the target, so the 64-bit ones split differently. */
static void build_ctx(struct vm *vm, const struct bpf_sim_data *d)
{
	memset(vm->ctx, 0, sizeof(vm->ctx));
	if (d == NULL)
		return;
	put_uint(vm->ctx + 0, (uint32_t)d->nr, 4, vm->big_endian);
	put_uint(vm->ctx + 4, d->arch, 4, vm->big_endian);
	put_uint(vm->ctx + 8, d->instruction_pointer, 8, vm->big_endian);
	for (unsigned i = 0; i < 6; i++)
		put_uint(vm->ctx + 16 + 8 * i, d->args[i], 8, vm->big_endian);
}

/* pc already points past the jump; move `off` further or fail closed. */
static void jump(struct vm *vm, uint32_t off)
{
	if (off >= vm->len - vm->pc) {
		halt(vm, 0);
		return;
	}
	vm->pc += off;
}

/* seccomp rewrites LD|W|ABS into a plain 32-bit load from the context, so
 * the word is read in the target's native order (not network order, as a
 * socket filter's packet loads would be). */
static void exec_ld(struct vm *vm, const struct sock_filter *in)
{
	switch (BPF_MODE(in->code)) {
	case BPF_ABS:
		if (in->k > BPF_SIM_DATA_LEN - 4)
			halt(vm, 0);
		else
			vm->a = (uint32_t)get_uint(vm->ctx + in->k, 4, vm->big_endian);
		break;
	case BPF_LEN: /* seccomp rewrites it to an immediate */
		vm->a = BPF_SIM_DATA_LEN;
		break;
	case BPF_IMM:
		vm->a = in->k;
		break;
	case BPF_MEM:
		if (in->k >= BPF_MEMWORDS)
			halt(vm, 0);
		else
			vm->a = vm->mem[in->k];
		break;
	default:
		halt(vm, 0);
	}
}

static void exec_ldx(struct vm *vm, const struct sock_filter *in)
{
	switch (BPF_MODE(in->code)) {
	case BPF_LEN:
		vm->x = BPF_SIM_DATA_LEN;
		break;
	case BPF_IMM:
		vm->x = in->k;
		break;
	case BPF_MEM:
		if (in->k >= BPF_MEMWORDS)
			halt(vm, 0);
		else
			vm->x = vm->mem[in->k];
		break;
	default:
		halt(vm, 0);
	}
}

/* ST stores A, STX stores X. */
static void exec_store(struct vm *vm, const struct sock_filter *in, uint32_t value)
{
	if (in->k >= BPF_MEMWORDS)
		halt(vm, 0);
	else
		vm->mem[in->k] = value;
}

/* 32-bit unsigned arithmetic.  Returns false for division/modulo by zero,
 * which the kernel's conversion turns into "return 0" (only X can be zero
 * here: the checker refuses a constant 0).  Shift counts use the low 5
 * bits, like the eBPF interpreter's ALU32 shifts; constants >= 32 never get
 * here from a checked program. */
static bool alu_compute(uint16_t op, uint32_t a, uint32_t b, uint32_t *out)
{
	switch (op) {
	case BPF_ADD: *out = a + b; return true;
	case BPF_SUB: *out = a - b; return true;
	case BPF_MUL: *out = a * b; return true;
	case BPF_DIV: if (b == 0) return false; *out = a / b; return true;
	case BPF_MOD: if (b == 0) return false; *out = a % b; return true;
	case BPF_AND: *out = a & b; return true;
	case BPF_OR:  *out = a | b; return true;
	case BPF_XOR: *out = a ^ b; return true;
	case BPF_LSH: *out = a << (b & 31); return true;
	case BPF_RSH: *out = a >> (b & 31); return true;
	case BPF_NEG: *out = 0u - a; return true;
	default: return false;
	}
}

static void exec_alu(struct vm *vm, const struct sock_filter *in)
{
	uint32_t b = BPF_SRC(in->code) == BPF_X ? vm->x : in->k;
	uint32_t r;

	if (alu_compute((uint16_t)BPF_OP(in->code), vm->a, b, &r))
		vm->a = r;
	else
		halt(vm, 0);
}

/* All comparisons are unsigned 32-bit (the kernel's conversion zero-extends
 * constants with the top bit set so this stays true after translation). */
static void exec_jmp(struct vm *vm, const struct sock_filter *in)
{
	uint32_t b = BPF_SRC(in->code) == BPF_X ? vm->x : in->k;
	bool taken;

	switch (BPF_OP(in->code)) {
	case BPF_JA:   jump(vm, in->k); return;
	case BPF_JEQ:  taken = vm->a == b; break;
	case BPF_JGT:  taken = vm->a > b; break;
	case BPF_JGE:  taken = vm->a >= b; break;
	case BPF_JSET: taken = (vm->a & b) != 0; break;
	default:       halt(vm, 0); return;
	}
	jump(vm, taken ? in->jt : in->jf);
}

static void exec_ret(struct vm *vm, const struct sock_filter *in)
{
	halt(vm, BPF_RVAL(in->code) == BPF_A ? vm->a : in->k);
}

static void exec_misc(struct vm *vm, const struct sock_filter *in)
{
	if (BPF_MISCOP(in->code) == BPF_TAX)
		vm->x = vm->a;
	else
		vm->a = vm->x;
}

/* One instruction; vm->pc has already been advanced past it. */
static void step(struct vm *vm, const struct sock_filter *in)
{
	if (!runnable(in->code)) {
		halt(vm, 0);
		return;
	}
	switch (BPF_CLASS(in->code)) {
	case BPF_LD:   exec_ld(vm, in); break;
	case BPF_LDX:  exec_ldx(vm, in); break;
	case BPF_ST:   exec_store(vm, in, vm->a); break;
	case BPF_STX:  exec_store(vm, in, vm->x); break;
	case BPF_ALU:  exec_alu(vm, in); break;
	case BPF_JMP:  exec_jmp(vm, in); break;
	case BPF_RET:  exec_ret(vm, in); break;
	case BPF_MISC: exec_misc(vm, in); break;
	default:       halt(vm, 0); break;
	}
}

uint32_t bpf_sim_run(const struct sock_filter *prog, size_t len, const struct bpf_sim_data *data,
		     bool big_endian, unsigned *steps)
{
	struct vm vm;
	unsigned n = 0;

	memset(&vm, 0, sizeof(vm));
	vm.big_endian = big_endian;
	vm.len = prog != NULL ? len : 0;
	build_ctx(&vm, data);
	while (!vm.halted) {
		if (vm.pc >= vm.len) { /* fell off the end: only an unchecked program */
			halt(&vm, 0);
			break;
		}
		n++;
		step(&vm, &prog[vm.pc++]);
	}
	if (steps != NULL)
		*steps = n;
	return vm.ret;
}

/* ------------------------------------------------------------------ */
/* Decoder                                                             */
/* ------------------------------------------------------------------ */

long bpf_sim_decode(const unsigned char *bytes, size_t nbytes, bool big_endian,
		    struct sock_filter *out, size_t cap)
{
	size_t n = nbytes / 8;

	if (nbytes % 8 != 0 || n > cap || n > (size_t)LONG_MAX)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *p = bytes + 8 * i;

		out[i].code = (uint16_t)get_uint(p, 2, big_endian);
		out[i].jt = p[2];
		out[i].jf = p[3];
		out[i].k = (uint32_t)get_uint(p + 4, 4, big_endian);
	}
	return (long)n;
}
