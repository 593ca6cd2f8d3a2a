/* Names come from the C library of the build host (strerrorname_np), which
 * uses the generic numbering on every host seccomp-embed supports. */
#define _GNU_SOURCE
#include "errno_names.h"

#include <string.h>

#define ERRNO_MAX 4095
#define ERRNO_BASE_LAST 34 /* errno-base.h: numbered alike on every arch */

static bool is_generic(const char *family)
{
	return strcmp(family, "generic") == 0;
}

unsigned se_enosys(const char *family)
{
	if (strcmp(family, "mips") == 0)
		return 89;
	if (strcmp(family, "parisc") == 0)
		return 251;
	return 38;
}

int se_errno_from_name(const char *name, const char *family)
{
	if (strcmp(name, "ENOSYS") == 0)
		return (int)se_enosys(family);
	for (int e = 1; e < ERRNO_MAX; e++) {
		const char *n = strerrorname_np(e);
		if (n && strcmp(n, name) == 0)
			return (is_generic(family) || e <= ERRNO_BASE_LAST) ? e : -2;
	}
	return -1;
}

const char *se_errno_name(unsigned value, const char *family)
{
	if (value == se_enosys(family))
		return "ENOSYS";
	if (!is_generic(family) && value > ERRNO_BASE_LAST)
		return NULL;
	return value < ERRNO_MAX ? strerrorname_np((int)value) : NULL;
}
