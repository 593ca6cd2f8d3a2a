#include "actions.h"

#include <linux/seccomp.h>
#include <stdio.h>

#include "errno_names.h"

uint32_t se_action_value(enum se_action a, bool has_errno, uint32_t errno_ret)
{
	uint32_t data = has_errno ? (errno_ret & SECCOMP_RET_DATA) : SE_EPERM;
	switch (a) {
	case SE_ACT_KILL_THREAD: return SECCOMP_RET_KILL_THREAD;
	case SE_ACT_KILL_PROCESS: return SECCOMP_RET_KILL_PROCESS;
	case SE_ACT_TRAP: return SECCOMP_RET_TRAP;
	case SE_ACT_ERRNO: return SECCOMP_RET_ERRNO | data;
	case SE_ACT_TRACE: return SECCOMP_RET_TRACE | data;
	case SE_ACT_LOG: return SECCOMP_RET_LOG;
	case SE_ACT_ALLOW: return SECCOMP_RET_ALLOW;
	case SE_ACT_NOTIFY: return SECCOMP_RET_USER_NOTIF;
	}
	return SECCOMP_RET_KILL_THREAD;
}

static const char *ret_name(uint32_t action)
{
	switch (action) {
	case SECCOMP_RET_KILL_PROCESS: return "KILL_PROCESS";
	case SECCOMP_RET_KILL_THREAD: return "KILL_THREAD";
	case SECCOMP_RET_TRAP: return "TRAP";
	case SECCOMP_RET_ERRNO: return "ERRNO";
	case SECCOMP_RET_USER_NOTIF: return "USER_NOTIF";
	case SECCOMP_RET_TRACE: return "TRACE";
	case SECCOMP_RET_LOG: return "LOG";
	case SECCOMP_RET_ALLOW: return "ALLOW";
	}
	return NULL;
}

/* trap-log mode's TRAP carries the outcome it stands for (trap_log.h). */
static bool describe_trap_log(uint32_t ret, const char *family, char *out, size_t len)
{
	static const uint32_t classes[] = {SECCOMP_RET_TRAP, SECCOMP_RET_ERRNO,
					   SECCOMP_RET_KILL_THREAD, SECCOMP_RET_KILL_PROCESS,
					   SECCOMP_RET_TRACE};
	uint32_t data = ret & SECCOMP_RET_DATA, cls = data >> 12;
	char inner[48];
	if ((ret & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_TRAP || data == 0 || cls > 4)
		return false;
	se_describe_ret(classes[cls] | (data & 0x0fff), family, inner, sizeof inner);
	snprintf(out, len, "TRAP, then %s (trap-log)", inner);
	return true;
}

void se_describe_ret(uint32_t ret, const char *family, char *out, size_t len)
{
	uint32_t action = ret & SECCOMP_RET_ACTION_FULL, data = ret & SECCOMP_RET_DATA;
	const char *name = ret_name(action);
	const char *err = se_errno_name(data, family);
	if (describe_trap_log(ret, family, out, len))
		return;
	if (!name)
		snprintf(out, len, "0x%08x", (unsigned)ret);
	else if (action == SECCOMP_RET_ERRNO && err)
		snprintf(out, len, "%s(%s)", name, err);
	else if (data || action == SECCOMP_RET_ERRNO || action == SECCOMP_RET_TRACE)
		snprintf(out, len, "%s(%u)", name, (unsigned)data);
	else
		snprintf(out, len, "%s", name);
}

int se_action_rank(enum se_action a)
{
	static const int rank[] = {
		[SE_ACT_KILL_PROCESS] = 8, [SE_ACT_KILL_THREAD] = 7, [SE_ACT_TRAP] = 6,
		[SE_ACT_ERRNO] = 5, [SE_ACT_NOTIFY] = 4, [SE_ACT_TRACE] = 3, [SE_ACT_LOG] = 2,
		[SE_ACT_ALLOW] = 1,
	};
	return rank[a];
}
