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

/* compile's defaults. */
void se_options_defaults(struct se_options *o);

/* One option of compile with its value, checked; returns 0, or SE_EINPUT
 * after reporting.  For the other commands, which share some. */
int se_options_take(struct se_options *o, const char *opt, const char *val);

#endif
