#include "fmt.h"

#include <errno.h>
#include <unistd.h>

void se_line_str(struct se_line *l, const char *s)
{
	while (*s && l->len < SE_LINE_MAX - 1)
		l->buf[l->len++] = *s++;
}

static void digits(struct se_line *l, uint64_t v, unsigned base)
{
	char tmp[24];
	size_t n = 0;
	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (n && l->len < SE_LINE_MAX - 1)
		l->buf[l->len++] = tmp[--n];
}

void se_line_dec(struct se_line *l, uint64_t v)
{
	digits(l, v, 10);
}

void se_line_sdec(struct se_line *l, int64_t v)
{
	if (v < 0) {
		se_line_str(l, "-");
		digits(l, (uint64_t)0 - (uint64_t)v, 10);
		return;
	}
	digits(l, (uint64_t)v, 10);
}

void se_line_hex(struct se_line *l, uint64_t v)
{
	if (v == 0) {
		se_line_str(l, "0");
		return;
	}
	se_line_str(l, "0x");
	digits(l, v, 16);
}

void se_line_write(struct se_line *l, int fd)
{
	int saved = errno;
	size_t off = 0;
	l->buf[l->len++] = '\n';
	while (off < l->len) {
		ssize_t n = write(fd, l->buf + off, l->len - off);
		if (n > 0)
			off += (size_t)n;
		else if (n < 0 && errno != EINTR)
			break;
	}
	l->len = 0;
	errno = saved;
}
