/*
 * fmt.h - building one report line without stdio or malloc, so it can be
 * done inside a SIGSYS handler (snprintf is not async-signal-safe).
 */
#ifndef SECCOMP_EMBED_FMT_H
#define SECCOMP_EMBED_FMT_H

#include <stddef.h>
#include <stdint.h>

#define SE_LINE_MAX 1024

struct se_line {
	char buf[SE_LINE_MAX];
	size_t len; /* text beyond the buffer is dropped, the newline kept */
};

void se_line_str(struct se_line *l, const char *s);
void se_line_dec(struct se_line *l, uint64_t v);
void se_line_sdec(struct se_line *l, int64_t v);
/* "0x1ff"; 0 is written "0", as Firefox does */
void se_line_hex(struct se_line *l, uint64_t v);
/* Ends the line with '\n' (always room for it) and writes it with one
 * write(2), retrying EINTR and short writes.  errno is preserved. */
void se_line_write(struct se_line *l, int fd);

#endif
