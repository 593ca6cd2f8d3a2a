/*
 * The usual way's pieces (usual*.c): what a program that sandboxes itself
 * from a JSON profile at start-up does, split by job.
 */
#ifndef BENCH_USUAL_H
#define BENCH_USUAL_H

#include <cjson/cJSON.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdint.h>

/* What dockerd takes from the host to decide includes/excludes. */
struct usual_host {
	uint32_t arch;          /* SCMP_ARCH_* this program runs as */
	const char *docker_arch; /* its Docker name ("amd64"), compared with `arches` */
	unsigned kernel_major, kernel_minor;
};

/* Fills `h` for the running program and kernel: 0 or a negative errno. */
int usual_host_get(struct usual_host *h);

/* Whether a profile rule applies here: its includes and excludes against
 * the host's arch, kernel and docker run's default capability set. */
bool usual_rule_applies(const cJSON *rule, const struct usual_host *h);

/* A profile action string with its errno ("SCMP_ACT_ERRNO", 1) as a
 * libseccomp action: 0, or -EINVAL for an unknown action. */
int usual_action(const cJSON *name, const cJSON *errno_ret, uint32_t *action);

/* Adds every rule of `syscalls` that applies here, as runc does: one
 * libseccomp rule per name, skipping rules equal to the default action and
 * names this libseccomp does not know.  0 or a negative errno. */
int usual_add_rules(scmp_filter_ctx ctx, const cJSON *syscalls, uint32_t default_action,
		    const struct usual_host *h);

#endif
