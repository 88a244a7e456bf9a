/* The plan's deadline rules and the notification regimes it includes
 * (data/regimes/NAME.ini): one kind of rule, a regime's stages named
 * REGIME.KEY after the plan's own [deadline.NAME]. Every mistake is a
 * file:line message, and loading goes on to find the next. */
#include "config_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sirt/calendar.h"
#include "sirt/formdef.h"
#include "sirt/timefmt.h"

static const char *const calendar_keys[] = {"weekend", "holidays", NULL};
static const char *const regime_keys[] = {"title", "cites", "timezone", "weekend", "holidays", NULL};
/* A [deadline.NAME] and a [stage.KEY] take the same keys; a stage also
 * item.KEY lines. */
static const char *const rule_keys[] = {"title", "party", "per", "address", "starts", "within", "calendar",
					"no_later_than", "rolls_to", "warn", "applies", "cites", NULL};

#define STARTS_TEXT \
	"discovered, called, noticed, categorised, classified-major, materiality-determined, submitted:STAGE or " \
	"field:KEY of a form's field"
#define SOURCES_TEXT \
	"field:KEY, ref, title, category, called, discovered, noticed, classified-major, materiality-determined, " \
	"submitted:STAGE or by-hand"

bool decision_key_valid(const char *key)
{
	return key && (strcmp(key, "classified-major") == 0 || strcmp(key, "materiality-determined") == 0);
}

static char *value_of(const struct ini_file *ini, const char *section, const char *key)
{
	const char *v = ini_get(ini, section, key);

	return xstrdup(v ? v : "");
}

/* A zone, weekend and holidays given in section of ini, over cal. */
static bool calendar_keys_load(struct calendar *cal, const struct ini_file *ini, const char *section,
			       const char *zone_section, struct diag_list *diags)
{
	const struct ini_entry *e;
	char why[160];
	bool given = false;

	if ((e = ini_entry(ini, zone_section, "timezone")) && *e->value) {
		given = true;
		if (!calendar_zone_valid(e->value))
			diag_add(diags, e->file, e->line,
				 "timezone \"%s\" is not a time zone this machine knows: give an IANA name such as "
				 "Europe/Brussels (see /usr/share/zoneinfo; install tzdata)", e->value);
		else {
			free(cal->zone);
			cal->zone = xstrdup(e->value);
		}
	}
	if ((e = ini_entry(ini, section, "weekend")) && *e->value) {
		given = true;
		if (!calendar_weekend_parse(e->value, cal->weekend, why, sizeof(why)))
			diag_add(diags, e->file, e->line, "weekend: %s", why);
	}
	if ((e = ini_entry(ini, section, "holidays")) && *e->value) {
		long *days;
		size_t n;

		given = true;
		if (!calendar_holidays_parse(e->value, &days, &n, why, sizeof(why)))
			diag_add(diags, e->file, e->line, "holidays: %s", why);
		else {
			free(cal->holidays);
			cal->holidays = days;
			cal->nholidays = n;
		}
	}
	return given;
}

void config_calendar_load(struct config *c, const struct ini_file *ini, struct diag_list *diags)
{
	calendar_init(&c->calendar);
	ini_check_keys(ini, "calendar", calendar_keys, diags);
	calendar_keys_load(&c->calendar, ini, "calendar", "sirt", diags);
}

static void calendar_copy(struct calendar *to, const struct calendar *from)
{
	to->zone = xstrdup(from->zone);
	memcpy(to->weekend, from->weekend, sizeof(to->weekend));
	to->nholidays = from->nholidays;
	to->holidays = from->nholidays ? xmalloc(from->nholidays * sizeof(long)) : NULL;
	if (from->nholidays)
		memcpy(to->holidays, from->holidays, from->nholidays * sizeof(long));
}

/* What a message calls the rule: deadline "police", stage "nis2.early-warning". */
static const char *kind_of(const struct deadline_rule *d)
{
	return d->regime ? "stage" : "deadline";
}

/* An event a clock starts from (starts, no_later_than): false when text
 * names none. A stage's submitted:KEY is its own regime's until checked. */
static bool parse_event(const struct config *c, const struct deadline_rule *d, const char *text,
			enum deadline_start *start, char **field)
{
	*field = NULL;
	if (!*text || strcmp(text, "discovered") == 0)
		*start = DEADLINE_FROM_DISCOVERED;
	else if (strcmp(text, "called") == 0)
		*start = DEADLINE_FROM_CALLED;
	else if (strcmp(text, "categorised") == 0)
		*start = DEADLINE_FROM_CATEGORISED;
	else if (strcmp(text, "noticed") == 0)
		*start = DEADLINE_FROM_NOTICED;
	else if (decision_key_valid(text)) {
		*start = DEADLINE_FROM_DECIDED;
		*field = xstrdup(text);
	} else if (str_starts_with(text, "field:") && config_field(c, text + 6)) {
		*start = DEADLINE_FROM_FIELD;
		*field = xstrdup(text + 6);
	} else if (str_starts_with(text, "submitted:") && text[10]) {
		*start = DEADLINE_FROM_SUBMITTED;
		*field = d->regime && !strchr(text + 10, '.') ? xasprintf("%s.%s", d->regime->name, text + 10) :
								xstrdup(text + 10);
	} else
		return false;
	return true;
}

/* "cloud_api_data = yes", "customers_affected not empty", "category >=
 * data", "classified-major" or "always". */
static void parse_condition(const struct config *c, struct deadline_rule *d, const char *text,
			    const struct ini_entry *e, struct diag_list *diags)
{
	char *copy = xstrdup(text), *eq = strstr(copy, ">="), *field;

	d->condition = DEADLINE_ALWAYS;
	if (!*str_trim(copy) || strcmp(copy, "always") == 0) {
		free(copy);
		return;
	}
	if (decision_key_valid(copy)) {
		d->condition = DEADLINE_IF_DECIDED;
		d->condition_value = copy;
		return;
	}
	if (eq && strncmp(copy, "category", 8) == 0) {
		d->condition = DEADLINE_IF_CATEGORY;
		d->condition_value = xstrdup(str_trim(eq + 2));
		if (config_category_rank(c, d->condition_value) < 0)
			diag_add(diags, e->file, e->line, "%s \"%s\" names category \"%s\", which [categories] lacks",
				 kind_of(d), d->name, d->condition_value);
		free(copy);
		return;
	}
	if ((eq = strchr(copy, '='))) {
		*eq = '\0';
		d->condition = DEADLINE_IF_EQUALS;
		d->condition_value = xstrdup(str_trim(eq + 1));
		field = str_trim(copy);
	} else if (strlen(copy) > 10 && strcmp(copy + strlen(copy) - 10, " not empty") == 0) {
		copy[strlen(copy) - 10] = '\0';
		d->condition = DEADLINE_IF_NOT_EMPTY;
		field = str_trim(copy);
	} else {
		diag_add(diags, e->file, e->line,
			 "\"applies\" of %s \"%s\" must be always, FIELD = VALUE, FIELD not empty, "
			 "category >= KEY, classified-major or materiality-determined, not \"%s\"",
			 kind_of(d), d->name, text);
		free(copy);
		return;
	}
	d->condition_field = xstrdup(field);
	if (!config_field(c, field))
		diag_add(diags, e->file, e->line, "%s \"%s\" depends on field \"%s\", which no form has", kind_of(d),
			 d->name, field);
	free(copy);
}

/* A span as a [deadline.NAME] has always taken it too: "1d12h" is 36
 * hours of elapsed time. */
static bool within_parse(const char *text, bool plan_rule, struct span *out)
{
	long long seconds;

	if (span_parse(text, out))
		return true;
	if (!plan_rule || duration_parse(text, &seconds) != 0 || seconds <= 0 || seconds % 60)
		return false;
	out->n = seconds / 60;
	out->unit = SPAN_MINUTES;
	return true;
}

/* The span's length as a plan's rule has always counted it, for its
 * default warning: a day 24 hours, a month 30 days. */
static long long nominal_seconds(const struct span *s)
{
	switch (s->unit) {
	case SPAN_MINUTES: return s->n * 60;
	case SPAN_HOURS: return s->n * 3600;
	case SPAN_DAYS: return s->n * 86400;
	case SPAN_MONTHS: return s->n * 30 * 86400;
	}
	return 0;
}

static void parse_item(const struct config *c, struct deadline_rule *d, const struct ini_entry *e,
		       size_t *cap, struct diag_list *diags)
{
	const char *key = e->key + strlen("item."), *bar = strchr(e->value, '|');
	struct stage_item *item;
	char *label, *source;

	if (!definition_key_valid(key)) {
		diag_add(diags, e->file, e->line, "item key \"%s\" may use only a-z, 0-9, '_' and '-'", key);
		return;
	}
	label = bar ? xstrndup(e->value, (size_t)(bar - e->value)) : xstrdup(e->value);
	source = bar ? xstrdup(bar + 1) : NULL;
	str_trim(label);
	if (!*label)
		diag_add(diags, e->file, e->line, "item \"%s\" of stage \"%s\" needs a label: LABEL [| SOURCE]", key,
			 d->name);
	if (source) {
		const char *s = str_trim(source);
		static const char *const plain[] = {"ref", "title", "category", "called", "discovered", "noticed",
						    "classified-major", "materiality-determined", "by-hand", NULL};
		bool ok = false;

		memmove(source, s, strlen(s) + 1);
		for (size_t i = 0; plain[i]; i++)
			ok |= strcmp(source, plain[i]) == 0;
		if (str_starts_with(source, "field:")) {
			ok = true;
			if (!config_field(c, source + 6))
				diag_add(diags, e->file, e->line,
					 "item \"%s\" of stage \"%s\" is filled from field \"%s\", which no form has", key,
					 d->name, source + 6);
		} else if (str_starts_with(source, "submitted:") && source[10]) {
			ok = true;
			if (d->regime && !strchr(source + 10, '.')) {
				char *full = xasprintf("submitted:%s.%s", d->regime->name, source + 10);

				free(source);
				source = full;
			}
		}
		if (!ok)
			diag_add(diags, e->file, e->line,
				 "item \"%s\" of stage \"%s\" has source \"%s\": it must be " SOURCES_TEXT, key,
				 d->name, source);
	} else
		source = config_field(c, key) ? xasprintf("field:%s", key) : xstrdup("by-hand");
	GROW(d->items, *cap, d->nitems + 1);
	item = &d->items[d->nitems++];
	item->key = xstrdup(key);
	item->label = label;
	item->source = source;
}

/* One rule from [deadline.NAME] of the plan or [stage.KEY] of a regime. */
static void parse_rule(const struct config *c, const struct ini_file *ini, const char *section,
		       struct deadline_rule *d, struct diag_list *diags)
{
	const struct ini_section *sec = ini_section(ini, section);
	const struct ini_entry *e;
	size_t items_cap = 0;

	d->file = sec->file;
	d->line = sec->line;
	d->rolls_to = -1;
	if (!d->regime)
		ini_check_keys(ini, section, rule_keys, diags);
	for (size_t i = 0; d->regime && i < ini->len; i++) {
		bool known = false;

		e = &ini->entries[i];
		if (strcmp(e->section, section) != 0)
			continue;
		for (size_t k = 0; rule_keys[k]; k++)
			known |= strcmp(e->key, rule_keys[k]) == 0;
		if (str_starts_with(e->key, "item."))
			parse_item(c, d, e, &items_cap, diags);
		else if (!known)
			diag_add(diags, e->file, e->line,
				 "unknown key \"%s\" in [%s] (known: title, party, per, address, starts, within, "
				 "calendar, no_later_than, rolls_to, warn, applies, cites, item.KEY)", e->key, section);
	}
	d->title = value_of(ini, section, "title");
	d->cites = value_of(ini, section, "cites");
	d->party = value_of(ini, section, "party");
	d->address = value_of(ini, section, "address");
	d->per = value_of(ini, section, "per");
	if (d->regime)
		ini_require(ini, section, "title", diags);
	if (!*d->per)
		ini_require(ini, section, "party", diags);
	else if (!config_field(c, d->per) || config_field(c, d->per)->type != FIELD_CUSTOMERS)
		diag_key(diags, ini, section, "per", "\"per\" of %s \"%s\" must name a customers field, and \"%s\" is not one",
			kind_of(d), d->name, d->per);

	if (d->regime)
		ini_require(ini, section, "starts", diags);
	e = ini_entry(ini, section, "starts");
	d->start_line = e ? e->line : sec->line;
	if (!parse_event(c, d, e ? e->value : "", &d->start, &d->start_field))
		diag_add(diags, e->file, e->line, "\"starts\" of %s \"%s\" must be " STARTS_TEXT ", not \"%s\"",
			 kind_of(d), d->name, e->value);

	d->span.n = 0;
	if (ini_require(ini, section, "within", diags) &&
	    !within_parse(ini_get(ini, section, "within"), !d->regime, &d->span))
		diag_key(diags, ini, section, "within",
			"\"within\" of %s \"%s\" must be a time such as 24h, 14d or 90m, not \"%s\"", kind_of(d), d->name,
			ini_get(ini, section, "within"));
	d->within = d->span.n ? span_seconds(&d->span) : 0;
	if (d->within < 0)
		d->within = 0;

	if ((e = ini_entry(ini, section, "calendar")) && *e->value) {
		if (strcmp(e->value, "business") == 0)
			d->business = true;
		else if (strcmp(e->value, "calendar") != 0)
			diag_add(diags, e->file, e->line, "\"calendar\" of %s \"%s\" must be calendar or business, not \"%s\"",
				 kind_of(d), d->name, e->value);
	}

	if ((e = ini_entry(ini, section, "no_later_than")) && *e->value) {
		const char *after = strstr(e->value, " after ");
		char *span = after ? xstrndup(e->value, (size_t)(after - e->value)) : NULL;

		if (!span || !span_parse(str_trim(span), &d->cap_span) ||
		    !parse_event(c, d, after + 7 + strspn(after + 7, " "), &d->cap_start, &d->cap_field))
			diag_add(diags, e->file, e->line,
				 "\"no_later_than\" of %s \"%s\" must be SPAN after EVENT (24h after discovered), not \"%s\"",
				 kind_of(d), d->name, e->value);
		else
			d->has_cap = true;
		free(span);
	}

	if ((e = ini_entry(ini, section, "rolls_to")) && *e->value) {
		int h, m, used = 0;

		if (sscanf(e->value, "%2d:%2d%n", &h, &m, &used) == 2 && !e->value[used] && strlen(e->value) == 5 &&
		    h >= 0 && h < 24 && m >= 0 && m < 60)
			d->rolls_to = h * 60 + m;
		else
			diag_add(diags, e->file, e->line, "\"rolls_to\" of %s \"%s\" must be a time of day HH:MM, not \"%s\"",
				 kind_of(d), d->name, e->value);
	}

	/* A plan's rule warns a fifth of its span before; a stage, unless
	 * told, a quarter of the time from its start to its due (-1). */
	d->warn = d->regime ? -1 : nominal_seconds(&d->span) / 5;
	if ((e = ini_entry(ini, section, "warn")) && duration_parse(e->value, &d->warn) != 0)
		diag_add(diags, e->file, e->line, "\"warn\" of %s \"%s\" must be a time such as 4h or 2d, not \"%s\"",
			 kind_of(d), d->name, e->value);

	if ((e = ini_entry(ini, section, "applies")))
		parse_condition(c, d, e->value, e, diags);
}

static struct deadline_rule *rule_add(struct config *c, size_t *cap, const char *name,
				      const struct regime *regime)
{
	struct deadline_rule *d;

	GROW(c->deadlines, *cap, c->ndeadlines + 1);
	d = &c->deadlines[c->ndeadlines++];
	memset(d, 0, sizeof(*d));
	d->name = xstrdup(name);
	d->regime = regime;
	return d;
}

/* Where [sirt] regimes' item is: a name beside the plan's file
 * (regimes/NAME.ini), else in the shipped data/regimes; a path relative
 * to the plan's file. NULL, with a message, when it is nowhere. */
static char *regime_find(const struct ini_entry *e, const char *item, char **name, struct diag_list *diags)
{
	size_t len = strlen(item);
	char *beside, *shipped, *path;

	if (strchr(item, '/') || (len > 4 && strcmp(item + len - 4, ".ini") == 0)) {
		const char *base = strrchr(item, '/') ? strrchr(item, '/') + 1 : item;
		size_t blen = strlen(base);

		*name = xstrndup(base, blen > 4 && strcmp(base + blen - 4, ".ini") == 0 ? blen - 4 : blen);
		if (!definition_key_valid(*name)) {
			diag_add(diags, e->file, e->line,
				 "regime file \"%s\" must be named NAME.ini, NAME of a-z, 0-9, '-' and '_'", item);
			FREE(name);
			return NULL;
		}
		path = config_resolve(e->file, item);
		if (access(path, R_OK) != 0) {
			diag_add(diags, e->file, e->line, "regime file %s cannot be read: correct the path in regimes",
				 path);
			FREE(&path);
			FREE(name);
		}
		return path;
	}
	if (!definition_key_valid(item)) {
		diag_add(diags, e->file, e->line,
			 "regimes names \"%s\": a regime is a name of a-z, 0-9, '-' and '_', or a path to its .ini file",
			 item);
		return NULL;
	}
	*name = xstrdup(item);
	beside = xasprintf("regimes/%s.ini", item);
	path = config_resolve(e->file, beside);
	shipped = xasprintf("%s/data/regimes/%s.ini", config_sample_dir(), item);
	if (access(path, R_OK) != 0) {
		if (access(shipped, R_OK) == 0) {
			free(path);
			path = shipped;
			shipped = NULL;
		} else {
			diag_add(diags, e->file, e->line, "there is no regime \"%s\": looked for %s and %s", item, path,
				 shipped);
			FREE(&path);
			FREE(name);
		}
	}
	free(beside);
	free(shipped);
	return path;
}

static void regime_load(struct config *c, struct regime *r, size_t *cap, struct diag_list *diags)
{
	struct ini_file ini;
	const struct ini_section *head;

	if (!ini_read(r->path, &ini, diags)) {
		/* What it read before it gave up is freed as well. */
		ini_free(&ini);
		return;
	}
	head = ini_section(&ini, "regime");
	if (!head)
		diag_add(diags, r->path, 0, "a regime file needs a [regime] section with its title");
	else {
		ini_check_keys(&ini, "regime", regime_keys, diags);
		ini_require(&ini, "regime", "title", diags);
	}
	r->title = value_of(&ini, "regime", "title");
	r->cites = value_of(&ini, "regime", "cites");
	calendar_copy(&r->own_calendar, &c->calendar);
	r->has_own_calendar = calendar_keys_load(&r->own_calendar, &ini, "regime", "regime", diags);
	if (!r->has_own_calendar)
		calendar_free(&r->own_calendar);
	r->calendar = r->has_own_calendar ? &r->own_calendar : &c->calendar;
	for (size_t i = 0; i < ini.nsections; i++) {
		const struct ini_section *sec = &ini.sections[i];
		struct deadline_rule *d;
		char *name;

		if (strcmp(sec->name, "regime") == 0)
			continue;
		if (!str_starts_with(sec->name, "stage.")) {
			diag_add(diags, sec->file, sec->line,
				 "unknown section [%s] in a regime file (known: [regime], [stage.KEY])", sec->name);
			continue;
		}
		if (!definition_key_valid(sec->name + 6)) {
			diag_add(diags, sec->file, sec->line, "stage key \"%s\" may use only a-z, 0-9, '_' and '-'",
				 sec->name + 6);
			continue;
		}
		name = xasprintf("%s.%s", r->name, sec->name + 6);
		d = rule_add(c, cap, name, r);
		free(name);
		parse_rule(c, &ini, sec->name, d, diags);
		d->file = r->path;
	}
	ini_free(&ini);
}

/* A stage that starts when another is submitted: that stage must exist
 * and the chain must end. */
static void check_chains(const struct config *c, struct diag_list *diags)
{
	for (size_t i = 0; i < c->ndeadlines; i++) {
		const struct deadline_rule *d = &c->deadlines[i], *at = d;
		size_t steps = 0;

		if (d->has_cap && d->cap_start == DEADLINE_FROM_SUBMITTED && !config_deadline(c, d->cap_field))
			diag_add(diags, d->file, d->line,
				 "\"no_later_than\" of %s \"%s\" counts from \"%s\" submitted, and there is no such "
				 "stage or deadline", kind_of(d), d->name, d->cap_field);
		if (d->start != DEADLINE_FROM_SUBMITTED)
			continue;
		if (!config_deadline(c, d->start_field)) {
			diag_add(diags, d->file, d->start_line,
				 "%s \"%s\" starts when \"%s\" is submitted, and there is no such stage or deadline",
				 kind_of(d), d->name, d->start_field);
			continue;
		}
		while (at && at->start == DEADLINE_FROM_SUBMITTED && steps++ <= c->ndeadlines) {
			at = config_deadline(c, at->start_field);
			if (at == d) {
				diag_add(diags, d->file, d->start_line,
					 "%s \"%s\" starts when \"%s\" is submitted, which waits for it in turn (a cycle)",
					 kind_of(d), d->name, d->start_field);
				break;
			}
		}
	}
}

void config_rules_load(struct config *c, const struct ini_file *ini, struct diag_list *diags)
{
	const struct ini_entry *e = ini_entry(ini, "sirt", "regimes");
	struct strlist names = {0};
	size_t cap = 0;

	for (size_t i = 0; i < ini->nsections; i++) {
		const char *n = ini->sections[i].name;

		if (str_starts_with(n, "deadline."))
			parse_rule(c, ini, n, rule_add(c, &cap, n + strlen("deadline."), NULL), diags);
	}
	if (e)
		strlist_split(&names, e->value);
	c->regimes = names.len ? xcalloc(names.len, sizeof(*c->regimes)) : NULL;
	for (size_t i = 0; i < names.len; i++) {
		struct regime *r = &c->regimes[c->nregimes];
		char *name = NULL;
		char *path = regime_find(e, names.items[i], &name, diags);
		bool twice = false;

		if (!path)
			continue;
		for (size_t k = 0; k < c->nregimes; k++)
			twice |= strcmp(c->regimes[k].name, name) == 0;
		if (twice) {
			diag_add(diags, e->file, e->line, "regimes names \"%s\" twice", name);
			free(path);
			free(name);
			continue;
		}
		r->name = name;
		r->path = path;
		r->calendar = &c->calendar;
		c->nregimes++;
		regime_load(c, r, &cap, diags);
		/* A file that cannot be read has said so; it has no title. */
		if (!r->title) {
			r->title = xstrdup("");
			r->cites = xstrdup("");
		}
	}
	strlist_free(&names);
	check_chains(c, diags);
}

static void rule_free(struct deadline_rule *d)
{
	free(d->name);
	free(d->party);
	free(d->address);
	free(d->start_field);
	free(d->condition_field);
	free(d->condition_value);
	free(d->per);
	free(d->title);
	free(d->cites);
	free(d->cap_field);
	for (size_t i = 0; i < d->nitems; i++) {
		free(d->items[i].key);
		free(d->items[i].label);
		free(d->items[i].source);
	}
	free(d->items);
}

void config_rules_free(struct config *c)
{
	for (size_t i = 0; i < c->ndeadlines; i++)
		rule_free(&c->deadlines[i]);
	FREE(&c->deadlines);
	c->ndeadlines = 0;
	for (size_t i = 0; i < c->nregimes; i++) {
		struct regime *r = &c->regimes[i];

		free(r->name);
		free(r->title);
		free(r->cites);
		free(r->path);
		if (r->has_own_calendar)
			calendar_free(&r->own_calendar);
	}
	FREE(&c->regimes);
	c->nregimes = 0;
	calendar_free(&c->calendar);
}

const struct deadline_rule *config_rule_named(const struct config *c, const char *name, char **others)
{
	const struct deadline_rule *found = config_deadline(c, name), *one = NULL;
	struct strbuf all = {0};
	size_t n = 0;

	*others = NULL;
	if (found || !name || strchr(name, '.'))
		return found;
	for (size_t i = 0; i < c->ndeadlines; i++) {
		const struct deadline_rule *d = &c->deadlines[i];

		if (d->regime && strcmp(d->name + strlen(d->regime->name) + 1, name) == 0) {
			strbuf_printf(&all, "%s%s", n++ ? ", " : "", d->name);
			one = d;
		}
	}
	if (n == 1) {
		strbuf_free(&all);
		return one;
	}
	*others = n ? strbuf_take(&all) : NULL;
	strbuf_free(&all);
	return NULL;
}
