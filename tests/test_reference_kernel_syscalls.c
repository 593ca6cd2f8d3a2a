/*
 * test_reference_kernel_syscalls.c - the kernel's syscall tables the
 * generator carries (gen/reference/kernel_syscalls_data.c, written by
 * scripts/kernel-syscalls.sh) against libseccomp, wherever libseccomp knows
 * a name:
 *   - every arch libseccomp knows has a table, sorted by number, without
 *     repeats, every name [a-z0-9_]+;
 *   - every name of a table that libseccomp numbers on that arch has the
 *     same number there;
 *   - every syscall libseccomp numbers on an arch (its own number for the
 *     name) is in the table with that number, but for the exceptions below,
 *     where the kernel's own table says libseccomp 2.5.4 is wrong;
 *   - the names of Docker's current default that libseccomp 2.5.4 does not
 *     know are in the tables, at the numbers the kernel gives them.
 */
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "kernel_syscalls.h"

/* libseccomp numbers it, the kernel's table has no such row. */
static const struct {
	const char *arch, *name;
	const char *why;
} libseccomp_only[] = {
	{"parisc64", "_llseek", "arch/parisc/kernel/syscalls/syscall.tbl: 140 is ABI 32 only"},
};

static const struct {
	const char *arch, *name;
	uint32_t nr;
} newer[] = {
	{"amd64", "statmount", 457}, {"amd64", "listmount", 458}, {"amd64", "mseal", 462},
	{"amd64", "setxattrat", 463}, {"amd64", "getxattrat", 464}, {"amd64", "listxattrat", 465},
	{"amd64", "removexattrat", 466}, {"amd64", "uretprobe", 335}, {"amd64", "uprobe", 336},
	{"x32", "mseal", 0x40000000u | 462}, {"x86", "mseal", 462}, {"arm64", "mseal", 462},
	{"arm", "mseal", 462}, {"s390x", "mseal", 462}, {"riscv64", "riscv_hwprobe", 258},
	{"riscv64", "mseal", 462}, {"ppc64le", "mseal", 462}, {"mips64", "mseal", 5462},
	{"mips", "mseal", 4462}, {"mips64n32", "mseal", 6462}, {"arm64", "file_setattr", 469},
};

static unsigned failures;

__attribute__((format(printf, 1, 2))) static void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("FAIL ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	failures++;
}

static const struct se_kernel_table *table_of(const char *arch)
{
	for (const struct se_kernel_table *t = se_kernel_tables; t->arch; t++)
		if (strcmp(t->arch, arch) == 0)
			return t;
	return NULL;
}

static long number_in(const struct se_kernel_table *t, const char *name)
{
	for (size_t i = 0; t && i < t->n; i++)
		if (strcmp(t->calls[i].name, name) == 0)
			return t->calls[i].nr;
	return -1;
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static bool excepted(const char *arch, const char *name)
{
	for (size_t i = 0; i < sizeof libseccomp_only / sizeof *libseccomp_only; i++)
		if (strcmp(libseccomp_only[i].arch, arch) == 0 && strcmp(libseccomp_only[i].name, name) == 0)
			return true;
	return false;
}

static void check_shape(const struct se_kernel_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		if (!valid_name(t->calls[i].name))
			fail("%s: name \"%s\" is not [a-z0-9_]+", t->arch, t->calls[i].name);
		if (i && t->calls[i].nr <= t->calls[i - 1].nr)
			fail("%s: %s (%u) not after the previous number %u", t->arch, t->calls[i].name,
			     (unsigned)t->calls[i].nr, (unsigned)t->calls[i - 1].nr);
	}
}

/* Both directions, for one arch: returns how many names libseccomp knows. */
static unsigned check_against_libseccomp(const struct se_arch *a, const struct se_kernel_table *t)
{
	static const uint32_t bases[] = {0, 4000, 5000, 6000, 0x0f0000u, 0x40000000u};
	unsigned known = 0;
	for (size_t i = 0; i < t->n; i++) {
		int nr = seccomp_syscall_resolve_name_arch(a->token, t->calls[i].name);
		if (nr >= 0 && (uint32_t)nr != t->calls[i].nr)
			fail("%s: %s is %u in the table, %d for libseccomp", a->docker,
			     t->calls[i].name, (unsigned)t->calls[i].nr, nr);
	}
	for (size_t b = 0; b < sizeof bases / sizeof *bases; b++)
		for (uint32_t k = 0; k < 1100; k++) {
			char *name = seccomp_syscall_resolve_num_arch(a->token, (int)(bases[b] + k));
			if (!name)
				continue;
			/* its own number for the name: its lookups also answer without the base */
			if (seccomp_syscall_resolve_name_arch(a->token, name) == (int)(bases[b] + k)) {
				known++;
				if (number_in(t, name) != (long)(bases[b] + k) && !excepted(a->docker, name))
					fail("%s: libseccomp has %s = %ld, the table has %ld", a->docker, name,
					     (long)(bases[b] + k), number_in(t, name));
			}
			free(name);
		}
	return known;
}

int main(void)
{
	unsigned tables = 0, rows = 0, known = 0;
	for (const struct se_arch *a = se_arches; a->docker; a++) {
		const struct se_kernel_table *t = table_of(a->docker);
		if (!t || t->n == 0) {
			fail("%s: no table", a->docker);
			continue;
		}
		tables++;
		rows += (unsigned)t->n;
		check_shape(t);
		known += check_against_libseccomp(a, t);
	}
	for (size_t i = 0; i < sizeof newer / sizeof *newer; i++)
		if (number_in(table_of(newer[i].arch), newer[i].name) != (long)newer[i].nr)
			fail("%s: %s should be %ld, the table has %ld", newer[i].arch, newer[i].name,
			     (long)newer[i].nr, number_in(table_of(newer[i].arch), newer[i].name));
	for (size_t i = 0; i < sizeof libseccomp_only / sizeof *libseccomp_only; i++)
		printf("  known exception: %s %s (%s)\n", libseccomp_only[i].arch, libseccomp_only[i].name,
		       libseccomp_only[i].why);
	printf("%u tables, %u rows; %u (arch, name) pairs libseccomp %d.%d.%d numbers, all equal; "
	       "%u failures\n", tables, rows, known, SCMP_VER_MAJOR, SCMP_VER_MINOR, SCMP_VER_MICRO,
	       failures);
	return failures ? 1 : 0;
}
