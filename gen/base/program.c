#include "program.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void se_program_free(struct se_program *p)
{
	free(p->insns);
	p->insns = NULL;
	p->len = 0;
}

int se_program_concat(const struct sock_filter *head, size_t head_len,
		      const struct se_program *tail, struct se_program *out)
{
	size_t len = head_len + tail->len;
	out->insns = malloc((len ? len : 1) * sizeof *out->insns);
	if (!out->insns)
		return -1;
	if (head_len)
		memcpy(out->insns, head, head_len * sizeof *head);
	memcpy(out->insns + head_len, tail->insns, tail->len * sizeof *tail->insns);
	out->len = len;
	return 0;
}

static void put(unsigned char *out, uint32_t v, int bytes, bool big_endian)
{
	for (int i = 0; i < bytes; i++) {
		int shift = big_endian ? 8 * (bytes - 1 - i) : 8 * i;
		out[i] = (unsigned char)(v >> shift);
	}
}

static uint32_t get(const unsigned char *in, int bytes, bool big_endian)
{
	uint32_t v = 0;
	for (int i = 0; i < bytes; i++) {
		int shift = big_endian ? 8 * (bytes - 1 - i) : 8 * i;
		v |= (uint32_t)in[i] << shift;
	}
	return v;
}

void se_insn_to_bytes(const struct sock_filter *in, bool big_endian, unsigned char out[8])
{
	put(out, in->code, 2, big_endian);
	out[2] = in->jt;
	out[3] = in->jf;
	put(out + 4, in->k, 4, big_endian);
}

void se_insn_from_bytes(const unsigned char in[8], bool big_endian, struct sock_filter *out)
{
	out->code = (uint16_t)get(in, 2, big_endian);
	out->jt = in[2];
	out->jf = in[3];
	out->k = get(in + 4, 4, big_endian);
}

int se_program_read_raw(const char *file, bool big_endian, struct se_program *out)
{
	static unsigned char raw[SE_BPF_MAX_INSNS * 8 + 1];
	*out = (struct se_program){0};
	FILE *f = fopen(file, "rb");
	if (!f)
		return se_fail("%s: cannot open: %s", file, strerror(errno));
	size_t len = fread(raw, 1, sizeof raw, f);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return se_fail("%s: cannot read", file);
	if (len == 0 || len % 8 || len >= sizeof raw)
		return se_fail("%s: expected raw BPF, 1 to %d instructions of 8 bytes, and it has "
			       "%zu%s bytes", file, SE_BPF_MAX_INSNS, len,
			       len >= sizeof raw ? " or more" : "");
	if (!(out->insns = calloc(len / 8, sizeof *out->insns)))
		return se_internal("out of memory");
	out->len = len / 8;
	for (size_t i = 0; i < out->len; i++)
		se_insn_from_bytes(raw + 8 * i, big_endian, &out->insns[i]);
	return 0;
}
