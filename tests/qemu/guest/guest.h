/*
 * guest.h - the live suite that runs inside a real kernel of each arch
 * (tests/qemu/README.md).  Every case forks a child (live_common.h) that
 * installs a filter generated on the host for this arch and makes real
 * syscalls; the parent checks what happened.  Only names every arch has
 * are used (prctl, getpgid, personality, getppid, mkdirat, fchmodat,
 * umask), through libc or through our own instruction (raw_syscall.h).
 */
#ifndef GUEST_H
#define GUEST_H

#include <seccomp_embed.h>

#include "live_common.h"
#include "raw_syscall.h"

/* tests/qemu/profiles/guest.json in each mode, and the lab's profiles */
extern const struct seccomp_embed_filter guest_enforce, guest_trap_log, guest_learn;
extern const struct seccomp_embed_filter lab_docker_default, lab_default_no_chmod, lab_deny_all;
/* guest.json for an arch this program is not (x86_64, or aarch64 on x86_64) */
extern const struct seccomp_embed_filter guest_foreign;

#define OPT_TRAP 0x5ecca001L      /* guest.json syscalls[0]: TRAP */
#define OPT_WIDE 0x5ecca002L      /* syscalls[1]: 64-bit values -> EXDEV */
#define OPT_NARROW 0x5ecca003L    /* syscalls[2]: EXDEV everywhere */
#define PGID_KILL_PROCESS 0x5ecL  /* syscalls[3] */
#define PGID_KILL_THREAD 0x5edL   /* syscalls[4] */
#define PERSONA_EPROTO 0x5ecL     /* syscalls[5] */
#define MODE_ODD 01234            /* syscalls[7]-[10]: mkdirat/fchmodat with AT_FDCWD */

/* Is this arch's syscall ABI 64 bits wide? */
#define GUEST_64BIT (sizeof(long) == 8)

void cases_enforce(void);
void cases_threads(void);
void cases_reports(void);
void cases_dev_modes(void);

/* "FILE: what" of a scratch path in the guest's tmpfs */
const char *guest_path(const char *name);

#endif
