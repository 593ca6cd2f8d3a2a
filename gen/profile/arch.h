/*
 * arch.h - the architectures libseccomp 2.5.4 knows, under every name a user
 * may type: Docker's (amd64), uname -m's (x86_64) and libseccomp's
 * (SCMP_ARCH_X86_64).
 */
#ifndef SE_ARCH_H
#define SE_ARCH_H

#include <stdbool.h>
#include <stdint.h>

struct se_arch {
	const char *docker;   /* compared with includes/excludes.arches */
	const char *scmp;     /* SCMP_ARCH_* as written in profiles */
	const char *uname;    /* uname -m; also the name in reports */
	const char *uname_alt; /* another uname -m spelling, or NULL */
	uint32_t token;       /* libseccomp arch token */
	uint32_t audit_arch;  /* seccomp_data.arch (x32 shares x86_64's) */
	bool big_endian;
	const char *errno_family; /* "generic", "mips", "parisc" */
};

/* Look up by any of the names (case-sensitive, as Docker is). */
const struct se_arch *se_arch_find(const char *name);
const struct se_arch *se_arch_by_scmp(const char *scmp);
const struct se_arch *se_arch_by_token(uint32_t token);
/* The arch reporting `audit_arch` in seccomp_data.arch; for x86_64's value,
 * x86_64 itself (x32 shares it and differs only by bit 30 of nr). */
const struct se_arch *se_arch_by_audit(uint32_t audit_arch);
/* All known arches, ended by an entry with docker == NULL. */
extern const struct se_arch se_arches[];

#endif
