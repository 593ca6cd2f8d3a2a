/*
 * read_run.h - what a run left behind, read into observations
 * (observed.h).  One input may mix formats; each line is recognised alone:
 *
 *   - seccomp-embed's report lines, text (`seccomp-embed: violation: ...`,
 *     `learn: ...`, `summary: ...`) or JSON (SECCOMP_EMBED_REPORT_FORMAT=json);
 *   - the kernel's audit lines for seccomp (`type=SECCOMP`, `type=1326`,
 *     raw or as `ausearch -i` writes them);
 *   - strace output: `strace -f` with `[pid N]` or bare `N` prefixes, `-ff`
 *     files, `-t`/`-tt`/`-ttt` times, `<unfinished ...>`/`<... resumed>`
 *     pairs, `[ Process PID N runs in 32 bit mode. ]` (later calls of that
 *     pid are the compat arch's), and `strace -c` summaries.
 *
 * Anything else (the program's own output, a shell prompt) is skipped.
 */
#ifndef SE_READ_RUN_H
#define SE_READ_RUN_H

#include "arch.h"
#include "diag.h"
#include "observed.h"

struct se_read_stats {
	unsigned long reports, audit, strace, summary_rows, skipped;
};

/* Reads `path` ("-": standard input).  `arch` is the arch of lines that do
 * not name theirs (strace's: its tracer's).  Returns 0, or SE_EINPUT after
 * an error (a file that cannot be read). */
int se_read_run(const char *path, const struct se_arch *arch,
		struct se_observed *out, struct se_read_stats *stats);

#endif
