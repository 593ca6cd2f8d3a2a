/*
 * output.h - write an output file atomically: into a temporary file beside
 * it, renamed into place only when complete, so a failed run never leaves a
 * partial or stale-looking file behind.
 *
 * Standard output, and an existing path that is not a regular file (a
 * device such as /dev/null or /dev/stdout, a named pipe), are written
 * directly: renaming over them would replace the device with a file.  A
 * symbolic link to a regular file is followed, so the link stays a link.
 */
#ifndef SE_OUTPUT_H
#define SE_OUTPUT_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

struct se_output {
	FILE *f;
	const char *path;    /* as given, for messages; NULL: standard output */
	bool direct;         /* written in place, no rename */
	char target[PATH_MAX]; /* the file the rename replaces */
	char tmp[PATH_MAX + 16];
};

int se_output_open(struct se_output *o, const char *path);
/* Renames into place if ok, otherwise removes the temporary file. */
int se_output_close(struct se_output *o, int ok);

#endif
