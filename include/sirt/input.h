/* What sirt takes as text, from anyone and by any path (the screens,
 * every command, the plan's files, an import): its limits and its rules,
 * in one place, so that no path keeps what another would refuse. Text
 * is kept as it was given (what reaches a terminal is sanitised on the
 * way); what is refused is text that is not UTF-8, longer than its
 * limit, or of several lines where one is asked for. */
#ifndef SIRT_INPUT_H
#define SIRT_INPUT_H

#include <stdbool.h>
#include <stddef.h>

/* Bytes of UTF-8: a one-line text (a field, a field's note, a reason, a
 * description); a text of several lines (a narrative, a statement, a
 * finding); an incident's title when the intake form sets no "max"; the
 * most a form's "max" may give a field. */
#define INPUT_LINE_MAX 2000
#define INPUT_LINES_MAX 20000
#define INPUT_TITLE_MAX 200
#define INPUT_FIELD_CEILING 100000

enum input_shape {
	INPUT_ONE_LINE,		/* no line feed */
	INPUT_LINES,
};

/* Whether text (len bytes) may be kept: valid UTF-8, at most max bytes,
 * and one line if asked. If not, why gets what is wrong, to follow the
 * name of what it is: "is not valid UTF-8 text", "is 2345 bytes long; at
 * most 2000 fit", "must be one line". */
bool input_text_check(const char *text, size_t len, enum input_shape shape, size_t max, char *why,
		      size_t why_size);

/* "someone@example.org": one @ with something before it and a dotted
 * domain after, no blanks or controls: the one test of an address, for
 * customer lines and a form's email fields alike. */
bool input_email_valid(const char *s);
/* A domain name: labels of letters, digits, hyphens and underscores,
 * 1 to 63 bytes each, at least two, 253 in all; bytes past ASCII are an
 * internationalised name as typed. For indicators and customer lines. */
bool input_domain_valid(const char *d);

#endif
