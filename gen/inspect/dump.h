/*
 * dump.h - `seccomp-embed dump PID`: the filters a running process is
 * confined by, as a text listing or as raw BPF.
 */
#ifndef SE_DUMP_H
#define SE_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct se_dump_options {
	pid_t pid;          /* a process (every thread) or one thread */
	bool raw;           /* --format bpf: one filter's instructions, host byte order */
	bool has_index;     /* --index N: that filter only (0 = installed first) */
	size_t index;
	const char *output; /* -o FILE, written atomically; NULL: standard output */
};

/* Returns 0; SE_EINPUT after reporting (no such process, no right to read
 * it, an index it does not have); -1 on an internal failure. */
int se_dump_run(const struct se_dump_options *o);

#endif
