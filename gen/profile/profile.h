/*
 * profile.h - a Docker/OCI seccomp profile as read from JSON, before any
 * target-dependent decision (caps, arch, kernel) has been made.
 */
#ifndef SE_PROFILE_H
#define SE_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "string_list.h"

enum se_action {
	SE_ACT_KILL_THREAD,  /* SCMP_ACT_KILL and SCMP_ACT_KILL_THREAD */
	SE_ACT_KILL_PROCESS,
	SE_ACT_TRAP,
	SE_ACT_ERRNO,
	SE_ACT_TRACE,
	SE_ACT_LOG,
	SE_ACT_ALLOW,
	SE_ACT_NOTIFY
};

enum se_op { SE_OP_NE, SE_OP_LT, SE_OP_LE, SE_OP_EQ, SE_OP_GE, SE_OP_GT, SE_OP_MASKED_EQ };


struct se_kernel_version {
	unsigned major, minor;
};

struct se_arg {
	unsigned index;     /* 0..5 */
	uint64_t value;     /* for MASKED_EQ: the mask */
	uint64_t value_two; /* for MASKED_EQ: the expected masked value */
	enum se_op op;
};

/* `includes` or `excludes` of a rule. */
struct se_condition {
	struct se_strings arches; /* Docker arch names */
	struct se_strings caps;
	bool has_min_kernel;
	struct se_kernel_version min_kernel;
};

struct se_rule {
	size_t index;              /* position in `syscalls[]` */
	struct se_strings names;   /* `names`, or the single old-style `name` */
	bool single_name;          /* the `name` form: messages name that key */
	enum se_action action;
	bool has_errno_ret;
	uint32_t errno_ret;
	struct se_arg *args;
	size_t n_args;
	struct se_condition includes, excludes;
};

struct se_arch_map_entry {
	char *arch;                 /* SCMP_ARCH_* */
	struct se_strings sub_arches;
};

struct se_profile {
	bool has_default_action; /* without defaultAction and syscalls: no filter */
	enum se_action default_action;
	bool has_default_errno_ret;
	uint32_t default_errno_ret;
	struct se_strings architectures;
	struct se_arch_map_entry *arch_map;
	size_t n_arch_map;
	bool has_flags;          /* absent flags means SPEC_ALLOW (as runc) */
	struct se_strings flags;
	bool has_syscalls;
	struct se_rule *rules;
	size_t n_rules;
};

void se_profile_free(struct se_profile *p);

const char *se_action_name(enum se_action a);
const char *se_op_name(enum se_op op);

#endif
