/*
 * The table of embedded profiles.  The descriptions say what the lab step
 * shows, so `sandbox-run --list` doubles as a guide to the replay.
 */
#include "profiles.h"

#include <stdio.h>
#include <string.h>

/* declared by the headers seccomp_embed(... NAME ...) generates */
#include <sandbox_deny.h>
#include <sandbox_default.h>
#include <sandbox_default_no_chmod.h>
#include <sandbox_chmod_wake_alarm.h>
#include <sandbox_chmod_wake_alarm_cap.h>

static const struct sandbox_profile profiles[] = {
	{"none", NULL, "no filter: the command runs unconfined"},
	{"deny", &sandbox_deny,
	 "every syscall but exit and exit_group fails, execve too: the command never runs"},
	{"default", &sandbox_default,
	 "Docker's default profile with docker run's default capabilities"},
	{"default-no-chmod", &sandbox_default_no_chmod,
	 "Docker's default without chmod, fchmod, fchmodat, fchmodat2"},
	{"chmod-wake-alarm", &sandbox_chmod_wake_alarm,
	 "the chmod family needs CAP_WAKE_ALARM; built without it: chmod fails"},
	{"chmod-wake-alarm+cap", &sandbox_chmod_wake_alarm_cap,
	 "the same profile built with CAP_ADD WAKE_ALARM: chmod works"},
};

#define N_PROFILES (sizeof profiles / sizeof profiles[0])

const struct sandbox_profile *sandbox_profile_find(const char *name)
{
	for (size_t i = 0; i < N_PROFILES; i++)
		if (strcmp(profiles[i].name, name) == 0)
			return &profiles[i];
	return NULL;
}

/* The profile's file name without its directory: the generator records
 * the path it was given, which is the builder's, not the reader's. */
static const char *source_of(const struct sandbox_profile *p)
{
	if (!p->filter)
		return "-";
	const char *slash = strrchr(p->filter->profile, '/');
	return slash ? slash + 1 : p->filter->profile;
}

void sandbox_profile_list(void)
{
	for (size_t i = 0; i < N_PROFILES; i++)
		printf("%-22s %-24s %s\n", profiles[i].name, source_of(&profiles[i]),
		       profiles[i].what);
}
