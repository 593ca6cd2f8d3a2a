/* listener.h - a daemon's resources, all opened before the sandbox (echo-daemon, kv-server). */
#ifndef EXAMPLES_LISTENER_H
#define EXAMPLES_LISTENER_H

/* A non-blocking TCP socket listening on 127.0.0.1:port (0: any free port).
 * Returns the fd and the port actually bound in *bound, or -1 with errno. */
int listener_open(unsigned short port, unsigned short *bound);

/* Blocks SIGTERM and SIGINT and returns a signalfd that becomes readable
 * when one arrives, or -1 with errno.  Also ignores SIGPIPE. */
int stop_signals_open(void);

#endif
