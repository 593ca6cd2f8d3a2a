/*
 * actions.h - profile actions as seccomp return values (SECCOMP_RET_*).
 */
#ifndef SE_ACTIONS_H
#define SE_ACTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "profile.h"

#define SE_EPERM 1 /* Docker's errnoRet when none is given */

/* The return value runc asks libseccomp for: errnoRet (default EPERM)
 * applies to ERRNO and TRACE only. */
uint32_t se_action_value(enum se_action a, bool has_errno, uint32_t errno_ret);

/* Where an action stands in the kernel's precedence (KILL_PROCESS highest,
 * then KILL_THREAD, TRAP, ERRNO, TRACE, LOG, ALLOW), the order in which the
 * strictest of several filters wins: a rule stricter than the default
 * action is there to protect something. */
int se_action_rank(enum se_action a);

/* "ERRNO(EPERM)", "ALLOW", "KILL_THREAD", ... for comments and listings.
 * `family` names the target's errno numbering. */
void se_describe_ret(uint32_t ret, const char *family, char *out, size_t len);

#endif
