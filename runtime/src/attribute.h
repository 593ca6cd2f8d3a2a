/*
 * attribute.h - name what a trapped call was: its syscall name on the arch
 * that trapped, and the profile rule that decided it.  Pure lookups in the
 * generated tables: safe inside a signal handler.
 */
#ifndef SECCOMP_EMBED_ATTRIBUTE_H
#define SECCOMP_EMBED_ATTRIBUTE_H

#include <seccomp_embed.h>
#include <stdint.h>

#define SE_ARGS_ALL 0x3fu /* every argument known */

struct se_call {
	uint32_t arch; /* si_arch */
	uint32_t nr;
	uint64_t args[6];
	unsigned known; /* bit i: args[i] is the call's (regs.h); not known ones print "?" */
};

/* The name of the call, or NULL. */
const char *se_attr_syscall_name(const struct seccomp_embed_filter *f, const struct se_call *c);
/* The arch's name in the filter ("x86_64", "x32", "i386"), or NULL. */
const char *se_attr_arch_name(const struct seccomp_embed_filter *f, const struct se_call *c);

enum se_decider {
	SE_DECIDER_UNKNOWN,
	SE_DECIDER_RULE,
	SE_DECIDER_DEFAULT,
	SE_DECIDER_STUB,
	SE_DECIDER_BAD_ARCH /* an arch (or x32 number) outside the filter: KILL_THREAD */
};

/* Which part of the profile gave `action` (SECCOMP_RET_*) for the call:
 * the first rule in effect naming the call whose conditions match and that
 * asks for that action; else the default action, or runc's ENOSYS stub.
 * For SE_DECIDER_RULE, *profile_index is the rule's syscalls[] index.
 * Only known arguments count: where a rule's conditions need one the call
 * did not give, the answer is SE_DECIDER_UNKNOWN rather than a guess. */
enum se_decider se_attr_decider(const struct seccomp_embed_filter *f,
				const struct seccomp_embed_program *p, const struct se_call *c,
				uint32_t action, unsigned *profile_index);

/* An allow rule (ALLOW or LOG) in effect that names the call but whose
 * argument conditions it fails: most likely the rule its author meant to
 * cover it.  `cond` is the first condition that failed (with OR'ed
 * conditions all failed: the first is named), `got` the argument. */
struct se_near_miss {
	int found;
	unsigned profile_index;
	const struct seccomp_embed_condition *cond;
	uint64_t got;
};

void se_attr_near_miss(const struct seccomp_embed_filter *f, const struct seccomp_embed_program *p,
		       const struct se_call *c, struct se_near_miss *out);

#endif
