/*
 * output.h - write an output file atomically: into a temporary file beside
 * it, renamed into place only when complete, so a failed run never leaves a
 * partial or stale-looking file behind.
 */
#ifndef SE_OUTPUT_H
#define SE_OUTPUT_H

#include <stdio.h>

struct se_output {
	FILE *f;
	const char *path;  /* NULL: standard output */
	char tmp[4096];
};

int se_output_open(struct se_output *o, const char *path);
/* Renames into place if ok, otherwise removes the temporary file. */
int se_output_close(struct se_output *o, int ok);

#endif
