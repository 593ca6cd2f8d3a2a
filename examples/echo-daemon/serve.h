/* serve.h - the daemon's poll loop, run inside the sandbox. */
#ifndef ECHO_SERVE_H
#define ECHO_SERVE_H

struct serve_result {
	int stop_signal;      /* the signal that stopped it; 0: the client limit */
	unsigned long served; /* clients that came and went */
};

/* Echoes lines to the clients of listen_fd until a signal arrives on the
 * signalfd stop_fd, or until max_clients (if nonzero) have come and gone.
 * Needs only poll, accept4, read, write and close.  Returns 0, or -1 with
 * errno if poll(2) fails. */
int serve(int listen_fd, int stop_fd, unsigned long max_clients, struct serve_result *result);

#endif
