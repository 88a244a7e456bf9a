/* Who else has an incident open: a row per process and incident, added
 * when a screen opens it and removed when it closes. A process that dies
 * cannot remove its rows; it is recognised as dead (on this host: sirt
 * runs on one jump host) and left out, and its rows are cleared by the
 * next one to come. Presence is not a record of the work: it is not on
 * the audit trail and not exported. */
#include "store_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sirt/timefmt.h"

static void this_host(char *out, size_t size)
{
	if (gethostname(out, size) != 0)
		snprintf(out, size, "localhost");
	out[size - 1] = '\0';
}

static bool alive(int64_t pid)
{
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* The pids on this host that have a row, and are gone. */
static enum status clear_dead(struct store *s, const char *host, struct error *err)
{
	sqlite3_stmt *st, *del;
	enum status rc = STATUS_OK;

	if ((rc = store_prepare(s, "SELECT DISTINCT pid FROM presence WHERE host = ?", &st, err)))
		return rc;
	if ((rc = store_prepare(s, "DELETE FROM presence WHERE host = ? AND pid = ?", &del, err))) {
		store_finalize(s, st);
		return rc;
	}
	sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC);
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		int64_t pid = sqlite3_column_int64(st, 0);

		if (alive(pid))
			continue;
		sqlite3_reset(del);
		sqlite3_bind_text(del, 1, host, -1, SQLITE_STATIC);
		sqlite3_bind_int64(del, 2, pid);
		if (sqlite3_step(del) != SQLITE_DONE)
			rc = store_sqlite_error(s, sqlite3_errcode(s->db), "looking who is here", err);
	}
	store_finalize(s, st);
	store_finalize(s, del);
	return rc;
}

enum status store_presence_enter(struct store *s, const char *ref, const char *tty, const struct actor *who,
				 time_t now, struct error *err)
{
	char host[256], at[TIME_TEXT_MAX];
	sqlite3_stmt *st;
	enum status rc;

	/* A reviewer's read-only session is there too, but cannot say so. */
	if (s->read_only)
		return STATUS_OK;
	this_host(host, sizeof(host));
	time_format_utc(now, at, sizeof(at));
	if ((rc = store_begin(s, who, at, err)))
		return rc;
	if ((rc = clear_dead(s, host, err)))
		goto fail;
	if ((rc = store_prepare(s,
				"INSERT OR REPLACE INTO presence (host, pid, ref, login, tty, since) VALUES (?, ?, ?, ?, ?, ?)",
				&st, err)))
		goto fail;
	sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (int64_t)getpid());
	sqlite3_bind_text(st, 3, ref, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, who->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, tty ? tty : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, at, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = store_sqlite_error(s, sqlite3_errcode(s->db), "saying who is here", err);
	store_finalize(s, st);
	if (rc)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return rc;
}

void store_presence_leave(struct store *s, const char *ref)
{
	char host[256];
	sqlite3_stmt *st;

	if (s->read_only)
		return;
	this_host(host, sizeof(host));
	if (sqlite3_prepare_v2(s->db, "DELETE FROM presence WHERE host = ? AND pid = ? AND ref = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (int64_t)getpid());
	sqlite3_bind_text(st, 3, ref, -1, SQLITE_STATIC);
	sqlite3_step(st);
	store_finalize(s, st);
}

enum status store_presence_get(struct store *s, const char *ref, struct presence_list *out, struct error *err)
{
	char host[256];
	sqlite3_stmt *st;
	enum status rc;

	memset(out, 0, sizeof(*out));
	this_host(host, sizeof(host));
	if ((rc = store_prepare(s, "SELECT host, pid, login, tty, since FROM presence WHERE ref = ? ORDER BY since", &st,
				err)))
		return rc;
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 0);
		int64_t pid = sqlite3_column_int64(st, 1);
		struct presence *p;

		if (strcmp(h, host) == 0 && (pid == (int64_t)getpid() || !alive(pid)))
			continue;
		GROW(out->items, out->cap, out->len + 1);
		p = &out->items[out->len++];
		p->login = store_column_text(st, 2);
		p->tty = store_column_text(st, 3);
		p->since = store_column_text(st, 4);
	}
	store_finalize(s, st);
	return STATUS_OK;
}

void presence_list_free(struct presence_list *list)
{
	for (size_t i = 0; i < list->len; i++) {
		free(list->items[i].login);
		free(list->items[i].tty);
		free(list->items[i].since);
	}
	FREE(&list->items);
	list->len = list->cap = 0;
}
