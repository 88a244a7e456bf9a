/* Folding text for matching names (see sirt/fold.h); the tables are
 * generated from the Unicode Character Database by casefold-gen.py. */
#include "sirt/fold.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/mem.h"
#include "sirt/utf8.h"

struct fold_entry {
	uint32_t from;
	uint32_t to[3];		/* what it is matched as; none for a mark */
	bool cased;		/* case folding changes it */
};

struct fold_range {
	uint32_t first;
	uint32_t last;
};

#include "casefold_table.h"

static bool in_ranges(const struct fold_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct fold_entry *fold_find(uint32_t cp)
{
	size_t lo = 0, hi = COUNT(fold_entries);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < fold_entries[mid].from)
			hi = mid;
		else if (cp > fold_entries[mid].from)
			lo = mid + 1;
		else
			return &fold_entries[mid];
	}
	return NULL;
}

bool codepoint_is_word(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	return in_ranges(word_ranges, COUNT(word_ranges), cp);
}

bool codepoint_is_upper(uint32_t cp)
{
	/* ı folds to i for matching, but is not a capital. */
	const struct fold_entry *e = fold_find(cp);

	return cp != 0x0131 && e && e->cased;
}

static void put(struct folded_text *ft, size_t *cap, uint32_t cp, size_t start, size_t end)
{
	if (ft->len == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		ft->cps = xrealloc(ft->cps, *cap * sizeof(*ft->cps));
		ft->start = xrealloc(ft->start, *cap * sizeof(*ft->start));
		ft->end = xrealloc(ft->end, *cap * sizeof(*ft->end));
	}
	ft->cps[ft->len] = cp;
	ft->start[ft->len] = start;
	ft->end[ft->len] = end;
	ft->len++;
}

void folded_text_make(const char *text, bool trim, struct folded_text *out)
{
	size_t len = strlen(text), at = 0, cap = 0;

	memset(out, 0, sizeof(*out));
	while (at < len) {
		uint32_t cp;
		int n = utf8_decode(text + at, len - at, &cp);
		const struct fold_entry *e;

		if (n <= 0) {
			cp = 0xFFFD;
			n = 1;
		}
		if (in_ranges(format_ranges, COUNT(format_ranges), cp)) {
			/* Invisible: "Con\u200Btoso" is Contoso. */
		} else if (cp == ' ' || in_ranges(space_ranges, COUNT(space_ranges), cp)) {
			if (out->len && out->cps[out->len - 1] == ' ')
				out->end[out->len - 1] = at + (size_t)n;
			else if (out->len || !trim)
				put(out, &cap, ' ', at, at + (size_t)n);
		} else if ((e = fold_find(cp))) {
			for (size_t k = 0; k < 3 && e->to[k]; k++)
				put(out, &cap, e->to[k], at, at + (size_t)n);
		} else {
			put(out, &cap, cp, at, at + (size_t)n);
		}
		at += (size_t)n;
	}
	if (trim && out->len && out->cps[out->len - 1] == ' ')
		out->len--;
}

void folded_text_free(struct folded_text *ft)
{
	FREE(&ft->cps);
	FREE(&ft->start);
	FREE(&ft->end);
	ft->len = 0;
}

char *text_fold(const char *s)
{
	struct folded_text ft;
	struct strbuf out = {0};

	folded_text_make(s, true, &ft);
	for (size_t i = 0; i < ft.len; i++) {
		char bytes[4];

		strbuf_add(&out, bytes, utf8_encode(ft.cps[i], bytes));
	}
	folded_text_free(&ft);
	return strbuf_take(&out);
}
