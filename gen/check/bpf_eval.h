/*
 * bpf_eval.h - run a seccomp classic-BPF program on one seccomp_data, as
 * the kernel would.  The generator uses it to prove that its optimised
 * program decides like the reference (validate.h), so it must be exact
 * and fast: a few tens of nanoseconds for a typical path.
 *
 * Semantics are the kernel's for every opcode seccomp_check_filter()
 * accepts: A and X start at 0; 32-bit unsigned ALU; DIV by X == 0 ends the
 * program returning 0; shifts by X use X & 31; BPF_LEN is
 * sizeof(struct seccomp_data).  Anything the kernel would refuse to load
 * (an opcode outside seccomp's list, a jump out of the program, a load
 * outside seccomp_data or unaligned, DIV by constant 0, a shift by a
 * constant >= 32, a scratch cell read before written on the path, falling
 * off the end) is a fault, reported rather than guessed at.
 */
#ifndef SE_BPF_EVAL_H
#define SE_BPF_EVAL_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SE_BPF_DATA_WORDS 16 /* sizeof(struct seccomp_data) / 4 */

/* struct seccomp_data as values; the byte order is applied when it is
 * turned into the words a program loads. */
struct se_bpf_data {
	uint32_t nr;
	uint32_t arch;
	uint64_t ip;
	uint64_t args[6];
};

enum se_bpf_fault {
	SE_BPF_OK = 0,
	SE_BPF_BAD_OPCODE,  /* not an opcode seccomp accepts */
	SE_BPF_BAD_JUMP,    /* a jump past the end of the program */
	SE_BPF_BAD_LOAD,    /* offset not 4-aligned inside seccomp_data */
	SE_BPF_BAD_SCRATCH, /* scratch index >= 16, or read before written */
	SE_BPF_BAD_CONST,   /* DIV by constant 0, shift by constant >= 32 */
	SE_BPF_NO_RET,      /* ran off the end; or (bpf_check.h) the last insn is no RET */
	SE_BPF_BAD_LENGTH,  /* (bpf_check.h) no instruction, or more than 4096 */
};

struct se_bpf_result {
	uint32_t ret;     /* the RET value; 0 after a fault */
	uint32_t steps;   /* instructions executed, the RET included */
	uint16_t loaded;  /* bit w: the word at offset 4*w was loaded */
	bool reads_data;  /* something other than nr (word 0) and arch (word 1) */
	enum se_bpf_fault fault;
	uint32_t fault_pc; /* the faulting instruction */
};

/* The 16 words BPF_LD|BPF_W|BPF_ABS sees on a target of that byte order:
 * on a big-endian target the word at offset 16 is the HIGH half of args[0]. */
void se_bpf_words(const struct se_bpf_data *d, bool big_endian, uint32_t words[SE_BPF_DATA_WORDS]);

/* Run on prepared words (the fast path when many inputs share most words).
 * Returns 0, or -1 on a fault (also in r->fault). */
int se_bpf_run(const struct sock_filter *prog, size_t len, const uint32_t words[SE_BPF_DATA_WORDS],
	       struct se_bpf_result *r);

/* se_bpf_words then se_bpf_run. */
int se_bpf_eval(const struct sock_filter *prog, size_t len, const struct se_bpf_data *d,
		bool big_endian, struct se_bpf_result *r);

/* "jump out of the program", ... for messages. */
const char *se_bpf_fault_str(enum se_bpf_fault f);

#endif
