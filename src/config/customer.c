/* Reading a customer line (sirt/customer.h): shared by the customers
 * field of the forms and the plan's [customers]. */
#include "sirt/customer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sirt/input.h"

/* Where the next clause keyword ("aka:", "domains:", "domain:") begins
 * in s at a word start, or NULL; *kind gets 'a' or 'd' and *after what
 * follows the colon. */
static const char *next_clause(const char *s, const char *origin, char *kind, const char **after)
{
	static const struct { const char *word; char kind; } words[] = {
		{"aka:", 'a'}, {"domains:", 'd'}, {"domain:", 'd'},
	};

	for (const char *p = s; *p; p++) {
		if (p > origin && !isspace((unsigned char)p[-1]))
			continue;
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strncasecmp(p, words[i].word, strlen(words[i].word)) == 0) {
				*kind = words[i].kind;
				*after = p + strlen(words[i].word);
				return p;
			}
	}
	return NULL;
}

static bool parse_clauses(const char *rest, struct customer *out, char *why, size_t why_size)
{
	const char *p = rest, *after, *end;
	char kind;

	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return true;
	if (next_clause(p, p, &kind, &after) != p) {
		snprintf(why, why_size, "after the address only \"aka: other names\" and \"domains: example.net\" may "
			 "follow, not \"%.40s\"", p);
		return false;
	}
	while (p && *p) {
		char nkind;
		const char *nafter, *next = next_clause(after, rest, &nkind, &nafter);
		struct strlist items = {0};
		char *clause;

		end = next ? next : after + strlen(after);
		clause = xstrndup(after, (size_t)(end - after));
		strlist_split(&items, clause);
		free(clause);
		if (!items.len) {
			snprintf(why, why_size, "\"%s\" lists nothing: give %s separated by commas",
				 kind == 'a' ? "aka:" : "domains:", kind == 'a' ? "the other names" : "the domains");
			strlist_free(&items);
			return false;
		}
		for (size_t i = 0; i < items.len; i++) {
			if (kind == 'a') {
				strlist_add(&out->aliases, items.items[i]);
				continue;
			}
			for (char *c = items.items[i]; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			if (!input_domain_valid(items.items[i])) {
				snprintf(why, why_size, "\"%.60s\" is not a domain (e.g. contoso.example.org)",
					 items.items[i]);
				strlist_free(&items);
				return false;
			}
			strlist_add(&out->domains, items.items[i]);
		}
		strlist_free(&items);
		p = next;
		kind = nkind;
		after = nafter;
	}
	return true;
}

bool customer_line_parse(const char *line, struct customer *out, char *why, size_t why_size)
{
	char *l = xstrdup(line), *open, *close, *name;
	bool ok = false;

	memset(out, 0, sizeof(*out));
	open = strchr(l, '<');
	close = open ? strchr(open, '>') : NULL;
	if (open && close) {
		*open = '\0';
		*close = '\0';
		name = str_trim(l);
		if (!*name || !input_email_valid(open + 1)) {
			snprintf(why, why_size, "is not \"Customer name <security@example.org>\"");
		} else if (parse_clauses(close + 1, out, why, why_size)) {
			out->name = xstrdup(name);
			out->contact = xstrdup(open + 1);
			ok = true;
		}
	} else {
		snprintf(why, why_size, "is not \"Customer name <security@example.org>\"");
	}
	free(l);
	if (!ok)
		customer_clear(out);
	return ok;
}

void customer_clear(struct customer *c)
{
	FREE(&c->name);
	FREE(&c->contact);
	strlist_free(&c->aliases);
	strlist_free(&c->domains);
}

void customer_list_free(struct customer_list *list)
{
	for (size_t i = 0; i < list->len; i++)
		customer_clear(&list->items[i]);
	FREE(&list->items);
	list->len = list->cap = 0;
}

void customer_list_add(struct customer_list *list, const struct customer *c)
{
	struct customer *copy;

	GROW(list->items, list->cap, list->len + 1);
	copy = &list->items[list->len++];
	memset(copy, 0, sizeof(*copy));
	copy->name = xstrdup(c->name);
	copy->contact = xstrdup(c->contact);
	for (size_t i = 0; i < c->aliases.len; i++)
		strlist_add(&copy->aliases, c->aliases.items[i]);
	for (size_t i = 0; i < c->domains.len; i++)
		strlist_add(&copy->domains, c->domains.items[i]);
}
