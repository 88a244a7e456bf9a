/* Making untrusted text safe for a terminal. Anything typed, imported or
 * read from the config may hold escape sequences, C1 controls, invalid
 * UTF-8, bidi overrides, zero-width and tag characters: the store keeps
 * it as typed, and every path to a terminal passes it through here.
 * Output holds only printable characters; applying it twice changes
 * nothing more. */
#ifndef SIRT_SANITIZE_H
#define SIRT_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sirt/mem.h"

enum sanitize_flags {
	SANITIZE_KEEP_NEWLINES = 1 << 0,	/* multi-line text for `show` */
};

/* Appends the visible form of s (len bytes) to out:
 *   C0 controls and DEL as ^X (ESC is "^[", DEL is "^?"),
 *   C1 controls (U+0080-U+009F) as \x9b,
 *   bytes that are not valid UTF-8 as \xff,
 *   bidi controls, zero-width, tag and other invisible or unprintable
 *   code points as <U+202E>. */
void sanitize_append(struct strbuf *out, const char *s, size_t len, unsigned flags);
/* The same into a new string; NULL gives "". */
char *sanitize(const char *s, unsigned flags);
/* True for code points that must never reach a terminal as they are. */
bool sanitize_is_dangerous(uint32_t cp);

#endif
