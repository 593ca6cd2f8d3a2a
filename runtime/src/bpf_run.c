#include "bpf_run.h"

#include <string.h>

#define MEM_WORDS 16 /* BPF_MEMWORDS */

static int load_word(const struct seccomp_data *d, uint32_t off, uint32_t *out)
{
	if (off % 4 || off + 4 > sizeof *d)
		return -1;
	memcpy(out, (const unsigned char *)d + off, 4);
	return 0;
}

static uint32_t alu(uint16_t op, uint32_t a, uint32_t v, int *bad)
{
	switch (op) {
	case BPF_ADD: return a + v;
	case BPF_SUB: return a - v;
	case BPF_MUL: return a * v;
	case BPF_DIV: return v ? a / v : (*bad = 1, 0);
	case BPF_MOD: return v ? a % v : (*bad = 1, 0);
	case BPF_AND: return a & v;
	case BPF_OR: return a | v;
	case BPF_XOR: return a ^ v;
	case BPF_LSH: return v < 32 ? a << v : 0;
	case BPF_RSH: return v < 32 ? a >> v : 0;
	case BPF_NEG: return (uint32_t)-a;
	default: *bad = 1; return 0;
	}
}

static int condition(uint16_t op, uint32_t a, uint32_t v)
{
	switch (op) {
	case BPF_JEQ: return a == v;
	case BPF_JGT: return a > v;
	case BPF_JGE: return a >= v;
	default: return (a & v) != 0; /* BPF_JSET */
	}
}

uint32_t se_bpf_run(const struct sock_filter *prog, unsigned len, const struct seccomp_data *d)
{
	uint32_t a = 0, x = 0, mem[MEM_WORDS] = {0};
	int bad = 0;
	for (unsigned pc = 0; pc < len && !bad; pc++) {
		const struct sock_filter *f = &prog[pc];
		uint32_t v = BPF_SRC(f->code) == BPF_X ? x : f->k;
		switch (BPF_CLASS(f->code)) {
		case BPF_LD:
			if (BPF_MODE(f->code) == BPF_ABS && BPF_SIZE(f->code) == BPF_W)
				bad = load_word(d, f->k, &a);
			else if (BPF_MODE(f->code) == BPF_IMM)
				a = f->k;
			else if (BPF_MODE(f->code) == BPF_MEM && f->k < MEM_WORDS)
				a = mem[f->k];
			else if (BPF_MODE(f->code) == BPF_LEN)
				a = sizeof *d;
			else
				bad = 1;
			break;
		case BPF_LDX:
			if (BPF_MODE(f->code) == BPF_IMM)
				x = f->k;
			else if (BPF_MODE(f->code) == BPF_MEM && f->k < MEM_WORDS)
				x = mem[f->k];
			else if (BPF_MODE(f->code) == BPF_LEN)
				x = sizeof *d;
			else
				bad = 1;
			break;
		case BPF_ST:
		case BPF_STX:
			if (f->k >= MEM_WORDS)
				bad = 1;
			else
				mem[f->k] = BPF_CLASS(f->code) == BPF_ST ? a : x;
			break;
		case BPF_ALU:
			a = alu(BPF_OP(f->code), a, v, &bad);
			break;
		case BPF_JMP:
			if (BPF_OP(f->code) == BPF_JA)
				pc += f->k;
			else
				pc += condition(BPF_OP(f->code), a, v) ? f->jt : f->jf;
			break;
		case BPF_RET:
			return BPF_RVAL(f->code) == BPF_A ? a : f->k;
		case BPF_MISC:
			if (BPF_MISCOP(f->code) == BPF_TAX)
				x = a;
			else
				a = x;
			break;
		}
	}
	return SECCOMP_RET_KILL_PROCESS;
}
