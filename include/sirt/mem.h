/* Allocation that never returns NULL, and a growable string buffer.
 * Running out of memory is not something sirt can recover from mid-edit,
 * so the allocators report it and abort instead of returning NULL. */
#ifndef SIRT_MEM_H
#define SIRT_MEM_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Frees *pp and clears the pointer, so a second FREE is harmless. */
#define FREE(pp) do { free(*(pp)); *(pp) = NULL; } while (0)

/* Array growth: makes room for at least `need` items in *items of *cap. */
#define GROW(items, cap, need) \
	do { \
		if ((need) > (cap)) { \
			size_t grow_cap_ = (cap) ? (cap) * 2 : 8; \
			while (grow_cap_ < (need)) \
				grow_cap_ *= 2; \
			(items) = xrealloc((items), grow_cap_ * sizeof(*(items))); \
			(cap) = grow_cap_; \
		} \
	} while (0)

struct strbuf {
	char *data;	/* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

void strbuf_add(struct strbuf *sb, const char *s, size_t len);
void strbuf_puts(struct strbuf *sb, const char *s);
void strbuf_putc(struct strbuf *sb, char c);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void strbuf_reset(struct strbuf *sb);
/* Hands the string to the caller (never NULL) and empties the buffer. */
char *strbuf_take(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
/* The contents, "" when nothing was added yet. */
const char *strbuf_str(const struct strbuf *sb);

/* A list of owned strings. */
struct strlist {
	char **items;
	size_t len;
	size_t cap;
};

void strlist_add(struct strlist *list, const char *s);
void strlist_add_owned(struct strlist *list, char *s);
void strlist_free(struct strlist *list);
/* Splits "a, b ,c" at commas, trimming blanks; empty items are dropped. */
void strlist_split(struct strlist *list, const char *s);
int strlist_find(const struct strlist *list, const char *s);

/* FNV-1a of text, going on from hash (FNV_START for a first text): for
 * tables of strings kept in memory, not for anything an attacker picks. */
#define FNV_START 2166136261u
uint32_t str_hash(uint32_t hash, const char *text);
/* Trims ASCII white space at both ends, in place; returns s. */
char *str_trim(char *s);
int str_starts_with(const char *s, const char *prefix);

#endif
