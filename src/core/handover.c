/* The shift handover brief: per incident, what happened since, what is
 * still open, the clocks that press, who was not reached, the changes
 * waiting and the last notes; most pressing first. And recording the
 * handover. */
#include "sirt/handover.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/calls.h"
#include "sirt/form.h"
#include "sirt/incident.h"
#include "sirt/procedure.h"
#include "sirt/roles.h"
#include "sirt/sanitize.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"

bool handover_covers(const struct incident *incident, const struct deadline_list *deadlines)
{
	if (strcmp(incident->status, INCIDENT_CLOSED) != 0)
		return true;
	for (size_t i = 0; i < deadlines->len; i++)
		if (deadlines->items[i].state != DEADLINE_MET)
			return true;
	return false;
}

bool handover_incident_quiet(const struct handover_incident *item)
{
	return !item->nhappened && !item->steps_open.len && !item->restoration_open.len && !item->nclocks &&
	       !item->next_later && (item->reached || (!item->not_reached.len && !item->next_call)) && !item->nwaiting &&
	       !item->nnotes;
}

static void item_free(struct handover_incident *item)
{
	incident_clear(&item->incident);
	free(item->happened);
	strlist_free(&item->steps_open);
	strlist_free(&item->restoration_open);
	free(item->clocks);
	strlist_free(&item->not_reached);
	free(item->waiting);
	free(item->notes);
	step_list_free(&item->steps);
	call_list_free(&item->call_list);
	change_list_free(&item->changes);
	note_list_free(&item->note_list);
	deadline_list_free(&item->deadlines);
	deadline_met_list_free(&item->met);
	timeline_free(&item->timeline);
}

void handover_brief_free(struct handover_brief *brief)
{
	for (size_t i = 0; i < brief->len; i++)
		item_free(&brief->items[i]);
	free(brief->items);
	handover_free(&brief->last);
	memset(brief, 0, sizeof(*brief));
}

static void open_titles(const struct step_view *views, size_t n, struct strlist *out)
{
	for (size_t i = 0; i < n; i++)
		if (views[i].origin != STEP_EARLIER &&
		    (!views[i].record || strcmp(views[i].record->state, STEP_OPEN) == 0))
			strlist_add(out, views[i].title);
}

static int clock_order(const void *a, const void *b)
{
	const struct deadline *x = *(const struct deadline *const *)a, *y = *(const struct deadline *const *)b;

	return x->due < y->due ? -1 : x->due > y->due;
}

/* What the brief says of the incident, from what was loaded into it. */
static void item_fill(const struct config *config, struct handover_incident *item, time_t now, time_t since)
{
	const struct procedure_def *proc = config_procedure(config, item->incident.procedure);
	struct step_view *views;
	size_t n;
	int reached;

	for (size_t i = 0; i < item->timeline.len; i++) {
		time_t at;

		if (time_parse_utc(item->timeline.items[i].at, &at) == 0 && at > since) {
			item->happened = xrealloc(item->happened, (item->nhappened + 1) * sizeof(*item->happened));
			item->happened[item->nhappened++] = &item->timeline.items[i];
		}
	}
	if (proc) {
		n = procedure_step_views(proc, &item->steps, &views);
		open_titles(views, n, &item->steps_open);
		free(views);
	} else if (item->incident.procedure) {
		/* No procedure applies: the steps the team recorded. */
		n = procedure_step_views(NULL, &item->steps, &views);
		open_titles(views, n, &item->steps_open);
		free(views);
	}
	/* The restoration list once restoration has begun (a step of it
	 * marked): before that, every incident would list all of it. */
	if (config->restoration) {
		bool begun = false;

		n = restoration_step_views(config->restoration, &item->steps, &views);
		for (size_t i = 0; i < n; i++)
			begun |= views[i].record != NULL;
		if (begun)
			open_titles(views, n, &item->restoration_open);
		free(views);
	}
	for (size_t i = 0; i < item->deadlines.len; i++) {
		const struct deadline *d = &item->deadlines.items[i];

		if (d->state == DEADLINE_MET)
			continue;
		if (d->state == DEADLINE_OVERDUE || d->due <= now + HANDOVER_CLOCK_WINDOW) {
			item->clocks = xrealloc(item->clocks, (item->nclocks + 1) * sizeof(*item->clocks));
			item->clocks[item->nclocks++] = d;
		} else if (!item->next_later || d->due < item->next_later->due) {
			item->next_later = d;
		}
	}
	if (item->nclocks > 1)
		qsort(item->clocks, item->nclocks, sizeof(*item->clocks), clock_order);
	item->calls = item->call_list.len;
	item->reached = calls_reached(&item->call_list) != NULL;
	if (!item->reached) {
		int next = calls_next(&config->escalation, &item->call_list, &reached);

		for (size_t i = 0; i < item->call_list.len; i++)
			if (strlist_find(&item->not_reached, item->call_list.items[i].name) < 0)
				strlist_add(&item->not_reached, item->call_list.items[i].name);
		item->next_call = next >= 0 ? config_contact(config, config->escalation.items[next]) : NULL;
	}
	for (size_t i = 0; i < item->changes.len; i++)
		if (strcmp(item->changes.items[i].state, CHANGE_PROPOSED) == 0) {
			item->waiting = xrealloc(item->waiting, (item->nwaiting + 1) * sizeof(*item->waiting));
			item->waiting[item->nwaiting++] = &item->changes.items[i];
		}
	for (size_t i = item->note_list.len; i-- > 0 && item->nnotes < HANDOVER_NOTES;) {
		item->notes = xrealloc(item->notes, (item->nnotes + 1) * sizeof(*item->notes));
		item->notes[item->nnotes++] = &item->note_list.items[i];
	}
}

/* The soonest due of the incident's clocks not met, or NULL. */
static const struct deadline *soonest(const struct handover_incident *item)
{
	return item->nclocks ? item->clocks[0] : item->next_later;
}

/* Most pressing first: the clock due (or overdue) soonest; incidents
 * with no clock running after those, the newest first. */
static int item_order(const void *a, const void *b)
{
	const struct handover_incident *x = a, *y = b;
	const struct deadline *dx = soonest(x), *dy = soonest(y);

	if (dx && dy && dx->due != dy->due)
		return dx->due < dy->due ? -1 : 1;
	if (!dx != !dy)
		return dx ? -1 : 1;
	return x->incident.id > y->incident.id ? -1 : x->incident.id < y->incident.id;
}

/* What the brief says of an incident it covers, beyond its clocks. */
static enum status item_load(struct store *store, struct handover_incident *item, struct error *err)
{
	int64_t id = item->incident.id;
	enum status st;

	if ((st = store_steps_get(store, id, &item->steps, err)) ||
	    (st = store_calls_get(store, id, &item->call_list, err)) ||
	    (st = store_changes_get(store, id, &item->changes, err)) ||
	    (st = store_notes_get(store, id, &item->note_list, err)) ||
	    (st = store_timeline_get(store, id, &item->timeline, err)))
		return st;
	return STATUS_OK;
}

enum status handover_brief_build(struct store *store, const struct config *config, time_t now, const time_t *since,
				 struct handover_brief *out, struct error *err)
{
	struct incident_list list;
	enum status st;
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	out->now = now;
	if ((st = store_handover_last(store, &out->last, err)))
		return st;
	if (since) {
		out->since = *since;
		out->source = HANDOVER_SINCE_GIVEN;
	} else if (out->last && time_parse_utc(out->last->at, &out->since) == 0) {
		out->source = HANDOVER_SINCE_LAST;
	} else {
		out->since = now - HANDOVER_DEFAULT_SPAN;
		out->source = HANDOVER_SINCE_DEFAULT;
	}
	if ((st = store_incident_list(store, true, &list, err))) {
		handover_brief_free(out);
		return st;
	}
	for (size_t i = 0; i < list.len; i++) {
		struct handover_incident item = {0};

		item.incident = list.items[i];
		memset(&list.items[i], 0, sizeof(list.items[i]));
		/* The clocks first: a closed incident whose clocks were all
		 * met is left at that. */
		if ((st = incident_deadlines(store, config, &item.incident, now, &item.deadlines, &item.met, err))) {
			item_free(&item);
			break;
		}
		if (!handover_covers(&item.incident, &item.deadlines)) {
			item_free(&item);
			continue;
		}
		if ((st = item_load(store, &item, err))) {
			item_free(&item);
			break;
		}
		item.closed = strcmp(item.incident.status, INCIDENT_CLOSED) == 0;
		item_fill(config, &item, now, out->since);
		GROW(out->items, cap, out->len + 1);
		out->items[out->len++] = item;
	}
	incident_list_free(&list);
	if (st) {
		handover_brief_free(out);
		return st;
	}
	if (out->len > 1)
		qsort(out->items, out->len, sizeof(*out->items), item_order);
	return STATUS_OK;
}

char *handover_since_text(const struct handover_brief *brief)
{
	char at[TIME_TEXT_MAX];

	time_format_local(brief->since, at, sizeof(at));
	switch (brief->source) {
	case HANDOVER_SINCE_LAST:
		return xasprintf("since the last handover, from %s to %s at %s", brief->last->from_login,
				 brief->last->to_login, at);
	case HANDOVER_SINCE_DEFAULT:
		return xasprintf("since 24 hours ago: no handover recorded (from %s)", at);
	default:
		return xasprintf("since %s", at);
	}
}

char *handover_clock_text(const struct deadline *d, time_t now)
{
	char due[TIME_TEXT_MAX], *left = deadline_describe(d, now), *text;

	time_format_local(d->due, due, sizeof(due));
	/* A regime's stage says which stage it is, not only to whom. */
	bool titled = d->rule->regime && d->rule->title && *d->rule->title;

	text = xasprintf("%s%s: %s (%s%s%s), due %s", d->state == DEADLINE_OVERDUE ? "OVERDUE, " : "", left, d->party,
			 d->rule->name, titled ? ", " : "", titled ? d->rule->title : "", due);
	free(left);
	return text;
}

bool handover_login_valid(const char *login)
{
	size_t len = login ? strlen(login) : 0;

	if (!len || len > 64)
		return false;
	for (const unsigned char *p = (const unsigned char *)login; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return false;
	return true;
}

enum status handover_record(struct store *store, const struct config *config, const struct handover_brief *brief,
			    const char *to, const char *note, const struct actor *who, time_t now, int64_t *id,
			    struct error *err)
{
	char *why_not = refusal(config, who, CAN_RESPOND, "recording a handover");
	struct incident *covered;
	char *summary;
	enum status st;

	if (why_not) {
		st = error_set(err, STATUS_PERMISSION, "%s", why_not);
		free(why_not);
		return st;
	}
	if (!handover_login_valid(to))
		return error_set(err, STATUS_DATA,
				 "say whom you hand over to by their login: one word of at most 64 bytes, not \"%s\"",
				 to ? to : "");
	if ((st = form_text_check("note", note, false, FORM_TEXT_MAX, err)))
		return st;
	covered = xcalloc(brief->len ? brief->len : 1, sizeof(*covered));
	for (size_t i = 0; i < brief->len; i++)
		covered[i] = brief->items[i].incident;
	summary = note && *note ? xasprintf("Handed over from %s to %s: %s", who->login, to, note) :
				  xasprintf("Handed over from %s to %s", who->login, to);
	st = store_handover_add(store, to, note ? note : "", covered, brief->len, summary, who, now, id, err);
	free(summary);
	free(covered);
	return st;
}

/* The brief as text or Markdown, every line at most cols columns. */
struct render {
	struct strbuf out;
	int cols;
	bool markdown;
};

/* Stored text as it may be shown: sanitised, and in Markdown with what
 * would be markup escaped (a title's "<img src=...>" or "[x](...)" reads
 * as typed), as the report writes it. */
static char *shown(const struct render *r, const char *text)
{
	char *safe = sanitize(text, 0);
	struct strbuf out = {0};

	if (!r->markdown)
		return safe;
	for (const char *p = safe; *p; p++) {
		if (strchr("\\`*_[]<>|&~#", *p))
			strbuf_putc(&out, '\\');
		strbuf_putc(&out, *p);
	}
	free(safe);
	return out.len ? strbuf_take(&out) : (strbuf_free(&out), xstrdup(""));
}

/* text (untrusted: sanitised here) after prefix (ours), wrapped to the
 * width with the rows after the first indented by `hang` columns. */
static void put(struct render *r, const char *prefix, int hang, const char *text)
{
	char *safe = shown(r, text), *whole = xasprintf("%s%s", prefix, safe);
	int width = r->cols - (hang >= r->cols / 2 ? r->cols / 2 : hang);
	size_t *starts = xcalloc(strlen(whole) + 1, sizeof(*starts));
	size_t n = text_wrap(whole, width, starts, strlen(whole) + 1);

	free(safe);
	/* Every row within the width less the hanging indent, the first
	 * too: no row is longer than cols. */
	for (size_t k = 0; k < n; k++) {
		char *row = text_wrap_row(whole, starts, n, k);

		if (k)
			strbuf_printf(&r->out, "%*s", r->cols - width, "");
		strbuf_add(&r->out, row, text_fit(row, width, NULL));
		strbuf_putc(&r->out, '\n');
		free(row);
	}
	free(starts);
	free(whole);
}

static void put_heading(struct render *r, const char *label)
{
	if (r->markdown)
		put(r, "- ", 2, label);
	else
		put(r, "  ", 4, label);
}

static void put_item(struct render *r, const char *text)
{
	if (r->markdown)
		put(r, "  - ", 4, text);
	else
		put(r, "    ", 6, text);
}

/* The first few of a list of steps still open (the next ones to work),
 * and how many more. */
static void put_open(struct render *r, const char *what, const struct strlist *open, const char *ref)
{
	char *line;

	if (!open->len)
		return;
	line = xasprintf("%s (%zu):", what, open->len);
	put_heading(r, line);
	free(line);
	for (size_t i = 0; i < open->len && i < HANDOVER_STEPS_SHOWN; i++)
		put_item(r, open->items[i]);
	if (open->len > HANDOVER_STEPS_SHOWN) {
		line = xasprintf("and %zu more (sirt show %s)", open->len - HANDOVER_STEPS_SHOWN, ref);
		put_item(r, line);
		free(line);
	}
}

static void render_incident(struct render *r, const struct handover_incident *item, time_t now)
{
	const struct incident *in = &item->incident;
	char *line;

	if (r->markdown)
		strbuf_putc(&r->out, '\n');
	if (r->markdown) {
		put(r, "## ", 3, in->ref);
		strbuf_putc(&r->out, '\n');
		line = xasprintf("%s%s: %s", in->status, item->closed ? " (a clock still runs)" : "", in->title);
	} else {
		line = xasprintf("%s  %s%s  %s", in->ref, in->status, item->closed ? " (a clock still runs)" : "",
				 in->title);
	}
	put(r, "", 2, line);
	free(line);
	if (handover_incident_quiet(item)) {
		put(r, r->markdown ? "" : "  ", 2, "Nothing new since, nothing open, no clock running.");
		if (!r->markdown)
			strbuf_putc(&r->out, '\n');
		return;
	}
	if (r->markdown)
		strbuf_putc(&r->out, '\n');
	if (item->nclocks) {
		put_heading(r, "Clocks:");
		for (size_t i = 0; i < item->nclocks; i++) {
			char *text = handover_clock_text(item->clocks[i], now);

			put_item(r, text);
			free(text);
		}
	}
	if (item->next_later) {
		char *text = handover_clock_text(item->next_later, now);

		line = xasprintf("Next clock: %s", text);
		put_heading(r, line);
		free(line);
		free(text);
	}
	if (!item->nhappened)
		put_heading(r, "Since then: nothing new.");
	if (item->nhappened) {
		size_t first = item->nhappened > HANDOVER_ENTRIES_SHOWN ? item->nhappened - HANDOVER_ENTRIES_SHOWN : 0;

		line = first ? xasprintf("Since then (%zu; the last %d here, all in sirt show %s):", item->nhappened,
					 HANDOVER_ENTRIES_SHOWN, in->ref) :
			       xasprintf("Since then (%zu):", item->nhappened);
		put_heading(r, line);
		free(line);
		for (size_t i = first; i < item->nhappened; i++) {
			const struct timeline_entry *e = item->happened[i];
			char when[TIME_TEXT_MAX];
			time_t at;

			if (time_parse_utc(e->happened ? e->happened : e->at, &at) == 0)
				time_format_short(at, when, sizeof(when));
			else
				snprintf(when, sizeof(when), "?");
			line = xasprintf("%s %s: %s", when, e->who, e->summary);
			put_item(r, line);
			free(line);
		}
	}
	put_open(r, "Steps open", &item->steps_open, in->ref);
	put_open(r, "Restoration open", &item->restoration_open, in->ref);
	if (!item->reached && (item->not_reached.len || item->next_call)) {
		struct strbuf sb = {0};

		strbuf_puts(&sb, "Escalation: nobody reached yet");
		for (size_t i = 0; i < item->not_reached.len; i++)
			strbuf_printf(&sb, "%s%s", i ? ", " : "; not reached: ", item->not_reached.items[i]);
		if (item->next_call)
			strbuf_printf(&sb, "; next: %s, %s", item->next_call->name,
				      *item->next_call->phone ? item->next_call->phone : "no phone");
		put_heading(r, strbuf_str(&sb));
		strbuf_free(&sb);
	}
	if (item->nwaiting) {
		put_heading(r, "Changes waiting for a decision:");
		for (size_t i = 0; i < item->nwaiting; i++) {
			line = xasprintf("%lld: %s (proposed by %s)", (long long)item->waiting[i]->number,
					 item->waiting[i]->what, item->waiting[i]->proposed_by);
			put_item(r, line);
			free(line);
		}
	}
	if (item->nnotes) {
		put_heading(r, "Last notes:");
		for (size_t i = 0; i < item->nnotes; i++) {
			const struct note *n = item->notes[i];
			char when[TIME_TEXT_MAX];
			time_t at;

			if (time_parse_utc(n->noted_at, &at) == 0)
				time_format_short(at, when, sizeof(when));
			else
				snprintf(when, sizeof(when), "?");
			line = xasprintf("%s %s (%s): %s", when, n->noted_by, n->kind, n->text);
			put_item(r, line);
			free(line);
		}
	}
	if (!r->markdown)
		strbuf_putc(&r->out, '\n');
}

char *handover_brief_render(const struct handover_brief *brief, bool markdown, int cols)
{
	struct render r = {.cols = cols < 40 ? 40 : cols, .markdown = markdown};
	char now[TIME_TEXT_MAX], *since = handover_since_text(brief), *line;

	time_format_local(brief->now, now, sizeof(now));
	/* The heading's mark outside what put() escapes. */
	line = xasprintf("Shift handover brief, %s", now);
	put(&r, markdown ? "# " : "", 2, line);
	free(line);
	if (markdown)
		strbuf_putc(&r.out, '\n');
	line = brief->len ? xasprintf("What happened %s; %zu incident%s, most pressing first.", since, brief->len,
				      brief->len == 1 ? "" : "s") :
			    xasprintf("What happened %s.", since);
	put(&r, "", 0, line);
	free(line);
	free(since);
	if (!markdown)
		strbuf_putc(&r.out, '\n');
	if (!brief->len)
		put(&r, markdown ? "\n" : "", 0, "No open incident, and no clock of a closed one still running.");
	for (size_t i = 0; i < brief->len; i++)
		render_incident(&r, &brief->items[i], brief->now);
	return strbuf_take(&r.out);
}
