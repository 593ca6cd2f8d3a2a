/*
 * trap_log.h - the development modes: the enforcing program with its
 * outcomes rewritten, so that every denial is reported (runtime/src,
 * supervisor.h).
 *
 * --mode trap-log: denials that return an errno (ERRNO, TRACE, runc's
 * ENOSYS stub) become SECCOMP_RET_USER_NOTIF, which the supervisor answers
 * with exactly what the enforcing program gives (the C file carries that
 * program too); denials that kill, and the profile's own TRAP, become TRAP
 * with the original outcome in the 16 bits of return data (si_errno in the
 * SIGSYS handler): bits 12..15 the class, bits 0..11 the value.
 *
 * --mode learn: every outcome but ALLOW, LOG and the profile's own TRAP
 * becomes USER_NOTIF: the supervisor reports what the call would have got,
 * then lets it run.  The profile's own TRAP stays the Firefox-style report
 * and ENOSYS in every mode: the author asked for exactly that.
 *
 * Both: SECCOMP_EMBED_REPORT_NR on the target arch goes to the supervisor
 * first, whatever the profile says (the SIGSYS reporter's channel; it never
 * runs).  ALLOW and LOG stay as they are: the filter allows exactly what
 * the enforcing one allows, no syscall more.
 */
#ifndef SE_TRAP_LOG_H
#define SE_TRAP_LOG_H

#include <stdbool.h>
#include <stdint.h>

#include "program.h"

/* SE_DEV_TRAP_ONLY: trap-log's program for a kernel without user
 * notification: every denial TRAP with its outcome in the data, the
 * SIGSYS reporter's to carry out (no SECCOMP_EMBED_REPORT_NR in front). */
enum se_dev_mode { SE_DEV_TRAP_LOG, SE_DEV_LEARN, SE_DEV_TRAP_ONLY };

/* Syscalls the in-process SIGSYS reporter makes for a profile's own TRAP
 * in enforce mode; the lint warns when such a profile denies them.
 * NULL-terminated. */
extern const char *const se_reporter_syscalls[];

/* The return value standing for `ret` in `mode`. */
uint32_t se_dev_mode_encode(uint32_t ret, enum se_dev_mode mode);
/* Rewrites every constant RET of `p` and puts the SECCOMP_EMBED_REPORT_NR
 * check in front (`target_audit`: the AUDIT_ARCH the program runs as).
 * Returns 0, or -1 when out of memory. */
int se_dev_mode_transform(struct se_program *p, enum se_dev_mode mode, uint32_t target_audit);
/* Can the program return TRAP (so the SIGSYS reporter is needed)? */
bool se_program_may_trap(const struct se_program *p);

#endif
