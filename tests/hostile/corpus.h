/* The hostile-text corpus (corpus.txt beside this file) and the checks of
 * what a program wrote to a terminal: shared by the `hostile` tool that
 * the CLI test runs and by the end-to-end test on the pseudo-terminal. */
#ifndef SIRT_TESTS_HOSTILE_CORPUS_H
#define SIRT_TESTS_HOSTILE_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

#define CORPUS_LONG_BYTES 10240

struct corpus_entry {
	char name[48];
	char flags[8];		/* see corpus.txt: i, z, L */
	char *text;		/* decoded; NUL-terminated after len bytes */
	size_t len;
};

struct corpus {
	struct corpus_entry *items;
	size_t len;
};

/* Reads the corpus at path; 0, or -1 after saying on stderr what is
 * wrong (file:line). */
int corpus_load(const char *path, struct corpus *out);
/* The corpus of the source tree ($SIRT_SOURCE_DIR, else "."). */
int corpus_load_default(struct corpus *out);
void corpus_free(struct corpus *c);
const struct corpus_entry *corpus_find(const struct corpus *c, const char *name);
/* Valid UTF-8 without NUL: what an operator can type or pass as an
 * argument, and what sirt must store as it is. */
bool corpus_typeable(const struct corpus_entry *e);

enum terminal_check {
	/* Plain text for a terminal (list, show, stderr): printable UTF-8,
	 * newlines and nothing else. */
	TERMINAL_TEXT,
	/* A curses program's output: also CR, BS, TAB and the escape
	 * sequences ncurses draws with (cursor motion, erasing, colours,
	 * scrolling regions, modes), and never one that sets a title,
	 * writes the clipboard, asks the terminal something, or opens a
	 * string (OSC, DCS, APC, PM, SOS). */
	TERMINAL_CURSES,
};

/* Scans bytes written to a terminal. Returns the offset of the first
 * thing that must not be there, or -1 if all is well; *why says what
 * it is. */
long terminal_check(const unsigned char *p, size_t len, enum terminal_check mode, const char **why);

/* Prints what is at offset `at` of p (len bytes), escaped, with a few
 * bytes either side, to stderr after `label`. */
void terminal_check_show(const char *label, const unsigned char *p, size_t len, long at, const char *why);

#endif
