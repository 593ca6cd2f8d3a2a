#include "strace_summary.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

bool se_strace_summary_row(char *line, unsigned long *calls, char **name)
{
	char *tok[8];
	size_t n = 0;
	for (char *save = NULL, *t = strtok_r(line, " \t\n", &save); t && n < 8;
	     t = strtok_r(NULL, " \t\n", &save))
		tok[n++] = t;
	if (n < 5 || !isdigit((unsigned char)tok[0][0]) || strcmp(tok[n - 1], "total") == 0)
		return false;
	char *end;
	*calls = strtoul(tok[3], &end, 10);
	*name = tok[n - 1];
	return *end == '\0';
}
