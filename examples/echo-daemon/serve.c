/*
 * serve.c - the echo loop.  One thread, one poll(2) over the stop signal,
 * the listening socket and up to MAX_CLIENTS clients, so that the syscalls
 * it makes are few and known: the profile allows exactly those.
 */
#define _GNU_SOURCE /* accept4 */
#include "serve.h"

#include "probes.h"
#include "write_all.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 32
#define LINE_BYTES 1024 /* longer lines are echoed in pieces */

struct client {
	int fd;
	unsigned long id; /* 1 for the first client accepted, ... */
	size_t len;       /* bytes of an unfinished line in buf */
	char buf[LINE_BYTES];
};

struct server {
	int listen_fd, stop_fd;
	unsigned long max_clients, accepted, finished;
	int stop_signal;
	size_t n_clients;
	struct client clients[MAX_CLIENTS];
};

/* stdout may be a pipe or a file: flush each line so a test reading it
 * sees events as they happen. */
static void note(const char *what, unsigned long id)
{
	printf("echo-daemon: client %lu %s\n", id, what);
	fflush(stdout);
}

/* Answers one line (ending in '\n'): a probe's result, or the line itself. */
static int answer(const struct client *c, const char *line, size_t len)
{
	char text[LINE_BYTES], reply[LINE_BYTES + 64];
	size_t n = len - 1;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	memcpy(text, line, n);
	text[n] = '\0';
	size_t r = probe_run(text, reply, sizeof reply);
	if (r == 0)
		return write_all(c->fd, line, len);
	printf("echo-daemon: client %lu: %s -> %s", c->id, text, reply);
	fflush(stdout);
	return write_all(c->fd, reply, r);
}

/* Answers every complete line in the buffer and keeps the rest. */
static int answer_lines(struct client *c)
{
	size_t start = 0;
	const char *nl;
	while ((nl = memchr(c->buf + start, '\n', c->len - start)) != NULL) {
		size_t end = (size_t)(nl - c->buf) + 1;
		if (answer(c, c->buf + start, end - start) != 0)
			return -1;
		start = end;
	}
	if (start == 0 && c->len == sizeof c->buf) {
		if (write_all(c->fd, c->buf, c->len) != 0)
			return -1;
		start = c->len;
	}
	memmove(c->buf, c->buf + start, c->len - start);
	c->len -= start;
	return 0;
}

/* Reads what the client sent; -1 when it is gone or misbehaves. */
static int client_input(struct client *c)
{
	ssize_t n = read(c->fd, c->buf + c->len, sizeof c->buf - c->len);
	if (n < 0 && errno == EINTR)
		return 0;
	if (n <= 0)
		return -1;
	c->len += (size_t)n;
	return answer_lines(c);
}

static void drop_client(struct server *s, size_t i)
{
	close(s->clients[i].fd);
	note("gone", s->clients[i].id);
	s->finished++;
	s->clients[i] = s->clients[--s->n_clients];
}

static void accept_client(struct server *s)
{
	int fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
	if (fd < 0)
		return; /* the client gave up meanwhile (EAGAIN): nothing to do */
	struct client *c = &s->clients[s->n_clients++];
	c->fd = fd;
	c->id = ++s->accepted;
	c->len = 0;
	note("connected", c->id);
}

static int accepting(const struct server *s)
{
	return s->n_clients < MAX_CLIENTS && (s->max_clients == 0 || s->accepted < s->max_clients);
}

static nfds_t fill_pollfds(const struct server *s, struct pollfd *fds)
{
	fds[0] = (struct pollfd){.fd = s->stop_fd, .events = POLLIN};
	/* a negative fd is skipped by poll(): no new clients while full */
	fds[1] = (struct pollfd){.fd = accepting(s) ? s->listen_fd : -1, .events = POLLIN};
	for (size_t i = 0; i < s->n_clients; i++)
		fds[2 + i] = (struct pollfd){.fd = s->clients[i].fd, .events = POLLIN};
	return (nfds_t)(2 + s->n_clients);
}

static void handle_events(struct server *s, const struct pollfd *fds)
{
	struct signalfd_siginfo info;
	if ((fds[0].revents & POLLIN) && read(s->stop_fd, &info, sizeof info) == sizeof info)
		s->stop_signal = (int)info.ssi_signo;
	/* backwards, so that dropping client i moves an already handled one */
	for (size_t i = s->n_clients; i-- > 0;)
		if (fds[2 + i].revents && client_input(&s->clients[i]) != 0)
			drop_client(s, i);
	if (fds[1].revents & POLLIN)
		accept_client(s);
}

static int done(const struct server *s)
{
	return s->stop_signal != 0 || (s->max_clients != 0 && s->finished >= s->max_clients);
}

int serve(int listen_fd, int stop_fd, unsigned long max_clients, struct serve_result *result)
{
	struct server s = {.listen_fd = listen_fd, .stop_fd = stop_fd, .max_clients = max_clients};
	while (!done(&s)) {
		struct pollfd fds[2 + MAX_CLIENTS];
		nfds_t n = fill_pollfds(&s, fds);
		if (poll(fds, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		handle_events(&s, fds);
	}
	while (s.n_clients > 0)
		drop_client(&s, s.n_clients - 1);
	result->stop_signal = s.stop_signal;
	result->served = s.finished;
	return 0;
}
