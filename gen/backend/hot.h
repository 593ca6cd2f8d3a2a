/*
 * hot.h - --hot: which syscalls deserve the shortest paths.  Either names
 * (`--hot futex,epoll_wait,read`), all equally hot, or the path of an
 * `strace -c` summary, whose call counts weigh each name.
 */
#ifndef SE_HOT_H
#define SE_HOT_H

#include "diag.h"
#include "opt_hints.h"
#include "string_list.h"

struct se_hot {
	struct se_strings names;
	double *weights; /* NULL for a plain list */
	struct se_opt_hints hints;
};

/* NULL `spec`: no hints.  Returns 0, or SE_EINPUT after reporting. */
int se_hot_parse(const char *spec, struct se_hot *out);
void se_hot_free(struct se_hot *h);

#endif
