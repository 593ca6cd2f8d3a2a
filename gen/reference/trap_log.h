/*
 * trap_log.h - the development mode (`--mode trap-log`).
 *
 * Every outcome other than ALLOW and LOG becomes TRAP, with the original
 * outcome in the 16 bits of return data that the kernel hands the SIGSYS
 * handler (si_errno).  The runtime reports the call, then reproduces the
 * original outcome, so the program behaves as under the enforcing filter
 * while every denial is seen.
 *
 * Encoding of the data: bits 12..15 the class, bits 0..11 the value.
 */
#ifndef SE_TRAP_LOG_H
#define SE_TRAP_LOG_H

#include <stdint.h>

#include "program.h"

/* Syscalls the SIGSYS reporter itself makes; the lint warns when a TRAP
 * profile denies them and trap-log mode keeps them allowed.  (Dying by
 * SIGSYS needs only rt_sigreturn: see die_by_sigsys in runtime/src.)
 * NULL-terminated. */
extern const char *const se_reporter_syscalls[];
/* What trap-log mode additionally keeps allowed to reproduce KILL_THREAD. */
extern const char *const se_trap_log_syscalls[];

/* The TRAP return value standing for `ret`, or `ret` itself for ALLOW/LOG. */
uint32_t se_trap_log_encode(uint32_t ret);
/* Rewrites every constant RET of the program. */
void se_trap_log_transform(struct se_program *p);

#endif
