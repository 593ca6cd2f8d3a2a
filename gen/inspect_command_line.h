/*
 * inspect_command_line.h - argv of `seccomp-embed dump` and `seccomp-embed
 * diff` -> their options (inspect/dump.h, inspect/diff.h), with the help
 * texts.
 */
#ifndef SE_INSPECT_COMMAND_LINE_H
#define SE_INSPECT_COMMAND_LINE_H

#include "command_line.h"
#include "diff.h"
#include "dump.h"

/* argv[1] is "dump" / "diff".  Print --help themselves (SE_OPTIONS_DONE)
 * and report misuse on stderr (SE_OPTIONS_BAD). */
enum se_parse_result se_dump_options_parse(int argc, char **argv, struct se_dump_options *o);
enum se_parse_result se_diff_options_parse(int argc, char **argv, struct se_diff_options *o);

#endif
