/*
 * Turning the profile's rules into libseccomp calls, as runc does: one
 * seccomp_rule_add_array() per syscall name with the rule's conditions
 * (each condition its own rule when an argument index repeats, which makes
 * them OR'ed), skipping rules equal to the default action and names this
 * libseccomp does not know.
 */
#include <errno.h>
#include <string.h>

#include "usual.h"

enum { MAX_CONDITIONS = 16 };

struct conditions {
	struct scmp_arg_cmp cmp[MAX_CONDITIONS];
	unsigned n;
	bool any; /* an index repeats: each condition is its own rule */
};

int usual_action(const cJSON *name, const cJSON *errno_ret, uint32_t *action)
{
	static const struct { const char *name; uint32_t action; } actions[] = {
		{"SCMP_ACT_KILL", SCMP_ACT_KILL_THREAD}, {"SCMP_ACT_KILL_THREAD", SCMP_ACT_KILL_THREAD},
		{"SCMP_ACT_KILL_PROCESS", SCMP_ACT_KILL_PROCESS}, {"SCMP_ACT_TRAP", SCMP_ACT_TRAP},
		{"SCMP_ACT_ERRNO", SCMP_ACT_ERRNO(0)}, {"SCMP_ACT_TRACE", SCMP_ACT_TRACE(0)},
		{"SCMP_ACT_LOG", SCMP_ACT_LOG}, {"SCMP_ACT_ALLOW", SCMP_ACT_ALLOW},
	};
	if (!cJSON_IsString(name))
		return -EINVAL;
	/* errnoRet applies to ERRNO and TRACE only; EPERM when absent */
	uint32_t data = cJSON_IsNumber(errno_ret) ? (uint32_t)errno_ret->valuedouble : EPERM;
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++) {
		if (strcmp(name->valuestring, actions[i].name) != 0)
			continue;
		*action = actions[i].action;
		if (*action == SCMP_ACT_ERRNO(0) || *action == SCMP_ACT_TRACE(0))
			*action |= data & 0xffffu;
		return 0;
	}
	return -EINVAL;
}

static int compare_op(const cJSON *op, enum scmp_compare *out)
{
	static const struct { const char *name; enum scmp_compare op; } ops[] = {
		{"SCMP_CMP_NE", SCMP_CMP_NE}, {"SCMP_CMP_LT", SCMP_CMP_LT},
		{"SCMP_CMP_LE", SCMP_CMP_LE}, {"SCMP_CMP_EQ", SCMP_CMP_EQ},
		{"SCMP_CMP_GE", SCMP_CMP_GE}, {"SCMP_CMP_GT", SCMP_CMP_GT},
		{"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ},
	};
	for (size_t i = 0; cJSON_IsString(op) && i < sizeof ops / sizeof ops[0]; i++) {
		if (strcmp(op->valuestring, ops[i].name) == 0) {
			*out = ops[i].op;
			return 0;
		}
	}
	return -EINVAL;
}

/* cJSON keeps numbers as doubles: exact up to 2^53, which covers the Docker
 * default's values (the generator parses the full 64 bits). */
static uint64_t number(const cJSON *item)
{
	return cJSON_IsNumber(item) ? (uint64_t)item->valuedouble : 0;
}

static int parse_conditions(const cJSON *args, struct conditions *c)
{
	const cJSON *arg;
	unsigned seen = 0;
	c->n = 0;
	c->any = false;
	cJSON_ArrayForEach(arg, args) {
		struct scmp_arg_cmp *cmp = &c->cmp[c->n];
		uint64_t index = number(cJSON_GetObjectItem(arg, "index"));
		if (c->n == MAX_CONDITIONS || index > 5 ||
		    compare_op(cJSON_GetObjectItem(arg, "op"), &cmp->op) != 0)
			return -EINVAL;
		cmp->arg = (unsigned)index;
		cmp->datum_a = number(cJSON_GetObjectItem(arg, "value"));
		cmp->datum_b = number(cJSON_GetObjectItem(arg, "valueTwo"));
		c->any |= (seen & (1u << index)) != 0;
		seen |= 1u << index;
		c->n++;
	}
	return 0;
}

static int add_name(scmp_filter_ctx ctx, const char *name, uint32_t action,
		    const struct conditions *c)
{
	int nr = seccomp_syscall_resolve_name(name);
	if (nr == __NR_SCMP_ERROR)
		return 0; /* unknown to this libseccomp: runc skips it too */
	if (!c->any)
		return seccomp_rule_add_array(ctx, action, nr, c->n, c->cmp);
	for (unsigned i = 0; i < c->n; i++) {
		int rc = seccomp_rule_add_array(ctx, action, nr, 1, &c->cmp[i]);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int add_rule(scmp_filter_ctx ctx, const cJSON *rule, uint32_t action)
{
	struct conditions c;
	const cJSON *name = cJSON_GetObjectItem(rule, "name");
	int rc = parse_conditions(cJSON_GetObjectItem(rule, "args"), &c);
	if (rc == 0 && cJSON_IsString(name))
		rc = add_name(ctx, name->valuestring, action, &c);
	cJSON_ArrayForEach(name, cJSON_GetObjectItem(rule, "names"))
		if (rc == 0 && cJSON_IsString(name))
			rc = add_name(ctx, name->valuestring, action, &c);
	return rc;
}

int usual_add_rules(scmp_filter_ctx ctx, const cJSON *syscalls, uint32_t default_action,
		    const struct usual_host *h)
{
	const cJSON *rule;
	cJSON_ArrayForEach(rule, syscalls) {
		uint32_t action;
		if (!usual_rule_applies(rule, h))
			continue;
		int rc = usual_action(cJSON_GetObjectItem(rule, "action"),
				      cJSON_GetObjectItem(rule, "errnoRet"), &action);
		if (rc == 0 && action != default_action)
			rc = add_rule(ctx, rule, action);
		if (rc != 0)
			return rc;
	}
	return 0;
}
