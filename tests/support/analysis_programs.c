#include "analysis_programs.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "caps.h"
#include "json_doc.h"
#include "profile_parse.h"
#include "reference_filter.h"

const char *const analysis_targets[ANALYSIS_N_TARGETS] = {"amd64", "arm64", "x86", "arm",
							  "s390x", "ppc64le", "riscv64", "mips64"};

static void *must(void *p)
{
	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	return p;
}

const char *analysis_corpus(void)
{
	const char *dir = getenv("SECCOMP_EMBED_CORPUS");
	DIR *dp;
	if (!dir || !*dir)
		dir = "../shared/corpus";
	dp = opendir(dir);
	if (dp) {
		closedir(dp);
		return dir;
	}
	/* the project's own profiles, Docker's default among them */
	static char own[4096];
	const char *src = getenv("SECCOMP_EMBED_SOURCE_DIR");
	snprintf(own, sizeof own, "%s/profiles", src && *src ? src : ".");
	if (!(dp = opendir(own))) {
		printf("SKIP: neither the corpus (%s) nor %s is there\n", dir, own);
		return NULL;
	}
	closedir(dp);
	printf("the corpus is not there (%s): the project's own profiles (%s) instead\n", dir, own);
	return own;
}

static int parse(const char *path, const struct se_arch *a, struct se_profile *p)
{
	struct se_diag d = {.file = path, .quiet = 1};
	cJSON *root = se_json_load(&d, path);
	int rc;
	memset(p, 0, sizeof *p);
	if (!root)
		return -1;
	rc = se_profile_parse(&d, root, a->errno_family, p);
	cJSON_Delete(root);
	return rc ? -1 : 0;
}

static int copy_arches(const struct ref_filter *rf, struct analysis_ref *out)
{
	out->arches.n = 0;
	for (size_t i = 0; i < rf->n_arches && i < SE_MAX_ARCHES; i++) {
		const struct se_arch *a = se_arch_by_token(rf->arches[i]->token);
		if (!a)
			return -1;
		out->arches.arches[out->arches.n++] = a;
	}
	return 0;
}

int analysis_reference(const char *corpus, const char *file, const char *target,
		       struct analysis_ref *out)
{
	char path[4096];
	const struct se_arch *a = se_arch_find(target);
	struct se_target t = {.arch = a};
	struct se_kernel_version th[4], k = {0, 0};
	struct ref_filter rf;
	int rc;

	memset(out, 0, sizeof *out);
	snprintf(path, sizeof path, "%s/%s", corpus, file);
	if (!a || se_caps_docker(NULL, 0, NULL, 0, &t.caps)) {
		printf("FAIL --arch %s: unknown arch or default capabilities\n", target);
		return -1;
	}
	if (parse(path, a, &out->profile))
		return 1; /* refused already, as test_reference_corpus.c checks */
	if (se_kernel_thresholds(&out->profile, th, 4) > 0)
		k = (struct se_kernel_version){6, 1};
	rc = ref_filter_build(&out->profile, &t, k, true, &rf);
	if (rc == REF_OK) {
		out->prog.len = rf.len;
		out->prog.insns = must(malloc(rf.len * sizeof *rf.insns));
		memcpy(out->prog.insns, rf.insns, rf.len * sizeof *rf.insns);
		out->big_endian = rf.big_endian;
		if (copy_arches(&rf, out))
			rc = REF_ERROR;
	}
	if (rc == REF_ERROR)
		printf("FAIL %s --arch %s: the reference failed: %s\n", file, target, rf.why);
	ref_filter_free(&rf);
	return rc == REF_OK ? 0 : rc == REF_REFUSED ? 1 : -1;
}

void analysis_ref_free(struct analysis_ref *r)
{
	se_profile_free(&r->profile);
	se_program_free(&r->prog);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t analysis_list_profiles(const char *dir, char ***names)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t n = 0;
	*names = NULL;
	while (dp && (e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		*names = must(realloc(*names, (n + 1) * sizeof **names));
		(*names)[n++] = must(strdup(e->d_name));
	}
	if (dp)
		closedir(dp);
	if (n)
		qsort(*names, n, sizeof **names, cmp_str);
	return n;
}

size_t analysis_each(const char *corpus, analysis_fn fn, void *ctx, unsigned *failures)
{
	char **files;
	size_t n = analysis_list_profiles(corpus, &files), done = 0;
	for (size_t i = 0; i < n; i++) {
		for (int t = 0; t < ANALYSIS_N_TARGETS; t++) {
			struct analysis_ref r;
			char where[300];
			int rc = analysis_reference(corpus, files[i], analysis_targets[t], &r);
			snprintf(where, sizeof where, "%s --arch %s", files[i], analysis_targets[t]);
			if (rc == 0) {
				fn(&r, files[i], analysis_targets[t], where, ctx);
				done++;
			}
			*failures += rc < 0;
			analysis_ref_free(&r);
		}
		free(files[i]);
	}
	free(files);
	return done;
}

struct se_program analysis_copy(const struct se_program *p)
{
	struct se_program c = {must(malloc((p->len ? p->len : 1) * sizeof *p->insns)), p->len};
	memcpy(c.insns, p->insns, p->len * sizeof *p->insns);
	return c;
}

const char *analysis_docker_default(const char *corpus)
{
	static char path[4096];
	FILE *f;
	snprintf(path, sizeof path, "%s/moby-profiles-default-latest.json", corpus);
	if ((f = fopen(path, "r")) != NULL) {
		fclose(f);
		return "moby-profiles-default-latest.json";
	}
	return "docker-default.json"; /* profiles/: proven to decide like it */
}
