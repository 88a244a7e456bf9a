/* Finding other customers' names in a customer's report (see
 * sirt/customer_names.h). Everything is compared folded (sirt/fold.h);
 * what is cut out or quoted is the original's bytes. */
#include "sirt/customer_names.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/utf8.h"

/* Words too common in company names to say whose a text means. */
static const char *const generic_words[] = {
	"and", "the", "for", "bank", "banks", "group", "holding", "holdings", "ltd", "limited", "inc", "corp",
	"corporation", "company", "gmbh", "plc", "llc", "services", "com", "org", "net", "www", "mail", "example",
	"security", "status", NULL,
};

static void add_pattern(struct customer_names *n, const char *text, bool reader, bool domain)
{
	struct folded_text ft;
	struct customer_pattern *p;

	folded_text_make(text, true, &ft);
	if (!ft.len) {
		folded_text_free(&ft);
		return;
	}
	GROW(n->items, n->cap, n->len + 1);
	p = &n->items[n->len++];
	p->cps = ft.cps;
	p->len = ft.len;
	p->reader = reader;
	p->domain = domain;
	free(ft.start);
	free(ft.end);
}

static char *cps_text(const uint32_t *cps, size_t len)
{
	struct strbuf out = {0};

	for (size_t i = 0; i < len; i++) {
		char bytes[4];

		strbuf_add(&out, bytes, utf8_encode(cps[i], bytes));
	}
	return strbuf_take(&out);
}

static bool generic(const char *word)
{
	for (size_t i = 0; generic_words[i]; i++)
		if (strcmp(generic_words[i], word) == 0)
			return true;
	return false;
}

/* The telling words of text (runs of letters and digits, three or more,
 * not generic), folded, into words. */
static void add_words(struct strlist *words, const char *text)
{
	struct folded_text ft;
	size_t i = 0;

	folded_text_make(text, true, &ft);
	while (i < ft.len) {
		size_t j = i;

		while (j < ft.len && codepoint_is_word(ft.cps[j]))
			j++;
		if (j - i >= 3) {
			char *word = cps_text(ft.cps + i, j - i);

			if (!generic(word) && strlist_find(words, word) < 0)
				strlist_add(words, word);
			free(word);
		}
		i = j + (j == i);
	}
	folded_text_free(&ft);
}

static void add_customer(struct customer_names *n, const struct customer *c, bool reader)
{
	const char *at = strrchr(c->contact ? c->contact : "", '@');
	struct strlist *words = reader ? &n->reader_words : &n->other_words;

	add_pattern(n, c->name, reader, false);
	add_words(words, c->name);
	for (size_t i = 0; i < c->aliases.len; i++) {
		add_pattern(n, c->aliases.items[i], reader, false);
		add_words(words, c->aliases.items[i]);
	}
	if (at && at[1]) {
		add_pattern(n, at + 1, reader, true);
		add_words(words, at + 1);
	}
	for (size_t i = 0; i < c->domains.len; i++) {
		add_pattern(n, c->domains.items[i], reader, true);
		add_words(words, c->domains.items[i]);
	}
}

void customer_names_init(struct customer_names *n, const struct customer_list *customers, size_t reader)
{
	memset(n, 0, sizeof(*n));
	for (size_t i = 0; i < customers->len; i++)
		add_customer(n, &customers->items[i], i == reader);
}

void customer_names_free(struct customer_names *n)
{
	for (size_t i = 0; i < n->len; i++)
		free(n->items[i].cps);
	FREE(&n->items);
	n->len = n->cap = 0;
	strlist_free(&n->reader_words);
	strlist_free(&n->other_words);
}

/* What may be part of a host name or an address. */
static bool domainish(uint32_t cp)
{
	return codepoint_is_word(cp) || cp == '.' || cp == '-' || cp == '_' || cp == '+' || cp == '%' || cp == '@';
}

/* The end of the run of domain characters that starts at i, without
 * what ends a sentence after it ("see contoso.example.org."). */
static size_t run_end(const struct folded_text *ft, size_t i)
{
	size_t j = i;

	while (j < ft->len && domainish(ft->cps[j]))
		j++;
	while (j > i && !codepoint_is_word(ft->cps[j - 1]))
		j--;
	return j;
}

/* Whether domain p is in the run [i, j): as its host ("contoso.example.org"),
 * the end of a sub-domain ("status.contoso.example.org") or of an
 * address ("alice@contoso.example.org"), or before more labels. */
static bool domain_in_run(const struct customer_pattern *p, const struct folded_text *ft, size_t i, size_t j)
{
	for (size_t k = i; k + p->len <= j; k++) {
		if (k > i && ft->cps[k - 1] != '.' && ft->cps[k - 1] != '@')
			continue;
		if (k + p->len < j && ft->cps[k + p->len] != '.')
			continue;
		if (memcmp(ft->cps + k, p->cps, p->len * sizeof(*p->cps)) == 0)
			return true;
	}
	return false;
}

/* A name at i as a whole word: no letter or digit joins it where it
 * begins or ends with one, but for the plural a person writes ("the
 * Contosos", "Fabrikams"), which is taken with it. How many folded code
 * points it takes, or 0. */
static size_t name_at(const struct customer_pattern *p, const struct folded_text *ft, size_t i)
{
	size_t end = i + p->len;

	if (end > ft->len || memcmp(ft->cps + i, p->cps, p->len * sizeof(*p->cps)) != 0)
		return 0;
	if (codepoint_is_word(p->cps[0]) && i > 0 && codepoint_is_word(ft->cps[i - 1]))
		return 0;
	if (codepoint_is_word(p->cps[p->len - 1]) && end < ft->len && codepoint_is_word(ft->cps[end])) {
		if (ft->cps[end] == 'e' && end + 1 < ft->len && ft->cps[end + 1] == 's')
			end++;
		if (ft->cps[end] != 's' || (end + 1 < ft->len && codepoint_is_word(ft->cps[end + 1])))
			return 0;
		end++;
	}
	return end - i;
}

/* The longest name or domain run at i, in folded code points (0: none);
 * *reader whether it is the reader's (on a tie, another's wins: hidden
 * rather than shown). */
static size_t match_at(const struct customer_names *n, const struct folded_text *ft, size_t i, bool *reader)
{
	size_t best = 0, run = 0;

	if (domainish(ft->cps[i]) && (i == 0 || !domainish(ft->cps[i - 1])))
		run = run_end(ft, i);
	for (size_t k = 0; k < n->len; k++) {
		const struct customer_pattern *p = &n->items[k];
		size_t len = p->domain ? (run > i && domain_in_run(p, ft, i, run) ? run - i : 0) :
					 name_at(p, ft, i);

		if (len > best || (len && len == best && !p->reader)) {
			best = len;
			*reader = p->reader;
		}
	}
	return best;
}

char *customer_names_redact(const struct customer_names *n, const char *text)
{
	struct folded_text ft;
	struct strbuf out = {0};
	size_t copied = 0, i = 0;

	folded_text_make(text, false, &ft);
	while (i < ft.len) {
		bool reader = false;
		size_t len = match_at(n, &ft, i, &reader);

		if (len && !reader) {
			strbuf_add(&out, text + copied, ft.start[i] - copied);
			strbuf_puts(&out, CUSTOMER_NAMES_HIDDEN);
			copied = ft.end[i + len - 1];
		}
		i += len ? len : 1;
		/* A character that folds to several (ß: ss) is passed whole. */
		while (i < ft.len && i > 0 && ft.start[i] == ft.start[i - 1])
			i++;
	}
	strbuf_puts(&out, text + copied);
	folded_text_free(&ft);
	return strbuf_take(&out);
}

static void add_suspect(struct strlist *out, const char *text, size_t start, size_t end)
{
	char *s = xstrndup(text + start, end - start);

	if (strlist_find(out, s) < 0)
		strlist_add(out, s);
	free(s);
}

/* Whether a word [i, j) of ft is one of another customer's, and not the
 * reader's; or begins or ends with one of four letters or more, as a
 * name run into the next word does ("ContosoLtd", "CONTOSOCLOUD"). */
static bool telling(const struct customer_names *n, const struct folded_text *ft, size_t i, size_t j)
{
	char *word = cps_text(ft->cps + i, j - i);
	size_t len = strlen(word);
	bool found = false;

	if (strlist_find(&n->reader_words, word) < 0) {
		found = strlist_find(&n->other_words, word) >= 0;
		for (size_t k = 0; k < n->other_words.len && !found; k++) {
			const char *other = n->other_words.items[k];
			size_t olen = strlen(other);

			found = olen >= 4 && olen < len && strlist_find(&n->reader_words, other) < 0 &&
				(strncmp(word, other, olen) == 0 || strcmp(word + len - olen, other) == 0);
		}
	}
	free(word);
	return found;
}

static bool capitalised(const char *text, const struct folded_text *ft, size_t i)
{
	uint32_t cp;
	int len = utf8_decode(text + ft->start[i], ft->end[i] - ft->start[i], &cp);

	return len > 0 && codepoint_is_upper(cp);
}

void customer_names_suspects(const struct customer_names *n, const char *text, struct strlist *out)
{
	struct folded_text ft;
	size_t i = 0;

	folded_text_make(text, false, &ft);
	while (i < ft.len) {
		bool reader = false, shares = false;
		size_t len = match_at(n, &ft, i, &reader), first = i, last = i, j;

		if (len && reader) {
			/* The reader's own name says no one else. */
			i += len;
			continue;
		}
		if (domainish(ft.cps[i]) && (i == 0 || !domainish(ft.cps[i - 1]))) {
			size_t end = run_end(&ft, i), dots = 0;

			for (j = i; j < end; j++)
				dots += ft.cps[j] == '.';
			if (dots && end > i) {
				/* A host name or address: any label of another's. */
				for (j = i; j < end;) {
					size_t k = j;

					while (k < end && codepoint_is_word(ft.cps[k]))
						k++;
					if (k > j && telling(n, &ft, j, k))
						shares = true;
					j = k + (k == j);
				}
				if (shares)
					add_suspect(out, text, ft.start[i], ft.end[end - 1]);
				i = end;
				continue;
			}
		}
		if (!codepoint_is_word(ft.cps[i]) || (i > 0 && codepoint_is_word(ft.cps[i - 1]))) {
			i++;
			continue;
		}
		if (!capitalised(text, &ft, i)) {
			/* "northwind" written small is still Northwind's. */
			for (j = i; j < ft.len && codepoint_is_word(ft.cps[j]);)
				j++;
			if (telling(n, &ft, i, j))
				add_suspect(out, text, ft.start[i], ft.end[j - 1]);
			i = j;
			continue;
		}
		/* Capitalised words one after the other ("Northwind Ops Team",
		 * "NORTHWIND-EU"), one space, '-' or '&' between them. */
		for (j = i;;) {
			size_t k = j;

			while (k < ft.len && codepoint_is_word(ft.cps[k]))
				k++;
			shares = shares || telling(n, &ft, j, k);
			last = k - 1;
			if (k + 1 < ft.len && (ft.cps[k] == ' ' || ft.cps[k] == '-' || ft.cps[k] == '&') &&
			    codepoint_is_word(ft.cps[k + 1]) && capitalised(text, &ft, k + 1)) {
				j = k + 1;
				continue;
			}
			break;
		}
		if (shares)
			add_suspect(out, text, ft.start[first], ft.end[last]);
		i = last + 1;
	}
	folded_text_free(&ft);
}
