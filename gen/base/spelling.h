/*
 * spelling.h - how close a word someone typed is to one we know, for the
 * "did you mean ...?" of a message, and for telling a typo of a key that
 * shapes the filter (an error) from a key of the author's own (a warning).
 */
#ifndef SE_SPELLING_H
#define SE_SPELLING_H

#include <stdbool.h>
#include <stddef.h>

/* Edits between `a` and `b` (insert, delete, replace, or swap two adjacent
 * characters: "recvform" is one from "recvfrom"), ignoring ASCII case;
 * anything above `limit` is returned as limit + 1. */
unsigned se_spelling_distance(const char *a, const char *b, unsigned limit);

/* Is `given` most likely a misspelling of `known`?  One edit for words of
 * up to 5 characters, two for longer ones, or a singular or plural of it
 * ("arch" for "arches").  Equal words (ignoring case) are not near. */
bool se_spelling_near(const char *given, const char *known);

#define SE_SUGGEST_MAX 3

/* The closest candidates seen so far, closest first. */
struct se_suggestions {
	const char *given;
	const char *best[SE_SUGGEST_MAX];
	unsigned distance[SE_SUGGEST_MAX];
	size_t n;
};

void se_suggest_init(struct se_suggestions *s, const char *given);
/* Keeps `candidate` (not copied: it must outlive `s`) if it is near. */
void se_suggest_consider(struct se_suggestions *s, const char *candidate);
/* Keeps `candidate` first whatever its distance: another spelling of the
 * same thing ("amd64" for "x86_64"). */
void se_suggest_prefer(struct se_suggestions *s, const char *candidate);
/* " (did you mean \"a\"?)", " (did you mean \"a\" or \"b\"?)", or "". */
void se_suggest_format(const struct se_suggestions *s, char *out, size_t len);

#endif
