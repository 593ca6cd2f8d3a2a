#include "profile_parse.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arch.h"
#include "caps.h"
#include "errno_names.h"
#include "json_doc.h"
#include "spelling.h"

#define PATH_MAX_LEN 192
#define ERRNO_LIMIT 4094 /* libseccomp 2.5.4 refuses 4095 and above */
#define ERRNO_RANGE "from 0 to 4094 (libseccomp refuses larger errno values)"

struct ctx {
	struct se_diag *d;
	const char *errno_family;
};

static const char *const action_names[] = {
	[SE_ACT_KILL_THREAD] = "SCMP_ACT_KILL_THREAD", [SE_ACT_KILL_PROCESS] = "SCMP_ACT_KILL_PROCESS",
	[SE_ACT_TRAP] = "SCMP_ACT_TRAP",               [SE_ACT_ERRNO] = "SCMP_ACT_ERRNO",
	[SE_ACT_TRACE] = "SCMP_ACT_TRACE",             [SE_ACT_LOG] = "SCMP_ACT_LOG",
	[SE_ACT_ALLOW] = "SCMP_ACT_ALLOW",             [SE_ACT_NOTIFY] = "SCMP_ACT_NOTIFY",
};

/* What an error may suggest: SCMP_ACT_NOTIFY is refused (see parse_action). */
static const char *const usable_actions[] = {
	"SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_TRAP",
	"SCMP_ACT_ERRNO", "SCMP_ACT_TRACE", "SCMP_ACT_LOG", "SCMP_ACT_ALLOW",
};

static const char *const op_names[] = {
	[SE_OP_NE] = "SCMP_CMP_NE", [SE_OP_LT] = "SCMP_CMP_LT", [SE_OP_LE] = "SCMP_CMP_LE",
	[SE_OP_EQ] = "SCMP_CMP_EQ", [SE_OP_GE] = "SCMP_CMP_GE", [SE_OP_GT] = "SCMP_CMP_GT",
	[SE_OP_MASKED_EQ] = "SCMP_CMP_MASKED_EQ",
};

const char *se_action_name(enum se_action a) { return action_names[a]; }
const char *se_op_name(enum se_op op) { return op_names[op]; }

/* vsnprintf: paths are cut at PATH_MAX_LEN, which only deep garbage reaches */
static void set_path(char *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, PATH_MAX_LEN, fmt, ap);
	va_end(ap);
}

static void sub(char *out, const char *base, const char *key)
{
	set_path(out, "%s%s%s", base, *base ? "." : "", key);
}

static void idx(char *out, const char *base, size_t i)
{
	set_path(out, "%s[%zu]", base, i);
}

/* A member that is absent or null (Docker treats both alike). */
static const cJSON *get(const cJSON *obj, const char *key)
{
	const cJSON *v = se_json_member(obj, key);
	return cJSON_IsNull(v) ? NULL : v;
}

/* Shows a wrong scalar too: `got the string "0"` says what to change. */
static int want(struct ctx *c, const char *path, const cJSON *v, const char *expected)
{
	char q[SE_QUOTE_SIZE];
	if (se_json_number(v))
		return se_error(c->d, path, "expected %s, got the number %.40s", expected,
				se_json_number(v));
	if (se_json_is_string(v))
		return se_error(c->d, path, "expected %s, got the string %s", expected,
				se_quote(v->valuestring, q));
	if (cJSON_IsBool(v))
		return se_error(c->d, path, "expected %s, got %s", expected,
				cJSON_IsTrue(v) ? "true" : "false");
	return se_error(c->d, path, "expected %s, got %s", expected, se_json_type_name(v));
}

/* Every string read this way is a name (syscall, arch, cap, flag), and names
 * are echoed in diagnostics and C comments: a control character in one can
 * only be a mistake, so refuse it here rather than print it later. */
static int parse_string(struct ctx *c, const char *path, const cJSON *v, char **out)
{
	char q[SE_QUOTE_SIZE];
	if (!se_json_is_string(v))
		return want(c, path, v, "a string");
	for (const char *p = v->valuestring; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F)
			return se_error(c->d, path, "control character in the name %s",
					se_quote(v->valuestring, q));
	*out = strdup(v->valuestring);
	return *out ? 0 : se_internal("out of memory");
}

static int parse_strings(struct ctx *c, const char *path, const cJSON *v, struct se_strings *out)
{
	char p[PATH_MAX_LEN];
	if (!cJSON_IsArray(v))
		return want(c, path, v, "an array of strings");
	size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
	out->items = calloc(n ? n : 1, sizeof *out->items);
	if (!out->items)
		return se_internal("out of memory");
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		idx(p, path, i);
		if (parse_string(c, p, e, &out->items[i]))
			return SE_EINPUT;
		out->n = i + 1;
	}
	return 0;
}

/* The names a closed set allows: Docker's arch names, libseccomp's, caps. */
enum name_set { ARCH_DOCKER, ARCH_SCMP, CAPABILITY };

/* Real arches that libseccomp 2.5.4 does not know: Docker's own profile
 * lists them (its rules for them never apply to our targets). */
static const char *const newer_arches[][2] = {
	{"loong64", "SCMP_ARCH_LOONGARCH64"}, {"m68k", "SCMP_ARCH_M68K"},
	{"sh", "SCMP_ARCH_SH"}, {"sheb", "SCMP_ARCH_SHEB"},
};

static const char *set_name(enum name_set set, size_t i)
{
	size_t known = 0, newer = sizeof newer_arches / sizeof *newer_arches;
	if (set == CAPABILITY)
		return i < SE_CAP_COUNT ? se_cap_name((int)i) : NULL;
	while (se_arches[known].docker)
		known++;
	if (i >= known)
		return i - known < newer ? newer_arches[i - known][set == ARCH_SCMP] : NULL;
	return set == ARCH_DOCKER ? se_arches[i].docker : se_arches[i].scmp;
}

/* A name outside its set would never match, so the rule or arch it belongs
 * to would silently not apply: an error naming the closest ones. */
static int check_in_set(struct ctx *c, const char *path, enum name_set set, const char *given)
{
	static const char *const what[] = {[ARCH_DOCKER] = "architecture (Docker's name)",
					   [ARCH_SCMP] = "architecture",
					   [CAPABILITY] = "capability"};
	static const char *const example[] = {[ARCH_DOCKER] = "amd64 or arm64",
					      [ARCH_SCMP] = "SCMP_ARCH_X86_64",
					      [CAPABILITY] = "CAP_SYS_ADMIN"};
	char q[SE_QUOTE_SIZE], hint[200];
	struct se_suggestions s;
	const char *name;
	const struct se_arch *alias = set == CAPABILITY ? NULL : se_arch_find(given);
	se_suggest_init(&s, given);
	for (size_t i = 0; (name = set_name(set, i)); i++) {
		if (strcmp(name, given) == 0)
			return 0;
		se_suggest_consider(&s, name);
		if (set == CAPABILITY && (strcasecmp(name + 4, given) == 0 || strcasecmp(name, given) == 0))
			se_suggest_prefer(&s, name); /* "SYS_ADMIN" or "cap_sys_admin" */
	}
	if (alias) /* another spelling of a known arch: "x86_64" for "amd64" */
		se_suggest_prefer(&s, set == ARCH_DOCKER ? alias->docker : alias->scmp);
	se_suggest_format(&s, hint, sizeof hint);
	return se_error(c->d, path, "unknown %s %s%s; expected a name such as %s", what[set],
			se_quote(given, q), hint, example[set]);
}

static int check_all_in_set(struct ctx *c, const char *path, enum name_set set,
			    const struct se_strings *names)
{
	char p[PATH_MAX_LEN];
	for (size_t i = 0; i < names->n; i++) {
		idx(p, path, i);
		if (check_in_set(c, p, set, names->items[i]))
			return SE_EINPUT;
	}
	return 0;
}

static int parse_u64(struct ctx *c, const char *path, const cJSON *v, uint64_t max,
		     const char *range, uint64_t *out)
{
	const char *lit = se_json_number(v);
	if (!lit)
		return want(c, path, v, "a number");
	int rc = se_json_parse_u64(lit, max, out);
	if (rc == -1)
		return se_error(c->d, path, "expected a non-negative integer %s, got %.40s", range, lit);
	if (rc == -2)
		return se_error(c->d, path, "%.40s is out of range; expected an integer %s", lit, range);
	return 0;
}

static int parse_errno(struct ctx *c, const char *path, const cJSON *v, uint32_t *out)
{
	uint64_t e;
	if (parse_u64(c, path, v, ERRNO_LIMIT, ERRNO_RANGE, &e))
		return SE_EINPUT;
	*out = (uint32_t)e;
	return 0;
}

/* Podman's errno strings: a name such as "ENOSYS" or a decimal string. */
static int parse_errno_string(struct ctx *c, const char *path, const cJSON *v, uint32_t *out)
{
	uint64_t e;
	char q[SE_QUOTE_SIZE];
	if (!se_json_is_string(v))
		return want(c, path, v, "an errno name such as \"EPERM\"");
	if (se_json_parse_u64(v->valuestring, ERRNO_LIMIT, &e) == 0) {
		*out = (uint32_t)e;
		return 0;
	}
	int n = se_errno_from_name(v->valuestring, c->errno_family);
	if (n == -2)
		return se_error(c->d, path, "errno %s is numbered differently on %s; "
				"give its number instead", se_quote(v->valuestring, q),
				c->errno_family);
	if (n < 0)
		return se_error(c->d, path, "unknown errno %s; expected a name such as "
				"\"EPERM\" or a number from 0 to 4094", se_quote(v->valuestring, q));
	*out = (uint32_t)n;
	return 0;
}

/* runc compares action and operator names exactly, so "scmp_act_allow" is
 * refused; name the intended spelling when only the case is wrong. */
static int unknown_name(struct ctx *c, const char *path, const char *what, const char *given,
			const char *const *names, size_t n)
{
	char q[SE_QUOTE_SIZE], all[256] = "", hint[200];
	struct se_suggestions s;
	for (size_t k = 0; k < n; k++)
		if (strcasecmp(given, names[k]) == 0)
			return se_error(c->d, path, "unknown %s %s; names are case-sensitive: "
					"expected %s", what, se_quote(given, q), names[k]);
	se_suggest_init(&s, given);
	for (size_t k = 0; k < n; k++) {
		se_suggest_consider(&s, names[k]);
		snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", k ? ", " : "", names[k]);
	}
	se_suggest_format(&s, hint, sizeof hint);
	return se_error(c->d, path, "unknown %s %s%s; expected one of %s", what, se_quote(given, q),
			hint, all);
}

static int parse_action(struct ctx *c, const char *path, const cJSON *v, enum se_action *out)
{
	if (!v)
		return se_error(c->d, path, "missing; expected an action such as \"SCMP_ACT_ERRNO\"");
	if (!se_json_is_string(v))
		return want(c, path, v, "an action string such as \"SCMP_ACT_ERRNO\"");
	if (strcmp(v->valuestring, "SCMP_ACT_KILL") == 0) {
		*out = SE_ACT_KILL_THREAD;
		return 0;
	}
	for (size_t a = 0; a < sizeof action_names / sizeof *action_names; a++)
		if (strcmp(v->valuestring, action_names[a]) == 0) {
			*out = (enum se_action)a;
			if (*out == SE_ACT_NOTIFY)
				return se_error(c->d, path, "SCMP_ACT_NOTIFY needs a supervisor process "
						"listening on listenerPath; a program that sandboxes "
						"itself has none (use SCMP_ACT_TRAP or SCMP_ACT_ERRNO)");
			return 0;
		}
	return unknown_name(c, path, "action", v->valuestring, usable_actions,
			    sizeof usable_actions / sizeof *usable_actions);
}

static int parse_op(struct ctx *c, const char *path, const cJSON *v, enum se_op *out)
{
	if (!v)
		return se_error(c->d, path, "missing; expected an operator such as \"SCMP_CMP_EQ\"");
	if (se_json_is_string(v))
		for (size_t o = 0; o < sizeof op_names / sizeof *op_names; o++)
			if (strcmp(v->valuestring, op_names[o]) == 0) {
				*out = (enum se_op)o;
				return 0;
			}
	if (!se_json_is_string(v))
		return want(c, path, v, "an operator string such as \"SCMP_CMP_EQ\"");
	return unknown_name(c, path, "operator", v->valuestring, op_names,
			    sizeof op_names / sizeof *op_names);
}

static const char *const arg_key_names[] = {"index", "value", "valueTwo", "op", NULL};
static const struct se_json_keys arg_keys = {arg_key_names, NULL, "an argument condition"};

static int parse_arg(struct ctx *c, const char *path, const cJSON *v, struct se_arg *out)
{
	char p[PATH_MAX_LEN];
	uint64_t index = 0;
	const cJSON *m;
	if (!cJSON_IsObject(v))
		return want(c, path, v, "an object");
	if (se_json_check_keys(c->d, path, v, &arg_keys))
		return SE_EINPUT;
	/* Docker takes a missing index or value as 0: a condition on another
	 * argument, or value than meant, which can only widen what it allows. */
	sub(p, path, "index");
	if (!(m = get(v, "index")))
		return se_error(c->d, p, "missing; a condition names the argument it tests "
				"(0 to 5)");
	if (parse_u64(c, p, m, 5, "from 0 to 5 (a syscall has at most 6 arguments)", &index))
		return SE_EINPUT;
	out->index = (unsigned)index;
	sub(p, path, "value");
	if (!(m = get(v, "value")))
		return se_error(c->d, p, "missing; a condition compares its argument with a value "
				"(for SCMP_CMP_MASKED_EQ, the mask)");
	if (parse_u64(c, p, m, UINT64_MAX, "from 0 to 2^64-1", &out->value))
		return SE_EINPUT;
	sub(p, path, "valueTwo");
	if ((m = get(v, "valueTwo")) &&
	    parse_u64(c, p, m, UINT64_MAX, "from 0 to 2^64-1", &out->value_two))
		return SE_EINPUT;
	sub(p, path, "op");
	return parse_op(c, p, get(v, "op"), &out->op);
}

static int parse_args(struct ctx *c, const char *path, const cJSON *v, struct se_rule *r)
{
	char p[PATH_MAX_LEN];
	if (!cJSON_IsArray(v))
		return want(c, path, v, "an array of argument conditions");
	size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
	r->args = calloc(n ? n : 1, sizeof *r->args);
	if (!r->args)
		return se_internal("out of memory");
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		idx(p, path, i);
		if (parse_arg(c, p, e, &r->args[i]))
			return SE_EINPUT;
		r->n_args = i + 1;
	}
	return 0;
}

static int parse_kernel(struct ctx *c, const char *path, const cJSON *v, struct se_kernel_version *out)
{
	const char *s;
	char *end, q[SE_QUOTE_SIZE];
	if (!se_json_is_string(v))
		return want(c, path, v, "a kernel version string such as \"4.8\"");
	s = v->valuestring;
	if (*s >= '0' && *s <= '9') {
		unsigned long major = strtoul(s, &end, 10);
		if (*end == '.' && end[1] >= '0' && end[1] <= '9') {
			unsigned long minor = strtoul(end + 1, &end, 10);
			if (*end == '\0' && major < 65536 && minor < 65536) {
				out->major = (unsigned)major;
				out->minor = (unsigned)minor;
				return 0;
			}
		}
	}
	return se_error(c->d, path, "invalid kernel version %s; expected MAJOR.MINOR such as \"4.8\"",
			se_quote(s, q));
}

static const char *const condition_key_names[] = {"arches", "caps", "minKernel", NULL};
static const struct se_json_keys condition_keys = {condition_key_names, condition_key_names,
						   "includes or excludes"};

static int parse_condition(struct ctx *c, const char *path, const cJSON *v, struct se_condition *out)
{
	char p[PATH_MAX_LEN];
	const cJSON *m;
	if (!cJSON_IsObject(v))
		return want(c, path, v, "an object");
	if (se_json_check_keys(c->d, path, v, &condition_keys))
		return SE_EINPUT;
	sub(p, path, "arches");
	if ((m = get(v, "arches")) && (parse_strings(c, p, m, &out->arches) ||
					 check_all_in_set(c, p, ARCH_DOCKER, &out->arches)))
		return SE_EINPUT;
	sub(p, path, "caps");
	if ((m = get(v, "caps")) && (parse_strings(c, p, m, &out->caps) ||
				       check_all_in_set(c, p, CAPABILITY, &out->caps)))
		return SE_EINPUT;
	sub(p, path, "minKernel");
	if ((m = get(v, "minKernel"))) {
		out->has_min_kernel = true;
		return parse_kernel(c, p, m, &out->min_kernel);
	}
	return 0;
}

/* Every Linux syscall name is [a-z0-9_]+: anything else cannot name one,
 * and names are copied into the generated C and into messages. */
static int check_syscall_name(struct ctx *c, const char *path, const char *name)
{
	char q[SE_QUOTE_SIZE], lower[64];
	size_t n = 0;
	bool valid = *name != '\0', lowered_valid = valid;
	if (!valid)
		return se_error(c->d, path, "empty syscall name");
	for (const char *s = name; *s; s++) {
		char l = (char)tolower((unsigned char)*s);
		valid &= (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_';
		lowered_valid &= (l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '_';
		if (n + 1 < sizeof lower)
			lower[n++] = l;
	}
	lower[n] = '\0';
	if (valid)
		return 0;
	if (lowered_valid && n < sizeof lower - 1)
		return se_error(c->d, path, "invalid syscall name %s: syscall names are lowercase "
				"(did you mean \"%s\"?)", se_quote(name, q), lower);
	return se_error(c->d, path, "invalid syscall name %s: a syscall name holds only "
			"lowercase letters, digits and _", se_quote(name, q));
}

static int parse_names(struct ctx *c, const char *path, const cJSON *v, struct se_rule *r)
{
	char p[PATH_MAX_LEN];
	const cJSON *name = get(v, "name"), *names = get(v, "names");
	if (name && names)
		return se_error(c->d, path, "both \"name\" and \"names\" given; use one of them");
	if (names) {
		sub(p, path, "names");
		if (parse_strings(c, p, names, &r->names))
			return SE_EINPUT;
	} else if (name) {
		sub(p, path, "name");
		r->single_name = true;
		r->names.items = calloc(1, sizeof *r->names.items);
		if (!r->names.items || parse_string(c, p, name, &r->names.items[0]))
			return SE_EINPUT;
		r->names.n = 1;
	}
	for (size_t i = 0; i < r->names.n; i++) {
		if (names)
			set_path(p, "%s.names[%zu]", path, i);
		else
			sub(p, path, "name");
		if (check_syscall_name(c, p, r->names.items[i]))
			return SE_EINPUT;
	}
	return 0;
}

static int parse_rule_errno(struct ctx *c, const char *path, const cJSON *v, struct se_rule *r)
{
	char p[PATH_MAX_LEN];
	const cJSON *m;
	sub(p, path, "errnoRet");
	if ((m = get(v, "errnoRet"))) {
		r->has_errno_ret = true;
		if (parse_errno(c, p, m, &r->errno_ret))
			return SE_EINPUT;
	}
	sub(p, path, "errno");
	if ((m = get(v, "errno"))) {
		r->has_errno_ret = true;
		if (parse_errno_string(c, p, m, &r->errno_ret))
			return SE_EINPUT;
	}
	if (r->has_errno_ret && r->action != SE_ACT_ERRNO && r->action != SE_ACT_TRACE)
		se_warn(c->d, path, "errnoRet is ignored with %s (it applies to SCMP_ACT_ERRNO and "
			"SCMP_ACT_TRACE only)", se_action_name(r->action));
	return 0;
}

static const char *const rule_key_names[] = {"name", "names", "action", "args", "comment",
					     "includes", "excludes", "errnoRet", "errno", NULL};
/* comment is the author's own text: a misspelt one changes nothing */
static const char *const rule_filter_keys[] = {"name", "names", "action", "args", "includes",
					       "excludes", "errnoRet", "errno", NULL};
static const struct se_json_keys rule_keys = {rule_key_names, rule_filter_keys, "a rule"};

static int parse_rule(struct ctx *c, const char *path, const cJSON *v, struct se_rule *r)
{
	char p[PATH_MAX_LEN];
	const cJSON *m;
	if (cJSON_IsNull(v))
		return se_error(c->d, path, "null rule; expected an object");
	if (!cJSON_IsObject(v))
		return want(c, path, v, "an object");
	if (se_json_check_keys(c->d, path, v, &rule_keys))
		return SE_EINPUT;
	if (parse_names(c, path, v, r))
		return SE_EINPUT;
	sub(p, path, "action");
	if (parse_action(c, p, get(v, "action"), &r->action) || parse_rule_errno(c, path, v, r))
		return SE_EINPUT;
	sub(p, path, "args");
	if ((m = get(v, "args")) && parse_args(c, p, m, r))
		return SE_EINPUT;
	sub(p, path, "includes");
	if ((m = get(v, "includes")) && parse_condition(c, p, m, &r->includes))
		return SE_EINPUT;
	sub(p, path, "excludes");
	if ((m = get(v, "excludes")) && parse_condition(c, p, m, &r->excludes))
		return SE_EINPUT;
	sub(p, path, "comment");
	if ((m = get(v, "comment")) && !se_json_is_string(m))
		return want(c, p, m, "a string");
	return 0;
}

static int parse_rules(struct ctx *c, const char *path, const cJSON *v, struct se_profile *out)
{
	char p[PATH_MAX_LEN];
	if (!cJSON_IsArray(v))
		return want(c, path, v, "an array of rules");
	size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
	out->rules = calloc(n ? n : 1, sizeof *out->rules);
	if (!out->rules)
		return se_internal("out of memory");
	out->has_syscalls = true;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		idx(p, path, i);
		out->rules[i].index = i;
		out->n_rules = i + 1;
		if (parse_rule(c, p, e, &out->rules[i]))
			return SE_EINPUT;
	}
	return 0;
}

static const char *const arch_map_key_names[] = {"architecture", "subArchitectures", NULL};
static const struct se_json_keys arch_map_keys = {arch_map_key_names, arch_map_key_names,
						  "an archMap entry"};

static int parse_arch_map(struct ctx *c, const char *path, const cJSON *v, struct se_profile *out)
{
	char p[PATH_MAX_LEN], q[PATH_MAX_LEN];
	if (!cJSON_IsArray(v))
		return want(c, path, v, "an array");
	size_t n = (size_t)cJSON_GetArraySize(v), i = 0;
	out->arch_map = calloc(n ? n : 1, sizeof *out->arch_map);
	if (!out->arch_map)
		return se_internal("out of memory");
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		struct se_arch_map_entry *m = &out->arch_map[i];
		const cJSON *f;
		out->n_arch_map = i + 1;
		idx(p, path, i);
		if (!cJSON_IsObject(e))
			return want(c, p, e, "an object");
		if (se_json_check_keys(c->d, p, e, &arch_map_keys))
			return SE_EINPUT;
		sub(q, p, "architecture");
		if (!(f = get(e, "architecture")))
			return se_error(c->d, q, "missing; expected an SCMP_ARCH_* name");
		if (parse_string(c, q, f, &m->arch) || check_in_set(c, q, ARCH_SCMP, m->arch))
			return SE_EINPUT;
		sub(q, p, "subArchitectures");
		if ((f = get(e, "subArchitectures")) &&
		    (parse_strings(c, q, f, &m->sub_arches) ||
		     check_all_in_set(c, q, ARCH_SCMP, &m->sub_arches)))
			return SE_EINPUT;
	}
	return 0;
}

static const char *const flag_names[] = {"SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG",
					 "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
					 "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", NULL};

static int parse_flags(struct ctx *c, const char *path, const cJSON *v, struct se_profile *out)
{
	char p[PATH_MAX_LEN], q[SE_QUOTE_SIZE];
	out->has_flags = true;
	if (parse_strings(c, path, v, &out->flags))
		return SE_EINPUT;
	for (size_t i = 0; i < out->flags.n; i++) {
		size_t k = 0;
		while (flag_names[k] && strcmp(flag_names[k], out->flags.items[i]) != 0)
			k++;
		idx(p, path, i);
		if (!flag_names[k])
			return se_error(c->d, p, "unknown flag %s; expected one of "
					"SECCOMP_FILTER_FLAG_TSYNC, SECCOMP_FILTER_FLAG_LOG, "
					"SECCOMP_FILTER_FLAG_SPEC_ALLOW, "
					"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV",
					se_quote(out->flags.items[i], q));
	}
	return 0;
}

static int parse_default(struct ctx *c, const char *path, const cJSON *v, struct se_profile *out)
{
	char p[PATH_MAX_LEN];
	const cJSON *m;
	sub(p, path, "defaultAction");
	if ((m = get(v, "defaultAction"))) {
		if (se_json_is_string(m) && !*m->valuestring)
			return se_error(c->d, p, "empty: Docker runs a container whose profile has "
					"no default action unconfined; expected an action such as "
					"\"SCMP_ACT_ERRNO\"");
		out->has_default_action = true;
		if (parse_action(c, p, m, &out->default_action))
			return SE_EINPUT;
	}
	sub(p, path, "defaultErrnoRet");
	if ((m = get(v, "defaultErrnoRet"))) {
		out->has_default_errno_ret = true;
		if (parse_errno(c, p, m, &out->default_errno_ret))
			return SE_EINPUT;
	}
	sub(p, path, "defaultErrno");
	if ((m = get(v, "defaultErrno"))) {
		out->has_default_errno_ret = true;
		if (parse_errno_string(c, p, m, &out->default_errno_ret))
			return SE_EINPUT;
	}
	return 0;
}

static const char *const top_key_names[] = {"defaultAction", "defaultErrnoRet", "defaultErrno",
					    "architectures", "archMap", "syscalls", "flags",
					    "listenerPath", "listenerMetadata", NULL};
/* the listener keys belong to SCMP_ACT_NOTIFY, which is refused anyway */
static const char *const top_filter_keys[] = {"defaultAction", "defaultErrnoRet", "defaultErrno",
					      "architectures", "archMap", "syscalls", "flags",
					      NULL};
static const struct se_json_keys top_keys = {top_key_names, top_filter_keys, "a profile"};

static int parse_top(struct ctx *c, const char *path, const cJSON *v, struct se_profile *out)
{
	char p[PATH_MAX_LEN];
	const cJSON *m, *arches = get(v, "architectures"), *map = get(v, "archMap");
	if (!cJSON_IsObject(v))
		return want(c, *path ? path : NULL, v, "a JSON object (a seccomp profile)");
	if (se_json_check_keys(c->d, path, v, &top_keys))
		return SE_EINPUT;
	if (parse_default(c, path, v, out))
		return SE_EINPUT;
	sub(p, path, "archMap");
	if (arches && map)
		return se_error(c->d, p, "both \"architectures\" and \"archMap\" given; "
				"use one of them");
	sub(p, path, "architectures");
	if (arches && (parse_strings(c, p, arches, &out->architectures) ||
		       check_all_in_set(c, p, ARCH_SCMP, &out->architectures)))
		return SE_EINPUT;
	sub(p, path, "archMap");
	if (map && parse_arch_map(c, p, map, out))
		return SE_EINPUT;
	sub(p, path, "flags");
	if ((m = get(v, "flags")) && parse_flags(c, p, m, out))
		return SE_EINPUT;
	sub(p, path, "syscalls");
	if ((m = get(v, "syscalls")) && parse_rules(c, p, m, out))
		return SE_EINPUT;
	sub(p, path, "defaultAction");
	if (!out->has_default_action)
		return se_error(c->d, p, out->has_syscalls
				? "missing; expected an action such as \"SCMP_ACT_ERRNO\""
				: "missing, and no syscalls either: this profile defines no filter "
				  "(Docker would run the container unconfined)");
	return 0;
}

/* An OCI config.json carries the profile at .linux.seccomp. */
static const cJSON *find_profile(struct ctx *c, const cJSON *root, const char **path)
{
	*path = "";
	if (!cJSON_IsObject(root) || se_json_member(root, "defaultAction") ||
	    se_json_member(root, "syscalls") || !(se_json_member(root, "ociVersion") ||
						  se_json_member(root, "linux")))
		return root;
	const cJSON *seccomp = get(get(root, "linux"), "seccomp");
	*path = "linux.seccomp";
	if (!seccomp)
		se_error(c->d, "linux.seccomp", "missing: this OCI config has no seccomp profile");
	return seccomp;
}

int se_profile_parse(struct se_diag *d, const cJSON *root, const char *errno_family,
		     struct se_profile *out)
{
	struct ctx c = {.d = d, .errno_family = errno_family};
	const char *path;
	memset(out, 0, sizeof *out);
	const cJSON *profile = find_profile(&c, root, &path);
	if (!profile)
		return SE_EINPUT;
	return parse_top(&c, path, profile, out);
}

void se_profile_free(struct se_profile *p)
{
	for (size_t i = 0; i < p->n_rules; i++) {
		struct se_rule *r = &p->rules[i];
		se_strings_free(&r->names);
		free(r->args);
		se_strings_free(&r->includes.arches);
		se_strings_free(&r->includes.caps);
		se_strings_free(&r->excludes.arches);
		se_strings_free(&r->excludes.caps);
	}
	free(p->rules);
	for (size_t i = 0; i < p->n_arch_map; i++) {
		free(p->arch_map[i].arch);
		se_strings_free(&p->arch_map[i].sub_arches);
	}
	free(p->arch_map);
	se_strings_free(&p->architectures);
	se_strings_free(&p->flags);
	memset(p, 0, sizeof *p);
}
