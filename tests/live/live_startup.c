/*
 * Linked with a filter generated with `--install startup`: the filter is in
 * force before main() runs, with no call from the program.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/seccomp-embed-startup-%d", (int)getpid());
	FILE *f = fopen(path, "w");
	if (!f)
		return 2;
	fclose(f);
	int rc = chmod(path, 0600), err = errno;
	unlink(path);
	if (rc == -1 && err == EPERM) {
		printf("1 passed, 0 failed\n");
		return 0;
	}
	printf("FAIL chmod before any install call: rc %d errno %d, expected EPERM\n", rc, err);
	printf("0 passed, 1 failed\n");
	return 1;
}
