/*
 * reference_filter.h - the filter Docker would load, built independently of
 * the generator's gen/reference/build.c and gen/reference/enosys_stub.c.
 *
 * It replays what dockerd + runc do with a profile, calling libseccomp
 * directly: seccomp_init(default action), the native arch replaced by the
 * profile's arch set (the target first), SCMP_FLTATR_CTL_OPTIMIZE 2 above
 * 32 syscall names, then one rule per name of every surviving rule in file
 * order (unknown names and rules equal to the default skipped; conditions
 * on distinct argument indexes ANDed, a repeated index turning every
 * condition into a rule of its own), exported with seccomp_export_bpf and
 * decoded in the target's byte order.  runc's ENOSYS stub is then written
 * in front of it from runc's documented semantics
 * (../shared/notes/profile-semantics.md, "The ENOSYS stub").
 *
 * Syscalls the host's libseccomp cannot number (struct ref_newer) are
 * decided the way a libseccomp that knew them would: by libseccomp's own
 * rules for them, built for their arch alone under a stand-in name and run
 * under its number.
 *
 * Only parsing (gen/profile/profile_parse.c), the choice of surviving rules
 * (se_rule_applies) and the kernel's syscall numbers (the data of
 * gen/reference/kernel_syscalls_data.c) are taken from the generator; the
 * arch set, the action values, the libseccomp calls and the stub are this
 * file's own.
 */
#ifndef REFERENCE_FILTER_H
#define REFERENCE_FILTER_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "profile.h"
#include "resolve.h"

#define REF_MAX_ARCHES 8
#define REF_MAX_OUTCOMES 64

/* An architecture as the reference sees it, from <seccomp.h> alone. */
struct ref_arch {
	const char *scmp;    /* "SCMP_ARCH_X86_64", as profiles write it */
	const char *docker;  /* "amd64" */
	uint32_t token;      /* libseccomp arch token */
	uint32_t audit_arch; /* seccomp_data.arch: the token, but x32 is x86_64's */
	bool big_endian;     /* no __AUDIT_ARCH_LE bit in the token */
	unsigned enosys;     /* ENOSYS on that arch: 38, 89 on MIPS, 251 on PA-RISC */
};

const struct ref_arch *ref_arch_by_scmp(const char *scmp);
const struct ref_arch *ref_arch_by_docker(const char *docker);
const struct ref_arch *ref_arch_by_token(uint32_t token);

enum ref_status {
	REF_OK = 0,
	REF_REFUSED = 1, /* libseccomp (hence Docker) refuses the profile; see `why` */
	REF_ERROR = -1,  /* the reference itself failed; see `why` */
};

/* One section of the ENOSYS stub (one AUDIT_ARCH value). */
struct ref_stub_section {
	uint32_t audit_arch;
	long max_native; /* highest number on the non-x32 arch, or -1 */
	long max_x32;    /* x86_64 audit arch only: highest x32 number, or -1 */
	bool s390;       /* nr == 0 also gets ENOSYS */
};

/* A syscall the host's libseccomp cannot number on one arch of the filter
 * (mseal on 2.5.4), which the kernel's tables do: libseccomp's program for
 * its rules on that arch alone, written for a stand-in syscall, run on the
 * stand-in's number (ref_filter_run).  No program is patched here. */
struct ref_newer {
	uint32_t audit_arch, nr; /* the calls it decides */
	uint32_t stand_in;       /* the number they are run under */
	struct sock_filter *insns;
	size_t len;
};

#define REF_MAX_NEWER 256

struct ref_filter {
	struct sock_filter *insns; /* host values: the stub, then libseccomp's filter */
	size_t len;
	size_t stub_len;       /* 0 without a stub */
	bool has_stub;
	bool big_endian;       /* the target's byte order */
	const struct ref_arch *arches[REF_MAX_ARCHES]; /* in the filter, the target first */
	size_t n_arches;
	struct ref_stub_section sections[REF_MAX_ARCHES];
	size_t n_sections;
	uint32_t default_value;
	uint32_t enosys_value;  /* ERRNO(ENOSYS) of the target */
	uint32_t outcomes[REF_MAX_OUTCOMES]; /* every RET value the program may hold */
	size_t n_outcomes;
	size_t rules_added;     /* libseccomp rules added (after the OR split) */
	size_t names_unknown;   /* names libseccomp does not know (skipped) */
	size_t names_same_as_default;
	size_t ret_fixes;       /* RET constants libseccomp wrote twice-swapped */
	char why[256];          /* on REF_REFUSED or REF_ERROR */
	struct ref_newer newer[REF_MAX_NEWER];
	size_t n_newer;
};

/*
 * Build the reference filter for profile `p` (already parsed with the
 * target's errno family), target `t` (arch and capabilities) and kernel
 * version `kernel` (for minKernel; pass {0, 0} when the profile has none).
 * `enosys_stub` false leaves the stub out (as --no-enosys-stub).
 * Returns REF_OK, REF_REFUSED or REF_ERROR; `out` must be freed with
 * ref_filter_free() in every case.
 */
int ref_filter_build(const struct se_profile *p, const struct se_target *t,
		     struct se_kernel_version kernel, bool enosys_stub, struct ref_filter *out);
void ref_filter_free(struct ref_filter *f);

struct bpf_sim_data;
/* The reference's verdict: a newer syscall's own program for its calls
 * (the stub cannot decide them: it lets through every number up to the
 * highest one the profile names), the filter for every other call. */
uint32_t ref_filter_run(const struct ref_filter *f, const struct bpf_sim_data *d);

/* The action value runc asks libseccomp for (errnoRet, default EPERM,
 * applies to ERRNO and TRACE only). */
uint32_t ref_action_value(enum se_action a, bool has_errno, uint32_t errno_ret);

#endif
