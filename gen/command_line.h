/*
 * command_line.h - argv -> struct se_options, with the help texts.
 */
#ifndef SE_COMMAND_LINE_H
#define SE_COMMAND_LINE_H

#include "options.h"

enum se_parse_result { SE_OPTIONS_RUN, SE_OPTIONS_DONE, SE_OPTIONS_BAD };

/* Parses argv; prints --help/--version itself (SE_OPTIONS_DONE) and reports
 * misuse on stderr (SE_OPTIONS_BAD). */
enum se_parse_result se_options_parse(int argc, char **argv, struct se_options *o);

#endif
