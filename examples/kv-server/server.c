#define _GNU_SOURCE /* accept4 */
#include "server.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "command.h"
#include "write_all.h"

#define LINE_BYTES 512

/* One client: lines in, answers out, until it hangs up. */
static void *client(void *arg)
{
	int fd = (int)(intptr_t)arg;
	char buf[LINE_BYTES], reply[LINE_BYTES + 32];
	size_t have = 0;
	for (;;) {
		ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
		char *nl;
		while ((nl = memchr(buf, '\n', have))) {
			*nl = '\0';
			if (nl > buf && nl[-1] == '\r')
				nl[-1] = '\0';
			kv_command(buf, reply, sizeof reply);
			if (write_all(fd, reply, strlen(reply)))
				goto done;
			have -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, have);
		}
		if (have == sizeof buf - 1)
			have = 0; /* a line too long: dropped */
	}
done:
	close(fd);
	return NULL;
}

static int start_client(int fd)
{
	pthread_t t;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	int rc = pthread_create(&t, &attr, client, (void *)(intptr_t)fd);
	pthread_attr_destroy(&attr);
	return rc;
}

int kv_serve(int listen_fd, int stop_fd, unsigned long *served)
{
	struct pollfd p[2] = {{.fd = listen_fd, .events = POLLIN}, {.fd = stop_fd, .events = POLLIN}};
	*served = 0;
	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (p[1].revents) {
			struct signalfd_siginfo si;
			return read(stop_fd, &si, sizeof si) == (ssize_t)sizeof si ? (int)si.ssi_signo
										  : 0;
		}
		int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue; /* the client left between poll and accept */
		if (start_client(fd) != 0) {
			fprintf(stderr, "kv-server: cannot start a thread: %s\n", strerror(errno));
			close(fd);
			continue;
		}
		(*served)++;
	}
}
