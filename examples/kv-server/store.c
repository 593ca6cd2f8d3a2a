/*
 * store.c - an open-addressing table under one mutex.  Contention on the
 * mutex is what makes the threads call futex(2): the profile must allow it.
 */
#include "store.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

struct slot {
	bool used;
	char key[KV_MAX_KEY];
	char value[KV_MAX_VALUE];
};

static struct slot table[KV_MAX_KEYS];
static size_t used;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static size_t hash(const char *key)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 16777619u;
	return h % KV_MAX_KEYS;
}

/* The slot holding `key`, or the free slot where it would go; NULL when
 * the key is absent and the table full. */
static struct slot *find(const char *key)
{
	struct slot *free_slot = NULL;
	for (size_t i = 0, at = hash(key); i < KV_MAX_KEYS; i++, at = (at + 1) % KV_MAX_KEYS) {
		struct slot *s = &table[at];
		if (s->used && strcmp(s->key, key) == 0)
			return s;
		if (!s->used && !free_slot)
			free_slot = s;
	}
	return free_slot;
}

bool kv_set(const char *key, const char *value)
{
	pthread_mutex_lock(&lock);
	struct slot *s = find(key);
	if (s && !s->used) {
		s->used = true;
		used++;
		strncpy(s->key, key, KV_MAX_KEY - 1);
	}
	if (s)
		strncpy(s->value, value, KV_MAX_VALUE - 1);
	pthread_mutex_unlock(&lock);
	return s != NULL;
}

bool kv_get(const char *key, char *value)
{
	pthread_mutex_lock(&lock);
	struct slot *s = find(key);
	bool found = s && s->used;
	if (found)
		memcpy(value, s->value, KV_MAX_VALUE);
	pthread_mutex_unlock(&lock);
	return found;
}

bool kv_del(const char *key)
{
	pthread_mutex_lock(&lock);
	struct slot *s = find(key);
	bool found = s && s->used;
	if (found) {
		memset(s, 0, sizeof *s);
		used--;
	}
	pthread_mutex_unlock(&lock);
	return found;
}

size_t kv_count(void)
{
	pthread_mutex_lock(&lock);
	size_t n = used;
	pthread_mutex_unlock(&lock);
	return n;
}
