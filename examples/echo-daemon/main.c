/*
 * echo-daemon - a TCP echo server on 127.0.0.1 that sandboxes itself.
 *
 * It opens everything it will ever need (the listening socket, a signalfd
 * for SIGTERM/SIGINT, stdout's buffer), then installs the filter compiled
 * at build time from profiles/echo-daemon.json.  From then on it can only
 * poll, accept, read, write, close and exit: a bug that lets a client run
 * code inside it cannot open files, make sockets, fork or exec.
 */
#define _POSIX_C_SOURCE 200809L
#include "listener.h"
#include "options.h"
#include "serve.h"

#include <errno.h>
#include <signal.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <string.h>

extern const struct seccomp_embed_filter echo_daemon_policy;

#ifdef __SANITIZE_ADDRESS__
/* In -fsanitize=address builds LeakSanitizer checks at exit from a thread
 * it starts with mmap and clone: the sandbox refuses both, as it should, so
 * the check could only fail.  The sanitizer asks this hook first. */
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
	return 1;
}
#endif

/* Opens the socket and the stop signal's fd; 0, or 1 after a message. */
static int open_resources(unsigned short port, int *listen_fd, int *stop_fd)
{
	unsigned short bound;
	*listen_fd = listener_open(port, &bound);
	if (*listen_fd < 0) {
		fprintf(stderr, "echo-daemon: cannot listen on 127.0.0.1:%u: %s\n", port,
			strerror(errno));
		return 1;
	}
	*stop_fd = stop_signals_open();
	if (*stop_fd < 0) {
		fprintf(stderr, "echo-daemon: cannot set up SIGTERM handling: %s\n", strerror(errno));
		return 1;
	}
	/* the first printf also allocates stdout's buffer, which the sandbox
	 * (no mmap, no brk) would not allow later */
	printf("echo-daemon: listening on 127.0.0.1:%u\n", bound);
	fflush(stdout);
	return 0;
}

static int sandbox(void)
{
	int rc = seccomp_embed_install(&echo_daemon_policy, 0);
	if (rc != 0) {
		fprintf(stderr, "echo-daemon: cannot sandbox itself: %s\n", strerror(-rc));
		return 1;
	}
	printf("echo-daemon: sandboxed by %s\n", echo_daemon_policy.name);
	fflush(stdout);
	return 0;
}

static const char *stop_reason(int signal_number)
{
	if (signal_number == SIGTERM)
		return "on SIGTERM";
	return signal_number == SIGINT ? "on SIGINT" : "at --max-clients";
}

int main(int argc, char **argv)
{
	struct echo_options opt;
	switch (echo_options_parse(argc, argv, &opt)) {
	case ECHO_HELP:
		return 0;
	case ECHO_USAGE_ERROR:
		return 2;
	case ECHO_RUN:
		break;
	}
	int listen_fd, stop_fd;
	if (open_resources(opt.port, &listen_fd, &stop_fd) != 0 || sandbox() != 0)
		return 1;
	struct serve_result r;
	if (serve(listen_fd, stop_fd, opt.max_clients, &r) != 0) {
		fprintf(stderr, "echo-daemon: poll: %s\n", strerror(errno));
		return 1;
	}
	printf("echo-daemon: stopping %s after %lu client%s\n", stop_reason(r.stop_signal),
	       r.served, r.served == 1 ? "" : "s");
	return 0;
}
