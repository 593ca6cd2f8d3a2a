#include "suggest_report.h"

#include <stdio.h>

static void list(const char *what, const struct se_strings *items)
{
	if (!items->n)
		return;
	fprintf(stderr, "seccomp-embed: suggest: %s: ", what);
	for (size_t i = 0; i < items->n; i++)
		fprintf(stderr, "%s%s", i ? ", " : "", items->items[i]);
	fputc('\n', stderr);
}

void se_suggest_note_input(bool quiet, const char *input, const struct se_read_stats *s)
{
	if (quiet || s->reports + s->audit + s->strace + s->summary_rows)
		return;
	fprintf(stderr, "seccomp-embed: suggest: %s: warning: no report, strace or audit line in "
		"its %lu line%s (see seccomp-embed suggest --help for the formats read)\n", input,
		s->skipped, s->skipped == 1 ? "" : "s");
}

/* What was left out is said even under -q: each is a call the program
 * made that the profile still denies. */
void se_suggest_report(bool quiet, const char *profile, const struct se_read_stats *s,
		       const struct se_needs *n)
{
	list("not added, risky (review; add by hand or use --allow-risky)", &n->risky);
	list("not added, a rule of the profile denies them (change that rule if the program "
	     "needs them)", &n->denied);
	list("not added, the profile allows them for some arguments and the input does not "
	     "give the arguments (a trap-log or learn run's reports do)", &n->unsure);
	list("not added, called on an arch the profile does not list (add it to "
	     "\"architectures\" and run suggest again)", &n->arches);
	if (quiet)
		return;
	list("names added for a sub-arch's calls", &n->compat);
	fprintf(stderr, "seccomp-embed: suggest: %s: read %lu report, %lu strace, %lu audit "
		"line%s and %lu strace -c row%s; added %zu name%s and %zu rule%s with arguments for "
		"%lu call%s; %lu call%s already allowed\n", profile, s->reports, s->strace, s->audit,
		s->audit == 1 ? "" : "s", s->summary_rows, s->summary_rows == 1 ? "" : "s",
		n->names.n, n->names.n == 1 ? "" : "s", n->n_arg_rules,
		n->n_arg_rules == 1 ? "" : "s", n->calls, n->calls == 1 ? "" : "s", n->covered,
		n->covered == 1 ? "" : "s");
}
