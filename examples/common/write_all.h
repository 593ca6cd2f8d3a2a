/* write_all.h - a reply written whole (echo-daemon, kv-server). */
#ifndef EXAMPLES_WRITE_ALL_H
#define EXAMPLES_WRITE_ALL_H

#include <stddef.h>

/* Writes all `len` bytes, retrying after EINTR and short writes; 0, or -1
 * with errno when the peer is gone or the send timeout passed. */
int write_all(int fd, const char *p, size_t len);

#endif
