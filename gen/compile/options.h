/*
 * options.h - what one run of the generator is asked to do: the options of
 * `seccomp-embed compile` and `seccomp-embed stats` (stats takes compile's
 * options that shape the program, see stats.h), filled in from the command
 * line by gen/command_line.c.
 */
#ifndef SE_OPTIONS_H
#define SE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "profile.h"
#include "resolve.h"
#include "syscall_table.h"

enum se_format { SE_FORMAT_C, SE_FORMAT_H, SE_FORMAT_BPF, SE_FORMAT_TEXT };
enum se_mode { SE_MODE_ENFORCE, SE_MODE_TRAP_LOG, SE_MODE_LEARN };
enum se_backend { SE_BACKEND_OURS, SE_BACKEND_LIBSECCOMP };
enum se_command { SE_COMMAND_COMPILE, SE_COMMAND_STATS };

#define SE_MAX_CAP_ARGS 64
#define SE_MAX_INSTALL_ORDER 9999
#define SE_MAX_ALSO 4 /* stats --also: programs of other compilers */

struct se_options {
	enum se_command command;
	const char *profile;
	const char *arch;
	const char *cap_add[SE_MAX_CAP_ARGS];
	size_t n_cap_add;
	const char *cap_drop[SE_MAX_CAP_ARGS];
	size_t n_cap_drop;
	bool has_kernel;
	struct se_kernel_version kernel;
	enum se_format format;
	const char *name;   /* C symbol */
	bool install_startup;
	unsigned install_order; /* --install-order: startup filters run in increasing order */
	enum se_mode mode;
	bool enosys_stub;
	bool strict;        /* every warning is an error */
	enum se_syscall_source syscalls; /* --syscalls: kernel (default) or host-libseccomp */
	enum se_backend backend;
	const char *hot; /* --hot: comma-separated names worth short paths */
	const char *also[SE_MAX_ALSO]; /* stats --also FILE.bpf: more columns */
	size_t n_also;
	const char *mix; /* stats --mix: an `strace -c` summary whose calls are weighed */
	bool quiet;
	const char *output; /* NULL: standard output */
	char command_line[1024]; /* the options as given, for the output's header */
};

/* The first kernel that keeps the cache of constant-allow syscalls. */
#define SE_CACHE_KERNEL ((struct se_kernel_version){5, 11})

/* Does the kernel the program is built for keep that cache?  Without
 * --kernel, assume it does. */
static inline bool se_options_kernel_caches(const struct se_options *o)
{
	return !o->has_kernel || se_kernel_cmp(o->kernel, SE_CACHE_KERNEL) >= 0;
}

#endif
