/*
 * ebpf_length.h - how long a filter is once the kernel has converted it to
 * eBPF (net/core/filter.c, bpf_convert_filter), the program it then
 * JIT-compiles.  Attach time grows with it, and past one page (about 500
 * instructions) the kernel reallocates the program as well.
 *
 * A RET becomes two instructions (move, exit); a conditional jump one, one
 * more when its constant has the top bit set (moved to a register first),
 * and one more (a JA) when neither of its targets is the next instruction,
 * or for JSET when the false one is not; three instructions of prologue.
 */
#ifndef SE_EBPF_LENGTH_H
#define SE_EBPF_LENGTH_H

#include <linux/filter.h>
#include <stddef.h>

size_t se_ebpf_length(const struct sock_filter *insns, size_t len);

#endif
