/*
 * Linked into the examples that stay sandboxed until they exit.  In
 * -fsanitize=address builds (CI's second pass), LeakSanitizer checks for
 * leaks at exit from a thread it starts with mmap and clone, and waits for
 * it with sched_yield: a tight profile refuses those, as it should, so the
 * check could only fail or spin.  The sanitizer asks this hook first.
 * In other builds this file is empty.
 */
#ifdef __SANITIZE_ADDRESS__
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
	return 1;
}
#else
typedef int seccomp_embed_no_leak_check_unused; /* ISO C wants a declaration */
#endif
