/* Other customers' names in a text meant for one customer: found
 * whatever the spelling (case, ß or SS, İ, ı or I, runs of white space,
 * zero-width and other format characters), with the other names they go
 * by and their domains (and sub-domains, and addresses at them), so that
 * they can be replaced; and what still looks like one (a capitalised
 * word sequence that shares a word with another customer's name, such a
 * word written small, a domain that shares a label with one), for the
 * operator to confirm. */
#ifndef SIRT_CUSTOMER_NAMES_H
#define SIRT_CUSTOMER_NAMES_H

#include <stddef.h>

#include "sirt/customer.h"
#include "sirt/fold.h"
#include "sirt/mem.h"

#define CUSTOMER_NAMES_HIDDEN "[another customer]"

struct customer_pattern {
	uint32_t *cps;		/* folded */
	size_t len;
	bool reader;		/* the reader's own: kept */
	bool domain;		/* a domain: matches its sub-domains and addresses too */
};

struct customer_names {
	struct customer_pattern *items;
	size_t len;
	size_t cap;
	struct strlist reader_words;	/* folded words of the reader's names and domains */
	struct strlist other_words;	/* and of every other customer's */
};

/* The names of customers (each its name, aliases, contact's domain and
 * domains); reader is the index of the one the text is for. */
void customer_names_init(struct customer_names *names, const struct customer_list *customers, size_t reader);
void customer_names_free(struct customer_names *names);
/* text with every other customer's name, alias and domain (and its
 * sub-domains, and any address at them) replaced by
 * CUSTOMER_NAMES_HIDDEN. At each place the longest name found decides:
 * the reader's own stays. A new string. */
char *customer_names_redact(const struct customer_names *names, const char *text);
/* What in text still looks like another customer, each once, as
 * written, added to out. */
void customer_names_suspects(const struct customer_names *names, const char *text, struct strlist *out);

#endif
