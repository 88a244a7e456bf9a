/* The terminal sanitiser (see sanitize.h for what becomes what). */
#include "sirt/sanitize.h"

#include <stdio.h>
#include <string.h>

#include "sirt/utf8.h"

bool sanitize_is_dangerous(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F))
		return true;
	/* Bidi embeddings, overrides and isolates, and the marks that steer
	 * them: they reorder what follows and can disguise text. */
	if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
	    cp == 0x200F || cp == 0x061C)
		return true;
	/* Zero-width and invisible formatting characters. */
	if ((cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF ||
	    cp == 0x180E || cp == 0x00AD || cp == 0x034F || cp == 0x2028 || cp == 0x2029)
		return true;
	/* Tag characters can smuggle hidden ASCII. */
	if (cp >= 0xE0000 && cp <= 0xE007F)
		return true;
	/* Interlinear annotation and object replacement controls. */
	if (cp >= 0xFFF9 && cp <= 0xFFFB)
		return true;
	/* Whatever the C library does not consider printable. */
	return codepoint_width(cp) < 0;
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
