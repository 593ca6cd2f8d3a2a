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
#define SECCOMP_EMBED_ABI_VERSION 1

/* How the generator was asked to shape the program's outcomes. */
enum seccomp_embed_mode {
	/* Every outcome is the profile's own (what Docker would do). */
	SECCOMP_EMBED_MODE_ENFORCE = 0,
	/* Every non-ALLOW outcome became TRAP carrying the original outcome;
	 * the runtime reports it, then reproduces the original outcome. */
	SECCOMP_EMBED_MODE_TRAP_LOG = 1
};

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

/* One complete program.  A profile with `minKernel` conditions yields one
 * program per kernel range; the runtime takes the last program whose
 * minimum kernel is not above the running kernel. */
struct seccomp_embed_program {
	unsigned short min_kernel_major; /* program applies from this kernel on */
	unsigned short min_kernel_minor;
	unsigned short len;              /* instructions, at most 4096 */
	const struct sock_filter *insns;
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

/*
 * Install `filter` on the calling process.  Returns 0, or a negative errno:
 *   -EINVAL   the table was written for another ABI version or is empty;
 *   -ENOEXEC  the filter does not decide the arch this program runs as
 *             (an aarch64 table linked into an x86_64 program);
 *   -EBUSY    another thread could not be synchronised (TSYNC);
 *   other     what prctl(2) or seccomp(2) returned.
 * It never exits.  Several filters may be installed one after another: the
 * kernel runs all of them and the strictest outcome wins.
 */
int seccomp_embed_install(const struct seccomp_embed_filter *filter, unsigned int flags);

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
