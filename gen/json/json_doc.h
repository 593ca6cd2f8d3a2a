/*
 * json_doc.h - load a JSON document with cJSON, keeping what Docker's Go
 * decoder keeps and cJSON loses.
 *
 * cJSON stores numbers as doubles, which cannot hold every uint64 argument
 * value (masks such as 0xffffffff00000000 exist).  Before parsing, every
 * number literal is rewritten into a tagged string holding its exact text;
 * se_json_number() gives that text back.  Syntax errors, invalid UTF-8,
 * oversized files and excessive nesting are reported as FILE:LINE:COL
 * (json_text.h reads and checks the text, json_syntax.h checks the syntax).
 */
#ifndef SE_JSON_DOC_H
#define SE_JSON_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "json_text.h"

/* Docker's default is 24 KB: 1 MiB leaves 40 times that, and bounds the
 * work and memory of every later stage (docs/errors.md, "Limits"). */
#define SE_JSON_MAX_BYTES (1u << 20)
#define SE_JSON_MAX_DEPTH 32          /* a profile nests 5 levels deep */

/* Read FILE ("-" is stdin) and parse it.  On error reports and returns NULL. */
cJSON *se_json_load(struct se_diag *d, const char *file);
/* The same for text already read (json_text.h); `raw` is left as it is. */
cJSON *se_json_parse_text(struct se_diag *d, const struct se_text *raw);

/* The literal text of a number node, or NULL if the node is not a number. */
const char *se_json_number(const cJSON *node);
bool se_json_is_string(const cJSON *node);
/* "a string", "a number", "an object", ... for error messages. */
const char *se_json_type_name(const cJSON *node);

/* Docker's key matching: the last member whose key equals `key` ignoring
 * ASCII case (Go's encoding/json fills a field from every matching key in
 * order, so the last one wins).  NULL if absent. */
cJSON *se_json_member(const cJSON *obj, const char *key);

/* The keys one kind of object may have, and which of them shape the filter:
 * a key that is a near miss of one of those (a typo, a case or plural
 * variant: "sycalls", "argz") would be ignored and leave the filter other
 * than written, so it is an error.  Keys resembling none are warnings, as
 * profiles carry metadata of their own.  `guarded` NULL: every key of this
 * object shapes the filter, and any unknown one is an error. */
struct se_json_keys {
	const char *const *known;   /* NULL-ended */
	const char *const *guarded; /* NULL-ended, or NULL */
	const char *what;           /* "an argument condition", for messages */
};

/* Checks every member of `obj`; each message names the closest known key.
 * Returns 0, or SE_EINPUT after an error. */
int se_json_check_keys(struct se_diag *d, const char *path, const cJSON *obj,
		       const struct se_json_keys *keys);

/* Parse an exact non-negative integer literal (decimal, no sign, fraction or
 * exponent).  Returns 0, or -1 if it is not one, or -2 if it exceeds max. */
int se_json_parse_u64(const char *literal, uint64_t max, uint64_t *out);

#endif
