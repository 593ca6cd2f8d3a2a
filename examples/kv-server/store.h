/*
 * store.h - the key-value table every client thread shares: fixed size
 * (no allocation once the sandbox is on), one lock.
 */
#ifndef KV_STORE_H
#define KV_STORE_H

#include <stdbool.h>
#include <stddef.h>

#define KV_MAX_KEYS 1024
#define KV_MAX_KEY 64
#define KV_MAX_VALUE 256

/* Each returns false when the key is absent (get, del) or the table full
 * (set).  `value` of get holds KV_MAX_VALUE bytes. */
bool kv_set(const char *key, const char *value);
bool kv_get(const char *key, char *value);
bool kv_del(const char *key);
size_t kv_count(void);

#endif
