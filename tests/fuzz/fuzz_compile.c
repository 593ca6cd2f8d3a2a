/*
 * fuzz_compile.c - the generator from bytes to emitted C, for libFuzzer
 * (scripts/fuzz.sh builds it with clang) and for the replay test, which
 * runs it over the seeds and the kept findings in every build.
 *
 * The input is the profile's text.  Its length and first byte pick the
 * target, output format and mode, so one corpus walks the arches, both
 * formats, the development modes and kernel ranges.  Bad input must be
 * refused as it is on the command line; what the harness catches is a
 * crash, a sanitizer error, a hang, or an emitted file that fails.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "emit.h"
#include "json_doc.h"
#include "profile_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const arches[] = {"amd64", "x86", "arm64", "arm", "riscv64", "ppc64le",
				     "s390x", "mips64"};

static void pick_options(const uint8_t *data, size_t size, struct se_options *o)
{
	unsigned pick = size ? data[0] ^ (unsigned)size : 0;
	memset(o, 0, sizeof *o);
	o->enosys_stub = (pick & 0x40) == 0;
	o->name = "fuzz_filter";
	o->profile = "fuzz.json";
	o->quiet = true;
	o->arch = arches[pick % (sizeof arches / sizeof *arches)];
	o->format = (pick & 0x08) ? SE_FORMAT_BPF : SE_FORMAT_C;
	o->mode = (pick & 0x30) == 0x10 ? SE_MODE_TRAP_LOG
		  : (pick & 0x30) == 0x20 ? SE_MODE_LEARN : SE_MODE_ENFORCE;
	if (o->format == SE_FORMAT_BPF || (pick & 0x80)) {
		o->has_kernel = true;
		o->kernel = (struct se_kernel_version){(pick & 0x80) ? 4 : 6, 18};
	}
}

static void compile_and_emit(struct se_diag *d, const struct se_profile *p,
			     const struct se_options *o)
{
	struct se_compiled c;
	if (se_compile(d, p, o, &c) == 0) {
		FILE *sink = fopen("/dev/null", "w");
		if (sink) {
			if (o->format == SE_FORMAT_BPF)
				se_emit_bpf(sink, &c);
			else
				se_emit_c(sink, &c);
			fclose(sink);
		}
	}
	se_compiled_free(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct se_options o;
	struct se_profile profile;
	pick_options(data, size, &o);
	struct se_diag d = {.file = o.profile, .quiet = 1};
	struct se_text text = {malloc(size + 1), size};
	if (!text.buf)
		return 0;
	memcpy(text.buf, data, size);
	text.buf[size] = '\0';
	cJSON *root = se_json_parse_text(&d, &text);
	free(text.buf);
	if (!root)
		return 0;
	const struct se_arch *arch = se_arch_find(o.arch);
	if (se_profile_parse(&d, root, arch->errno_family, &profile) == 0)
		compile_and_emit(&d, &profile, &o);
	se_profile_free(&profile);
	cJSON_Delete(root);
	return 0;
}
