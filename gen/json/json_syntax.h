/*
 * json_syntax.h - the strict JSON syntax check (RFC 8259), run before cJSON
 * sees the text.
 *
 * cJSON is not used for it: it accepts what Go's decoder (and so Docker)
 * refuses -- leading zeros, "1.", control characters in strings, form feeds
 * as white space, a byte order mark -- it silently cuts a string at \u0000
 * ("read\u0000x" would allow read), and its error position is approximate.
 * This checker follows RFC 8259 exactly and says where, what it expected
 * and what it found instead.
 */
#ifndef SE_JSON_SYNTAX_H
#define SE_JSON_SYNTAX_H

#include "diag.h"
#include "json_text.h"

/* Check that `t` (valid UTF-8, see se_text_check_utf8) is one JSON value
 * nested at most `max_depth` levels.  Also refused, because no profile value
 * holds them and json_doc.c relies on their absence: the escapes \u0000 and
 * \u0001.  Reports the first error at LINE:COL and returns SE_EINPUT. */
int se_json_check_syntax(struct se_diag *d, const struct se_text *t, unsigned max_depth);

#endif
