/* A customer as a line of text names it: "Name <security contact>",
 * then, if the operator gives them, the other names it goes by and its
 * domains: "Contoso Ltd <security@contoso.example.org> aka: Contoso,
 * CONTOSO Cloud domains: contoso.example.net". The lead details'
 * customers field and the plan's [customers] hold such lines. */
#ifndef SIRT_CUSTOMER_H
#define SIRT_CUSTOMER_H

#include <stdbool.h>
#include <stddef.h>

#include "sirt/mem.h"

struct customer {
	char *name;
	char *contact;		/* the security contact's e-mail address */
	struct strlist aliases;	/* other names it goes by ("aka:") */
	struct strlist domains;	/* its domains ("domains:"), lower case; the contact's is implied */
};

struct customer_list {
	struct customer *items;
	size_t len;
	size_t cap;
};

/* One line into out (its own strings); false with why (what is wrong,
 * and what is expected) when it is not of that shape. */
bool customer_line_parse(const char *line, struct customer *out, char *why, size_t why_size);
void customer_clear(struct customer *c);
void customer_list_free(struct customer_list *list);
/* A copy of c added to list. */
void customer_list_add(struct customer_list *list, const struct customer *c);

#endif
