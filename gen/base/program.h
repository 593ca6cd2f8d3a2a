/*
 * program.h - a classic-BPF seccomp program held as host-order values; byte
 * order is applied only when a program is written out for a target.
 */
#ifndef SE_PROGRAM_H
#define SE_PROGRAM_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SE_BPF_MAX_INSNS 4096 /* BPF_MAXINSNS: the kernel refuses longer */

struct se_program {
	struct sock_filter *insns;
	size_t len;
};

void se_program_free(struct se_program *p);
/* out = head followed by tail; jumps are relative, so neither changes. */
int se_program_concat(const struct sock_filter *head, size_t head_len,
		      const struct se_program *tail, struct se_program *out);
/* Raw bytes as the kernel takes them on a target of this byte order. */
void se_insn_to_bytes(const struct sock_filter *in, bool big_endian, unsigned char out[8]);
void se_insn_from_bytes(const unsigned char in[8], bool big_endian, struct sock_filter *out);

/* A raw program file (`compile --format bpf`, another compiler's output):
 * 1 to SE_BPF_MAX_INSNS instructions of 8 bytes in that byte order.
 * Returns 0, or SE_EINPUT after one line naming the file (diag.h); whether
 * the kernel would load it is the caller's check (bpf_check.h). */
int se_program_read_raw(const char *file, bool big_endian, struct se_program *out);

#endif
