/* The AUDIT_ARCH_* value of the ABI this runtime is compiled for: the arch
 * the kernel reports in seccomp_data.arch for this program's syscalls. */
#ifndef SECCOMP_EMBED_NATIVE_ARCH_H
#define SECCOMP_EMBED_NATIVE_ARCH_H

#include <linux/audit.h>

#if defined(__x86_64__)
#define SE_NATIVE_AUDIT_ARCH AUDIT_ARCH_X86_64 /* x32 too: it differs by nr */
#elif defined(__i386__)
#define SE_NATIVE_AUDIT_ARCH AUDIT_ARCH_I386
#elif defined(__aarch64__)
#define SE_NATIVE_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__arm__)
#define SE_NATIVE_AUDIT_ARCH AUDIT_ARCH_ARM
#elif defined(__riscv) && __riscv_xlen == 64
#define SE_NATIVE_AUDIT_ARCH AUDIT_ARCH_RISCV64
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define SE_NATIVE_AUDIT_ARCH AUDIT_ARCH_PPC64LE
#elif defined(__powerpc64__)
#define SE_NATIVE_AUDIT_ARCH AUDIT_ARCH_PPC64
#elif defined(__s390x__)
#define SE_NATIVE_AUDIT_ARCH AUDIT_ARCH_S390X
#elif defined(__mips__) && defined(_ABI64) && defined(__MIPSEL__)
#define SE_NATIVE_AUDIT_ARCH AUDIT_ARCH_MIPSEL64
#elif defined(__mips__) && defined(_ABI64)
#define SE_NATIVE_AUDIT_ARCH AUDIT_ARCH_MIPS64
#else
#error "seccomp-embed: unsupported architecture"
#endif

#endif
