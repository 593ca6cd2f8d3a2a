/*
 * trap_fallback.h - trap-log where no supervisor can run (a kernel without
 * seccomp user notification, before Linux 5.7, or a process that may not
 * lend it descriptors): the trap-log program with every
 * SECCOMP_RET_USER_NOTIF turned into TRAP of class
 * SECCOMP_EMBED_TRAP_LOG_ASK, which the SIGSYS reporter answers by running
 * the enforcing program on the call (report.c).  Nothing more is allowed
 * than before; what is lost is said at install: a denial made while SIGSYS
 * is blocked kills the process, and a report needs write(2) allowed.
 */
#ifndef SECCOMP_EMBED_TRAP_FALLBACK_H
#define SECCOMP_EMBED_TRAP_FALLBACK_H

#include <linux/filter.h>

/* A malloc'd copy of `prog` rewritten as above (free `out->filter`), or
 * -ENOMEM. */
int se_trap_fallback_program(const struct sock_fprog *prog, struct sock_fprog *out);

#endif
