/*
 * For tests/bats/runtime_reports.bats: installs tests/profiles/reports.json
 * (chmod is TRAP), calls chmod once and says what it returned.  Reports go
 * to stderr (or SECCOMP_EMBED_REPORT_FD); with SECCOMP_EMBED_CRASH=1 the
 * process dies by SIGSYS at the chmod (a shell sees status 159).
 * Exit status: 0 if chmod returned -1 with errno ENOSYS, 1 otherwise, 2 if
 * the filter could not be installed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <seccomp_embed.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

extern const struct seccomp_embed_filter reports;

int main(void)
{
	struct rlimit no_core = {0, 0};
	setrlimit(RLIMIT_CORE, &no_core); /* SIGSYS dumps core by default */
	alarm(30);                        /* never hang a test run */
	int rc = seccomp_embed_install(&reports, 0);
	if (rc != 0) {
		fprintf(stderr, "live_report_demo: install: %s\n", strerror(-rc));
		return 2;
	}
	errno = 0;
	rc = chmod("/nonexistent/seccomp-embed-demo", 0123);
	int err = errno;
	printf("chmod returned %d, errno %s\n", rc, err ? strerrorname_np(err) : "0");
	return rc == -1 && err == ENOSYS ? 0 : 1;
}
