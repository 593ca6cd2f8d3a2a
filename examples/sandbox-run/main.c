/*
 * sandbox-run PROFILE -- COMMAND [ARG]...
 *
 * Replays the Docker seccomp lab without Docker: the lab's profiles are
 * compiled into this program at build time, and it runs a command under
 * the one named, the way `docker run --security-opt seccomp=...` would.
 * This file only reads the command line.
 */
#define _DEFAULT_SOURCE /* syscall() */
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "profiles.h"
#include "run.h"

static void usage(FILE *out)
{
	fputs("usage: sandbox-run PROFILE -- COMMAND [ARG]...\n"
	      "       sandbox-run --list | --help\n"
	      "Run COMMAND under a seccomp profile compiled into sandbox-run at build time\n"
	      "(`none` for no filter; --list shows them).\n"
	      "Exit status: COMMAND's own, or 2 for bad usage or an unknown profile, 125 if\n"
	      "the filter cannot be installed, 126 if COMMAND cannot be executed, 127 if it\n"
	      "is not found.  Under `deny` execve and write are refused too: the command\n"
	      "never runs, nothing is printed, and the status is 126.\n",
	      out);
}

static int usage_error(const char *why, const char *what)
{
	fprintf(stderr, "sandbox-run: %s%s (try --help)\n", why, what);
	return SANDBOX_EXIT_USAGE;
}

int main(int argc, char *argv[])
{
	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		sandbox_profile_list();
		return 0;
	}
	if (argc < 2)
		return usage_error("no profile given", "");
	if (argv[1][0] == '-')
		return usage_error("unknown option ", argv[1]);
	const struct sandbox_profile *profile = sandbox_profile_find(argv[1]);
	if (!profile)
		return usage_error("unknown profile ", argv[1]);
	if (argc < 3 || strcmp(argv[2], "--") != 0)
		return usage_error("expected -- after the profile", "");
	if (argc < 4)
		return usage_error("no command given", "");
	/* sandbox_run() returns only when the command could not run, and then
	 * under the filter: end with exit_group(2) itself, because exit
	 * handlers (stdio, a sanitizer's checks, even those hooked on _exit)
	 * would make syscalls the profile may deny and turn the status into
	 * their failure. */
	syscall(SYS_exit_group, sandbox_run(profile, &argv[3]));
	return SANDBOX_EXIT_CANNOT_EXEC; /* not reached */
}
