/* options.h - the echo daemon's command line. */
#ifndef ECHO_OPTIONS_H
#define ECHO_OPTIONS_H

#define ECHO_DEFAULT_PORT 7007

struct echo_options {
	unsigned short port;       /* 0: let the kernel pick a free port */
	unsigned long max_clients; /* stop after serving this many; 0: no limit */
};

enum echo_parse_result {
	ECHO_RUN,        /* options valid: serve */
	ECHO_HELP,       /* --help was given: usage printed, exit 0 */
	ECHO_USAGE_ERROR /* one-line error printed, exit 2 */
};

enum echo_parse_result echo_options_parse(int argc, char **argv, struct echo_options *out);

#endif
