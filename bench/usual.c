/*
 * The usual way, as a program that sandboxes itself from a Docker profile
 * does today: read the JSON file, parse it with cJSON, create a libseccomp
 * filter for the profile's arches and flags, add the rules that apply here
 * (usual_rules.c, usual_select.c), set no_new_privs, and seccomp_load().
 * What it leaves out is listed in README.md.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "methods.h"
#include "usual.h"

static int read_all(int fd, char *buf, size_t len)
{
	for (size_t done = 0; done < len;) {
		ssize_t got = read(fd, buf + done, len - done);
		if (got <= 0)
			return got < 0 ? -errno : -EIO; /* the file shrank under us */
		done += (size_t)got;
	}
	return 0;
}

/* The whole file, NUL-terminated, in *out (to free): 0 or a negative errno. */
static int read_file(const char *path, char **out)
{
	struct stat st;
	char *text = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int rc = -ENOMEM;
	if (fstat(fd, &st) != 0)
		rc = -errno;
	else if ((text = malloc((size_t)st.st_size + 1)) != NULL)
		rc = read_all(fd, text, (size_t)st.st_size);
	close(fd);
	if (rc != 0) {
		free(text);
		return rc;
	}
	text[st.st_size] = '\0';
	*out = text;
	return 0;
}

/* "SCMP_ARCH_X86_64" -> libseccomp's token (its names are the lower-case
 * suffix), or 0. */
static uint32_t arch_token(const cJSON *name)
{
	static const char prefix[] = "SCMP_ARCH_";
	char lower[32];
	if (!cJSON_IsString(name) || strncmp(name->valuestring, prefix, sizeof prefix - 1) != 0)
		return 0;
	const char *suffix = name->valuestring + sizeof prefix - 1;
	size_t n = strlen(suffix);
	if (n >= sizeof lower)
		return 0;
	for (size_t i = 0; i <= n; i++)
		lower[i] = (char)tolower((unsigned char)suffix[i]);
	return seccomp_arch_resolve_name(lower);
}

static int add_arch(scmp_filter_ctx ctx, const cJSON *name)
{
	uint32_t token = arch_token(name);
	int rc = token ? seccomp_arch_add(ctx, token) : -EINVAL;
	return rc == -EEXIST ? 0 : rc; /* the native arch is there from seccomp_init() */
}

/* `architectures`, or the archMap entry of the running arch followed by its
 * subArchitectures. */
static int add_arches(scmp_filter_ctx ctx, const cJSON *root, const struct usual_host *h)
{
	const cJSON *entry, *sub;
	const cJSON *list = cJSON_GetObjectItem(root, "architectures");
	int rc = 0;
	cJSON_ArrayForEach(entry, list)
		if (rc == 0)
			rc = add_arch(ctx, entry);
	if (cJSON_IsArray(list))
		return rc;
	cJSON_ArrayForEach(entry, cJSON_GetObjectItem(root, "archMap")) {
		const cJSON *arch = cJSON_GetObjectItem(entry, "architecture");
		if (arch_token(arch) != h->arch)
			continue;
		rc = add_arch(ctx, arch);
		cJSON_ArrayForEach(sub, cJSON_GetObjectItem(entry, "subArchitectures"))
			if (rc == 0)
				rc = add_arch(ctx, sub);
		return rc;
	}
	return 0;
}

/* Absent `flags` means SPEC_ALLOW, as runc does; no_new_privs is set by
 * bench_install_usual() itself, as runc does. */
static int set_flags(scmp_filter_ctx ctx, const cJSON *flags)
{
	const cJSON *flag;
	int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0);
	if (rc == 0 && !cJSON_IsArray(flags))
		return seccomp_attr_set(ctx, SCMP_FLTATR_CTL_SSB, 1);
	cJSON_ArrayForEach(flag, flags) {
		const char *f = cJSON_IsString(flag) ? flag->valuestring : "";
		if (rc == 0 && strcmp(f, "SECCOMP_FILTER_FLAG_SPEC_ALLOW") == 0)
			rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_SSB, 1);
		else if (rc == 0 && strcmp(f, "SECCOMP_FILTER_FLAG_LOG") == 0)
			rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_LOG, 1);
		else if (rc == 0 && strcmp(f, "SECCOMP_FILTER_FLAG_TSYNC") == 0)
			rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	}
	return rc;
}

static int build_from(const cJSON *root, scmp_filter_ctx *out)
{
	struct usual_host h;
	uint32_t default_action;
	int rc = usual_host_get(&h);
	if (rc == 0)
		rc = usual_action(cJSON_GetObjectItem(root, "defaultAction"),
				  cJSON_GetObjectItem(root, "defaultErrnoRet"), &default_action);
	if (rc != 0)
		return rc;
	scmp_filter_ctx ctx = seccomp_init(default_action);
	if (!ctx)
		return -ENOMEM;
	rc = add_arches(ctx, root, &h);
	if (rc == 0)
		rc = set_flags(ctx, cJSON_GetObjectItem(root, "flags"));
	if (rc == 0)
		rc = usual_add_rules(ctx, cJSON_GetObjectItem(root, "syscalls"), default_action, &h);
	if (rc != 0) {
		seccomp_release(ctx);
		return rc;
	}
	*out = ctx;
	return 0;
}

/* The libseccomp filter for `profile`, not loaded: 0 or a negative errno. */
static int build(const char *profile, scmp_filter_ctx *out)
{
	char *text = NULL;
	int rc = read_file(profile, &text);
	if (rc != 0)
		return rc;
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!root)
		return -EINVAL;
	rc = build_from(root, out);
	cJSON_Delete(root);
	return rc;
}

/* The filter context is not released: the kernel holds its own copy once it
 * is loaded, and the child exits right after the measurement. */
int bench_install_usual(const char *profile)
{
	scmp_filter_ctx ctx;
	int rc = build(profile, &ctx);
	if (rc != 0)
		return rc;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -errno;
	return seccomp_load(ctx);
}

size_t bench_usual_length(const char *profile)
{
	scmp_filter_ctx ctx;
	struct stat st;
	size_t len = 0;
	if (build(profile, &ctx) != 0)
		return 0;
	int fd = memfd_create("bench-usual-bpf", MFD_CLOEXEC);
	if (fd >= 0 && seccomp_export_bpf(ctx, fd) == 0 && fstat(fd, &st) == 0)
		len = (size_t)st.st_size / sizeof(struct sock_filter);
	if (fd >= 0)
		close(fd);
	seccomp_release(ctx);
	return len;
}
