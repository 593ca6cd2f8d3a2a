/*
 * server.h - the accept loop: a thread per client, started after the
 * sandbox is on, so the profile must allow what creating, running and
 * ending a thread costs.
 */
#ifndef KV_SERVER_H
#define KV_SERVER_H

/* Serves until the stop fd (signalfd) is readable; returns the signal
 * number, or -1 with errno when poll fails. */
int kv_serve(int listen_fd, int stop_fd, unsigned long *served);

#endif
