#include "libseccomp_build.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attribution.h"

scmp_filter_ctx se_libseccomp_context(struct se_diag *d, uint32_t default_action,
				      const struct se_arch *const *arches, size_t n_arches,
				      unsigned level)
{
	scmp_filter_ctx ctx = seccomp_init(default_action);
	if (!ctx) {
		se_error(d, "defaultAction", "libseccomp refused the default action");
		return NULL;
	}
	int rc = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
	for (size_t i = 0; rc == 0 && i < n_arches; i++)
		rc = seccomp_arch_add(ctx, arches[i]->token);
	if (rc == 0 && level != 1) /* 1 is libseccomp's default */
		rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, level);
	if (rc) {
		se_error(d, NULL, "libseccomp: cannot set up the filter: %s", strerror(-rc));
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

static struct scmp_arg_cmp condition(const struct se_arg *a)
{
	static const enum scmp_compare ops[] = {
		[SE_OP_NE] = SCMP_CMP_NE, [SE_OP_LT] = SCMP_CMP_LT, [SE_OP_LE] = SCMP_CMP_LE,
		[SE_OP_EQ] = SCMP_CMP_EQ, [SE_OP_GE] = SCMP_CMP_GE, [SE_OP_GT] = SCMP_CMP_GT,
		[SE_OP_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
	};
	return (struct scmp_arg_cmp){a->index, ops[a->op], a->value,
				     a->op == SE_OP_MASKED_EQ ? a->value_two : 0};
}

int se_libseccomp_add_rule(scmp_filter_ctx ctx, int nr, uint32_t action, const struct se_rule *r)
{
	struct scmp_arg_cmp all[6]; /* distinct indexes: at most one per argument */
	if (se_rule_args_ored(r)) {
		for (size_t i = 0; i < r->n_args; i++) {
			struct scmp_arg_cmp one = condition(&r->args[i]);
			int rc = seccomp_rule_add_array(ctx, action, nr, 1, &one);
			if (rc)
				return rc;
		}
		return 0;
	}
	for (size_t i = 0; i < r->n_args; i++)
		all[i] = condition(&r->args[i]);
	return seccomp_rule_add_array(ctx, action, nr, (unsigned)r->n_args, r->n_args ? all : NULL);
}

static int export_bytes(struct se_diag *d, scmp_filter_ctx ctx, unsigned char **buf, size_t *len)
{
	FILE *f = tmpfile();
	long size = 0;
	int rc;
	*buf = NULL;
	if (!f)
		return se_error(d, NULL, "cannot create a temporary file: %s", strerror(errno));
	rc = seccomp_export_bpf(ctx, fileno(f));
	if (rc == 0 && (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0))
		rc = -errno;
	if (rc == 0 && (*buf = malloc((size_t)size + 1)) != NULL) {
		rewind(f);
		*len = fread(*buf, 1, (size_t)size, f);
		if (*len != (size_t)size)
			rc = -EIO;
	}
	fclose(f);
	if (rc == 0 && !*buf)
		rc = -ENOMEM;
	if (rc) {
		free(*buf);
		*buf = NULL;
		return se_error(d, NULL, "libseccomp could not export the filter: %s", strerror(-rc));
	}
	return 0;
}

int se_libseccomp_export(struct se_diag *d, scmp_filter_ctx ctx, bool big_endian,
			 struct se_program *out)
{
	unsigned char *buf;
	size_t len = 0;
	if (export_bytes(d, ctx, &buf, &len))
		return SE_EINPUT;
	out->len = len / 8;
	out->insns = calloc(out->len ? out->len : 1, sizeof *out->insns);
	if (!out->insns) {
		free(buf);
		return se_error(d, NULL, "out of memory");
	}
	for (size_t i = 0; i < out->len; i++)
		se_insn_from_bytes(buf + 8 * i, big_endian, &out->insns[i]);
	free(buf);
	return 0;
}
