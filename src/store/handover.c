/* Shift handovers: the handover table (migration 21), read for the next
 * brief's since, and written with a line on the timeline of every
 * incident the brief covered, in one transaction. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#include "sirt/timefmt.h"

void handover_free(struct handover **handover)
{
	struct handover *h = *handover;

	if (!h)
		return;
	free(h->from_login);
	free(h->to_login);
	free(h->at);
	free(h->note);
	provenance_free(&h->imported);
	free(h);
	*handover = NULL;
}

enum status store_handover_last(struct store *s, struct handover **out, struct error *err)
{
	sqlite3_stmt *st;
	enum status rc = store_prepare(s, "SELECT h.id, h.from_login, h.to_login, h.at, h.uid, h.note, "
				       PROVENANCE_COLUMNS("p")
				       " FROM handover h LEFT JOIN import p ON p.id = h.imported"
				       " ORDER BY h.at DESC, h.id DESC LIMIT 1", &st, err);
	bool row;

	*out = NULL;
	if (rc)
		return rc;
	if (!(rc = store_step(s, st, &row, "reading the last handover", err)) && row) {
		struct handover *h = xcalloc(1, sizeof(*h));

		h->id = sqlite3_column_int64(st, 0);
		h->from_login = store_column_text(st, 1);
		h->to_login = store_column_text(st, 2);
		h->at = store_column_text(st, 3);
		h->uid = sqlite3_column_int64(st, 4);
		h->note = store_column_text(st, 5);
		h->imported = store_read_provenance(st, 6);
		*out = h;
	}
	store_finalize(s, st);
	return rc;
}

enum status store_handover_add(struct store *s, const char *to, const char *note, const struct incident *incidents,
			       size_t n, const char *summary, const struct actor *who, time_t now, int64_t *id,
			       struct error *err)
{
	char at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;

	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = store_prepare(s, "INSERT INTO handover (from_login, to_login, at, uid, note) VALUES (?, ?, ?, ?, ?)",
				&st, err)))
		goto fail;
	store_bind_text(st, 1, who->login);
	store_bind_text(st, 2, to);
	store_bind_text(st, 3, at);
	sqlite3_bind_int64(st, 4, who->uid);
	store_bind_text(st, 5, note ? note : "");
	if ((rc = store_finish(s, st, "recording the handover", err)))
		goto fail;
	*id = sqlite3_last_insert_rowid(s->db);
	/* A closed incident is covered while a clock of it runs: the
	 * handover goes on its timeline too. */
	for (size_t i = 0; i < n; i++)
		if ((rc = store_timeline_add(s, incidents[i].id, at, who, "handover", summary, err)) ||
		    (rc = store_incident_mark(s, &incidents[i], at, who, true, err)))
			goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}
