#include "name_check.h"

#include <seccomp.h>
#include <stdio.h>

#include "actions.h"
#include "spelling.h"

static void consider(void *ctx, const char *name)
{
	se_suggest_consider(ctx, name);
}

/* " (did you mean "recvfrom"?)" */
static void suggest(const char *name, char *out, size_t len)
{
	struct se_suggestions s;
	se_suggest_init(&s, name);
	se_syscall_each_name(consider, &s);
	se_suggest_format(&s, out, len);
}

void se_rule_name_path(const struct se_rule *r, size_t n, char *out, size_t len)
{
	if (r->single_name)
		snprintf(out, len, "syscalls[%zu].name", r->index);
	else
		snprintf(out, len, "syscalls[%zu].names[%zu]", r->index, n);
}

static const char *nowhere(enum se_syscall_source src)
{
	static char lib[96];
	if (src == SE_SYSCALLS_KERNEL)
		return "no arch has it";
	snprintf(lib, sizeof lib, "libseccomp %d.%d.%d does not know it (--syscalls host-libseccomp)",
		 SCMP_VER_MAJOR, SCMP_VER_MINOR, SCMP_VER_MICRO);
	return lib;
}

/* Unknown names warned about one by one; past this, one line counts the
 * rest (a profile of 60000 unknown names made 60000 lines, each with a
 * spelling search). */
#define UNKNOWN_SHOWN 20

struct unknown_count {
	size_t warned, more;
};

static void warn_unknown(struct se_diag *d, const char *path, const char *name,
			 enum se_syscall_source src, struct unknown_count *u)
{
	char hint[200] = "";
	if (u->warned == UNKNOWN_SHOWN) {
		u->more++;
		return;
	}
	u->warned++;
	if (!d->quiet || d->strict) /* the search is the costly part */
		suggest(name, hint, sizeof hint);
	se_warn(d, path, "unknown syscall \"%s\" skipped: %s%s", name, nowhere(src), hint);
}

static int check_rule(struct se_diag *d, const struct se_rule *r, bool stricter,
		      enum se_syscall_source src, struct unknown_count *u)
{
	char path[64], hint[200];
	if (r->names.n == 0) {
		snprintf(path, sizeof path, "syscalls[%zu].names", r->index);
		if (stricter)
			return se_error(d, path, "the rule is stricter than defaultAction but names no "
					"syscall: it protects nothing");
		se_warn(d, path, "the rule names no syscall: it does nothing");
		return 0;
	}
	for (size_t n = 0; n < r->names.n; n++) {
		const char *name = r->names.items[n];
		if (se_syscall_known(name, src))
			continue;
		se_rule_name_path(r, n, path, sizeof path);
		if (!stricter) {
			warn_unknown(d, path, name, src, u);
			continue;
		}
		suggest(name, hint, sizeof hint);
		return se_error(d, path, "unknown syscall \"%s\" in a rule stricter than "
				"defaultAction: %s, so what it should stop would stay allowed%s",
				name, nowhere(src), hint);
	}
	return 0;
}

int se_check_names(struct se_diag *d, const struct se_profile *p, enum se_syscall_source src)
{
	int floor = se_action_rank(p->default_action);
	struct unknown_count u = {0, 0};
	for (size_t i = 0; i < p->n_rules; i++)
		if (check_rule(d, &p->rules[i], se_action_rank(p->rules[i].action) > floor, src, &u))
			return SE_EINPUT;
	if (u.more)
		se_warn(d, "syscalls", "%zu more unknown syscall names skipped (%d shown)", u.more,
			UNKNOWN_SHOWN);
	return 0;
}
