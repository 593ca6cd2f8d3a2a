#include "bpf_eval.h"

#define MEM_WORDS 16 /* BPF_MEMWORDS */
#define DATA_LEN (4u * SE_BPF_DATA_WORDS)

/* The machine state of one run; scratch cells count as written only once
 * this path has stored to them, which is what the kernel's load-time check
 * proves for every path. */
struct vm {
	uint32_t a, x;
	uint32_t mem[MEM_WORDS];
	uint16_t mem_written;
};

static void put64(uint32_t w[2], uint64_t v, bool big_endian)
{
	uint32_t lo = (uint32_t)v, hi = (uint32_t)(v >> 32);
	w[0] = big_endian ? hi : lo;
	w[1] = big_endian ? lo : hi;
}

void se_bpf_words(const struct se_bpf_data *d, bool big_endian, uint32_t words[SE_BPF_DATA_WORDS])
{
	words[0] = d->nr;
	words[1] = d->arch;
	put64(&words[2], d->ip, big_endian);
	for (int i = 0; i < 6; i++)
		put64(&words[4 + 2 * i], d->args[i], big_endian);
}

static int fault(struct se_bpf_result *r, enum se_bpf_fault f, size_t pc)
{
	r->ret = 0;
	r->fault = f;
	r->fault_pc = (uint32_t)pc;
	return -1;
}

/* BPF_ALU with a constant or X.  *ended is set for DIV by X == 0, which the
 * kernel's classic-to-eBPF conversion turns into "return 0". */
static enum se_bpf_fault alu(uint16_t code, uint32_t k, struct vm *m, bool *ended)
{
	bool by_x = BPF_SRC(code) == BPF_X;
	uint32_t src = by_x ? m->x : k;

	switch (BPF_OP(code)) {
	case BPF_ADD: m->a += src; break;
	case BPF_SUB: m->a -= src; break;
	case BPF_MUL: m->a *= src; break;
	case BPF_OR: m->a |= src; break;
	case BPF_AND: m->a &= src; break;
	case BPF_XOR: m->a ^= src; break;
	case BPF_DIV:
		if (src == 0) {
			*ended = by_x;
			return by_x ? SE_BPF_OK : SE_BPF_BAD_CONST;
		}
		m->a /= src;
		break;
	case BPF_LSH:
	case BPF_RSH:
		if (!by_x && k >= 32)
			return SE_BPF_BAD_CONST;
		m->a = BPF_OP(code) == BPF_LSH ? m->a << (src & 31) : m->a >> (src & 31);
		break;
	case BPF_NEG:
		if (by_x)
			return SE_BPF_BAD_OPCODE;
		m->a = 0u - m->a;
		break;
	default: /* BPF_MOD is not on seccomp's list */
		return SE_BPF_BAD_OPCODE;
	}
	return SE_BPF_OK;
}

/* Conditional jumps: is the condition true?  -1 for an unknown one. */
static int condition(uint16_t code, uint32_t a, uint32_t operand)
{
	switch (BPF_OP(code)) {
	case BPF_JEQ: return a == operand;
	case BPF_JGT: return a > operand;
	case BPF_JGE: return a >= operand;
	case BPF_JSET: return (a & operand) != 0;
	}
	return -1;
}

/* Loads of constants and scratch cells, stores, TAX and TXA. */
static enum se_bpf_fault move(uint16_t code, uint32_t k, struct vm *m)
{
	bool scratch = code == (BPF_LD | BPF_MEM) || code == (BPF_LDX | BPF_MEM) ||
		       code == BPF_ST || code == BPF_STX;
	if (scratch && k >= MEM_WORDS)
		return SE_BPF_BAD_SCRATCH;
	if ((code == (BPF_LD | BPF_MEM) || code == (BPF_LDX | BPF_MEM)) && !(m->mem_written >> k & 1))
		return SE_BPF_BAD_SCRATCH;
	switch (code) {
	case BPF_LD | BPF_IMM: m->a = k; break;
	case BPF_LDX | BPF_IMM: m->x = k; break;
	case BPF_LD | BPF_W | BPF_LEN: m->a = DATA_LEN; break;
	case BPF_LDX | BPF_W | BPF_LEN: m->x = DATA_LEN; break;
	case BPF_LD | BPF_MEM: m->a = m->mem[k]; break;
	case BPF_LDX | BPF_MEM: m->x = m->mem[k]; break;
	case BPF_ST: m->mem[k] = m->a; m->mem_written |= (uint16_t)(1u << k); break;
	case BPF_STX: m->mem[k] = m->x; m->mem_written |= (uint16_t)(1u << k); break;
	case BPF_MISC | BPF_TAX: m->x = m->a; break;
	case BPF_MISC | BPF_TXA: m->a = m->x; break;
	default: return SE_BPF_BAD_OPCODE;
	}
	return SE_BPF_OK;
}

/* The next pc after a jump at pc, or len (out of range) if the kernel
 * would refuse the jump: it checks both targets of a conditional jump. */
static size_t jump(const struct sock_filter *in, size_t pc, size_t len, uint32_t a, uint32_t x,
		   bool *bad_opcode)
{
	int taken;
	*bad_opcode = false;
	if (in->code == (BPF_JMP | BPF_JA))
		return in->k < len - pc - 1 ? pc + 1 + in->k : len;
	taken = condition(in->code, a, BPF_SRC(in->code) == BPF_X ? x : in->k);
	if (taken < 0 || (in->code & ~0xff)) {
		*bad_opcode = true;
		return len;
	}
	if (pc + 1 + in->jt >= len || pc + 1 + in->jf >= len)
		return len;
	return pc + 1 + (taken ? in->jt : in->jf);
}

static enum se_bpf_fault load(uint32_t k, const uint32_t *words, struct vm *m,
			      struct se_bpf_result *r)
{
	if (k >= DATA_LEN || (k & 3))
		return SE_BPF_BAD_LOAD;
	m->a = words[k / 4];
	r->loaded |= (uint16_t)(1u << (k / 4));
	return SE_BPF_OK;
}

int se_bpf_run(const struct sock_filter *prog, size_t len, const uint32_t words[SE_BPF_DATA_WORDS],
	       struct se_bpf_result *r)
{
	struct vm m = {0};
	size_t pc = 0;

	*r = (struct se_bpf_result){0};
	while (pc < len) {
		const struct sock_filter *in = &prog[pc];
		enum se_bpf_fault f = SE_BPF_OK;
		bool ended = false;

		r->steps++;
		switch (BPF_CLASS(in->code)) {
		case BPF_RET:
			if (in->code != (BPF_RET | BPF_K) && in->code != (BPF_RET | BPF_A))
				return fault(r, SE_BPF_BAD_OPCODE, pc);
			r->ret = in->code == (BPF_RET | BPF_K) ? in->k : m.a;
			r->reads_data = (r->loaded & ~3u) != 0;
			return 0;
		case BPF_JMP: {
			bool bad;
			size_t next = jump(in, pc, len, m.a, m.x, &bad);
			if (next >= len)
				return fault(r, bad ? SE_BPF_BAD_OPCODE : SE_BPF_BAD_JUMP, pc);
			pc = next;
			continue;
		}
		case BPF_ALU:
			f = in->code & ~0xff ? SE_BPF_BAD_OPCODE : alu(in->code, in->k, &m, &ended);
			break;
		default:
			f = in->code == (BPF_LD | BPF_W | BPF_ABS) ? load(in->k, words, &m, r)
								    : move(in->code, in->k, &m);
			break;
		}
		if (f != SE_BPF_OK)
			return fault(r, f, pc);
		if (ended) { /* the kernel returns 0 there: not a fault */
			r->ret = 0;
			r->reads_data = (r->loaded & ~3u) != 0;
			return 0;
		}
		pc++;
	}
	return fault(r, SE_BPF_NO_RET, len ? len - 1 : 0);
}

int se_bpf_eval(const struct sock_filter *prog, size_t len, const struct se_bpf_data *d,
		bool big_endian, struct se_bpf_result *r)
{
	uint32_t words[SE_BPF_DATA_WORDS];
	se_bpf_words(d, big_endian, words);
	return se_bpf_run(prog, len, words, r);
}

const char *se_bpf_fault_str(enum se_bpf_fault f)
{
	switch (f) {
	case SE_BPF_OK: return "no fault";
	case SE_BPF_BAD_OPCODE: return "an opcode seccomp does not accept";
	case SE_BPF_BAD_JUMP: return "a jump out of the program";
	case SE_BPF_BAD_LOAD: return "a load outside seccomp_data or unaligned";
	case SE_BPF_BAD_SCRATCH: return "a scratch cell out of range or read before written";
	case SE_BPF_BAD_CONST: return "a division by 0 or a shift by 32 or more";
	case SE_BPF_NO_RET: return "running off the end (the last instruction is not a RET)";
	case SE_BPF_BAD_LENGTH: return "a length of 0 or more than 4096 instructions";
	}
	return "an unknown fault";
}
