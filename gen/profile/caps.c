#include "caps.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

static const char *const cap_names[SE_CAP_COUNT] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
	"CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
	"CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
	"CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
	"CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
	"CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
	"CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
	"CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
};

/* What `docker run` grants without --cap-add/--cap-drop. */
static const char *const docker_default_caps[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD",
	"CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP",
	"CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
};

int se_cap_index(const char *name)
{
	for (int i = 0; i < SE_CAP_COUNT; i++)
		if (strcmp(cap_names[i], name) == 0)
			return i;
	return -1;
}

const char *se_cap_name(int index)
{
	return cap_names[index];
}

static void normalize(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	bool prefixed = strncasecmp(in, "CAP_", 4) == 0;
	if (!prefixed && strcasecmp(in, "ALL") != 0)
		n = (size_t)snprintf(out, cap, "CAP_");
	for (; *in && n + 1 < cap; in++)
		out[n++] = (char)toupper((unsigned char)*in);
	out[n] = '\0';
}

static bool has_all(const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(names[i], "ALL") == 0)
			return true;
	return false;
}

static int apply(const char *const *names, size_t n, bool value, const char *option,
		 struct se_caps *out)
{
	char buf[64];
	for (size_t i = 0; i < n; i++) {
		normalize(names[i], buf, sizeof buf);
		if (strcmp(buf, "ALL") == 0)
			continue;
		int idx = se_cap_index(buf);
		if (idx < 0)
			return se_fail("%s %s: unknown capability (expected a name such as "
				       "SYS_ADMIN or CAP_SYS_ADMIN, or ALL)", option, names[i]);
		out->has[idx] = value;
	}
	return 0;
}

int se_caps_docker(const char *const *adds, size_t n_adds, const char *const *drops,
		   size_t n_drops, struct se_caps *out)
{
	memset(out, 0, sizeof *out);
	if (has_all(adds, n_adds)) {
		for (int i = 0; i < SE_CAP_COUNT; i++)
			out->has[i] = true;
		return apply(drops, n_drops, false, "--cap-drop", out);
	}
	if (!has_all(drops, n_drops))
		for (size_t i = 0; i < sizeof docker_default_caps / sizeof *docker_default_caps; i++)
			out->has[se_cap_index(docker_default_caps[i])] = true;
	if (apply(drops, n_drops, false, "--cap-drop", out))
		return SE_EINPUT;
	return apply(adds, n_adds, true, "--cap-add", out);
}

bool se_caps_contains(const struct se_caps *c, const char *name)
{
	int idx = se_cap_index(name);
	return idx >= 0 && c->has[idx];
}
