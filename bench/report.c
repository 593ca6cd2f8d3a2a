/* See report.h. */
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "report.h"

/* The first "model name" of /proc/cpuinfo, or "unknown" (some arches have none). */
static void cpu_model(char *out, size_t size)
{
	char line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");
	snprintf(out, size, "unknown");
	while (f && fgets(line, sizeof line, f)) {
		char *colon = strchr(line, ':');
		if (strncmp(line, "model name", 10) == 0 && colon) {
			snprintf(out, size, "%s", colon + 2);
			out[strcspn(out, "\n")] = '\0';
			break;
		}
	}
	if (f)
		fclose(f);
}

/* What `nproc` prints: the CPUs this process may run on. */
static int usable_cpus(void)
{
	cpu_set_t set;
	return sched_getaffinity(0, sizeof set, &set) == 0 ? CPU_COUNT(&set) : -1;
}

/* Nanoseconds of one getppid() round trip, averaged over 1000: how fast
 * this machine enters the kernel, to compare tables between machines. */
static double syscall_ns(void)
{
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < 1000; i++)
		syscall(SYS_getppid);
	clock_gettime(CLOCK_MONOTONIC, &b);
	return ((double)(b.tv_sec - a.tv_sec) * 1e9 + (double)(b.tv_nsec - a.tv_nsec)) / 1000;
}

void bench_report_machine(void)
{
	struct utsname u;
	char cpu[128];
	cpu_model(cpu, sizeof cpu);
	if (uname(&u) != 0)
		strcpy(u.release, "unknown");
	printf("machine: %s, nproc %d, Linux %s %s, a getppid() takes %.0f ns\n", cpu,
	       usable_cpus(), u.release, u.machine, syscall_ns());
#if defined(__SANITIZE_ADDRESS__)
	printf("note: built with AddressSanitizer; these numbers say nothing about a normal build\n");
#endif
}

void bench_report_header(const char *profile, size_t children)
{
	printf("seccomp-embed start-up bench: %zu forked children per method, timed in the child "
	       "from fork() to the filter in force (CLOCK_MONOTONIC)\n", children);
	printf("profile: %s\n", profile);
	bench_report_machine();
	printf("\n");
}

void bench_report_row(const char *method, size_t instructions, const struct bench_stats *s)
{
	static int head_done;
	if (!head_done) {
		printf("| method | BPF instructions | median (us) | p10 (us) | p90 (us) |\n");
		printf("|---|---:|---:|---:|---:|\n");
		head_done = 1;
	}
	printf("| %s | %zu | %.1f | %.1f | %.1f |\n", method, instructions, s->median / 1e3,
	       s->p10 / 1e3, s->p90 / 1e3);
}

void bench_report_ratio(const char *a, const char *b, double a_ns, double b_ns)
{
	printf("%s / %s: %.1fx (medians)\n", a, b, a_ns / b_ns);
}
