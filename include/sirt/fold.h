/* Text folded for matching names whatever their spelling: full Unicode
 * case folding (ß and SS alike, İ, ı and I alike), a run of white space
 * as one space, format characters (zero-width space, soft hyphen, BOM:
 * Unicode category Cf) left out. Each folded code point remembers the
 * bytes of the original it came from, so a match can be cut out of it. */
#ifndef SIRT_FOLD_H
#define SIRT_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct folded_text {
	uint32_t *cps;
	size_t *start;		/* the original's byte where cps[i]'s character begins */
	size_t *end;		/* and where it ends */
	size_t len;
};

/* text folded; leading and trailing white space dropped when trim. An
 * invalid byte is kept as U+FFFD. */
void folded_text_make(const char *text, bool trim, struct folded_text *out);
void folded_text_free(struct folded_text *ft);

/* Whether cp is a letter, mark or digit (Unicode L, M, N). */
bool codepoint_is_word(uint32_t cp);
/* Whether cp folds to something else: an upper-case or title-case letter. */
bool codepoint_is_upper(uint32_t cp);

/* s folded, as UTF-8 (a new string): the key two spellings share. */
char *text_fold(const char *s);

#endif
