#include "arch.h"

#include <seccomp.h>
#include <string.h>

#define X32_AUDIT_ARCH AUDIT_ARCH_X86_64 /* x32 is x86_64 with bit 30 in nr */

const struct se_arch se_arches[] = {
	{"amd64", "SCMP_ARCH_X86_64", "x86_64", NULL, SCMP_ARCH_X86_64, AUDIT_ARCH_X86_64, false, "generic"},
	{"x86", "SCMP_ARCH_X86", "i386", "i686", SCMP_ARCH_X86, AUDIT_ARCH_I386, false, "generic"},
	{"x32", "SCMP_ARCH_X32", "x32", NULL, SCMP_ARCH_X32, X32_AUDIT_ARCH, false, "generic"},
	{"arm64", "SCMP_ARCH_AARCH64", "aarch64", "arm64", SCMP_ARCH_AARCH64, AUDIT_ARCH_AARCH64, false, "generic"},
	{"arm", "SCMP_ARCH_ARM", "arm", "armv7l", SCMP_ARCH_ARM, AUDIT_ARCH_ARM, false, "generic"},
	{"mips", "SCMP_ARCH_MIPS", "mips", NULL, SCMP_ARCH_MIPS, AUDIT_ARCH_MIPS, true, "mips"},
	{"mipsel", "SCMP_ARCH_MIPSEL", "mipsel", NULL, SCMP_ARCH_MIPSEL, AUDIT_ARCH_MIPSEL, false, "mips"},
	{"mips64", "SCMP_ARCH_MIPS64", "mips64", NULL, SCMP_ARCH_MIPS64, AUDIT_ARCH_MIPS64, true, "mips"},
	{"mips64n32", "SCMP_ARCH_MIPS64N32", "mips64n32", NULL, SCMP_ARCH_MIPS64N32, AUDIT_ARCH_MIPS64N32, true, "mips"},
	{"mipsel64", "SCMP_ARCH_MIPSEL64", "mips64el", "mipsel64", SCMP_ARCH_MIPSEL64, AUDIT_ARCH_MIPSEL64, false, "mips"},
	{"mipsel64n32", "SCMP_ARCH_MIPSEL64N32", "mips64eln32", "mipsel64n32", SCMP_ARCH_MIPSEL64N32, AUDIT_ARCH_MIPSEL64N32, false, "mips"},
	{"ppc", "SCMP_ARCH_PPC", "ppc", NULL, SCMP_ARCH_PPC, AUDIT_ARCH_PPC, true, "generic"},
	{"ppc64", "SCMP_ARCH_PPC64", "ppc64", NULL, SCMP_ARCH_PPC64, AUDIT_ARCH_PPC64, true, "generic"},
	{"ppc64le", "SCMP_ARCH_PPC64LE", "ppc64le", NULL, SCMP_ARCH_PPC64LE, AUDIT_ARCH_PPC64LE, false, "generic"},
	{"s390", "SCMP_ARCH_S390", "s390", NULL, SCMP_ARCH_S390, AUDIT_ARCH_S390, true, "generic"},
	{"s390x", "SCMP_ARCH_S390X", "s390x", NULL, SCMP_ARCH_S390X, AUDIT_ARCH_S390X, true, "generic"},
	{"parisc", "SCMP_ARCH_PARISC", "parisc", NULL, SCMP_ARCH_PARISC, AUDIT_ARCH_PARISC, true, "parisc"},
	{"parisc64", "SCMP_ARCH_PARISC64", "parisc64", NULL, SCMP_ARCH_PARISC64, AUDIT_ARCH_PARISC64, true, "parisc"},
	{"riscv64", "SCMP_ARCH_RISCV64", "riscv64", NULL, SCMP_ARCH_RISCV64, AUDIT_ARCH_RISCV64, false, "generic"},
	{NULL, NULL, NULL, NULL, 0, 0, false, NULL},
};

static bool names_match(const struct se_arch *a, const char *name)
{
	return strcmp(a->docker, name) == 0 || strcmp(a->scmp, name) == 0 ||
	       strcmp(a->uname, name) == 0 || (a->uname_alt && strcmp(a->uname_alt, name) == 0);
}

const struct se_arch *se_arch_find(const char *name)
{
	for (const struct se_arch *a = se_arches; a->docker; a++)
		if (names_match(a, name))
			return a;
	return NULL;
}

const struct se_arch *se_arch_by_scmp(const char *scmp)
{
	for (const struct se_arch *a = se_arches; a->docker; a++)
		if (strcmp(a->scmp, scmp) == 0)
			return a;
	return NULL;
}

const struct se_arch *se_arch_by_audit(uint32_t audit_arch)
{
	for (const struct se_arch *a = se_arches; a->docker; a++)
		if (a->audit_arch == audit_arch && a->token != SCMP_ARCH_X32)
			return a;
	return NULL;
}

const struct se_arch *se_arch_by_token(uint32_t token)
{
	for (const struct se_arch *a = se_arches; a->docker; a++)
		if (a->token == token)
			return a;
	return NULL;
}
