#include "report_line.h"

#include <errno.h>
#include <linux/seccomp.h>

#include "fmt.h"

struct se_verdict se_verdict_of_action(uint32_t action)
{
	uint32_t data = action & SECCOMP_RET_DATA;
	switch (action & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS: return (struct se_verdict){SE_FATE_KILL_PROCESS, 0, action};
	case SECCOMP_RET_KILL_THREAD: return (struct se_verdict){SE_FATE_KILL_THREAD, 0, action};
	case SECCOMP_RET_ERRNO: return (struct se_verdict){SE_FATE_ERRNO, (int)data, action};
	default: /* TRAP and TRACE without a tracer: the call fails with ENOSYS */
		return (struct se_verdict){SE_FATE_ERRNO, ENOSYS, action};
	}
}

static const char *errno_name(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{EPERM, "EPERM"}, {ENOENT, "ENOENT"}, {ESRCH, "ESRCH"}, {EINTR, "EINTR"},
		{EIO, "EIO"}, {ENXIO, "ENXIO"}, {E2BIG, "E2BIG"}, {EBADF, "EBADF"},
		{EAGAIN, "EAGAIN"}, {ENOMEM, "ENOMEM"}, {EACCES, "EACCES"}, {EFAULT, "EFAULT"},
		{EBUSY, "EBUSY"}, {EEXIST, "EEXIST"}, {EXDEV, "EXDEV"}, {ENODEV, "ENODEV"},
		{ENOTDIR, "ENOTDIR"}, {EISDIR, "EISDIR"}, {EINVAL, "EINVAL"}, {ENFILE, "ENFILE"},
		{EMFILE, "EMFILE"}, {ENOTTY, "ENOTTY"}, {ENOSPC, "ENOSPC"}, {ESPIPE, "ESPIPE"},
		{EROFS, "EROFS"}, {EMLINK, "EMLINK"}, {EPIPE, "EPIPE"}, {ERANGE, "ERANGE"},
		{ENOSYS, "ENOSYS"}, {EOPNOTSUPP, "EOPNOTSUPP"}, {EAFNOSUPPORT, "EAFNOSUPPORT"},
		{ECONNREFUSED, "ECONNREFUSED"}, {EDOM, "EDOM"}, {ENAMETOOLONG, "ENAMETOOLONG"},
		{ENOLCK, "ENOLCK"}, {ENOTEMPTY, "ENOTEMPTY"}, {ELOOP, "ELOOP"}, {ENOMSG, "ENOMSG"},
		{EIDRM, "EIDRM"}, {ENODATA, "ENODATA"}, {EPROTO, "EPROTO"}, {EBADMSG, "EBADMSG"},
		{EOVERFLOW, "EOVERFLOW"}, {EILSEQ, "EILSEQ"}, {ENOTSOCK, "ENOTSOCK"},
		{EMSGSIZE, "EMSGSIZE"}, {EPROTOTYPE, "EPROTOTYPE"}, {ENOPROTOOPT, "ENOPROTOOPT"},
		{EPROTONOSUPPORT, "EPROTONOSUPPORT"}, {EADDRINUSE, "EADDRINUSE"},
		{EADDRNOTAVAIL, "EADDRNOTAVAIL"}, {ENETUNREACH, "ENETUNREACH"},
		{ECONNRESET, "ECONNRESET"}, {ENOBUFS, "ENOBUFS"}, {ENOTCONN, "ENOTCONN"},
		{ETIMEDOUT, "ETIMEDOUT"}, {EHOSTUNREACH, "EHOSTUNREACH"}, {EALREADY, "EALREADY"},
		{EINPROGRESS, "EINPROGRESS"}, {ESTALE, "ESTALE"}, {EDQUOT, "EDQUOT"},
		{ECANCELED, "ECANCELED"}, {ENOTRECOVERABLE, "ENOTRECOVERABLE"},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].e == e)
			return names[i].name;
	return 0;
}

static const char *const op_names[] = {"NE", "LT", "LE", "EQ", "GE", "GT", "MASKED_EQ"};

/* --- the parts of a line, in text -------------------------------------- */

static void put_rule(struct se_line *l, const struct se_decision *d)
{
	switch (d->decider) {
	case SE_DECIDER_RULE:
		se_line_str(l, "syscalls[");
		se_line_dec(l, d->profile_index);
		se_line_str(l, "]");
		break;
	case SE_DECIDER_DEFAULT: se_line_str(l, "defaultAction"); break;
	case SE_DECIDER_STUB: se_line_str(l, "enosys-stub"); break;
	case SE_DECIDER_BAD_ARCH: se_line_str(l, "bad-arch"); break;
	default: se_line_str(l, "unknown"); break;
	}
}

static void put_decider(struct se_line *l, const struct se_report *r)
{
	se_line_str(l, " rule ");
	put_rule(l, &r->decision);
	if (r->decision.filter && r->name_filter) {
		se_line_str(l, " of ");
		se_line_str(l, r->decision.filter->name);
	}
}

/* "returning EPERM", "killing thread", ... */
static void put_outcome(struct se_line *l, const struct se_verdict *v, int learn)
{
	const char *name = errno_name(v->err);
	if (learn)
		se_line_str(l, "would be ");
	switch (v->fate) {
	case SE_FATE_KILL_THREAD: se_line_str(l, "killing thread"); return;
	case SE_FATE_KILL_PROCESS: se_line_str(l, "killing process"); return;
	case SE_FATE_CRASH: se_line_str(l, "crashing (SECCOMP_EMBED_CRASH=1)"); return;
	default: break;
	}
	se_line_str(l, "returning ");
	if (name)
		se_line_str(l, name);
	else
		se_line_dec(l, (uint64_t)v->err);
}

static void put_nr(struct se_line *l, uint32_t nr)
{
	if (nr >= 0x40000000u && nr != 0xffffffffu)
		se_line_hex(l, nr);
	else
		se_line_sdec(l, (int32_t)nr);
}

static void put_call(struct se_line *l, const struct se_report *r)
{
	const struct seccomp_embed_filter *f = r->decision.filter;
	const char *name = f ? se_attr_syscall_name(f, &r->call) : 0;
	const char *arch = f ? se_attr_arch_name(f, &r->call) : 0;
	se_line_str(l, " syscall ");
	se_line_str(l, name ? name : "?");
	se_line_str(l, "(");
	put_nr(l, r->call.nr);
	se_line_str(l, ") arch ");
	if (arch)
		se_line_str(l, arch);
	else
		se_line_hex(l, r->call.arch);
	se_line_str(l, " args");
	for (int i = 0; i < 6; i++) {
		se_line_str(l, " ");
		if (r->call.known & (1u << i))
			se_line_hex(l, r->call.args[i]);
		else
			se_line_str(l, "?"); /* the frame did not hold it (regs.h) */
	}
}

/* " (syscalls[2].args[0]: EQ 0x1 did not match 0x2)" */
static void put_near_miss(struct se_line *l, const struct se_near_miss *m)
{
	if (!m->found)
		return;
	se_line_str(l, " (syscalls[");
	se_line_dec(l, m->profile_index);
	se_line_str(l, "].args[");
	se_line_dec(l, m->cond->arg);
	se_line_str(l, "]: ");
	se_line_str(l, m->cond->op < 7 ? op_names[m->cond->op] : "?");
	se_line_str(l, " ");
	se_line_hex(l, m->cond->value);
	if (m->cond->op == SECCOMP_EMBED_OP_MASKED_EQ) {
		se_line_str(l, " == ");
		se_line_hex(l, m->cond->value_two);
	}
	se_line_str(l, " did not match ");
	se_line_hex(l, m->got);
	se_line_str(l, ")");
}

static void text_line(struct se_line *l, const struct se_report *r)
{
	se_line_str(l, r->learn ? "seccomp-embed: learn: pid " : "seccomp-embed: violation: pid ");
	se_line_dec(l, r->pid);
	se_line_str(l, " tid ");
	se_line_dec(l, r->tid);
	put_call(l, r);
	se_line_str(l, " pc ");
	se_line_hex(l, r->pc);
	put_decider(l, r);
	se_line_str(l, ": ");
	put_outcome(l, &r->verdict, r->learn);
	if (r->learn)
		se_line_str(l, "; allowed (learn mode)");
	put_near_miss(l, &r->miss);
}

/* --- the same, as one JSON object ----------------------------------------- */

/* Every string written here is a name from the generated tables or made
 * here: [a-z0-9_()=, .]+, so nothing needs escaping. */
static void json_str(struct se_line *l, const char *key, const char *value, int first)
{
	se_line_str(l, first ? "{\"" : ",\"");
	se_line_str(l, key);
	se_line_str(l, "\":\"");
	se_line_str(l, value);
	se_line_str(l, "\"");
}

static void json_num(struct se_line *l, const char *key, uint64_t v)
{
	se_line_str(l, ",\"");
	se_line_str(l, key);
	se_line_str(l, "\":");
	se_line_dec(l, v);
}

static void json_hex(struct se_line *l, const char *key, uint64_t v)
{
	se_line_str(l, ",\"");
	se_line_str(l, key);
	se_line_str(l, "\":\"");
	se_line_hex(l, v);
	se_line_str(l, "\"");
}

static void json_call(struct se_line *l, const struct se_report *r)
{
	const struct seccomp_embed_filter *f = r->decision.filter;
	const char *name = f ? se_attr_syscall_name(f, &r->call) : 0;
	const char *arch = f ? se_attr_arch_name(f, &r->call) : 0;
	json_str(l, "syscall", name ? name : "?", 0);
	json_num(l, "nr", r->call.nr);
	if (arch)
		json_str(l, "arch", arch, 0);
	else
		json_hex(l, "arch", r->call.arch);
	se_line_str(l, ",\"args\":[");
	for (int i = 0; i < 6; i++) {
		se_line_str(l, i ? ",\"" : "\"");
		if (r->call.known & (1u << i))
			se_line_hex(l, r->call.args[i]);
		else
			se_line_str(l, "?");
		se_line_str(l, "\"");
	}
	se_line_str(l, "]");
}

static void json_rule(struct se_line *l, const struct se_report *r)
{
	se_line_str(l, ",\"rule\":\"");
	put_rule(l, &r->decision);
	se_line_str(l, "\"");
	if (r->decision.filter && r->name_filter)
		json_str(l, "filter", r->decision.filter->name, 0);
}

static void json_outcome(struct se_line *l, const struct se_report *r)
{
	const char *name = errno_name(r->verdict.err);
	se_line_str(l, ",\"outcome\":\"");
	put_outcome(l, &r->verdict, 0);
	se_line_str(l, "\"");
	if (r->verdict.fate == SE_FATE_ERRNO) {
		if (name)
			json_str(l, "errno", name, 0);
		else
			json_num(l, "errno", (uint64_t)r->verdict.err);
	}
	se_line_str(l, r->learn ? ",\"allowed\":true" : ",\"allowed\":false");
}

static void json_near_miss(struct se_line *l, const struct se_near_miss *m)
{
	if (!m->found)
		return;
	se_line_str(l, ",\"unmatched\":{\"rule\":");
	se_line_dec(l, m->profile_index);
	se_line_str(l, ",\"arg\":");
	se_line_dec(l, m->cond->arg);
	se_line_str(l, ",\"op\":\"");
	se_line_str(l, m->cond->op < 7 ? op_names[m->cond->op] : "?");
	se_line_str(l, "\"");
	json_hex(l, "value", m->cond->value);
	if (m->cond->op == SECCOMP_EMBED_OP_MASKED_EQ)
		json_hex(l, "valueTwo", m->cond->value_two);
	json_hex(l, "got", m->got);
	se_line_str(l, "}");
}

static void json_line(struct se_line *l, const struct se_report *r)
{
	json_str(l, "event", r->learn ? "learn" : "violation", 1);
	json_num(l, "pid", r->pid);
	json_num(l, "tid", r->tid);
	json_call(l, r);
	json_hex(l, "pc", r->pc);
	json_rule(l, r);
	json_outcome(l, r);
	json_near_miss(l, &r->miss);
	se_line_str(l, "}");
}

void se_report_write(const struct se_report *r, enum se_report_format format, int fd)
{
	struct se_line l = {.len = 0};
	if (format == SE_REPORT_JSON)
		json_line(&l, r);
	else
		text_line(&l, r);
	se_line_write(&l, fd);
}

void se_report_write_summary(const struct se_report *r, uint32_t count,
			     enum se_report_format format, int fd)
{
	struct se_line l = {.len = 0};
	if (format == SE_REPORT_JSON) {
		json_str(&l, "event", "summary", 1);
		json_call(&l, r);
		json_rule(&l, r);
		json_num(&l, "count", count);
		se_line_str(&l, "}");
	} else {
		se_line_str(&l, "seccomp-embed: summary:");
		put_call(&l, r);
		put_decider(&l, r);
		se_line_str(&l, ": ");
		se_line_dec(&l, count);
		se_line_str(&l, " time(s)");
	}
	se_line_write(&l, fd);
}
