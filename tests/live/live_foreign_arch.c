/*
 * A table built for another architecture is refused (-ENOEXEC), and the
 * startup installer aborts rather than run unsandboxed.
 */
#include <errno.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <string.h>

extern const struct seccomp_embed_filter foreign;

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--abort") == 0) {
		seccomp_embed_install_or_abort(&foreign);
		return 0; /* not reached */
	}
	int rc = seccomp_embed_install(&foreign, 0);
	if (rc == -ENOEXEC) {
		printf("1 passed, 0 failed\n");
		return 0;
	}
	printf("FAIL install of a foreign table returned %d, expected %d\n0 passed, 1 failed\n", rc,
	       -ENOEXEC);
	return 1;
}
