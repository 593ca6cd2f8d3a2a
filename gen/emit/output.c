#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

static int open_direct(struct se_output *o, const char *path)
{
	o->direct = true;
	o->f = path ? fopen(path, "wb") : stdout;
	return o->f ? 0 : se_fail("%s: cannot write: %s", path, strerror(errno));
}

/* A link to a regular file: replace the file it points to, not the link. */
static int choose_target(struct se_output *o, const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && realpath(path, o->target))
		return 0;
	if (strlen(path) >= sizeof o->target)
		return se_fail("%s: path too long", path);
	strcpy(o->target, path);
	return 0;
}

int se_output_open(struct se_output *o, const char *path)
{
	struct stat st;
	o->path = path;
	o->direct = false;
	if (!path || (stat(path, &st) == 0 && !S_ISREG(st.st_mode)))
		return open_direct(o, path);
	if (choose_target(o, path))
		return SE_EINPUT;
	snprintf(o->tmp, sizeof o->tmp, "%s.tmp.XXXXXX", o->target);
	int fd = mkstemp(o->tmp);
	if (fd < 0)
		return se_fail("%s: cannot create a temporary file: %s", path, strerror(errno));
	fchmod(fd, 0644);
	if (!(o->f = fdopen(fd, "wb"))) {
		close(fd);
		unlink(o->tmp);
		return se_fail("%s: %s", path, strerror(errno));
	}
	return 0;
}

static int close_direct(struct se_output *o)
{
	int failed = ferror(o->f) | (o->path ? fclose(o->f) : fflush(o->f));
	if (failed)
		return se_fail("%s: cannot write", o->path ? o->path : "standard output");
	return 0;
}

int se_output_close(struct se_output *o, int ok)
{
	if (o->direct)
		return close_direct(o);
	int failed = ferror(o->f);
	failed |= fclose(o->f) != 0;
	if (ok && !failed && rename(o->tmp, o->target) == 0)
		return 0;
	int saved = errno;
	unlink(o->tmp);
	return ok ? se_fail("%s: cannot write: %s", o->path, strerror(saved)) : -1;
}
