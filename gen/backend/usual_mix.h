/*
 * usual_mix.h - which syscalls ordinary programs call most, for a kernel
 * without the constant-allow cache (before Linux 5.11), where every allowed
 * call runs the filter and the busiest ones deserve the shortest paths even
 * when the author gave no --hot.
 *
 * The shares are this project's own measurement (bench/mixes/, recorded by
 * bench/mixes/record.sh with `strace -c -f` on Debian 12): a shell pipeline,
 * `tar czf` and `git log --stat`, each normalized to its calls and then
 * averaged; names called in under 0.3% of them are left out.  A Python run,
 * kept out of the average, is what bench/README.md measures the result on.
 */
#ifndef SE_USUAL_MIX_H
#define SE_USUAL_MIX_H

#include "opt_hints.h"

/* The mix as --hot weights (the busiest weighs 1), `uncached` set. */
struct se_opt_hints se_usual_mix(void);

#endif
