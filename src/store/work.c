/* The work on an incident that is not a record kind's: choosing its
 * category and procedure, marking its steps (over the version read),
 * deciding a proposed change and withdrawing a cost line, each checked
 * under the write lock against what another operator did meanwhile. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sirt/incident_data.h"
#include "sirt/mem.h"
#include "sirt/record_kinds.h"
#include "sirt/timefmt.h"

/* Moves the incident's category or procedure (column) from what the
 * caller read (incident's) to key; STATUS_CONFLICT, naming who chose what
 * stands and when, if another operator chose since. */
static enum status choice_move(struct store *s, const struct incident *incident, const char *column, const char *key,
			       const char *doing, struct error *err)
{
	bool category = strcmp(column, "category") == 0;
	const char *read = category ? incident->category : incident->procedure;
	sqlite3_stmt *st;
	enum status rc;
	bool row;

	/* The same choice as theirs is no conflict: nothing of theirs is lost. */
	if ((rc = store_prepare(s, category ?
		"UPDATE incident SET category = ?1 WHERE id = ?2 AND (category IS ?3 OR category IS ?1)" :
		"UPDATE incident SET procedure = ?1 WHERE id = ?2 AND (procedure IS ?3 OR procedure IS ?1)", &st, err)))
		return rc;
	store_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, incident->id);
	store_bind_text(st, 3, read);
	if ((rc = store_finish(s, st, doing, err)) || sqlite3_changes(s->db) > 0)
		return rc;
	if ((rc = store_prepare(s, category ?
		"SELECT category, chosen_by, chosen_at FROM category_choice WHERE incident_id = ? ORDER BY id DESC LIMIT 1" :
		"SELECT procedure, chosen_by, chosen_at FROM procedure_choice WHERE incident_id = ? ORDER BY id DESC LIMIT 1",
		&st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, incident->id);
	if (!(rc = store_step(s, st, &row, doing, err))) {
		char *now = row ? store_column_text(st, 0) : NULL, *by = row ? store_column_text(st, 1) : NULL;
		char *when = row ? store_column_text(st, 2) : NULL, *shown = when ? time_utc_to_local(when) : NULL;

		rc = error_set(err, STATUS_CONFLICT, "%s's %s was changed to %s by %s at %s since you read it",
			       incident->ref, column, now ? now : "none", by ? by : "someone", shown ? shown : "?");
		free(now);
		free(by);
		free(when);
		free(shown);
	}
	store_finalize(s, st);
	return rc;
}

/* Records a choice of category (label, note) or procedure (label: its
 * title; note NULL) in one transaction: from what the caller read, onto
 * the timeline, moving the status on (status may be NULL). */
static enum status record_choice(struct store *s, const struct incident *incident, bool category, const char *key,
				 const char *label, const char *note, const char *summary, const char *status,
				 const struct actor *who, time_t now, struct error *err)
{
	const char *doing = category ? "recording the category" : "recording the procedure";
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;
	int i = 1;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = choice_move(s, incident, category ? "category" : "procedure", key, doing, err)))
		goto fail;
	if ((rc = store_prepare(s, category ?
		"INSERT INTO category_choice (incident_id, category, label, chosen_at, chosen_by, chosen_uid, note)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)" :
		"INSERT INTO procedure_choice (incident_id, procedure, title, chosen_at, chosen_by, chosen_uid)"
		" VALUES (?, ?, ?, ?, ?, ?)", &st, err)))
		goto fail;
	sqlite3_bind_int64(st, i++, incident->id);
	store_bind_text(st, i++, key);
	store_bind_text(st, i++, label);
	store_bind_text(st, i++, at);
	store_bind_text(st, i++, who->login);
	sqlite3_bind_int64(st, i++, who->uid);
	if (category)
		store_bind_text(st, i, note ? note : "");
	if ((rc = store_finish(s, st, doing, err)) ||
	    (rc = store_timeline_add(s, incident->id, at, who, category ? "category" : "procedure", summary, err)) ||
	    (rc = store_incident_touch(s, incident, at, who, NULL, status, err)))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

enum status store_category_set(struct store *s, const struct incident *incident, const char *key,
			       const char *label, const char *note, const struct actor *who, time_t now,
			       struct error *err)
{
	char *summary = incident->category ? xasprintf("Re-categorised from %s to %s: %s", incident->category, key, label) :
					     xasprintf("Categorised %s: %s", key, label);
	enum status rc = record_choice(s, incident, true, key, label, note, summary, NULL, who, now, err);

	free(summary);
	return rc;
}

enum status store_procedure_set(struct store *s, const struct incident *incident, const char *key,
				const char *title, const char *status, const struct actor *who, time_t now,
				struct error *err)
{
	char *summary = xasprintf("Procedure chosen: %s", title);
	enum status rc = record_choice(s, incident, false, key, title, NULL, summary, status, who, now, err);

	free(summary);
	return rc;
}

/* Choices arrive as two lists; each reader grows its own. */
struct choice_reader {
	struct choice_list *out;
	size_t cap;
};

static void read_category_choice(sqlite3_stmt *st, void *reader)
{
	struct choice_reader *r = reader;
	struct category_choice *c;

	GROW(r->out->categories, r->cap, r->out->ncategories + 1);
	c = &r->out->categories[r->out->ncategories++];
	c->category = store_column_text(st, 0);
	c->label = store_column_text(st, 1);
	c->note = store_column_text(st, 2);
	c->chosen_at = store_column_text(st, 3);
	c->chosen_by = store_column_text(st, 4);
	c->imported = store_read_provenance(st, 5);
}

static void read_procedure_choice(sqlite3_stmt *st, void *reader)
{
	struct choice_reader *r = reader;
	struct procedure_choice *p;

	GROW(r->out->procedures, r->cap, r->out->nprocedures + 1);
	p = &r->out->procedures[r->out->nprocedures++];
	p->procedure = store_column_text(st, 0);
	p->title = store_column_text(st, 1);
	p->chosen_at = store_column_text(st, 2);
	p->chosen_by = store_column_text(st, 3);
	p->imported = store_read_provenance(st, 4);
}

enum status store_choices_get(struct store *s, int64_t incident_id, struct choice_list *out, struct error *err)
{
	struct choice_reader categories = {out, 0}, procedures = {out, 0};
	enum status rc;

	memset(out, 0, sizeof(*out));
	rc = store_each_row(s, "SELECT c.category, c.label, c.note, c.chosen_at, c.chosen_by, " PROVENANCE_COLUMNS("p")
			    " FROM category_choice c LEFT JOIN import p ON p.id = c.imported WHERE c.incident_id = ? ORDER BY c.id",
			    incident_id, read_category_choice, &categories, "reading the categories chosen", err);
	if (!rc)
		rc = store_each_row(s, "SELECT c.procedure, c.title, c.chosen_at, c.chosen_by, " PROVENANCE_COLUMNS("p")
				    " FROM procedure_choice c LEFT JOIN import p ON p.id = c.imported"
				    " WHERE c.incident_id = ? ORDER BY c.id",
				    incident_id, read_procedure_choice, &procedures, "reading the procedures chosen", err);
	if (rc)
		choice_list_free(out);
	return rc;
}

static void read_step(sqlite3_stmt *st, void *list)
{
	struct step_list *out = list;
	struct step_record *r;

	GROW(out->items, out->cap, out->len + 1);
	r = &out->items[out->len++];
	r->procedure = store_column_text(st, 0);
	r->step_key = store_column_text(st, 1);
	r->title = store_column_text(st, 2);
	r->state = store_column_text(st, 3);
	r->note = store_column_text(st, 4);
	r->marked_at = store_column_text(st, 5);
	r->marked_by = store_column_text(st, 6);
	r->position = sqlite3_column_int64(st, 7);
	r->version = sqlite3_column_int64(st, 8);
	r->happened_at = store_column_text(st, 9);
	r->imported = store_read_provenance(st, 10);
}

enum status store_steps_get(struct store *s, int64_t incident_id, struct step_list *out, struct error *err)
{
	enum status rc;

	memset(out, 0, sizeof(*out));
	rc = store_each_row(s, "SELECT t.procedure, t.step_key, t.title, t.state, t.note, t.marked_at, t.marked_by,"
			    " t.position, t.version, t.happened_at, " PROVENANCE_COLUMNS("p")
			    " FROM step t LEFT JOIN import p ON p.id = t.imported WHERE t.incident_id = ?"
			    " ORDER BY t.position, t.id",
			    incident_id, read_step, out, "reading steps", err);
	if (rc)
		step_list_free(out);
	return rc;
}

/* Conflict when the step is no longer at version base (0: not marked
 * yet), naming who marked it since and when. Read inside the write's
 * transaction, so that no other mark can come between. */
static enum status step_unchanged(struct store *s, const struct incident *incident, const struct step_record *r,
				  int64_t base, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc;
	bool row;

	if (base < 0)
		return STATUS_OK;
	if ((rc = store_prepare(s, "SELECT version, state, note, marked_by, marked_at FROM step"
				   " WHERE incident_id = ? AND step_key = ?", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, incident->id);
	store_bind_text(st, 2, r->step_key);
	rc = store_step(s, st, &row, "reading the step", err);
	if (!rc && !row && base != 0) {
		rc = error_set(err, STATUS_CONFLICT, "step \"%s\" of %s is not marked yet (version 0), not at version %lld",
			       r->title, incident->ref, (long long)base);
	} else if (!rc && row && sqlite3_column_int64(st, 0) != base) {
		char *state = store_column_text(st, 1), *note = store_column_text(st, 2);
		char *by = store_column_text(st, 3), *when = store_column_text(st, 4);
		char *shown = when ? time_utc_to_local(when) : xstrdup("?");

		rc = error_set(err, STATUS_CONFLICT, "step \"%s\" of %s was marked %s%s%s%s by %s at %s since you read it "
			       "(now at version %lld)", r->title, incident->ref,
			       strcmp(state, STEP_NA) == 0 ? "n/a" : state, *note ? " (" : "", note, *note ? ")" : "",
			       by ? by : "someone", shown, (long long)sqlite3_column_int64(st, 0));
		free(state);
		free(note);
		free(by);
		free(when);
		free(shown);
	}
	store_finalize(s, st);
	return rc;
}

enum status store_step_mark(struct store *s, const struct incident *incident, const struct step_record *r,
			    int64_t base, const char *summary, const char *status, const struct actor *who, time_t now,
			    struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = step_unchanged(s, incident, r, base, err)))
		goto fail;
	if ((rc = store_prepare(s,
		"INSERT INTO step (incident_id, procedure, step_key, title, state, note, position, marked_at,"
		" marked_by, marked_uid, happened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (incident_id, step_key) DO UPDATE SET procedure = excluded.procedure,"
		" title = excluded.title, state = excluded.state, note = excluded.note,"
		" marked_at = excluded.marked_at, marked_by = excluded.marked_by,"
		" marked_uid = excluded.marked_uid, version = version + 1, imported = NULL,"
		/* A note alone (the state stands) is written now: when the
		 * step was done stays what it was. */
		" happened_at = CASE WHEN excluded.happened_at IS NOT NULL THEN excluded.happened_at"
		" WHEN step.state = excluded.state AND step.state <> 'open'"
		" THEN coalesce(step.happened_at, step.marked_at) END", &st,
		err)))
		goto fail;
	sqlite3_bind_int64(st, 1, incident->id);
	store_bind_text(st, 2, r->procedure);
	store_bind_text(st, 3, r->step_key);
	store_bind_text(st, 4, r->title);
	store_bind_text(st, 5, r->state);
	store_bind_text(st, 6, r->note ? r->note : "");
	sqlite3_bind_int64(st, 7, r->position);
	store_bind_text(st, 8, at);
	store_bind_text(st, 9, who->login);
	sqlite3_bind_int64(st, 10, who->uid);
	store_bind_text(st, 11, store_happened(s));
	if ((rc = store_finish(s, st, "recording the step", err)))
		goto fail;
	rc = store_timeline_add(s, incident->id, at, who, "step", summary, err);
	if (rc || (rc = store_incident_touch(s, incident, at, who, NULL, status, err)))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

enum status store_change_decide(struct store *s, const struct incident *incident, int64_t number,
				const char *state, const char *reason, const char *summary, const struct actor *who,
				time_t now, struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;
	char *current = NULL, *decided_by = NULL, *decided_at = NULL;
	bool row, imported = false;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	/* Read and decide in one write transaction: two managers deciding
	 * at once cannot both win. */
	if ((rc = store_prepare(s, "SELECT state, decided_by, decided_at, imported IS NOT NULL FROM change"
				" WHERE incident_id = ? AND number = ?",
				&st, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, incident->id);
	sqlite3_bind_int64(st, 2, number);
	rc = store_step(s, st, &row, "reading the change", err);
	if (row) {
		current = store_column_text(st, 0);
		decided_by = store_column_text(st, 1);
		decided_at = store_column_text(st, 2);
		imported = sqlite3_column_int(st, 3) != 0;
	}
	store_finalize(s, st);
	if (rc)
		goto fail;
	if (!current) {
		rc = error_set(err, STATUS_NOT_FOUND, "%s has no change %lld (see sirt show %s)", incident->ref,
			       (long long)number, incident->ref);
		goto fail;
	}
	if (strcmp(current, CHANGE_PROPOSED) != 0) {
		char *shown = decided_at ? time_utc_to_local(decided_at) : xstrdup("?");

		rc = error_set(err, STATUS_CONFLICT, "change %lld of %s was already %s by %s at %s%s", (long long)number,
			       incident->ref, current, decided_by ? decided_by : "someone", shown,
			       imported ? ", as the file it was imported from says (see sirt show)" : "");
		free(shown);
		goto fail;
	}
	/* Decided here: the row is this database's from now on, no longer
	 * what an imported file said (the timeline keeps that). */
	if ((rc = store_prepare(s,
		"UPDATE change SET state = ?, reason = ?, decided_at = ?, decided_by = ?, decided_uid = ?,"
		" happened_at = ?, version = version + 1, imported = NULL WHERE incident_id = ? AND number = ?", &st, err)))
		goto fail;
	store_bind_text(st, 1, state);
	store_bind_text(st, 2, reason);
	store_bind_text(st, 3, at);
	store_bind_text(st, 4, who->login);
	sqlite3_bind_int64(st, 5, who->uid);
	store_bind_text(st, 6, store_happened(s));
	sqlite3_bind_int64(st, 7, incident->id);
	sqlite3_bind_int64(st, 8, number);
	if ((rc = store_finish(s, st, "recording the decision", err)) ||
	    (rc = store_timeline_add(s, incident->id, at, who, "approval", summary, err)) ||
	    (rc = store_incident_touch(s, incident, at, who, NULL, NULL, err)))
		goto fail;
	free(current);
	free(decided_by);
	free(decided_at);
	return store_commit(s, err);
fail:
	free(current);
	free(decided_by);
	free(decided_at);
	store_rollback(s);
	return rc;
}

void choice_list_free(struct choice_list *list)
{
	for (size_t i = 0; i < list->ncategories; i++) {
		free(list->categories[i].category);
		free(list->categories[i].label);
		free(list->categories[i].note);
		free(list->categories[i].chosen_at);
		free(list->categories[i].chosen_by);
		provenance_free(&list->categories[i].imported);
	}
	for (size_t i = 0; i < list->nprocedures; i++) {
		free(list->procedures[i].procedure);
		free(list->procedures[i].title);
		free(list->procedures[i].chosen_at);
		free(list->procedures[i].chosen_by);
		provenance_free(&list->procedures[i].imported);
	}
	FREE(&list->categories);
	FREE(&list->procedures);
	list->ncategories = list->nprocedures = 0;
}

void step_list_free(struct step_list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		struct step_record *r = &list->items[i];
		free(r->procedure);
		free(r->step_key);
		free(r->title);
		free(r->state);
		free(r->note);
		free(r->marked_at);
		free(r->marked_by);
		free(r->happened_at);
		provenance_free(&r->imported);
	}
	FREE(&list->items);
	list->len = list->cap = 0;
}

const struct step_record *step_list_find(const struct step_list *list, const char *key)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i].step_key, key) == 0)
			return &list->items[i];
	return NULL;
}

enum status store_cost_withdraw(struct store *s, const struct incident *incident, int64_t number,
				const char *reason, const char *summary, const struct actor *who, time_t now,
				struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;
	int64_t id = 0;
	char *withdrawn_by = NULL;
	bool row;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = store_prepare(s,
		"SELECT c.id, w.withdrawn_by FROM cost c LEFT JOIN cost_withdrawal w ON w.cost_id = c.id"
		" WHERE c.incident_id = ? AND c.number = ?", &st, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, incident->id);
	sqlite3_bind_int64(st, 2, number);
	rc = store_step(s, st, &row, "reading the cost line", err);
	if (row) {
		id = sqlite3_column_int64(st, 0);
		withdrawn_by = store_column_text(st, 1);
	}
	store_finalize(s, st);
	if (rc)
		goto fail;
	if (!id) {
		rc = error_set(err, STATUS_NOT_FOUND, "%s has no cost line %lld (see sirt show %s)", incident->ref,
			       (long long)number, incident->ref);
		goto fail;
	}
	if (withdrawn_by) {
		rc = error_set(err, STATUS_CONFLICT, "cost line %lld of %s was withdrawn already, by %s",
			       (long long)number, incident->ref, withdrawn_by);
		goto fail;
	}
	if ((rc = store_prepare(s,
		"INSERT INTO cost_withdrawal (cost_id, reason, withdrawn_at, withdrawn_by, withdrawn_uid)"
		" VALUES (?, ?, ?, ?, ?)", &st, err)))
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, reason);
	store_bind_text(st, 3, at);
	store_bind_text(st, 4, who->login);
	sqlite3_bind_int64(st, 5, who->uid);
	if ((rc = store_finish(s, st, "withdrawing the cost line", err)) ||
	    (rc = store_timeline_add(s, incident->id, at, who, "cost", summary, err)) ||
	    (rc = store_incident_touch(s, incident, at, who, NULL, NULL, err)))
		goto fail;
	return store_commit(s, err);
fail:
	free(withdrawn_by);
	store_rollback(s);
	return rc;
}
