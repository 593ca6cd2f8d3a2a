#include "host.h"

#include <stdio.h>
#include <sys/utsname.h>

const struct se_arch *se_host_arch(void)
{
	struct utsname u;
	return uname(&u) == 0 ? se_arch_find(u.machine) : NULL;
}

int se_host_kernel(struct se_kernel_version *out)
{
	struct utsname u;
	if (uname(&u) != 0 || sscanf(u.release, "%u.%u", &out->major, &out->minor) != 2)
		return -1;
	return 0;
}
