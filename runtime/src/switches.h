/*
 * switches.h - the environment switches of the runtime, read once:
 * SECCOMP_EMBED_REPORT_FD, SECCOMP_EMBED_REPORT_ONCE, SECCOMP_EMBED_CRASH,
 * SECCOMP_EMBED_REPORT_FORMAT.  They only change where and how reports are
 * written and make violations fatal: none can make a filter allow more.
 */
#ifndef SECCOMP_EMBED_SWITCHES_H
#define SECCOMP_EMBED_SWITCHES_H

#include "supervisor.h"

/* Read on the first call (`flags`: seccomp_embed_install's, for
 * SECCOMP_EMBED_REPORT_ONCE); an unusable value is said on stderr then. */
const struct se_switches *se_switches_read(unsigned flags);

#endif
