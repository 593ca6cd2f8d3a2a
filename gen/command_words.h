/*
 * command_words.h - one word of a subcommand's command line, told apart alike
 * by every subcommand: an operand (a word not starting with '-', or '-' alone,
 * standard input), an option with its value ("--opt=value", or "--opt value"
 * and "-o value" for the options the subcommand says take one), or a flag.
 * What each one means is the subcommand's to say.
 */
#ifndef SE_COMMAND_WORDS_H
#define SE_COMMAND_WORDS_H

#include <stdbool.h>

enum se_word_kind { SE_WORD_OPERAND, SE_WORD_OPTION, SE_WORD_FLAG };

struct se_word {
	enum se_word_kind kind;
	const char *name;  /* the operand itself, or the option's or flag's name */
	const char *value; /* an option's value; a flag written "--flag=x" has x, so
			    * that the subcommand can refuse it; otherwise NULL */
	char split[32];    /* the name cut off "--opt=value" */
};

/* Whether an option takes a value, for one subcommand (ctx is its own). */
typedef bool (*se_takes_value_fn)(const char *opt, const void *ctx);

/* Reads argv[*i], and the value after it for an option written apart (*i
 * then moves past it).  Returns 0, or SE_EINPUT after "option X needs a
 * value". */
int se_word_next(int argc, char **argv, int *i, se_takes_value_fn takes_value, const void *ctx,
		struct se_word *out);

#endif
