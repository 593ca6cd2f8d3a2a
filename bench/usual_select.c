/*
 * Deciding which profile rules apply, as dockerd does at container start:
 * `excludes` drops a rule if the arch is listed, any listed cap is held, or
 * the kernel is at least minKernel; `includes` keeps it only if the arch is
 * listed, every listed cap is held, and the kernel is at least minKernel.
 * The capability set is docker run's default; the kernel is the running one.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "usual.h"

static const char *const default_caps[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD",
	"CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
	"CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
};

/* Docker's names for the arches a bench is likely to run on; elsewhere
 * arch-specific rules simply never match (a documented simplification). */
static const char *docker_arch_name(uint32_t arch)
{
	switch (arch) {
	case SCMP_ARCH_X86_64: return "amd64";
	case SCMP_ARCH_X86: return "x86";
	case SCMP_ARCH_AARCH64: return "arm64";
	case SCMP_ARCH_ARM: return "arm";
	case SCMP_ARCH_RISCV64: return "riscv64";
	case SCMP_ARCH_PPC64LE: return "ppc64le";
	case SCMP_ARCH_S390X: return "s390x";
	default: return "";
	}
}

int usual_host_get(struct usual_host *h)
{
	struct utsname u;
	if (uname(&u) != 0)
		return -errno;
	if (sscanf(u.release, "%u.%u", &h->kernel_major, &h->kernel_minor) != 2)
		return -EINVAL;
	h->arch = seccomp_arch_native();
	h->docker_arch = docker_arch_name(h->arch);
	return 0;
}

static bool listed(const cJSON *list, const char *s)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, list)
		if (cJSON_IsString(e) && strcmp(e->valuestring, s) == 0)
			return true;
	return false;
}

static bool held(const cJSON *cap)
{
	if (!cJSON_IsString(cap))
		return false;
	for (size_t i = 0; i < sizeof default_caps / sizeof default_caps[0]; i++)
		if (strcmp(cap->valuestring, default_caps[i]) == 0)
			return true;
	return false;
}

/* A malformed minKernel counts as "not reached" (Docker would refuse it). */
static bool kernel_reaches(const cJSON *min, const struct usual_host *h)
{
	unsigned major, minor;
	if (!cJSON_IsString(min) || sscanf(min->valuestring, "%u.%u", &major, &minor) != 2)
		return false;
	return h->kernel_major > major || (h->kernel_major == major && h->kernel_minor >= minor);
}

static bool excluded(const cJSON *ex, const struct usual_host *h)
{
	const cJSON *cap;
	if (!cJSON_IsObject(ex))
		return false;
	if (listed(cJSON_GetObjectItem(ex, "arches"), h->docker_arch))
		return true;
	cJSON_ArrayForEach(cap, cJSON_GetObjectItem(ex, "caps"))
		if (held(cap))
			return true;
	const cJSON *min = cJSON_GetObjectItem(ex, "minKernel");
	return cJSON_IsString(min) && kernel_reaches(min, h);
}

static bool included(const cJSON *in, const struct usual_host *h)
{
	const cJSON *cap;
	if (!cJSON_IsObject(in))
		return true;
	const cJSON *arches = cJSON_GetObjectItem(in, "arches");
	if (cJSON_GetArraySize(arches) > 0 && !listed(arches, h->docker_arch))
		return false;
	cJSON_ArrayForEach(cap, cJSON_GetObjectItem(in, "caps"))
		if (!held(cap))
			return false;
	const cJSON *min = cJSON_GetObjectItem(in, "minKernel");
	return !cJSON_IsString(min) || kernel_reaches(min, h);
}

bool usual_rule_applies(const cJSON *rule, const struct usual_host *h)
{
	return !excluded(cJSON_GetObjectItem(rule, "excludes"), h) &&
	       included(cJSON_GetObjectItem(rule, "includes"), h);
}
