/* UTF-8 decoding and encoding, and display widths in terminal columns.
 * Widths come from wcwidth(), so the program runs under a UTF-8 LC_CTYPE
 * (main() and the tests make sure of it). */
#ifndef SIRT_UTF8_H
#define SIRT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sirt/mem.h"

/* Decodes one code point from s (at most len bytes). Returns its length in
 * bytes (1-4), or -1 for a byte that does not start a valid, shortest-form
 * sequence of a Unicode scalar value (the caller skips that one byte). */
int utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes cp as UTF-8 into out (at least 4 bytes); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);
bool utf8_valid(const char *s, size_t len);
/* The longest prefix of s (len bytes) of at most max bytes that ends at a
 * character boundary: where to cut text that must fit a byte limit. */
size_t utf8_fit_bytes(const char *s, size_t len, size_t max);
/* Whether text, a position in the string that begins at origin, starts
 * with needle ignoring case (simple case folding, any script) and as a
 * whole word: no letter or digit joins it on either side where needle
 * itself begins or ends with one. Returns the bytes of text matched, 0 for
 * no match. "Acme" matches in "ACME's" but not in "Acmeville". */
size_t utf8_match_word(const char *origin, const char *text, const char *needle);
/* a and b equal, ignoring case as utf8_match_word does. */
bool utf8_equal_nocase(const char *a, const char *b);
/* s with the letters that are letters of their own, not a letter with
 * an accent, written as people without them type them: ı and İ as i, ø
 * as o, ł as l, đ and ð as d, ß as ss, æ as ae, œ as oe, þ as th (each
 * case kept), and the accented Latin letters as their base letter (ç as
 * c). What a search folds, both what is searched and what is typed. A
 * new string. */
char *text_fold_letters(const char *s);

/* Columns the code point takes: 0 for combining marks, 2 for wide ones,
 * -1 for what is not printable. */
int codepoint_width(uint32_t cp);
/* Whether the code point must never reach a terminal as it is: controls,
 * bidi and invisible formatting characters, tags, what is unprintable.
 * The sanitiser shows these visibly; the JSON writer escapes them. */
bool codepoint_dangerous(uint32_t cp);
/* Columns of a string meant for display; invalid bytes and unprintable
 * code points count one column each (sanitised text has none of them). */
int text_width(const char *s);
/* Bytes of the longest prefix of s that fits in cols columns, combining
 * marks kept with their base; *used (if not NULL) gets its width. */
size_t text_fit(const char *s, int cols, int *used);
/* Splits s into rows of at most cols columns, breaking after a blank where
 * one fits; writes each row's byte offset to starts (at most max) and
 * returns how many rows (at least 1; the last may be longer than cols if
 * max ran out). */
size_t text_wrap(const char *s, int cols, size_t *starts, size_t max);
/* Row k of the n that text_wrap put in starts, without the blanks it was
 * broken at (which would take a column the row does not have). */
char *text_wrap_row(const char *s, const size_t *starts, size_t n, size_t k);
/* Appends s clipped to cols columns (ending in "…" when it was cut and
 * ellipsis is set) and padded with spaces to exactly cols columns. */
void text_pad(struct strbuf *out, const char *s, int cols, bool ellipsis);
/* Appends s right-aligned in cols columns (clipped if longer). */
void text_pad_left(struct strbuf *out, const char *s, int cols);

#endif
