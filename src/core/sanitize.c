/* The terminal sanitiser (see sanitize.h for what becomes what). */
#include "sirt/sanitize.h"

#include <stdio.h>
#include <string.h>

#include "sirt/utf8.h"

bool sanitize_is_dangerous(uint32_t cp)
{
	return codepoint_dangerous(cp);
}

void sanitize_append(struct strbuf *out, const char *s, size_t len, unsigned flags)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);

		if (n < 0) {
			strbuf_printf(out, "\\x%02x", (unsigned char)s[i]);
			i++;
			continue;
		}
		if (cp == '\n' && (flags & SANITIZE_KEEP_NEWLINES))
			strbuf_putc(out, '\n');
		else if (cp < 0x20)
			strbuf_printf(out, "^%c", (char)(cp + 0x40));
		else if (cp == 0x7F)
			strbuf_puts(out, "^?");
		else if (cp >= 0x80 && cp <= 0x9F)
			strbuf_printf(out, "\\x%02x", (unsigned)cp);
		else if (sanitize_is_dangerous(cp))
			strbuf_printf(out, "<U+%04X>", (unsigned)cp);
		else
			strbuf_add(out, s + i, (size_t)n);
		i += (size_t)n;
	}
}

char *sanitize(const char *s, unsigned flags)
{
	struct strbuf out = {0};

	if (s)
		sanitize_append(&out, s, strlen(s), flags);
	return strbuf_take(&out);
}
