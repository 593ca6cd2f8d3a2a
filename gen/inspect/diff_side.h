/*
 * diff_side.h - one side of `seccomp-embed diff`, loaded: a process id
 * (digits), a raw BPF file (a name ending in .bpf) or a profile (anything
 * else), each turned into the layers the kernel would run.
 */
#ifndef SE_DIFF_SIDE_H
#define SE_DIFF_SIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"
#include "program.h"
#include "resolve.h"

struct se_diff_side {
	char what[320];            /* "process 1234 (nginx): 2 filters (4, 120 instructions)" */
	struct se_program *layers; /* installed first at [0] */
	size_t n;
	struct se_arch_set arches; /* the arches a profile's filter covers; empty otherwise */
};

/* `target` is the arch the comparison is for (the .bpf byte order, the
 * profile's target); `o` the compile options for a profile, `bare` leaves
 * out the death filter the runtime would add.  Returns 0 or SE_EINPUT
 * after reporting. */
int se_diff_side_load(const char *operand, const struct se_arch *target,
		      const struct se_options *o, bool bare, struct se_diff_side *out);
void se_diff_side_free(struct se_diff_side *s);

#endif
