/*
 * describe.h - say what each instruction of a seccomp program does, in
 * words, for the comments of the C output and the text listing:
 * "12: nr == 90 (chmod) -> 40", "return ERRNO(EPERM)".
 */
#ifndef SE_DESCRIBE_H
#define SE_DESCRIBE_H

#include <stddef.h>

#include "program.h"
#include "resolve.h"

struct se_describer;

/* Works out, for every instruction, what the accumulator holds (nr, arch,
 * an argument half) and which arch the path has matched, so that
 * constants can be named.  NULL on allocation failure. */
struct se_describer *se_describer_new(const struct se_program *prog, const struct se_arch *target);
void se_describer_free(struct se_describer *d);

/* "nr == 90 (chmod) -> 40" for instruction i (without the "12: " prefix). */
void se_describe_insn(const struct se_describer *d, size_t i, char *out, size_t len);
/* "BPF_JMP | BPF_JEQ | BPF_K" */
void se_opcode_symbol(unsigned code, char *out, size_t len);

#endif
