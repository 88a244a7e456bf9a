/* sirt handover: the shift handover brief as text, Markdown or JSON, and
 * recording the handover (--record --to LOGIN). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_internal.h"
#include "sirt/clock.h"
#include "sirt/handover.h"
#include "sirt/sanitize.h"
#include "sirt/timefmt.h"

/* The width text and Markdown are laid out in: what fits a terminal of
 * 80 columns, whatever the terminal (a brief is read, mailed, pasted). */
#define HANDOVER_COLS 80

static void json_time(struct json *j, const char *key, time_t t)
{
	char at[TIME_TEXT_MAX];

	time_format_utc(t, at, sizeof(at));
	json_key(j, key);
	json_string(j, at);
}

static void json_clock(struct json *j, const struct deadline *d, time_t now)
{
	char *left = deadline_describe(d, now);

	json_object_begin(j);
	json_key(j, "rule");
	json_string(j, d->rule->name);
	json_key(j, "party");
	json_string(j, d->party);
	json_time(j, "due", d->due);
	json_key(j, "state");
	json_string(j, d->state == DEADLINE_OVERDUE ? "overdue" : d->state == DEADLINE_WARNING ? "warning" : "open");
	json_key(j, "remaining");
	json_string(j, left);
	/* Negative once overdue. */
	json_key(j, "seconds_left");
	json_int(j, (int64_t)(d->due - now));
	json_object_end(j);
	free(left);
}

static void json_strings(struct json *j, const char *key, const struct strlist *list)
{
	json_key(j, key);
	json_array_begin(j);
	for (size_t i = 0; i < list->len; i++)
		json_string(j, list->items[i]);
	json_array_end(j);
}

static void json_item(struct json *j, const struct handover_incident *item, time_t now)
{
	json_object_begin(j);
	json_key(j, "ref");
	json_string(j, item->incident.ref);
	json_key(j, "title");
	json_string(j, item->incident.title);
	json_key(j, "status");
	json_string(j, item->incident.status);
	json_key(j, "clocks");
	json_array_begin(j);
	for (size_t i = 0; i < item->nclocks; i++)
		json_clock(j, item->clocks[i], now);
	json_array_end(j);
	json_key(j, "next_clock");
	if (item->next_later)
		json_clock(j, item->next_later, now);
	else
		json_null(j);
	json_key(j, "happened");
	json_array_begin(j);
	for (size_t i = 0; i < item->nhappened; i++) {
		const struct timeline_entry *e = item->happened[i];

		json_object_begin(j);
		json_key(j, "at");
		json_string(j, e->at);
		json_key(j, "happened_at");
		json_string(j, e->happened);
		json_key(j, "who");
		json_string(j, e->who);
		json_key(j, "kind");
		json_string(j, e->kind);
		json_key(j, "summary");
		json_string(j, e->summary);
		json_object_end(j);
	}
	json_array_end(j);
	json_strings(j, "steps_open", &item->steps_open);
	json_strings(j, "restoration_open", &item->restoration_open);
	json_key(j, "escalation");
	json_object_begin(j);
	json_key(j, "reached");
	json_bool(j, item->reached);
	json_key(j, "calls");
	json_int(j, (int64_t)item->calls);
	json_strings(j, "not_reached", &item->not_reached);
	json_key(j, "next");
	json_string(j, item->next_call ? item->next_call->id : NULL);
	json_object_end(j);
	json_key(j, "changes_waiting");
	json_array_begin(j);
	for (size_t i = 0; i < item->nwaiting; i++) {
		json_object_begin(j);
		json_key(j, "number");
		json_int(j, item->waiting[i]->number);
		json_key(j, "what");
		json_string(j, item->waiting[i]->what);
		json_key(j, "proposed_by");
		json_string(j, item->waiting[i]->proposed_by);
		json_key(j, "proposed_at");
		json_string(j, item->waiting[i]->proposed_at);
		json_object_end(j);
	}
	json_array_end(j);
	json_key(j, "notes");
	json_array_begin(j);
	for (size_t i = 0; i < item->nnotes; i++) {
		json_object_begin(j);
		json_key(j, "kind");
		json_string(j, item->notes[i]->kind);
		json_key(j, "text");
		json_string(j, item->notes[i]->text);
		json_key(j, "noted_by");
		json_string(j, item->notes[i]->noted_by);
		json_key(j, "noted_at");
		json_string(j, item->notes[i]->noted_at);
		json_object_end(j);
	}
	json_array_end(j);
	json_object_end(j);
}

static void print_json(const struct handover_brief *brief, int64_t recorded, const char *to)
{
	static const char *const sources[] = {"given", "last-handover", "default"};
	struct strbuf sb = {0};
	struct json j;

	cli_json_begin(&j, &sb);
	json_time(&j, "now", brief->now);
	json_time(&j, "since", brief->since);
	json_key(&j, "since_from");
	json_string(&j, sources[brief->source]);
	json_key(&j, "last_handover");
	if (brief->last) {
		json_object_begin(&j);
		json_key(&j, "from");
		json_string(&j, brief->last->from_login);
		json_key(&j, "to");
		json_string(&j, brief->last->to_login);
		json_key(&j, "at");
		json_string(&j, brief->last->at);
		json_key(&j, "note");
		json_string(&j, brief->last->note);
		json_object_end(&j);
	} else {
		json_null(&j);
	}
	json_key(&j, "recorded");
	if (recorded) {
		json_object_begin(&j);
		json_key(&j, "to");
		json_string(&j, to);
		json_time(&j, "at", brief->now);
		json_object_end(&j);
	} else {
		json_null(&j);
	}
	json_key(&j, "incidents");
	json_array_begin(&j);
	for (size_t i = 0; i < brief->len; i++)
		json_item(&j, &brief->items[i], brief->now);
	json_array_end(&j);
	cli_json_print(&j, &sb);
}

int cmd_handover(struct session *s, const struct cli_args *args)
{
	const char *since_text = cli_value(args, "--since"), *to = cli_value(args, "--to");
	const char *note = cli_value(args, "--note");
	bool record = cli_flag(args, "--record");
	struct handover_brief brief;
	struct error err = {0};
	time_t now = session_now(), since;
	int64_t id = 0;

	if (!record && (to || note))
		return usage_error("handover", "--to and --note go with --record: sirt handover --record --to LOGIN");
	if (record && !to)
		return usage_error("handover", "say whom you hand over to: sirt handover --record --to LOGIN");
	if (since_text) {
		char why[256];

		if (time_parse(since_text, now, &since, why, sizeof(why)) != 0)
			return usage_error("handover", "--since %s: %s", since_text, why);
		if (since > now)
			return usage_error("handover", "--since %s is in the future: say from when", since_text);
	}
	/* Refused before anything is read: a reviewer's session, or one
	 * opened read-only, cannot record. */
	if (record && !allowed(s, CAN_RESPOND, "recording a handover"))
		return 77;
	if (record && s->read_only) {
		cli_error("%s was opened read-only%s: a handover cannot be recorded (run it without --read-only, as "
			  "a login that may write the database)", s->db_path, s->notice ? " for this login" : "");
		return 77;
	}
	if (handover_brief_build(s->store, s->config, now, since_text ? &since : NULL, &brief, &err)) {
		cli_error("%s", err.message);
		return status_exit_code(err.status);
	}
	if (record && handover_record(s->store, s->config, &brief, to, note, &s->who, now, &id, &err)) {
		cli_error("%s", err.message);
		handover_brief_free(&brief);
		return status_exit_code(err.status);
	}
	if (cli_json(args)) {
		print_json(&brief, id, to);
	} else {
		char *text = handover_brief_render(&brief, strcmp(args->format, "md") == 0, HANDOVER_COLS);

		fputs(text, stdout);
		if (record) {
			char *safe = sanitize(to, 0);

			printf("%sHanded over from %s to %s: recorded on the timeline of %zu incident%s.\n",
			       strcmp(args->format, "md") == 0 ? "\n" : "", s->who.login, safe, brief.len,
			       brief.len == 1 ? "" : "s");
			free(safe);
		}
		free(text);
	}
	handover_brief_free(&brief);
	return 0;
}
