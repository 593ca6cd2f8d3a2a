/*
 * listener.c - everything the daemon needs from the kernel that the sandbox
 * will forbid later: the listening socket and the stop signal's fd.
 */
#define _GNU_SOURCE /* signalfd, SOCK_NONBLOCK, SOCK_CLOEXEC */
#include "listener.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* A client that stops reading must not stall everyone: a write blocked
 * this long fails with EAGAIN and the client is dropped.  Linux copies the
 * listening socket into each accepted one, so accepted sockets inherit the
 * timeout without a setsockopt() that the sandbox would refuse. */
static const struct timeval send_timeout = {.tv_sec = 5};

static int configure(int fd, unsigned short port)
{
	int one = 1;
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout) != 0 ||
	    bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 16) != 0)
		return -1;
	return 0;
}

int listener_open(unsigned short port, unsigned short *bound)
{
	/* non-blocking: a client that resets between poll() and accept4()
	 * must not leave the daemon blocked in accept4() */
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in addr;
	socklen_t len = sizeof addr;
	if (configure(fd, port) != 0 || getsockname(fd, (struct sockaddr *)&addr, &len) != 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	*bound = ntohs(addr.sin_port);
	return fd;
}

int stop_signals_open(void)
{
	/* a signalfd instead of a handler: the stop request arrives as data in
	 * the poll loop, so no handler races and no rt_sigreturn is needed */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	if (sigprocmask(SIG_BLOCK, &stop, NULL) != 0)
		return -1;
	/* a client that hangs up mid-reply must cost it an EPIPE, not kill us */
	if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
		return -1;
	return signalfd(-1, &stop, SFD_CLOEXEC | SFD_NONBLOCK);
}
