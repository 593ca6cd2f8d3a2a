/*
 * c_test_setup.c - linked into every C test program (tests/test_*.c).
 *
 * These programs build thousands of reference programs in one process,
 * which under AddressSanitizer holds hundreds of megabytes: a fork for each
 * libseccomp build (what the command does, libseccomp_build.h says why)
 * would take most of their time.  They build in-process; the bats tests
 * run the command, and with it the child.
 */
#include <stdbool.h>

#include "libseccomp_build.h"

__attribute__((constructor)) static void build_in_process(void)
{
	se_libseccomp_run_in_process(true);
}
