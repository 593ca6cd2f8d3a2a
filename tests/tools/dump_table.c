/*
 * dump_table: linked with a generated C file, writes program N (or `last`,
 * the one for current kernels) of the filter `seccomp_embed_filter` to
 * stdout exactly as it sits in memory, which
 * is what the kernel reads.  Built for the target (natively or with a cross
 * compiler run under qemu-user), its output must equal `--format bpf`.
 */
#include <seccomp_embed.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct seccomp_embed_filter seccomp_embed_filter;

int main(int argc, char **argv)
{
	const struct seccomp_embed_filter *f = &seccomp_embed_filter;
	unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 0;
	if (argc > 1 && strcmp(argv[1], "last") == 0)
		n = f->n_programs - 1;
	if (f->abi_version != SECCOMP_EMBED_ABI_VERSION || n >= f->n_programs) {
		fprintf(stderr, "dump_table: no program %u\n", n);
		return 1;
	}
	const struct seccomp_embed_program *p = &f->programs[n];
	if (fwrite(p->insns, sizeof *p->insns, p->len, stdout) != p->len)
		return 1;
	return 0;
}
