/*
 * emit.h - write a compiled filter in one of the output formats.
 */
#ifndef SE_EMIT_H
#define SE_EMIT_H

#include <stdio.h>

#include "compiled.h"

/* Each returns 0, or -1 on an allocation or write failure. */
int se_emit_c(FILE *f, const struct se_compiled *c);
int se_emit_h(FILE *f, const struct se_compiled *c);
int se_emit_bpf(FILE *f, const struct se_compiled *c);
int se_emit_text(FILE *f, const struct se_compiled *c);

/* The header comment shared by the C, header and text outputs: profile,
 * options, libseccomp version, arches, flags and the fate of every rule.
 * `lead` starts each line (" * " or "# "). */
void se_emit_provenance(FILE *f, const struct se_compiled *c, const char *lead);

/* Instruction listing lines, "%4zu: ..." with words, for the text format. */
int se_emit_listing(FILE *f, const struct se_compiled *c, const struct se_program *p);
/* The same for any program, its constants named for `arch` (a program read
 * from a process: `seccomp-embed dump`).  Returns 0, -1 when out of memory. */
int se_emit_program_listing(FILE *f, const struct se_arch *arch, const struct se_program *p);

#endif
