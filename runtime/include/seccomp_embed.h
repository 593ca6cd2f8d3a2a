/*
 * seccomp_embed.h - the data a seccomp-embed generated file defines.
 *
 * `seccomp-embed compile --format c` writes a C file that defines one
 * `const struct seccomp_embed_filter SYMBOL`.  Everything in it is constant
 * data: the precompiled classic-BPF program(s), the set of architectures the
 * program decides, the seccomp(2) flags, and per-architecture syscall name
 * tables so that violation reports can name the syscall that was denied.
 *
 * The header depends only on the C library and the kernel's UAPI headers,
 * so a program that embeds a filter needs neither libseccomp nor cJSON.
 * It is usable from C and C++.
 */
#ifndef SECCOMP_EMBED_H
#define SECCOMP_EMBED_H

#include <linux/filter.h> /* struct sock_filter */

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever the layout of the structures below changes, so that the
 * runtime can refuse a table written by a generator it does not match. */
#define SECCOMP_EMBED_ABI_VERSION 2

/* How the generator was asked to shape the program's outcomes. */
enum seccomp_embed_mode {
	/* Every outcome is the profile's own (what Docker would do). */
	SECCOMP_EMBED_MODE_ENFORCE = 0,
	/* The development mode: every denial is reported and has the outcome
	 * the enforcing filter gives it.  Denials that return an errno became
	 * SECCOMP_RET_USER_NOTIF, answered by a supervisor process with that
	 * errno; denials that kill became TRAP carrying the outcome. */
	SECCOMP_EMBED_MODE_TRAP_LOG = 1,
	/* Learning: every denial became SECCOMP_RET_USER_NOTIF (the profile's
	 * own TRAP aside, which stays TRAP in every mode); the supervisor
	 * reports the outcome it would have had, then lets the call run.  Such
	 * a filter confines nothing: never ship it. */
	SECCOMP_EMBED_MODE_LEARN = 2
};

/* Both numbers below fit in 16 bits: s390 takes only the low 16 bits of a
 * syscall number (0x3f5e0002 would be its fork), and no arch numbers a
 * syscall near 0xf5e0 (ARM's private calls start at 0xf0000, MIPS's at 4000,
 * x32's carry bit 30).
 *
 * A syscall number no kernel has, which trap-log and learn filters hand to
 * the supervisor whatever the profile says: the SIGSYS reporter's channel
 * to it (the supervisor answers it; the call never runs). */
#define SECCOMP_EMBED_REPORT_NR 0xf5e1u

/* Another number no kernel has: the runtime installs, beside any filter
 * that can TRAP, a filter that TRAPs this number and allows everything
 * else.  The SIGSYS handler dies as a killing filter would (by SIGSYS, the
 * kernel's own delivery) by making this call with SIGSYS blocked, never by
 * making the trapped call again. */
#define SECCOMP_EMBED_DIE_NR 0xf5e2u

/* That filter's four instructions, as the initializer of a struct
 * sock_filter array (<linux/filter.h>, <linux/seccomp.h>, <stddef.h>): the
 * runtime installs them, and `seccomp-embed inspect` knows the layer by them. */
#define SECCOMP_EMBED_DIE_FILTER_INSNS                                                           \
	{                                                                                        \
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),           \
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_EMBED_DIE_NR, 0, 1),                 \
		BPF_STMT(BPF_RET | BPF_K,                                                        \
			 SECCOMP_RET_TRAP | (SECCOMP_EMBED_TRAP_LOG_KILL_PROCESS                 \
					     << SECCOMP_EMBED_TRAP_LOG_CLASS_SHIFT)),            \
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),                                    \
	}

/* In trap-log mode the 16-bit TRAP data (si_errno in the SIGSYS handler)
 * carries the outcome the enforcing filter would have had: the class in
 * bits 12..15 and its value (an errno, TRACE data) in bits 0..11. */
#define SECCOMP_EMBED_TRAP_LOG_CLASS_SHIFT 12
#define SECCOMP_EMBED_TRAP_LOG_VALUE_MASK 0x0fffu
enum seccomp_embed_trap_log_class {
	SECCOMP_EMBED_TRAP_LOG_TRAP = 0,         /* the profile's own TRAP */
	SECCOMP_EMBED_TRAP_LOG_ERRNO = 1,        /* fail with the errno in the value */
	SECCOMP_EMBED_TRAP_LOG_KILL_THREAD = 2,
	SECCOMP_EMBED_TRAP_LOG_KILL_PROCESS = 3,
	SECCOMP_EMBED_TRAP_LOG_TRACE = 4         /* no tracer: the kernel answers ENOSYS */
};

/* One syscall number and its name, for reports.  Tables are sorted by nr. */
struct seccomp_embed_syscall_name {
	unsigned int nr; /* as seen in seccomp_data.nr (x32 numbers carry bit 30) */
	const char *name;
};

/* One architecture the program decides (the filter's arch set). */
struct seccomp_embed_arch {
	unsigned int audit_arch; /* AUDIT_ARCH_* value seen in seccomp_data.arch */
	const char *name;        /* e.g. "x86_64", "x32", "i386" */
	unsigned int n_syscalls;
	const struct seccomp_embed_syscall_name *syscalls;
};

/* Argument comparison of a profile rule (SCMP_CMP_*). */
enum seccomp_embed_op {
	SECCOMP_EMBED_OP_NE, SECCOMP_EMBED_OP_LT, SECCOMP_EMBED_OP_LE, SECCOMP_EMBED_OP_EQ,
	SECCOMP_EMBED_OP_GE, SECCOMP_EMBED_OP_GT,
	SECCOMP_EMBED_OP_MASKED_EQ /* (arg & value) == value_two */
};

struct seccomp_embed_condition {
	unsigned char arg; /* 0..5 */
	unsigned char op;  /* enum seccomp_embed_op */
	unsigned long long value, value_two;
};

/* A profile rule in effect in a program, so that a report can say which
 * rule decided a trapped call ("syscalls[3]"). */
struct seccomp_embed_rule {
	unsigned int profile_index; /* its position in the profile's syscalls[] */
	unsigned int action;        /* the SECCOMP_RET_* value it asks for */
	unsigned short n_conditions;
	unsigned short any;         /* nonzero: conditions OR'ed (an index repeats) */
	const struct seccomp_embed_condition *conditions;
};

/* "Rule `rule` names syscall `nr` on arch `arch`" (index into the filter's
 * arches).  Sorted by arch, then nr, then rule order. */
struct seccomp_embed_rule_site {
	unsigned int nr;
	unsigned short arch;
	unsigned short rule;
};

/* One complete program.  A profile with `minKernel` conditions yields one
 * program per kernel range, and the generator adds one for kernels before
 * 5.11 (no cache of allowed syscalls there, so its tree differs) unless it
 * comes out the same; the runtime takes the last program whose minimum
 * kernel is not above the running kernel. */
struct seccomp_embed_program {
	unsigned short min_kernel_major; /* program applies from this kernel on */
	unsigned short min_kernel_minor;
	unsigned short len;              /* instructions, at most 4096 */
	const struct sock_filter *insns;
	unsigned int default_action;     /* SECCOMP_RET_* of defaultAction */
	unsigned int n_rules;
	const struct seccomp_embed_rule *rules;
	unsigned int n_sites;
	const struct seccomp_embed_rule_site *sites;
	/* Per arch of the filter: numbers above this get ENOSYS from runc's
	 * stub (0xffffffff: no stub for that arch). */
	const unsigned int *enosys_above;
	/* Trap-log and learn modes: the enforcing program, which the
	 * supervisor runs to know what each notified call would get (the
	 * program above is the one installed).  Enforce mode: 0 and NULL. */
	unsigned short enforce_len;
	const struct sock_filter *enforce_insns;
	/* Trap-log mode: the program installed where no supervisor can run
	 * (a kernel before 5.7): every denial a TRAP whose data carries the
	 * enforcing outcome (SECCOMP_EMBED_TRAP_LOG_*), for the in-process
	 * reporter.  0 and NULL in the other modes. */
	unsigned short fallback_len;
	const struct sock_filter *fallback_insns;
};

/* Everything `seccomp-embed compile --format c` emits for one profile. */
struct seccomp_embed_filter {
	unsigned int abi_version;  /* SECCOMP_EMBED_ABI_VERSION */
	const char *name;          /* the C symbol, for messages */
	const char *profile;       /* the profile's file name, for messages */
	unsigned int target_arch;  /* AUDIT_ARCH_* the filter was built for */
	unsigned int flags;        /* SECCOMP_FILTER_FLAG_* from the profile */
	unsigned int mode;         /* enum seccomp_embed_mode */
	unsigned int may_trap;     /* nonzero if a program can return TRAP */
	unsigned int n_arches;
	const struct seccomp_embed_arch *arches;
	unsigned int n_programs;   /* >= 1, sorted by minimum kernel */
	const struct seccomp_embed_program *programs;
};

/* Flags for seccomp_embed_install(). */
/* Do not set no_new_privs.  Honoured only if the caller has CAP_SYS_ADMIN
 * (otherwise the kernel refuses the filter without no_new_privs). */
#define SECCOMP_EMBED_KEEP_PRIVS 0x1u
/* Confine only the calling thread, not the other threads of the process. */
#define SECCOMP_EMBED_NO_TSYNC 0x2u
/* Report each (syscall, deciding rule) once and print how often each
 * happened when the program exits (also: SECCOMP_EMBED_REPORT_ONCE=1). */
#define SECCOMP_EMBED_REPORT_ONCE 0x4u

/*
 * Install `filter` on the calling process.  Returns 0, or a negative errno:
 *   -EINVAL   the table was written for another ABI version or is empty;
 *   -ENOEXEC  the filter does not decide the arch this program runs as
 *             (an aarch64 table linked into an x86_64 program);
 *   -EBUSY    another thread could not be synchronised (TSYNC);
 *   -ENOSPC   more than 16 filters installed by this runtime;
 *   other     what prctl(2) or seccomp(2) returned.
 * It never exits.  Several filters may be installed one after another: the
 * kernel runs all of them and the strictest outcome wins.
 */
int seccomp_embed_install(const struct seccomp_embed_filter *filter, unsigned int flags);

/*
 * The SIGSYS reporter.  seccomp_embed_install() sets it up by itself before
 * installing a filter that can return TRAP; call this only to have it in
 * place earlier.  For every trapped syscall it writes one line:
 *
 *   seccomp-embed: violation: pid 4211 tid 4211 syscall chmod(90) arch x86_64
 *   args 0x7ffd3c4 0x1ff 0 0 0 0 pc 0x7f21c3a1 rule syscalls[0]: returning EPERM
 *
 * then carries out the outcome: for the profile's own TRAP, the call fails
 * with ENOSYS (as Firefox does); in trap-log mode, the outcome of the
 * enforcing filter (the same errno, or the thread or process killed by
 * SIGSYS).  Environment, read once here:
 *   SECCOMP_EMBED_CRASH=1      every violation kills the process by SIGSYS
 *   SECCOMP_EMBED_REPORT_FD=N  write reports to fd N instead of stderr
 *   SECCOMP_EMBED_REPORT_ONCE=1  as the SECCOMP_EMBED_REPORT_ONCE flag
 * Neither can make a filter allow more.  A previous SIGSYS handler still
 * gets the SIGSYS signals that do not come from seccomp.  Threads that block
 * SIGSYS lose reports: the kernel kills them instead.
 * Returns 0 or a negative errno.
 */
int seccomp_embed_reporter_install(unsigned int flags);

/* seccomp_embed_install(filter, 0), and on failure a one-line reason on
 * stderr and abort(): what `--install startup` runs before main(), so a
 * program never goes on unsandboxed. */
void seccomp_embed_install_or_abort(const struct seccomp_embed_filter *filter);

/* The program of `filter` for the running kernel (the minKernel variant),
 * or NULL if uname(2) fails. */
const struct seccomp_embed_program *
seccomp_embed_select_program(const struct seccomp_embed_filter *filter);

#ifdef __cplusplus
}
#endif

#endif /* SECCOMP_EMBED_H */
