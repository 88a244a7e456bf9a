/* The rules every path into sirt holds text to (sirt/input.h). */
#include "sirt/input.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "sirt/utf8.h"

bool input_text_check(const char *text, size_t len, enum input_shape shape, size_t max, char *why,
		      size_t why_size)
{
	if (!utf8_valid(text, len)) {
		snprintf(why, why_size, "is not valid UTF-8 text");
		return false;
	}
	if (len > max) {
		snprintf(why, why_size, "is %zu bytes long; at most %zu fit", len, max);
		return false;
	}
	if (shape == INPUT_ONE_LINE && memchr(text, '\n', len)) {
		snprintf(why, why_size, "must be one line");
		return false;
	}
	return true;
}

bool input_email_valid(const char *s)
{
	const char *at = strchr(s, '@');

	if (!at || at == s || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return false;
	for (; *s; s++)
		if (isspace((unsigned char)*s) || iscntrl((unsigned char)*s))
			return false;
	return true;
}

/* Labels of letters, digits, hyphens (and underscores, seen in real
 * names), 1 to 63 bytes, at least two of them; bytes past ASCII are an
 * internationalised name as typed. */
bool input_domain_valid(const char *d)
{
	size_t label = 0, labels = 1, len = strlen(d);

	if (len == 0 || len > 253 || d[0] == '.' || d[0] == '-')
		return false;
	for (const char *p = d; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '.') {
			if (label == 0 || p[-1] == '-')
				return false;
			label = 0;
			labels++;
		} else if (isalnum(c) || c == '-' || c == '_' || c >= 0x80) {
			if (++label > 63 || (label == 1 && c == '-'))
				return false;
		} else {
			return false;
		}
	}
	return label > 0 && d[len - 1] != '-' && labels >= 2;
}
