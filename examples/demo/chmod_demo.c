/*
 * The demo: a program that sandboxes itself with a filter compiled at build
 * time from examples/profiles/no-chmod.json in trap-log mode, then tries to
 * chmod a scratch file.  The filter denies it (EPERM, as Docker would), and
 * the reporter says which syscall, with which arguments, which rule.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

extern const struct seccomp_embed_filter no_chmod;

static void try_chmod(const char *path)
{
	printf("chmod(\"%s\", 0600)\n", path);
	fflush(stdout);
	if (chmod(path, 0600) == 0)
		printf("  -> ok\n");
	else
		printf("  -> %s\n", strerror(errno));
	fflush(stdout);
}

int main(void)
{
	char path[] = "/tmp/seccomp-embed-demo-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return perror("mkstemp"), 1;
	close(fd);
	printf("before the sandbox:\n");
	try_chmod(path);
	int rc = seccomp_embed_install(&no_chmod, 0);
	if (rc != 0) {
		fprintf(stderr, "cannot sandbox: %s\n", strerror(-rc));
		return 1;
	}
	printf("sandboxed with %s (%s)\n", no_chmod.name, no_chmod.profile);
	printf("inside the sandbox:\n");
	try_chmod(path);
	unlink(path);
	return 0;
}
