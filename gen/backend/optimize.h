/*
 * optimize.h - our backend.  It takes the reference program (libseccomp's,
 * with the ENOSYS stub in front) and writes a program that decides exactly
 * alike but runs fewer instructions: the reference is evaluated for every
 * class of syscall number of every arch (arguments left symbolic), equal
 * outcomes are grouped into runs over the number line, a comparison tree
 * picks the run (a short range where all runs but single numbers agree is
 * a few JEQs instead), and the argument tests behind the runs are placed
 * once each, after the trees.  RETs go in pools within reach of the jumps
 * (opt_pool.h): the kernel's attach cost grows with the converted length.
 * Every result is checked against the reference by validate.h.
 */
#ifndef SE_OPTIMIZE_H
#define SE_OPTIMIZE_H

#include <stddef.h>

#include "diag.h"
#include "opt_hints.h"
#include "program.h"
#include "resolve.h"

/* Returns 0 and fills `out`; SE_EUNSUPPORTED if the reference uses an
 * instruction this backend does not model (the caller keeps the
 * reference); -ENOMEM. */
#define SE_EUNSUPPORTED 3
#define SE_ETOOLONG 4 /* ours would not fit in BPF_MAXINSNS either, or the
		       * reference nests argument tests too deep to model */
int se_optimize(const struct se_program *ref, const struct se_arch_set *arches,
		const struct se_opt_hints *hints, struct se_program *out);

#endif
