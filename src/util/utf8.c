/* UTF-8 decoding and column widths for aligning text on a terminal. */
#include "sirt/utf8.h"

#include <string.h>
#include <wctype.h>
#include <wchar.h>

#include "sirt/mem.h"

int utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	int n;

	if (len == 0)
		return -1;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return -1;
	}
	if ((size_t)n > len)
		return -1;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, UTF-16 surrogates and values past U+10FFFF. */
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return n;
}

size_t utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

bool utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	uint32_t cp;

	while (i < len) {
		int n = utf8_decode(s + i, len - i, &cp);
		if (n < 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

int codepoint_width(uint32_t cp)
{
	/* Printable ASCII without the call: a long field is mostly that. */
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	return wcwidth((wchar_t)cp);
}

bool codepoint_dangerous(uint32_t cp)
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
	/* Format controls and fillers that show as nothing or as blanks,
	 * each used to hide text: the deprecated shaping controls, the
	 * musical and shorthand format controls, the Hangul fillers, and
	 * Khmer's invisible vowels (Unicode says not to use them). */
	if ((cp >= 0x206A && cp <= 0x206F) || (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0x1BCA0 && cp <= 0x1BCA3) ||
	    cp == 0x3164 || cp == 0xFFA0 || cp == 0x17B4 || cp == 0x17B5)
		return true;
	/* Whatever the C library does not consider printable. */
	return codepoint_width(cp) < 0;
}

/* Width of the character at s; *bytes gets its length. */
static int char_width(const char *s, size_t len, size_t *bytes)
{
	uint32_t cp;
	int n = utf8_decode(s, len, &cp);
	int w;

	if (n < 0) {
		*bytes = 1;
		return 1;
	}
	*bytes = (size_t)n;
	w = codepoint_width(cp);
	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	size_t len = strlen(s);
	size_t i = 0;
	int width = 0;

	while (i < len) {
		size_t n;
		width += char_width(s + i, len - i, &n);
		i += n;
	}
	return width;
}

size_t text_fit(const char *s, int cols, int *used)
{
	size_t i = 0;
	int width = 0;

	/* Never the length of the whole rest: text_wrap fits row after row
	 * of a long text, and would measure it again for each. */
	while (s[i]) {
		size_t n;
		int w = char_width(s + i, strnlen(s + i, 4), &n);
		if (width + w > cols)
			break;
		width += w;
		i += n;
	}
	if (used)
		*used = width;
	return i;
}

size_t text_wrap(const char *s, int cols, size_t *starts, size_t max)
{
	size_t n = 0, at = 0;

	/* The end is found where the rows reach it, not measured first: a
	 * caller that asks for two rows of a long text pays for two rows. */
	if (max == 0)
		return 0;
	while (n < max) {
		size_t fit;

		while (s[at] == ' ' && n > 0)
			at++;
		starts[n++] = at;
		fit = text_fit(s + at, cols, NULL);
		/* Not even one character fits: it gets a row of its own, whole,
		 * with the marks that combine with it. */
		if (fit == 0 && s[at]) {
			size_t mark;

			char_width(s + at, strnlen(s + at, 4), &fit);
			while (s[at + fit] && char_width(s + at + fit, strnlen(s + at + fit, 4), &mark) == 0)
				fit += mark;
		}
		if (!s[at + fit])
			break;
		/* Break after the last blank that fits, if there is one. */
		for (size_t cut = fit; cut > 0; cut--) {
			if (s[at + cut] == ' ') {
				fit = cut;
				break;
			}
		}
		at += fit;
	}
	return n;
}

char *text_wrap_row(const char *s, const size_t *starts, size_t n, size_t k)
{
	size_t end = k + 1 < n ? starts[k + 1] : strlen(s);

	while (end > starts[k] && s[end - 1] == ' ')
		end--;
	return xstrndup(s + starts[k], end - starts[k]);
}

void text_pad(struct strbuf *out, const char *s, int cols, bool ellipsis)
{
	int used = 0;
	size_t fit;

	if (cols <= 0)
		return;
	fit = text_fit(s, cols, &used);
	if (s[fit] && ellipsis) {
		fit = text_fit(s, cols - 1, &used);
		strbuf_add(out, s, fit);
		strbuf_puts(out, "…");
		used++;
	} else {
		strbuf_add(out, s, fit);
	}
	for (; used < cols; used++)
		strbuf_putc(out, ' ');
}

void text_pad_left(struct strbuf *out, const char *s, int cols)
{
	int width = text_width(s);

	if (width >= cols) {
		text_pad(out, s, cols, false);
		return;
	}
	for (; width < cols; width++)
		strbuf_putc(out, ' ');
	strbuf_puts(out, s);
}

size_t utf8_fit_bytes(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/* The code point at s, or the byte itself when it is not valid UTF-8;
 * *len gets how many bytes it takes. */
static uint32_t code_at(const char *s, int *len)
{
	uint32_t cp;

	*len = utf8_decode(s, strlen(s), &cp);
	if (*len < 0) {
		*len = 1;
		cp = (unsigned char)*s;
	}
	return cp;
}

static bool is_word(uint32_t cp)
{
	return iswalnum((wint_t)cp) != 0;
}

size_t utf8_match_word(const char *origin, const char *text, const char *needle)
{
	const char *t = text, *n = needle;
	uint32_t first = 0, last = 0;
	int lt, ln;

	if (!*needle)
		return 0;
	while (*n) {
		uint32_t a, b;

		if (!*t)
			return 0;
		a = code_at(t, &lt);
		b = code_at(n, &ln);
		if (towlower((wint_t)a) != towlower((wint_t)b))
			return 0;
		if (n == needle)
			first = b;
		last = b;
		t += lt;
		n += ln;
	}
	if (is_word(first) && text > origin) {
		const char *p = text - 1;

		while (p > origin && ((unsigned char)*p & 0xC0) == 0x80)
			p--;
		if (is_word(code_at(p, &lt)))
			return 0;
	}
	if (is_word(last) && *t && is_word(code_at(t, &lt)))
		return 0;
	return (size_t)(t - text);
}

bool utf8_equal_nocase(const char *a, const char *b)
{
	return strlen(a) == 0 ? strlen(b) == 0 : utf8_match_word(a, a, b) == strlen(a);
}

char *text_fold_letters(const char *s)
{
	static const struct {
		uint32_t cp;
		const char *as;
	} letters[] = {
		{0x00c6, "AE"}, {0x00d0, "D"}, {0x00d8, "O"}, {0x00de, "TH"}, {0x00df, "ss"}, {0x00e6, "ae"},
		{0x00f0, "d"}, {0x00f8, "o"}, {0x00fe, "th"}, {0x0110, "D"}, {0x0111, "d"}, {0x0126, "H"},
		{0x0127, "h"}, {0x0130, "I"}, {0x0131, "i"}, {0x0141, "L"}, {0x0142, "l"}, {0x0152, "OE"},
		{0x0153, "oe"}, {0x0166, "T"}, {0x0167, "t"}, {0x1e9e, "SS"},
	};
	/* U+00C0 to U+024F: the base letter of each accented one (its
	 * canonical decomposition's first), '.' for the rest. */
	static const char accented[] =
		"AAAAAA.CEEEEIIII.NOOOOO..UUUUY..aaaaaa.ceeeeiiii.nooooo..uuuuy.yAaAaAaCcCcCcCcDd..EeEeEeEeEeGg"
		"GgGgGgHh..IiIiIiIiI...JjKk.LlLlLl....NnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTt..UuUuUuUuUuUuWwYyYZzZz"
		"Zz.................................Oo.............Uu............................AaIiOoUuUuUuUu"
		"Uu.AaAa....GgKkOoOo..j...Gg..NnAa....AaAaEeEeIiIiOoOoRrRrUuUuSsTt..Hh......AaEeOoOoOoOoYy......"
		"......................";
	struct strbuf out = {0};
	size_t len = strlen(s);

	for (size_t at = 0; at < len;) {
		uint32_t cp = 0;
		int n = utf8_decode(s + at, len - at, &cp);
		const char *as = NULL;

		if (n <= 0)
			n = 1;
		for (size_t i = 0; cp >= 0xc6 && i < sizeof(letters) / sizeof(letters[0]) && !as; i++)
			if (letters[i].cp == cp)
				as = letters[i].as;
		if (as)
			strbuf_puts(&out, as);
		else if (cp >= 0xc0 && cp < 0x250 && accented[cp - 0xc0] != '.')
			strbuf_putc(&out, accented[cp - 0xc0]);
		else
			strbuf_add(&out, s + at, (size_t)n);
		at += (size_t)n;
	}
	return out.len ? strbuf_take(&out) : (strbuf_free(&out), xstrdup(""));
}
