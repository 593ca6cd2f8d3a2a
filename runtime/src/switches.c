#include "switches.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmt.h"

static struct se_switches switches = {STDERR_FILENO, 0, 0, SE_REPORT_TEXT};
static int read_already;

static int env_flag(const char *name)
{
	const char *v = getenv(name);
	return v && *v && strcmp(v, "0") != 0;
}

/* Said once: reports would otherwise vanish, or go where the author is not
 * looking, without a word. */
static void note_bad(const char *name, const char *value, const char *why, const char *what_then)
{
	struct se_line l = {.len = 0};
	se_line_str(&l, "seccomp-embed: ");
	se_line_str(&l, name);
	se_line_str(&l, "=");
	se_line_str(&l, value);
	se_line_str(&l, " is ");
	se_line_str(&l, why);
	se_line_str(&l, "; ");
	se_line_str(&l, what_then);
	se_line_write(&l, STDERR_FILENO);
}

static void read_fd(void)
{
	const char *fd = getenv("SECCOMP_EMBED_REPORT_FD");
	char *end;
	if (!fd || !*fd)
		return;
	long n = strtol(fd, &end, 10);
	int fl = *end == '\0' && n >= 0 && n <= 0x7fffffff ? fcntl((int)n, F_GETFL) : -1;
	if (fl != -1 && (fl & O_ACCMODE) != O_RDONLY)
		switches.report_fd = (int)n;
	else
		note_bad("SECCOMP_EMBED_REPORT_FD", fd,
			 fl == -1 ? "not an open file descriptor" : "open for reading only",
			 "violation reports go to standard error");
}

static void read_format(void)
{
	const char *v = getenv("SECCOMP_EMBED_REPORT_FORMAT");
	if (!v || !*v || strcmp(v, "text") == 0)
		return;
	if (strcmp(v, "json") == 0)
		switches.format = SE_REPORT_JSON;
	else
		note_bad("SECCOMP_EMBED_REPORT_FORMAT", v, "neither text nor json",
			 "reports are written as text");
}

const struct se_switches *se_switches_read(unsigned flags)
{
	if (flags & SECCOMP_EMBED_REPORT_ONCE)
		switches.once = 1;
	if (read_already)
		return &switches;
	read_already = 1;
	switches.crash = env_flag("SECCOMP_EMBED_CRASH");
	switches.once |= env_flag("SECCOMP_EMBED_REPORT_ONCE");
	read_fd();
	read_format();
	return &switches;
}
