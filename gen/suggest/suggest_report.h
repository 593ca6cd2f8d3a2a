/*
 * suggest_report.h - what `suggest` says on standard error: an input in
 * which it recognised nothing, what it left out and why, and one summary
 * line.
 */
#ifndef SE_SUGGEST_REPORT_H
#define SE_SUGGEST_REPORT_H

#include <stdbool.h>

#include "needs.h"
#include "read_run.h"

void se_suggest_note_input(bool quiet, const char *input, const struct se_read_stats *s);

/* What was left out is said even when `quiet`. */
void se_suggest_report(bool quiet, const char *profile, const struct se_read_stats *s,
		       const struct se_needs *n);

#endif
