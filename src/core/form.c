/* Form validation and display conversions. */
#include "sirt/form.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/cost.h"
#include "sirt/fold.h"
#include "sirt/input.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"

/* A datetime this far past the clock is a typing mistake, not a time. */
#define FUTURE_SLACK_SECONDS 300

void form_problems_free(struct form_problems *p)
{
	for (size_t i = 0; i < p->len; i++) {
		free(p->items[i].key);
		free(p->items[i].message);
	}
	FREE(&p->items);
	p->len = p->cap = 0;
}

const char *form_problem_for(const struct form_problems *p, const char *key)
{
	for (size_t i = 0; i < p->len; i++)
		if (strcmp(p->items[i].key, key) == 0)
			return p->items[i].message;
	return NULL;
}

static void add_problem(struct form_problems *p, const char *key, const char *message)
{
	GROW(p->items, p->cap, p->len + 1);
	p->items[p->len].key = xstrdup(key);
	p->items[p->len].message = xstrdup(message);
	p->len++;
}

void form_problem_set(struct form_problems *p, const char *key, const char *message)
{
	for (size_t i = 0; i < p->len; i++) {
		if (strcmp(p->items[i].key, key) != 0)
			continue;
		free(p->items[i].key);
		free(p->items[i].message);
		p->items[i] = p->items[--p->len];
		break;
	}
	if (message)
		add_problem(p, key, message);
}

/* Nothing a reader would see: white space of any kind, format
 * characters (a zero-width space, a word joiner) and marks standing
 * alone. A title of U+2060 U+200B answers nothing. */
bool form_value_blank(const char *s)
{
	struct folded_text ft;
	bool empty;

	if (!s)
		return true;
	for (const char *p = s; *p; p++)
		if (!isspace((unsigned char)*p) && (unsigned char)*p < 0x80)
			return false;
	folded_text_make(s, true, &ft);
	empty = ft.len == 0;
	folded_text_free(&ft);
	return empty;
}

static bool check_phone(const char *s)
{
	int digits = 0;

	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (!strchr("+-() ./x", *s))
			return false;
	}
	return digits >= 3;
}

static bool check_number(const char *s)
{
	if (*s == '-')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	return *s == '\0';
}

static bool check_hostname(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 253 || s[0] == '-' || s[0] == '.')
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '.' && *s != '_')
			return false;
	return true;
}

/* IP addresses (v4 or v6, a /prefix allowed), several separated by commas
 * or blanks. */
static bool check_ips(const char *value, char *why, size_t why_size)
{
	char *copy = xstrdup(value), *save = NULL;
	bool ok = true;

	for (char *tok = strtok_r(copy, ", \t", &save); tok && ok; tok = strtok_r(NULL, ", \t", &save)) {
		unsigned char addr[16];
		char *slash = strchr(tok, '/'), *end = NULL;
		long prefix = -1;
		int family = 0;

		if (slash) {
			*slash = '\0';
			prefix = strtol(slash + 1, &end, 10);
		}
		if (inet_pton(AF_INET, tok, addr) == 1)
			family = 32;
		else if (inet_pton(AF_INET6, tok, addr) == 1)
			family = 128;
		/* A /prefix, if any, must be a number of bits the address has. */
		if (family && (!slash || (slash[1] && !*end && prefix >= 0 && prefix <= family)))
			continue;
		if (family)
			snprintf(why, why_size, "\"%s/%s\" has a bad prefix (0 to %d)", tok, slash + 1, family);
		else
			snprintf(why, why_size, "\"%s\" is not an IPv4 or IPv6 address (e.g. 192.0.2.10 or 2001:db8::1)", tok);
		ok = false;
	}
	free(copy);
	return ok;
}

/* Customers, one a line: "Name <contact@example.org>" (R19 needs each
 * affected customer's security contact), with the names and domains it
 * also goes by (sirt/customer.h). */
bool customers_parse(const char *text, struct customer_list *out, char *why, size_t why_size)
{
	const char *p = text ? text : "";
	int line = 0;

	memset(out, 0, sizeof(*out));
	while (*p) {
		size_t len = strcspn(p, "\n");
		char *l = xstrndup(p, len), problem[200];
		struct customer c;

		line++;
		p += len + (p[len] == '\n');
		if (!*str_trim(l)) {
			free(l);
			continue;
		}
		if (!customer_line_parse(l, &c, problem, sizeof(problem))) {
			snprintf(why, why_size, "line %d%s%s", line, strncmp(problem, "is not", 6) ? ": " : " ", problem);
			free(l);
			customer_list_free(out);
			return false;
		}
		GROW(out->items, out->cap, out->len + 1);
		out->items[out->len++] = c;
		free(l);
	}
	return true;
}

bool customer_named(const char *name, const char *contact, const char *given)
{
	bool named = false;

	if (!given)
		return false;
	if (name) {
		/* As the reports match other customers' names: full case
		 * folding (GROSSBANK is Großbank), white space and format
		 * characters aside. */
		char *have = text_fold(name), *wanted = text_fold(given);

		named = strcmp(have, wanted) == 0;
		free(have);
		free(wanted);
	}
	return named || (contact && *contact && utf8_equal_nocase(contact, given));
}

static bool check_customers(const char *value, char *why, size_t why_size)
{
	struct customer_list customers;
	bool ok = customers_parse(value, &customers, why, why_size);

	customer_list_free(&customers);
	return ok;
}

/* Host names or IP addresses, several separated by commas or blanks.
 * Something that looks like an address (digits and dots, or a colon)
 * must parse as one: "10.0.0.300" is refused, not taken as a name. */
static bool check_hosts(const char *value, char *why, size_t why_size)
{
	char *copy = xstrdup(value), *save = NULL;
	bool ok = true;

	for (char *tok = strtok_r(copy, ", \t", &save); tok && ok; tok = strtok_r(NULL, ", \t", &save)) {
		unsigned char addr[16];
		char *slash = strchr(tok, '/');
		bool numeric = strspn(tok, "0123456789./") == strlen(tok) || strchr(tok, ':');

		if (slash)
			*slash = '\0';	/* a CIDR prefix is allowed after an address */
		if (inet_pton(AF_INET, tok, addr) == 1 || inet_pton(AF_INET6, tok, addr) == 1)
			continue;
		if (!numeric && !slash && check_hostname(tok))
			continue;
		snprintf(why, why_size, "\"%s\" is not a valid IPv4 or IPv6 address or host name", tok);
		ok = false;
	}
	free(copy);
	return ok;
}

size_t form_field_max(const struct field_def *f)
{
	return f->max_length ? f->max_length : field_type_multiline(f->type) ? FORM_MULTILINE_MAX : FORM_TEXT_MAX;
}

bool form_value_check(const struct field_def *f, const char *typed, time_t now, char **normal, char *why,
		      size_t why_size)
{
	char *value = xstrdup(typed ? typed : "");

	*normal = NULL;
	str_trim(value);
	if (!utf8_valid(value, strlen(value))) {
		snprintf(why, why_size, "is not valid UTF-8 text");
		goto fail;
	}
	if (form_value_blank(value)) {
		if (f->required) {
			snprintf(why, why_size, "is required");
			goto fail;
		}
		*normal = value;
		return true;
	}
	if (!input_text_check(value, strlen(value), field_type_multiline(f->type) ? INPUT_LINES : INPUT_ONE_LINE,
			      form_field_max(f), why, why_size))
		goto fail;
	switch (f->type) {
	case FIELD_DATETIME: {
		time_t t;
		char iso[TIME_TEXT_MAX];

		if (time_parse(value, now, &t, why, why_size) != 0)
			goto fail;
		if (t > now + FUTURE_SLACK_SECONDS) {
			char shown[TIME_TEXT_MAX];
			time_format_local(t, shown, sizeof(shown));
			snprintf(why, why_size, "%s is in the future; give a date, e.g. -1d or 2026-01-31 14:05", shown);
			goto fail;
		}
		time_format_utc(t, iso, sizeof(iso));
		free(value);
		*normal = xstrdup(iso);
		return true;
	}
	case FIELD_CHOICE:
	case FIELD_YESNO:
		for (size_t i = 0; i < f->choices.len; i++) {
			if (strcasecmp(f->choices.items[i], value) == 0) {
				free(value);
				*normal = xstrdup(f->choices.items[i]);
				return true;
			}
		}
		{
			struct strbuf list = {0};
			for (size_t i = 0; i < f->choices.len; i++)
				strbuf_printf(&list, "%s%s", i ? ", " : "", f->choices.items[i]);
			snprintf(why, why_size, "must be one of: %s", strbuf_str(&list));
			strbuf_free(&list);
		}
		goto fail;
	case FIELD_EMAIL:
		if (!input_email_valid(value)) {
			snprintf(why, why_size, "is not an e-mail address (name@example.org)");
			goto fail;
		}
		break;
	case FIELD_PHONE:
		if (!check_phone(value)) {
			snprintf(why, why_size, "is not a phone number (digits, spaces and + - ( ) only)");
			goto fail;
		}
		break;
	case FIELD_NUMBER:
		if (!check_number(value)) {
			snprintf(why, why_size, "is not a whole number");
			goto fail;
		}
		break;
	case FIELD_MONEY: {
		int64_t hundredths;

		if (!money_parse(value, &hundredths)) {
			snprintf(why, why_size, "is not an amount (e.g. 1200, 1,200 or 1200.50)");
			goto fail;
		}
		break;
	}
	case FIELD_HOST:
		if (!check_hosts(value, why, why_size))
			goto fail;
		break;
	case FIELD_IP:
		if (!check_ips(value, why, why_size))
			goto fail;
		break;
	case FIELD_CUSTOMERS:
		if (!check_customers(value, why, why_size))
			goto fail;
		break;
	case FIELD_TEXT:
	case FIELD_PERSON:
	case FIELD_MULTILINE:
		break;
	}
	*normal = value;
	return true;
fail:
	free(value);
	return false;
}

/* A field's note: one line, as the form's note box takes it. */
static bool form_note_check(const char *note, char *why, size_t why_size)
{
	char rule[96];

	if (!note || input_text_check(note, strlen(note), INPUT_ONE_LINE, FORM_TEXT_MAX, rule, sizeof(rule)))
		return true;
	snprintf(why, why_size, "note %s", rule);
	return false;
}

bool form_check(const struct form_def *form, const struct field_list *typed, bool whole, time_t now,
		struct field_list *normal, struct form_problems *problems)
{
	bool ok = true;

	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_def *f = &form->fields[i];
		const struct field_value *v = field_list_find(typed, form->key, f->key);
		char *def;
		char why[256], *value;

		if (!v && !whole)
			continue;
		def = v ? NULL : form_default_for_edit(f, now);

		if (form_value_check(f, v ? v->value : def, now, &value, why, sizeof(why)) &&
		    !form_note_check(v ? v->note : NULL, why, sizeof(why))) {
			free(value);
			add_problem(problems, f->key, why);
			ok = false;
		} else if (value) {
			field_list_set(normal, form->key, f->key, value, v ? v->note : "");
			/* What it was edited from goes with it, for the store's check. */
			normal->items[normal->len - 1].base = v ? v->base : -1;
			free(value);
		} else {
			add_problem(problems, f->key, why);
			ok = false;
		}
		free(def);
	}
	return ok;
}

size_t form_required_missing(const struct form_def *form, const struct field_list *stored,
			     const struct field_list *edits, struct strlist *missing)
{
	size_t n = 0;

	for (size_t i = 0; i < form->nfields; i++) {
		const struct field_def *f = &form->fields[i];
		const struct field_value *v;

		if (!f->required)
			continue;
		/* What is typed wins, even typed empty: a value cleared. */
		v = edits ? field_list_find(edits, form->key, f->key) : NULL;
		if (!v && stored)
			v = field_list_find(stored, form->key, f->key);
		if (!v || !v->value || form_value_blank(v->value)) {
			strlist_add(missing, f->key);
			n++;
		}
	}
	return n;
}

enum status form_text_check(const char *what, const char *text, bool required, size_t max, struct error *err)
{
	const char *t = text ? text : "";
	size_t len = strlen(t);
	char why[128];

	if (required && form_value_blank(t))
		return error_set(err, STATUS_DATA, "the %s is required", what);
	if (!input_text_check(t, len, max > FORM_TEXT_MAX ? INPUT_LINES : INPUT_ONE_LINE, max, why, sizeof(why)))
		return error_set(err, STATUS_DATA, "the %s %s", what, why);
	return STATUS_OK;
}

char *form_value_for_edit(const struct field_def *f, const char *stored)
{
	time_t t;
	char buf[TIME_TEXT_MAX];

	if (f->type == FIELD_DATETIME && stored && time_parse_utc(stored, &t) == 0) {
		time_format_local_edit(t, buf, sizeof(buf));
		return xstrdup(buf);
	}
	return xstrdup(stored ? stored : "");
}

char *form_value_for_display(const struct field_def *f, const char *stored)
{
	time_t t;
	char buf[TIME_TEXT_MAX];

	if (f->type == FIELD_DATETIME && stored && time_parse_utc(stored, &t) == 0) {
		time_format_local(t, buf, sizeof(buf));
		return xstrdup(buf);
	}
	return xstrdup(stored ? stored : "");
}

char *form_value_with_note(const struct field_def *f, const struct field_value *v)
{
	char *shown = form_value_for_display(f, v ? v->value : "");
	char *both;

	if (!v || !v->note || !*v->note)
		return shown;
	both = xasprintf("%s  (%s)", *shown ? shown : "-", v->note);
	free(shown);
	return both;
}

char *form_conflict_text(const struct field_def *f, const struct field_value *theirs)
{
	char *shown = form_value_with_note(f, theirs);
	char *when = time_utc_to_local(theirs->updated_at);
	char *text = xasprintf("%s was changed meanwhile by %s (%s), to \"%s\"", f->label,
			       theirs->updated_by ? theirs->updated_by : "another operator", when, shown);

	free(shown);
	free(when);
	return text;
}

char *form_default_for_edit(const struct field_def *f, time_t now)
{
	char buf[TIME_TEXT_MAX];

	if (f->type == FIELD_DATETIME && strcmp(f->default_value, "now") == 0) {
		time_format_local_edit(now, buf, sizeof(buf));
		return xstrdup(buf);
	}
	return xstrdup(f->default_value);
}
