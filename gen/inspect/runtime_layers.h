/*
 * runtime_layers.h - what seccomp-embed's runtime installs besides the
 * program of a profile: with the SIGSYS reporter (a filter that may return
 * TRAP), a four-instruction "death" filter (runtime/src/die.c), its private
 * number trapping and everything else allowed.  `diff` adds it to a
 * profile's side as the runtime would; `dump` names it.
 */
#ifndef SE_RUNTIME_LAYERS_H
#define SE_RUNTIME_LAYERS_H

#include <stdbool.h>

#include "program.h"

/* The death filter, exactly as the runtime installs it.  0, or -1 when out
 * of memory. */
int se_death_filter(struct se_program *out);
bool se_is_death_filter(const struct se_program *p);

#endif
