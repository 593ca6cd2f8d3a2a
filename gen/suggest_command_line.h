/*
 * suggest_command_line.h - argv of `seccomp-embed suggest` -> struct
 * se_suggest_options (suggest/suggest.h), with its help text.
 */
#ifndef SE_SUGGEST_COMMAND_LINE_H
#define SE_SUGGEST_COMMAND_LINE_H

#include "command_line.h"
#include "suggest.h"

/* argv[1] is "suggest".  Prints --help itself (SE_OPTIONS_DONE) and reports
 * misuse on stderr (SE_OPTIONS_BAD). */
enum se_parse_result se_suggest_options_parse(int argc, char **argv,
					      struct se_suggest_options *o);

#endif
