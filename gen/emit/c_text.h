/*
 * c_text.h - text from outside the generator (the profile's path, syscall
 * names, notes about the profile's rules, the command line) written into
 * generated C so that it stays text, whatever its bytes.
 *
 * A profile is input, and the C file is compiled into the program: a name
 * holding the two characters that end a comment would otherwise end the one
 * it is copied into, and what follows would become code.  So, inside a
 * comment, no text may end the comment, open a nested one (-Wcomment), form
 * a trigraph (`??/` is a backslash under -std=c11) or put a backslash
 * before a line end; inside a string literal it may not end the literal.
 * Every byte outside printable ASCII is written as an escape, so the output
 * stays one line of plain ASCII.
 */
#ifndef SE_C_TEXT_H
#define SE_C_TEXT_H

#include <stdio.h>

/* `s` as the text of a block comment (or a `#` listing line): printable
 * ASCII as is, but for `\` and the second character of `*` `/`, `/` `*`
 * and `?` `?`, which are written as \xNN, like every other byte. */
void se_c_comment_text(FILE *f, const char *s);

/* `s` as a C string literal, quotes included: `"`, `\` and `?` escaped
 * with a backslash, every byte outside printable ASCII as a three-digit
 * octal escape (which, unlike \x, cannot run into a following digit). */
void se_c_string(FILE *f, const char *s);

#endif
