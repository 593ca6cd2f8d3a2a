/*
 * The confined part: after seccomp_embed_install() returns, every syscall
 * this process makes, execve included, is decided by the filter.  Under
 * the deny profile that means execve fails with EPERM and the error line
 * below cannot be written either (write is refused), so the only trace
 * left is the exit status: 126, as for any command that cannot run.
 */
#define _POSIX_C_SOURCE 200809L
#include "run.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int install(const struct sandbox_profile *profile)
{
	if (!profile->filter)
		return 0;
	int rc = seccomp_embed_install(profile->filter, 0);
	if (rc != 0)
		fprintf(stderr, "sandbox-run: cannot install profile %s: %s\n", profile->name,
			strerror(-rc));
	return rc;
}

/* Under the filter now: plain write(2)s, no stdio, so that a profile
 * denying write costs the message and nothing else (stdio, and a
 * sanitizer's hooks around it, would go on to syscalls it denies). */
static void say_exec_failed(const char *command, const char *why)
{
	const char *parts[] = {"sandbox-run: ", command, ": ", why, "\n"};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (write(STDERR_FILENO, parts[i], strlen(parts[i])) < 0)
			return;
}

int sandbox_run(const struct sandbox_profile *profile, char *const argv[])
{
	if (install(profile) != 0)
		return SANDBOX_EXIT_INSTALL;
	execvp(argv[0], argv);
	/* Only reached when the exec failed; errno says why. */
	int err = errno;
	say_exec_failed(argv[0], strerror(err));
	return err == ENOENT ? SANDBOX_EXIT_NOT_FOUND : SANDBOX_EXIT_CANNOT_EXEC;
}
