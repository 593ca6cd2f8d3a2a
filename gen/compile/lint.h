/*
 * lint.h - warnings about profiles that are valid but almost certainly not
 * what their author meant.
 */
#ifndef SE_LINT_H
#define SE_LINT_H

#include "compiled.h"

void se_lint(struct se_diag *d, const struct se_profile *p, const struct se_compiled *c);

#endif
