#include "bpf_check.h"

#include "program.h"

#define MEM_WORDS 16
#define DATA_LEN 64u

/* seccomp_check_filter()'s list, exactly: anything else is refused. */
static bool accepted(uint16_t code)
{
	switch (code) {
	case BPF_LD | BPF_W | BPF_ABS: case BPF_LD | BPF_W | BPF_LEN:
	case BPF_LDX | BPF_W | BPF_LEN: case BPF_LD | BPF_IMM: case BPF_LDX | BPF_IMM:
	case BPF_LD | BPF_MEM: case BPF_LDX | BPF_MEM: case BPF_ST: case BPF_STX:
	case BPF_RET | BPF_K: case BPF_RET | BPF_A:
	case BPF_ALU | BPF_ADD | BPF_K: case BPF_ALU | BPF_ADD | BPF_X:
	case BPF_ALU | BPF_SUB | BPF_K: case BPF_ALU | BPF_SUB | BPF_X:
	case BPF_ALU | BPF_MUL | BPF_K: case BPF_ALU | BPF_MUL | BPF_X:
	case BPF_ALU | BPF_DIV | BPF_K: case BPF_ALU | BPF_DIV | BPF_X:
	case BPF_ALU | BPF_AND | BPF_K: case BPF_ALU | BPF_AND | BPF_X:
	case BPF_ALU | BPF_OR | BPF_K: case BPF_ALU | BPF_OR | BPF_X:
	case BPF_ALU | BPF_XOR | BPF_K: case BPF_ALU | BPF_XOR | BPF_X:
	case BPF_ALU | BPF_LSH | BPF_K: case BPF_ALU | BPF_LSH | BPF_X:
	case BPF_ALU | BPF_RSH | BPF_K: case BPF_ALU | BPF_RSH | BPF_X:
	case BPF_ALU | BPF_NEG: case BPF_MISC | BPF_TAX: case BPF_MISC | BPF_TXA:
	case BPF_JMP | BPF_JA:
	case BPF_JMP | BPF_JEQ | BPF_K: case BPF_JMP | BPF_JEQ | BPF_X:
	case BPF_JMP | BPF_JGE | BPF_K: case BPF_JMP | BPF_JGE | BPF_X:
	case BPF_JMP | BPF_JGT | BPF_K: case BPF_JMP | BPF_JGT | BPF_X:
	case BPF_JMP | BPF_JSET | BPF_K: case BPF_JMP | BPF_JSET | BPF_X:
		return true;
	}
	return false;
}

static bool uses_scratch(uint16_t code)
{
	return code == (BPF_LD | BPF_MEM) || code == (BPF_LDX | BPF_MEM) || code == BPF_ST ||
	       code == BPF_STX;
}

/* One instruction on its own: operands and jump targets. */
static enum se_bpf_fault check_one(const struct sock_filter *in, size_t pc, size_t len)
{
	uint16_t c = in->code;
	if (!accepted(c))
		return SE_BPF_BAD_OPCODE;
	if (c == (BPF_LD | BPF_W | BPF_ABS) && (in->k >= DATA_LEN || (in->k & 3)))
		return SE_BPF_BAD_LOAD;
	if (uses_scratch(c) && in->k >= MEM_WORDS)
		return SE_BPF_BAD_SCRATCH;
	if ((c == (BPF_ALU | BPF_DIV | BPF_K) && in->k == 0) ||
	    ((c == (BPF_ALU | BPF_LSH | BPF_K) || c == (BPF_ALU | BPF_RSH | BPF_K)) && in->k >= 32))
		return SE_BPF_BAD_CONST;
	if (c == (BPF_JMP | BPF_JA))
		return in->k < len - pc - 1 ? SE_BPF_OK : SE_BPF_BAD_JUMP;
	if (BPF_CLASS(c) == BPF_JMP && (pc + 1 + in->jt >= len || pc + 1 + in->jf >= len))
		return SE_BPF_BAD_JUMP;
	return SE_BPF_OK;
}

/* check_load_and_stores(): a scratch cell may be read only if every path
 * to the read stored to it.  valid[pc] is what all jumps into pc agree on;
 * after a jump, `now` is "anything" until the next target narrows it. */
static enum se_bpf_fault check_scratch(const struct sock_filter *prog, size_t len, size_t *at)
{
	uint16_t valid[SE_BPF_MAX_INSNS], now = 0;
	enum se_bpf_fault f = SE_BPF_OK;

	for (size_t i = 0; i < len; i++)
		valid[i] = 0xffff;
	for (size_t pc = 0; pc < len && f == SE_BPF_OK; pc++) {
		const struct sock_filter *in = &prog[pc];
		now &= valid[pc];
		if (in->code == BPF_ST || in->code == BPF_STX)
			now |= (uint16_t)(1u << in->k);
		else if (uses_scratch(in->code) && !(now >> in->k & 1))
			f = SE_BPF_BAD_SCRATCH, *at = pc;
		else if (in->code == (BPF_JMP | BPF_JA))
			valid[pc + 1 + in->k] &= now, now = 0xffff;
		else if (BPF_CLASS(in->code) == BPF_JMP)
			valid[pc + 1 + in->jt] &= now, valid[pc + 1 + in->jf] &= now, now = 0xffff;
		/* a RET leaves `now` as it is, as the kernel does (conservative) */
	}
	return f;
}

enum se_bpf_fault se_bpf_check(const struct sock_filter *prog, size_t len, size_t *at)
{
	*at = len ? len - 1 : 0;
	if (len == 0 || len > SE_BPF_MAX_INSNS)
		return SE_BPF_BAD_LENGTH;
	if (BPF_CLASS(prog[len - 1].code) != BPF_RET)
		return SE_BPF_NO_RET;
	for (size_t pc = 0; pc < len; pc++) {
		enum se_bpf_fault f = check_one(&prog[pc], pc, len);
		if (f != SE_BPF_OK) {
			*at = pc;
			return f;
		}
	}
	return check_scratch(prog, len, at);
}
