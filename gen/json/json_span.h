/*
 * json_span.h - where a value sits in the text of a JSON document, so that
 * a tool can edit the text around it and leave the rest byte for byte as
 * its author wrote it (`seccomp-embed suggest` adds rules this way).
 *
 * The text must have passed se_json_check_syntax (json_syntax.h): these
 * functions do not check it again.  Keys are matched as Docker's decoder
 * and json_doc.h match them: ignoring ASCII case, the last member wins.
 */
#ifndef SE_JSON_SPAN_H
#define SE_JSON_SPAN_H

#include <stdbool.h>
#include <stddef.h>

#include "json_text.h"

/* A value: its first byte and one past its last. */
struct se_json_span {
	size_t start, end;
};

/* The value reached from the root by the object keys `keys[0..n)`;
 * false if one is absent or a value on the way is not an object. */
bool se_json_span_at(const struct se_text *t, const char *const *keys, size_t n,
		     struct se_json_span *out);

/* The elements of the array, or the members' values of the object, at
 * `container`: calls `fn` with each span in order; returns their number. */
size_t se_json_span_each(const struct se_text *t, struct se_json_span container,
			 void (*fn)(void *ctx, struct se_json_span item), void *ctx);

/* The first byte after white space from `off`. */
size_t se_json_skip_space(const struct se_text *t, size_t off);

#endif
