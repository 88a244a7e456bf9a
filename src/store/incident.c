/* The incident itself in the store: logging it, reading one or the list,
 * its status, its form values (saved only over the version they were read
 * at) and its timeline; and freeing what those reads return. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sirt/incident_data.h"
#include "sirt/mem.h"
#include "sirt/timefmt.h"

enum status store_status_set(struct store *s, const struct incident *incident, const char *status,
			     const char *summary, const struct actor *who, time_t now, struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = store_prepare(s,
		"UPDATE incident SET status = ?, updated_at = ?, updated_by = ?, version = version + 1"
		" WHERE id = ? AND status = ? AND version = ?", &st, err)))
		goto fail;
	store_bind_text(st, 1, status);
	store_bind_text(st, 2, at);
	store_bind_text(st, 3, who->login);
	sqlite3_bind_int64(st, 4, incident->id);
	store_bind_text(st, 5, incident->status);
	sqlite3_bind_int64(st, 6, incident->version);
	if ((rc = store_finish(s, st, "changing the status", err)))
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		rc = error_set(err, STATUS_CONFLICT, "%s changed while you looked at it (someone else worked on it); "
			       "look at what is open again", incident->ref);
		goto fail;
	}
	if ((rc = store_timeline_add(s, incident->id, at, who, "status", summary, err)))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

static enum status field_upsert(struct store *s, int64_t id, const struct field_value *v, const char *at,
				const struct actor *who, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s,
		"INSERT INTO field (incident_id, form, key, value, note, updated_at, updated_by)"
		" VALUES (?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (incident_id, form, key) DO UPDATE SET value = excluded.value,"
		" note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by,"
		" version = version + 1, imported = NULL",
		&st, err);

	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, v->form);
	store_bind_text(st, 3, v->key);
	store_bind_text(st, 4, v->value ? v->value : "");
	store_bind_text(st, 5, v->note ? v->note : "");
	store_bind_text(st, 6, at);
	store_bind_text(st, 7, who->login);
	return store_finish(s, st, "saving a form value", err);
}

enum status store_incident_create(struct store *s, const char *prefix, const char *title,
				  const struct field_list *intake, const struct actor *who, time_t now,
				  struct incident *out, struct error *err)
{
	char at[TIME_TEXT_MAX], ref[64];
	struct tm tm;
	sqlite3_stmt *st;
	int64_t seq, id;
	enum status rc;

	if (out)
		memset(out, 0, sizeof(*out));
	time_format_utc(now, at, sizeof(at));
	localtime_r(&now, &tm);
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	/* After the last incident made here, not after what an import
	 * brought: the first number after it that no incident has (an
	 * imported IR-2026-0099 leaves the next one made here 0003, and is
	 * stepped over when the numbering reaches it). */
	if ((rc = store_query_int64(s,
		"WITH last(n) AS (SELECT coalesce((SELECT seq FROM incident WHERE year = ?1 AND imported IS NULL"
		"  ORDER BY seq DESC LIMIT 1), 0))"
		" SELECT c.seq FROM (SELECT n + 1 AS seq FROM last"
		"  UNION ALL SELECT i.seq + 1 FROM incident i, last WHERE i.year = ?1 AND i.seq > n) AS c"
		" WHERE NOT EXISTS (SELECT 1 FROM incident j WHERE j.year = ?1 AND j.seq = c.seq)"
		" ORDER BY c.seq LIMIT 1", tm.tm_year + 1900, 1, &seq, "numbering the incident", err)))
		goto fail;
	snprintf(ref, sizeof(ref), "%s-%04d-%04lld", prefix, tm.tm_year + 1900, (long long)seq);

	if ((rc = store_prepare(s,
		"INSERT INTO incident (ref, year, seq, title, status, created_at, created_by, created_uid,"
		" updated_at, updated_by) VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?, ?)", &st, err)))
		goto fail;
	store_bind_text(st, 1, ref);
	sqlite3_bind_int(st, 2, tm.tm_year + 1900);
	sqlite3_bind_int64(st, 3, seq);
	store_bind_text(st, 4, title);
	store_bind_text(st, 5, at);
	store_bind_text(st, 6, who->login);
	sqlite3_bind_int64(st, 7, who->uid);
	store_bind_text(st, 8, at);
	store_bind_text(st, 9, who->login);
	if ((rc = store_finish(s, st, "creating the incident", err)))
		goto fail;
	id = sqlite3_last_insert_rowid(s->db);
	for (size_t i = 0; intake && i < intake->len; i++)
		if ((rc = field_upsert(s, id, &intake->items[i], at, who, err)))
			goto fail;
	{
		char *summary = xasprintf("Incident %s logged: %s", ref, title);
		rc = store_timeline_add(s, id, at, who, "created", summary, err);
		free(summary);
		if (rc)
			goto fail;
	}
	if ((rc = store_commit(s, err)))
		return rc;
	/* What was written, not read back: a read failing now must not
	 * report a logged call as not logged. */
	if (out) {
		out->id = id;
		out->ref = xstrdup(ref);
		out->title = xstrdup(title);
		out->status = xstrdup("new");
		out->created_at = xstrdup(at);
		out->created_by = xstrdup(who->login);
		out->updated_at = xstrdup(at);
		out->updated_by = xstrdup(who->login);
		out->version = 1;
	}
	return STATUS_OK;
fail:
	store_rollback(s);
	return rc;
}

void store_read_incident(sqlite3_stmt *st, int first, struct incident *in)
{
	in->id = sqlite3_column_int64(st, first);
	in->ref = store_column_text(st, first + 1);
	in->title = store_column_text(st, first + 2);
	in->status = store_column_text(st, first + 3);
	in->category = store_column_text(st, first + 4);
	in->procedure = store_column_text(st, first + 5);
	in->created_at = store_column_text(st, first + 6);
	in->created_by = store_column_text(st, first + 7);
	in->updated_at = store_column_text(st, first + 8);
	in->updated_by = store_column_text(st, first + 9);
	in->version = sqlite3_column_int64(st, first + 10);
}

static void read_incident_row(sqlite3_stmt *st, void *list)
{
	struct incident_list *out = list;

	GROW(out->items, out->cap, out->len + 1);
	store_read_incident(st, 0, &out->items[out->len++]);
}

enum status store_incident_list(struct store *s, bool include_closed, struct incident_list *out,
				struct error *err)
{
	enum status rc;

	memset(out, 0, sizeof(*out));
	rc = store_each_row(s, include_closed ?
		"SELECT " INCIDENT_COLUMNS " FROM incident ORDER BY id DESC" :
		"SELECT " INCIDENT_COLUMNS " FROM incident WHERE status <> 'closed' ORDER BY id DESC",
		-1, read_incident_row, out, "listing incidents", err);
	if (rc)
		incident_list_free(out);
	return rc;
}

enum status store_incident_refs(struct store *s, const char *prefix, void (*fn)(const char *ref, void *ctx),
				void *ctx, struct error *err)
{
	sqlite3_stmt *st;
	/* LIKE ignores the case of ASCII letters, as the NOCASE lookup does;
	 * its own wildcards in prefix are escaped. */
	enum status rc = store_prepare(s, "SELECT ref FROM incident WHERE ref LIKE ?1 ESCAPE '\\' ORDER BY id DESC",
				       &st, err);
	struct strbuf pattern = {0};
	int step;

	if (rc)
		return rc;
	for (const char *p = prefix; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			strbuf_putc(&pattern, '\\');
		strbuf_putc(&pattern, *p);
	}
	strbuf_putc(&pattern, '%');
	store_bind_text(st, 1, strbuf_str(&pattern));
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		if (sqlite3_column_text(st, 0))
			fn((const char *)sqlite3_column_text(st, 0), ctx);
	store_finalize(s, st);
	strbuf_free(&pattern);
	return step == SQLITE_DONE ? STATUS_OK : store_sqlite_error(s, step, "listing references", err);
}

enum status store_incident_get(struct store *s, const char *ref, struct incident *out, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT " INCIDENT_COLUMNS " FROM incident WHERE ref = ? COLLATE NOCASE", &st, err);
	int step;

	memset(out, 0, sizeof(*out));
	if (rc)
		return rc;
	store_bind_text(st, 1, ref);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		store_read_incident(st, 0, out);
	store_finalize(s, st);
	if (step == SQLITE_ROW)
		return STATUS_OK;
	if (step == SQLITE_DONE)
		return error_set(err, STATUS_NOT_FOUND,
				 "no incident %s in %s (see the references with: sirt list --all)", ref, s->path);
	return store_sqlite_error(s, step, "reading an incident", err);
}

static void read_field(sqlite3_stmt *st, void *list)
{
	struct field_list *out = list;
	struct field_value *v;

	GROW(out->items, out->cap, out->len + 1);
	v = &out->items[out->len++];
	v->form = store_column_text(st, 0);
	v->key = store_column_text(st, 1);
	v->value = store_column_text(st, 2);
	v->note = store_column_text(st, 3);
	v->updated_at = store_column_text(st, 4);
	v->updated_by = store_column_text(st, 5);
	v->version = sqlite3_column_int64(st, 6);
	v->base = -1;
	v->imported = store_read_provenance(st, 7);
}

enum status store_fields_get(struct store *s, int64_t incident_id, struct field_list *out, struct error *err)
{
	enum status rc;

	memset(out, 0, sizeof(*out));
	rc = store_each_row(s, "SELECT f.form, f.key, f.value, f.note, f.updated_at, f.updated_by, f.version, "
			    PROVENANCE_COLUMNS("p") " FROM field f LEFT JOIN import p ON p.id = f.imported"
			    " WHERE f.incident_id = ? ORDER BY f.form, f.key",
			    incident_id, read_field, out, "reading form values", err);
	if (rc)
		field_list_free(out);
	return rc;
}

static bool same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

enum status store_fields_save(struct store *s, const struct incident *incident, const char *form,
			      const struct field_list *values, const char *title, const char *status,
			      const struct actor *who, time_t now, struct field_list *conflicts, size_t *saved,
			      struct error *err)
{
	size_t clashes = 0;
	struct field_list current;
	char at[TIME_TEXT_MAX];
	enum status rc;
	size_t changed = 0;

	if (saved)
		*saved = 0;
	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = store_fields_get(s, incident->id, &current, err)))
		goto fail;
	for (size_t i = 0; i < values->len; i++) {
		const struct field_value *v = &values->items[i];
		const struct field_value *old = field_list_find(&current, form, v->key);

		if (old && same_text(old->value, v->value) && same_text(old->note, v->note))
			continue;
		if (!old && !*(v->value ? v->value : "") && !*(v->note ? v->note : ""))
			continue;
		/* Read in the same transaction as the write: nobody can slip in
		 * between the check and the save. */
		if (v->base >= 0 && (old ? old->version : 0) != v->base) {
			clashes++;
			if (conflicts && old) {
				field_list_set(conflicts, form, old->key, old->value, old->note);
				conflicts->items[conflicts->len - 1].version = old->version;
				conflicts->items[conflicts->len - 1].updated_at = xstrdup(old->updated_at);
				conflicts->items[conflicts->len - 1].updated_by = xstrdup(old->updated_by);
			}
			continue;
		}
		if (clashes)
			continue;
		{
			struct field_value copy = *v;
			copy.form = (char *)form;
			if ((rc = field_upsert(s, incident->id, &copy, at, who, err)))
				break;
		}
		changed++;
	}
	field_list_free(&current);
	if (!rc && clashes)
		rc = error_set(err, STATUS_CONFLICT, "%zu field%s changed by someone else since you opened the form",
			       clashes, clashes == 1 ? " was" : "s were");
	if (rc)
		goto fail;
	/* Nothing changed is nothing saved: no timeline line, and the status
	 * stays where it is. A new title (the intake's, changed elsewhere) is
	 * a change of its own. */
	if (changed || title) {
		char *summary = xasprintf("%s form saved: %zu value%s changed", form, changed, changed == 1 ? "" : "s");
		rc = store_timeline_add(s, incident->id, at, who, form, summary, err);
		free(summary);
		if (!rc)
			rc = store_incident_touch(s, incident, at, who, title, status, err);
		if (rc)
			goto fail;
	}
	if ((rc = store_commit(s, err)))
		return rc;
	if (saved)
		*saved = changed ? changed : title ? 1 : 0;
	return STATUS_OK;
fail:
	store_rollback(s);
	return rc;
}

static void read_timeline_entry(sqlite3_stmt *st, void *list)
{
	struct timeline *out = list;
	struct timeline_entry *e;

	GROW(out->items, out->cap, out->len + 1);
	e = &out->items[out->len++];
	e->id = sqlite3_column_int64(st, 0);
	e->at = store_column_text(st, 1);
	e->who = store_column_text(st, 2);
	e->kind = store_column_text(st, 3);
	e->summary = store_column_text(st, 4);
	e->happened = store_column_text(st, 5);
	e->imported = store_read_provenance(st, 6);
}

enum status store_timeline_get(struct store *s, int64_t incident_id, struct timeline *out, struct error *err)
{
	enum status rc;

	memset(out, 0, sizeof(*out));
	rc = store_each_row(s, "SELECT t.id, t.at, t.who, t.kind, t.summary, t.happened_at, " PROVENANCE_COLUMNS("p")
			    " FROM timeline t LEFT JOIN import p ON p.id = t.imported WHERE t.incident_id = ?"
			    " ORDER BY coalesce(t.happened_at, t.at), t.id",
			    incident_id, read_timeline_entry, out, "reading the timeline", err);
	if (rc)
		timeline_free(out);
	return rc;
}

enum status store_incident_imported(struct store *s, int64_t incident_id, struct provenance **out, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT " PROVENANCE_COLUMNS("p")
				       " FROM incident i JOIN import p ON p.id = i.imported WHERE i.id = ?", &st, err);
	bool row;

	*out = NULL;
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, incident_id);
	if (!(rc = store_step(s, st, &row, "reading where the incident came from", err)) && row)
		*out = store_read_provenance(st, 0);
	store_finalize(s, st);
	return rc;
}

struct provenance *store_read_provenance(sqlite3_stmt *st, int first)
{
	struct provenance *p;

	if (sqlite3_column_type(st, first) == SQLITE_NULL)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->id = sqlite3_column_int64(st, first);
	p->by = store_column_text(st, first + 1);
	p->at = store_column_text(st, first + 2);
	p->file = store_column_text(st, first + 3);
	p->sha256 = store_column_text(st, first + 4);
	p->earlier = store_column_text(st, first + 5);
	p->earlier_by = store_column_text(st, first + 6);
	p->earlier_at = store_column_text(st, first + 7);
	p->earlier_file = store_column_text(st, first + 8);
	p->earlier_sha256 = store_column_text(st, first + 9);
	return p;
}

static char *copy_text(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct provenance *provenance_copy(const struct provenance *p)
{
	struct provenance *c;

	if (!p)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->id = p->id;
	c->by = copy_text(p->by);
	c->at = copy_text(p->at);
	c->file = copy_text(p->file);
	c->sha256 = copy_text(p->sha256);
	c->earlier = copy_text(p->earlier);
	c->earlier_by = copy_text(p->earlier_by);
	c->earlier_at = copy_text(p->earlier_at);
	c->earlier_file = copy_text(p->earlier_file);
	c->earlier_sha256 = copy_text(p->earlier_sha256);
	return c;
}

void provenance_free(struct provenance **pp)
{
	struct provenance *p = *pp;

	if (!p)
		return;
	free(p->by);
	free(p->at);
	free(p->file);
	free(p->sha256);
	free(p->earlier);
	free(p->earlier_by);
	free(p->earlier_at);
	free(p->earlier_file);
	free(p->earlier_sha256);
	FREE(pp);
}

void incident_clear(struct incident *in)
{
	free(in->ref);
	free(in->title);
	free(in->status);
	free(in->category);
	free(in->procedure);
	free(in->created_at);
	free(in->created_by);
	free(in->updated_at);
	free(in->updated_by);
	memset(in, 0, sizeof(*in));
}

void incident_list_free(struct incident_list *list)
{
	for (size_t i = 0; i < list->len; i++)
		incident_clear(&list->items[i]);
	FREE(&list->items);
	list->len = list->cap = 0;
}

static void field_value_clear(struct field_value *v)
{
	free(v->form);
	free(v->key);
	free(v->value);
	free(v->note);
	free(v->updated_at);
	free(v->updated_by);
	provenance_free(&v->imported);
}

void field_list_free(struct field_list *list)
{
	for (size_t i = 0; i < list->len; i++)
		field_value_clear(&list->items[i]);
	FREE(&list->items);
	list->len = list->cap = 0;
}

void field_list_set(struct field_list *list, const char *form, const char *key, const char *value,
		    const char *note)
{
	struct field_value *v = (struct field_value *)field_list_find(list, form, key);

	if (v) {
		free(v->value);
		free(v->note);
	} else {
		GROW(list->items, list->cap, list->len + 1);
		v = &list->items[list->len++];
		memset(v, 0, sizeof(*v));
		v->form = xstrdup(form);
		v->key = xstrdup(key);
		v->base = -1;
	}
	v->value = xstrdup(value ? value : "");
	v->note = xstrdup(note ? note : "");
}

const struct field_value *field_list_any(const struct field_list *list, const char *key)
{
	for (size_t i = 0; list && i < list->len; i++)
		if (strcmp(list->items[i].key, key) == 0)
			return &list->items[i];
	return NULL;
}

const struct field_value *field_list_find(const struct field_list *list, const char *form, const char *key)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i].form, form) == 0 && strcmp(list->items[i].key, key) == 0)
			return &list->items[i];
	return NULL;
}

bool field_list_has_form(const struct field_list *list, const char *form)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i].form, form) == 0)
			return true;
	return false;
}

void timeline_free(struct timeline *t)
{
	for (size_t i = 0; i < t->len; i++) {
		free(t->items[i].at);
		free(t->items[i].who);
		free(t->items[i].kind);
		free(t->items[i].summary);
		free(t->items[i].happened);
		provenance_free(&t->items[i].imported);
	}
	FREE(&t->items);
	t->len = t->cap = 0;
}
