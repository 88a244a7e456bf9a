/* The rules every path into sirt holds text to (sirt/input.h). */
#include "sirt/input.h"

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
