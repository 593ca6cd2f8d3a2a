/*
 * bpf_sim.h - a userspace model of how Linux checks and runs a seccomp
 * classic-BPF filter.
 *
 * The generator's output can only be trusted if the programs it writes
 * (a) would be accepted by seccomp(2) and (b) return the intended action
 * for every syscall.  Tests cannot load a filter for a foreign architecture
 * (or a big-endian one on a little-endian host), so they check and run the
 * programs here instead.  The model follows the kernel sources:
 *
 *   - checking: bpf_check_classic() and check_load_and_stores() in
 *     net/core/filter.c, then seccomp_check_filter() in kernel/seccomp.c;
 *   - running: the classic->eBPF conversion in bpf_convert_filter() and the
 *     32-bit ALU/JMP semantics of the eBPF interpreter in kernel/bpf/core.c.
 *
 * Semantic choices where the kernel leaves room (see bpf_sim.c for details):
 *   - BPF_ALU|BPF_MOD is NOT accepted by seccomp_check_filter() (its
 *     whitelist has no MOD, through at least v6.18), so bpf_sim_check()
 *     rejects it.  bpf_sim_run() still executes MOD with classic semantics
 *     so the arithmetic can be tested, but a program using it is not a
 *     valid seccomp filter.
 *   - Shift by X uses only the low 5 bits of X (X & 31), as the eBPF
 *     interpreter does for 32-bit shifts and as x86/arm64 hardware does.
 *     Shift by a constant >= 32 is rejected by the checker.
 *   - DIV/MOD by X == 0 ends the program returning 0.
 *   - Scratch memory reads of a cell not written on every path are rejected
 *     by the checker (same single forward pass as the kernel).
 */
#ifndef BPF_SIM_H
#define BPF_SIM_H

#include <linux/filter.h> /* struct sock_filter */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* sizeof(struct seccomp_data): the only value BPF_LEN loads ever produce. */
#define BPF_SIM_DATA_LEN 64u

/* What the kernel hands a seccomp filter (struct seccomp_data), as values.
 * Kept separate from <linux/seccomp.h>'s struct so a test can describe the
 * data of a foreign-endian target without the host's layout getting in the
 * way; bpf_sim_run() lays it out in the target's byte order. */
struct bpf_sim_data {
	int32_t nr;
	uint32_t arch;
	uint64_t instruction_pointer;
	uint64_t args[6];
};

/* Validate a program the way seccomp(2) does before accepting it, so tests
 * can prove a generated filter would load: length 1..4096; every opcode in
 * seccomp's whitelist; conditional and JA jumps inside the program; no
 * DIV by constant 0; no shift by a constant >= 32; BPF_LD|BPF_W|BPF_ABS only
 * at offsets 0..60 that are 4-aligned; scratch index < 16; the last
 * instruction a RET; and no read of a scratch cell that some path reaches
 * without writing it.
 * Returns 0 if valid; otherwise -1 and writes a one-line reason naming the
 * instruction index ("insn N: ...") into err (if err != NULL && errlen > 0;
 * truncated to fit). */
int bpf_sim_check(const struct sock_filter *prog, size_t len, char *err, size_t errlen);

/* Run the program on `data` as a kernel of the given byte order would, so a
 * test can ask "what does this filter return for this syscall on target T".
 * struct seccomp_data is laid out in that byte order (nr at 0, arch at 4,
 * instruction_pointer at 8, args[i] at 16+8*i), and BPF_LD|BPF_W|BPF_ABS k
 * reads the 32-bit word at offset k in that byte order: on a big-endian
 * target offset 16 is the HIGH half of args[0], on little-endian the low
 * half.  Instructions are host values (use bpf_sim_decode() for raw bytes).
 * Returns the filter's 32-bit return value.  The program must have passed
 * bpf_sim_check(); if it has not and would misbehave (unknown opcode, jump
 * or load out of range), the run stops and returns 0 (SECCOMP_RET_KILL, the
 * fail-closed answer) rather than touching memory it should not.
 * If `steps` is not NULL, stores the number of instructions executed
 * (including the final RET). */
uint32_t bpf_sim_run(const struct sock_filter *prog, size_t len, const struct bpf_sim_data *data,
		     bool big_endian, unsigned *steps);

/* Decode a raw program as stored in a file / `bpf` output for a target of
 * the given byte order, so tests can run exactly the bytes the generator
 * wrote: 8 bytes per instruction (code u16, jt u8, jf u8, k u32, the u16 and
 * u32 in that byte order) into host values.
 * Returns the number of instructions, or -1 if nbytes is not a multiple of 8
 * or the output array (cap entries) is too small. */
long bpf_sim_decode(const unsigned char *bytes, size_t nbytes, bool big_endian,
		    struct sock_filter *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
