/* probes.h - client commands that try a syscall the sandbox forbids. */
#ifndef ECHO_PROBES_H
#define ECHO_PROBES_H

#include <stddef.h>

/* If `line` (NUL-terminated, without its newline) is a probe command
 * ("OPEN <path>", "EXEC <path>", "SOCKET", "FORK"), tries it and writes the
 * answer, "OK\n" or "ERR <strerror>\n", into reply; returns its length.
 * Returns 0 when the line is not a probe (it is to be echoed). */
size_t probe_run(const char *line, char *reply, size_t cap);

#endif
