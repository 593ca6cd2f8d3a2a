/*
 * The embedded way: the Docker default profile was compiled into the table
 * `docker_default` at build time (seccomp_embed() in CMakeLists.txt), so
 * sandboxing is one call with nothing to read, parse or compile.
 */
#include <seccomp_embed.h>

#include "methods.h"

extern const struct seccomp_embed_filter docker_default;

int bench_install_embedded(const char *profile)
{
	(void)profile; /* compiled in: the point of embedding */
	return seccomp_embed_install(&docker_default, 0);
}

size_t bench_embedded_length(void)
{
	const struct seccomp_embed_program *p = seccomp_embed_select_program(&docker_default);
	return p ? p->len : 0;
}
