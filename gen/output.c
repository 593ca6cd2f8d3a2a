#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

int se_output_open(struct se_output *o, const char *path)
{
	o->path = path;
	if (!path) {
		o->f = stdout;
		return 0;
	}
	if ((size_t)snprintf(o->tmp, sizeof o->tmp, "%s.tmp.XXXXXX", path) >= sizeof o->tmp)
		return se_fail("%s: path too long", path);
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

int se_output_close(struct se_output *o, int ok)
{
	int failed = ferror(o->f);
	if (!o->path)
		return (fflush(o->f) || failed) ? se_fail("cannot write standard output") : 0;
	failed |= fclose(o->f) != 0;
	if (ok && !failed && rename(o->tmp, o->path) == 0)
		return 0;
	int saved = errno;
	unlink(o->tmp);
	return ok ? se_fail("%s: cannot write: %s", o->path, strerror(saved)) : -1;
}
