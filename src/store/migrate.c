/* Schema migrations. Each entry takes the schema from version i to i+1;
 * they run in order inside one transaction at open, and PRAGMA
 * user_version records how far a file has come. Never edit a migration
 * that has shipped: add a new one. */
#include "store_internal.h"

#include <stdio.h>
#include <string.h>

#include "sirt/mem.h"

/* A migration: its SQL, then (if not NULL) what must be done in C. */
struct migration {
	const char *sql;
	enum status (*then)(struct store *s, struct error *err);
};

static enum status audit_every_table(struct store *s, struct error *err);
static enum status audit_indicators(struct store *s, struct error *err);
static enum status audit_baseline(struct store *s, struct error *err);
static enum status audit_imports(struct store *s, struct error *err);
static enum status audit_decisions(struct store *s, struct error *err);

static const struct migration migrations[] = {
	/* 1: incidents, form values, choices, steps and the timeline. */
	{"CREATE TABLE incident ("
	"  id INTEGER PRIMARY KEY,"
	"  ref TEXT NOT NULL UNIQUE,"
	"  year INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  title TEXT NOT NULL,"
	"  status TEXT NOT NULL,"
	"  category TEXT,"
	"  procedure TEXT,"
	"  created_at TEXT NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  created_uid INTEGER NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (year, seq)"
	") STRICT;"
	"CREATE INDEX incident_status ON incident (status, id);"
	"CREATE TABLE field ("
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  form TEXT NOT NULL,"
	"  key TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  updated_at TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (incident_id, form, key)"
	") STRICT;"
	"CREATE TABLE category_choice ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  category TEXT NOT NULL,"
	"  label TEXT NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  chosen_at TEXT NOT NULL,"
	"  chosen_by TEXT NOT NULL,"
	"  chosen_uid INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX category_choice_incident ON category_choice (incident_id, id);"
	"CREATE TABLE procedure_choice ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  procedure TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  chosen_at TEXT NOT NULL,"
	"  chosen_by TEXT NOT NULL,"
	"  chosen_uid INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX procedure_choice_incident ON procedure_choice (incident_id, id);"
	"CREATE TABLE step ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  procedure TEXT NOT NULL,"
	"  step_key TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  state TEXT NOT NULL CHECK (state IN ('open', 'done', 'skipped', 'na')),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  marked_at TEXT NOT NULL,"
	"  marked_by TEXT NOT NULL,"
	"  marked_uid INTEGER NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (incident_id, step_key)"
	") STRICT;"
	"CREATE TABLE timeline ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER REFERENCES incident (id),"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  uid INTEGER NOT NULL,"
	"  ssh TEXT NOT NULL DEFAULT '',"
	"  kind TEXT NOT NULL,"
	"  summary TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX timeline_incident ON timeline (incident_id, id);"
	"CREATE TRIGGER timeline_no_update BEFORE UPDATE ON timeline"
	"  BEGIN SELECT RAISE (ABORT, 'the timeline is append-only'); END;"
	"CREATE TRIGGER timeline_no_delete BEFORE DELETE ON timeline"
	"  BEGIN SELECT RAISE (ABORT, 'the timeline is append-only'); END;", NULL},

	/* 2: escalation call attempts (R3). */
	{"CREATE TABLE call_attempt ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  contact TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  phone TEXT NOT NULL DEFAULT '',"
	"  outcome TEXT NOT NULL CHECK (outcome IN ('reached', 'no-answer', 'message', 'wrong-number')),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  called_at TEXT NOT NULL,"
	"  called_by TEXT NOT NULL,"
	"  called_uid INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX call_attempt_incident ON call_attempt (incident_id, id);", NULL},

	/* 3: recommended changes and their approval (R14, R15). */
	{"CREATE TABLE change ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  number INTEGER NOT NULL,"
	"  what TEXT NOT NULL,"
	"  why TEXT NOT NULL DEFAULT '',"
	"  proposed_at TEXT NOT NULL,"
	"  proposed_by TEXT NOT NULL,"
	"  proposed_uid INTEGER NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'approved', 'rejected')),"
	"  decided_at TEXT,"
	"  decided_by TEXT,"
	"  decided_uid INTEGER,"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE (incident_id, number)"
	") STRICT;", NULL},

	/* 4: witnesses and investigation notes (R13); notes are findings on
	 * record, so they are only ever added. */
	{"CREATE TABLE witness ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  number INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  contact TEXT NOT NULL DEFAULT '',"
	"  statement TEXT NOT NULL DEFAULT '',"
	"  added_at TEXT NOT NULL,"
	"  added_by TEXT NOT NULL,"
	"  added_uid INTEGER NOT NULL,"
	"  UNIQUE (incident_id, number)"
	") STRICT;"
	"CREATE TABLE note ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('log-review', 'log-gap', 'ids', 'cloud-audit', 'interview', 'other')),"
	"  text TEXT NOT NULL,"
	"  witness INTEGER,"
	"  noted_at TEXT NOT NULL,"
	"  noted_by TEXT NOT NULL,"
	"  noted_uid INTEGER NOT NULL"
	") STRICT;"
	"CREATE INDEX note_incident ON note (incident_id, id);"
	"CREATE TRIGGER note_no_update BEFORE UPDATE ON note"
	"  BEGIN SELECT RAISE (ABORT, 'investigation notes are never changed; add a new one'); END;"
	"CREATE TRIGGER note_no_delete BEFORE DELETE ON note"
	"  BEGIN SELECT RAISE (ABORT, 'investigation notes are never changed; add a new one'); END;", NULL},

	/* 5: the evidence register, chain of custody and verifications (R17).
	 * Nothing here is ever changed: a correction is a new entry that
	 * names the one it corrects. */
	{"CREATE TABLE evidence ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  number INTEGER NOT NULL,"
	"  description TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  path TEXT NOT NULL DEFAULT '',"
	"  location TEXT NOT NULL DEFAULT '',"
	"  sha256 TEXT NOT NULL DEFAULT '',"
	"  size INTEGER,"
	"  corrects INTEGER,"
	"  collected_at TEXT NOT NULL,"
	"  collected_by TEXT NOT NULL,"
	"  collected_uid INTEGER NOT NULL,"
	"  UNIQUE (incident_id, number)"
	") STRICT;"
	"CREATE TABLE custody ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  evidence INTEGER NOT NULL,"
	"  from_who TEXT NOT NULL,"
	"  to_who TEXT NOT NULL,"
	"  purpose TEXT NOT NULL,"
	"  location TEXT NOT NULL DEFAULT '',"
	"  at TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL,"
	"  recorded_uid INTEGER NOT NULL"
	") STRICT;"
	"CREATE TABLE evidence_check ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  evidence INTEGER NOT NULL,"
	"  result TEXT NOT NULL CHECK (result IN ('match', 'mismatch', 'missing')),"
	"  expected TEXT NOT NULL,"
	"  actual TEXT NOT NULL DEFAULT '',"
	"  at TEXT NOT NULL,"
	"  checked_by TEXT NOT NULL,"
	"  checked_uid INTEGER NOT NULL"
	") STRICT;"
	"CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence"
	"  BEGIN SELECT RAISE (ABORT, 'evidence is never changed in place; add a correcting entry'); END;"
	"CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence"
	"  BEGIN SELECT RAISE (ABORT, 'evidence is never changed in place; add a correcting entry'); END;"
	"CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody"
	"  BEGIN SELECT RAISE (ABORT, 'the chain of custody is append-only'); END;"
	"CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody"
	"  BEGIN SELECT RAISE (ABORT, 'the chain of custody is append-only'); END;"
	"CREATE TRIGGER evidence_check_no_update BEFORE UPDATE ON evidence_check"
	"  BEGIN SELECT RAISE (ABORT, 'verifications are append-only'); END;"
	"CREATE TRIGGER evidence_check_no_delete BEFORE DELETE ON evidence_check"
	"  BEGIN SELECT RAISE (ABORT, 'verifications are append-only'); END;", NULL},

	/* 6: who interviewed a witness and when (R13, R17). */
	{"ALTER TABLE witness ADD COLUMN interviewed_by TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE witness ADD COLUMN interviewed_at TEXT NOT NULL DEFAULT '';", NULL},

	/* 7: deadlines met (R19-R22): who told whom, how, when. */
	{"CREATE TABLE deadline_met ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  rule TEXT NOT NULL,"
	"  party TEXT NOT NULL,"
	"  how TEXT NOT NULL CHECK (how IN ('email', 'phone', 'portal', 'letter', 'in-person', 'other')),"
	"  reference TEXT NOT NULL DEFAULT '',"
	"  met_at TEXT NOT NULL,"
	"  met_by TEXT NOT NULL,"
	"  met_uid INTEGER NOT NULL,"
	"  UNIQUE (incident_id, rule, party)"
	") STRICT;"
	"CREATE TRIGGER deadline_met_no_update BEFORE UPDATE ON deadline_met"
	"  BEGIN SELECT RAISE (ABORT, 'a deadline met stays on record'); END;"
	"CREATE TRIGGER deadline_met_no_delete BEFORE DELETE ON deadline_met"
	"  BEGIN SELECT RAISE (ABORT, 'a deadline met stays on record'); END;", NULL},
	/* 8: damage and cost (R23). Lines are never edited: a wrong one is
	 * withdrawn, with a reason, and a right one added. */
	{"CREATE TABLE cost ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  number INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('damage', 'containment')),"
	"  description TEXT NOT NULL,"
	"  amount INTEGER NOT NULL CHECK (amount >= 0),"
	"  currency TEXT NOT NULL CHECK (length(currency) = 3),"
	"  estimate INTEGER NOT NULL CHECK (estimate IN (0, 1)),"
	"  added_at TEXT NOT NULL,"
	"  added_by TEXT NOT NULL,"
	"  added_uid INTEGER NOT NULL,"
	"  UNIQUE (incident_id, number)"
	") STRICT;"
	"CREATE TABLE cost_withdrawal ("
	"  cost_id INTEGER PRIMARY KEY REFERENCES cost (id),"
	"  reason TEXT NOT NULL,"
	"  withdrawn_at TEXT NOT NULL,"
	"  withdrawn_by TEXT NOT NULL,"
	"  withdrawn_uid INTEGER NOT NULL"
	") STRICT;"
	"CREATE TRIGGER cost_no_update BEFORE UPDATE ON cost"
	"  BEGIN SELECT RAISE (ABORT, 'cost lines are withdrawn, never edited'); END;"
	"CREATE TRIGGER cost_no_delete BEFORE DELETE ON cost"
	"  BEGIN SELECT RAISE (ABORT, 'cost lines are withdrawn, never deleted'); END;"
	"CREATE TRIGGER cost_withdrawal_no_update BEFORE UPDATE ON cost_withdrawal"
	"  BEGIN SELECT RAISE (ABORT, 'a withdrawal stays on record'); END;"
	"CREATE TRIGGER cost_withdrawal_no_delete BEFORE DELETE ON cost_withdrawal"
	"  BEGIN SELECT RAISE (ABORT, 'a withdrawal stays on record'); END;", NULL},
	/* 9: the audit trail. Every change to every table appends a row:
	 * who, when, which row, before and after. Each row's hash covers the
	 * previous row's hash and its own content, so that a row edited,
	 * removed, added or moved breaks the chain (audit.c). */
	{"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  uid INTEGER NOT NULL,"
	"  ssh TEXT NOT NULL,"
	"  tbl TEXT NOT NULL,"
	"  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),"
	"  row_id INTEGER NOT NULL,"
	"  before TEXT,"
	"  after TEXT,"
	"  prev TEXT NOT NULL,"
	"  hash TEXT NOT NULL"
	") STRICT;"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;", audit_every_table},
	/* 10: who has which incident open, now (not a record: no audit). */
	{"CREATE TABLE presence ("
	"  host TEXT NOT NULL,"
	"  pid INTEGER NOT NULL,"
	"  ref TEXT NOT NULL,"
	"  login TEXT NOT NULL,"
	"  tty TEXT NOT NULL,"
	"  since TEXT NOT NULL,"
	"  PRIMARY KEY (host, pid, ref)"
	") STRICT;", NULL},
	/* 11: what the list screen pages through at any size without reading
	 * every incident (derived.c keeps both at every write; neither is a
	 * record, so no audit and no export): each incident's most pressing
	 * deadline not met, and its text for the full-text search. The
	 * first writable session that opens the file fills both, and does
	 * again when the plan's deadlines change (the stamp in meta). */
	{"CREATE TABLE incident_due ("
	"  incident_id INTEGER PRIMARY KEY REFERENCES incident (id),"
	"  due INTEGER,"
	"  warn INTEGER NOT NULL DEFAULT 0"
	") STRICT;"
	"CREATE INDEX incident_due_at ON incident_due (due, incident_id) WHERE due IS NOT NULL;"
	"CREATE INDEX incident_open ON incident (id) WHERE status <> 'closed';"
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT;"
	"CREATE VIRTUAL TABLE search_text USING fts5 ("
	"  ref, title, status, category, body,"
	"  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3'"
	");", NULL},
	/* 12: found without reading every incident: the chain of custody and
	 * the verifications by incident (each evidence view, hand-over and
	 * export read the whole tables), and an incident by its reference in
	 * any case (every command and every incident opened read the whole
	 * incident table: the unique index on ref does not ignore case). */
	{"CREATE INDEX custody_incident ON custody (incident_id, id);"
	"CREATE INDEX evidence_check_incident ON evidence_check (incident_id, id);"
	"CREATE INDEX incident_ref_nocase ON incident (ref COLLATE NOCASE);", NULL},
	/* 13: no audit trigger for what a table refuses: the UPDATE and
	 * DELETE triggers of the append-only tables (timeline, notes,
	 * evidence, custody...) could never fire, since their BEFORE
	 * triggers abort first, and SQLite parsed them at every open, a
	 * quarter of the schema's cost to each start. */
	{"", audit_drop_refused},
	/* 14: the chain's triggers are made on each connection that writes
	 * (TEMP, audit_install), not kept in the file: SQLite parsed all 34
	 * at every open, two thirds of the time to sirt's first screen, for
	 * the many starts that only read. The file keeps a guard in place of
	 * each, which refuses the change unless its connection records it.
	 * From here on, a migration that makes a table calls audit_attach
	 * and then audit_move_to_connections; one that writes rows to an
	 * audited table cannot (migrations run without the connection's
	 * triggers, made from the schema they are changing) and must do
	 * its work after the upgrade, in a write of its own. */
	{"", audit_move_to_connections},
	/* 15: indicators of compromise, found in any incident by value
	 * ("have we seen this before?") through their index; withdrawn with
	 * a reason, never edited. */
	{"CREATE TABLE ioc ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  number INTEGER NOT NULL,"
	"  type TEXT NOT NULL CHECK (type IN ('ipv4', 'ipv6', 'domain', 'url', 'email', 'sha256', 'sha1', 'md5',"
	"    'filename', 'other')),"
	"  value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 2000),"
	"  tlp TEXT NOT NULL CHECK (tlp IN ('clear', 'green', 'amber', 'amber+strict', 'red')),"
	"  first_seen TEXT,"
	"  source TEXT NOT NULL DEFAULT '',"
	"  note TEXT NOT NULL DEFAULT '',"
	"  added_at TEXT NOT NULL,"
	"  added_by TEXT NOT NULL,"
	"  added_uid INTEGER NOT NULL,"
	"  UNIQUE (incident_id, number)"
	") STRICT;"
	"CREATE INDEX ioc_value ON ioc (value);"
	"CREATE TABLE ioc_withdrawal ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  number INTEGER NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  withdrawn_at TEXT NOT NULL,"
	"  withdrawn_by TEXT NOT NULL,"
	"  withdrawn_uid INTEGER NOT NULL,"
	"  UNIQUE (incident_id, number),"
	"  FOREIGN KEY (incident_id, number) REFERENCES ioc (incident_id, number)"
	") STRICT;"
	"CREATE TRIGGER ioc_no_update BEFORE UPDATE ON ioc"
	"  BEGIN SELECT RAISE (ABORT, 'indicators are withdrawn, never edited'); END;"
	"CREATE TRIGGER ioc_no_delete BEFORE DELETE ON ioc"
	"  BEGIN SELECT RAISE (ABORT, 'indicators are withdrawn, never deleted'); END;"
	"CREATE TRIGGER ioc_withdrawal_no_update BEFORE UPDATE ON ioc_withdrawal"
	"  BEGIN SELECT RAISE (ABORT, 'a withdrawal stays on record'); END;"
	"CREATE TRIGGER ioc_withdrawal_no_delete BEFORE DELETE ON ioc_withdrawal"
	"  BEGIN SELECT RAISE (ABORT, 'a withdrawal stays on record'); END;", audit_indicators},

	/* 16: when it happened, where the operator said it was earlier than
	 * it was logged (a call made at 03:05, logged at 03:40): NULL for
	 * when it was logged. The timeline sorts by it. The tables keep their
	 * guards; each connection's triggers are made from the schema as it
	 * is, so they hash the new columns too. */
	{"ALTER TABLE timeline ADD COLUMN happened_at TEXT;"
	"ALTER TABLE call_attempt ADD COLUMN happened_at TEXT;"
	"ALTER TABLE step ADD COLUMN happened_at TEXT;"
	"ALTER TABLE change ADD COLUMN happened_at TEXT;"
	"ALTER TABLE deadline_met ADD COLUMN happened_at TEXT;"
	"CREATE INDEX timeline_happened ON timeline (incident_id, coalesce(happened_at, at), id);", NULL},

	/* 17: each row of the trail says which configuration the session
	 * that wrote it read (its files, as a JSON array, and the SHA-256 of
	 * their contents one after the other) and in which mode ("enforced":
	 * sirt setgid to the database's group; "open": the group's members
	 * write it themselves); the rows before keep their hash (audit.c).
	 * The index finds a record's last audited image, for sirt audit
	 * verify's comparison of every record with it. Records the file held
	 * before its trail began (a file from schema 8 or older) are put on
	 * the trail as they stand (audit_baseline). */
	{"ALTER TABLE audit ADD COLUMN config TEXT;"
	"ALTER TABLE audit ADD COLUMN config_sha256 TEXT;"
	"ALTER TABLE audit ADD COLUMN mode TEXT CHECK (mode IN ('enforced', 'open'));"
	"CREATE INDEX audit_row ON audit (tbl, row_id);", audit_baseline},
	/* 18: where a record came from, when an export brought it (sirt
	 * import): who imported it here, when, from which file and its
	 * SHA-256, each import once (and once more for each earlier import
	 * the file says its records came through: earlier, as the file
	 * said it; a JSON object, checked by sirt: SQLite's JSON functions
	 * may not be used in the schema, which it reads with trusted_schema
	 * off). Every record that names who did it points at its import
	 * (imported, the import's id; NULL for what was recorded here). The
	 * actor and time a record names are then the file's word, and are
	 * shown as such. */
	{"CREATE TABLE import ("
	"  id INTEGER PRIMARY KEY,"
	"  imported_at TEXT NOT NULL,"
	"  imported_by TEXT NOT NULL,"
	"  imported_uid INTEGER NOT NULL,"
	"  file TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
	"  earlier TEXT CHECK (earlier IS NULL OR substr(earlier, 1, 1) = '{')"
	") STRICT;"
	"CREATE TRIGGER import_no_update BEFORE UPDATE ON import"
	"  BEGIN SELECT RAISE (ABORT, 'an import stays on record'); END;"
	"CREATE TRIGGER import_no_delete BEFORE DELETE ON import"
	"  BEGIN SELECT RAISE (ABORT, 'an import stays on record'); END;"
	"ALTER TABLE incident ADD COLUMN imported INTEGER;"
	"ALTER TABLE field ADD COLUMN imported INTEGER;"
	"ALTER TABLE category_choice ADD COLUMN imported INTEGER;"
	"ALTER TABLE procedure_choice ADD COLUMN imported INTEGER;"
	"ALTER TABLE step ADD COLUMN imported INTEGER;"
	"ALTER TABLE timeline ADD COLUMN imported INTEGER;"
	"ALTER TABLE call_attempt ADD COLUMN imported INTEGER;"
	"ALTER TABLE change ADD COLUMN imported INTEGER;"
	"ALTER TABLE witness ADD COLUMN imported INTEGER;"
	"ALTER TABLE note ADD COLUMN imported INTEGER;"
	"ALTER TABLE evidence ADD COLUMN imported INTEGER;"
	"ALTER TABLE custody ADD COLUMN imported INTEGER;"
	"ALTER TABLE evidence_check ADD COLUMN imported INTEGER;"
	"ALTER TABLE deadline_met ADD COLUMN imported INTEGER;"
	"ALTER TABLE cost ADD COLUMN imported INTEGER;"
	"ALTER TABLE cost_withdrawal ADD COLUMN imported INTEGER;"
	"ALTER TABLE ioc ADD COLUMN imported INTEGER;"
	"ALTER TABLE ioc_withdrawal ADD COLUMN imported INTEGER;", audit_imports},

	/* 19: evidence that can be trusted. changing: what moved in the file
	 * while it was hashed ('' when nothing did), for an item recorded
	 * although it changed (--changing); copy: where the evidence store
	 * keeps its copy ('' for none); a verification's copy: 1 when it
	 * checked that copy rather than the original. The audit triggers,
	 * made per connection from the table's columns, take them in. */
	{"ALTER TABLE evidence ADD COLUMN changing TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE evidence ADD COLUMN copy TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE evidence_check ADD COLUMN copy INTEGER NOT NULL DEFAULT 0 CHECK (copy IN (0, 1));", NULL},

	/* 20: the decisions a regulator's clock runs from (sirt decide): the
	 * incident classified major, its materiality determined; recorded
	 * with who, when (happened_at: when it was made, if earlier than
	 * logged) and why; withdrawn with a reason, never edited. A deadline
	 * met keeps the text that was sent ('' when none was kept). The
	 * audit triggers, made per connection from the tables' columns, take
	 * the new column in; the new tables get their guards here. */
	{"CREATE TABLE decision ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  number INTEGER NOT NULL,"
	"  key TEXT NOT NULL CHECK (key IN ('classified-major', 'materiality-determined')),"
	"  why TEXT NOT NULL CHECK (why <> ''),"
	"  happened_at TEXT,"
	"  decided_at TEXT NOT NULL,"
	"  decided_by TEXT NOT NULL,"
	"  decided_uid INTEGER NOT NULL,"
	"  imported INTEGER,"
	"  UNIQUE (incident_id, number)"
	") STRICT;"
	"CREATE TABLE decision_withdrawal ("
	"  id INTEGER PRIMARY KEY,"
	"  incident_id INTEGER NOT NULL REFERENCES incident (id),"
	"  number INTEGER NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  withdrawn_at TEXT NOT NULL,"
	"  withdrawn_by TEXT NOT NULL,"
	"  withdrawn_uid INTEGER NOT NULL,"
	"  imported INTEGER,"
	"  UNIQUE (incident_id, number),"
	"  FOREIGN KEY (incident_id, number) REFERENCES decision (incident_id, number)"
	") STRICT;"
	"CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision"
	"  BEGIN SELECT RAISE (ABORT, 'decisions are withdrawn, never edited'); END;"
	"CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision"
	"  BEGIN SELECT RAISE (ABORT, 'decisions are withdrawn, never deleted'); END;"
	"CREATE TRIGGER decision_withdrawal_no_update BEFORE UPDATE ON decision_withdrawal"
	"  BEGIN SELECT RAISE (ABORT, 'a withdrawal stays on record'); END;"
	"CREATE TRIGGER decision_withdrawal_no_delete BEFORE DELETE ON decision_withdrawal"
	"  BEGIN SELECT RAISE (ABORT, 'a withdrawal stays on record'); END;"
	"ALTER TABLE deadline_met ADD COLUMN sent TEXT NOT NULL DEFAULT '';", audit_decisions},
};

/* Every table there is, but the audit table itself, gets its triggers. */
static enum status audit_every_table(struct store *s, struct error *err)
{
	struct strlist tables = {0};
	/* A table left out would go unaudited for good. */
	enum status rc = store_names(s, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> 'audit'"
				     " AND name NOT LIKE 'sqlite_%' ORDER BY name", &tables, "listing the tables", err);

	for (size_t i = 0; i < tables.len && !rc; i++)
		rc = audit_attach(s, tables.items[i], err);
	strlist_free(&tables);
	return rc;
}

/* Migration 15's tables, audited as migration 14 says. */
static enum status audit_indicators(struct store *s, struct error *err)
{
	enum status rc;

	if ((rc = audit_attach(s, "ioc", err)) || (rc = audit_attach(s, "ioc_withdrawal", err)))
		return rc;
	return audit_move_to_connections(s, err);
}

/* Migration 17's records without an audited insert (made before the
 * trail began, at schema 8 or older), each put on the trail as inserted
 * by sirt, as it stands, so that sirt audit verify holds every record to
 * an image from here on. Nothing for a file whose trail is whole. */
static enum status audit_baseline(struct store *s, struct error *err)
{
	struct strlist tables = {0};
	enum status rc = store_names(s, "SELECT DISTINCT tbl_name FROM sqlite_schema WHERE type = 'trigger'"
				     " AND name = 'audit_guard_' || tbl_name || '_insert' ORDER BY tbl_name", &tables,
				     "listing the audited tables", err);

	for (size_t i = 0; i < tables.len && !rc; i++)
		rc = audit_record_unaudited(s, tables.items[i], err);
	strlist_free(&tables);
	return rc;
}

/* Migration 18's table, audited as migration 14 says. */
static enum status audit_imports(struct store *s, struct error *err)
{
	enum status rc = audit_attach(s, "import", err);

	return rc ? rc : audit_move_to_connections(s, err);
}

/* Migration 20's tables, audited as migration 14 says. */
static enum status audit_decisions(struct store *s, struct error *err)
{
	enum status rc;

	if ((rc = audit_attach(s, "decision", err)) || (rc = audit_attach(s, "decision_withdrawal", err)))
		return rc;
	return audit_move_to_connections(s, err);
}

#define MIGRATION_COUNT ((int)(sizeof(migrations) / sizeof(migrations[0])))

int store_latest_schema(void)
{
	return MIGRATION_COUNT;
}

/* Reads what the file says about itself and refuses what is not ours or
 * is newer than this binary. *version gets the schema version. */
static enum status inspect(struct store *s, int *version, struct error *err)
{
	int app_id = 0, tables = 0;

	if (store_pragma_int(s, "PRAGMA user_version", version, err) ||
	    store_pragma_int(s, "PRAGMA application_id", &app_id, err) ||
	    store_pragma_int(s, "SELECT count(*) FROM sqlite_schema", &tables, err))
		return err->status;
	if (app_id != STORE_APPLICATION_ID && (tables > 0 || app_id != 0))
		return error_set(err, STATUS_DATA,
				 "%s is not a sirt database: it holds other tables (give sirt its own file with --db)",
				 s->path);
	if (*version > MIGRATION_COUNT)
		return error_set(err, STATUS_DATA,
				 "%s has schema version %d, newer than this sirt knows (%d): upgrade sirt before using it",
				 s->path, *version, MIGRATION_COUNT);
	return STATUS_OK;
}

enum status store_migrate(struct store *s, struct error *err)
{
	int version = 0;
	enum status st;

	if ((st = inspect(s, &version, err)))
		return st;
	if (version == MIGRATION_COUNT)
		return STATUS_OK;
	if (s->read_only)
		return error_set(err, STATUS_PERMISSION,
				 "%s needs an upgrade of its schema, which a read-only session cannot do (open it once without --read-only)",
				 s->path);
	s->migrating = true;
	st = store_begin(s, NULL, NULL, err);
	s->migrating = false;
	if (st)
		return st;
	/* Another sirt may have migrated the file while this one waited for
	 * the write lock: look again, now that nobody else can change it. */
	if ((st = inspect(s, &version, err)))
		goto fail;
	/* Done meanwhile, or not to be done: nothing written. */
	if (version == MIGRATION_COUNT || (st = store_gate(s, err)))
		goto fail;
	for (int i = version; i < MIGRATION_COUNT; i++) {
		char sql[64];

		if ((st = store_exec(s, migrations[i].sql, err)) ||
		    (migrations[i].then && (st = migrations[i].then(s, err))))
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		if ((st = store_exec(s, sql, err)))
			goto fail;
	}
	{
		char sql[64];
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", STORE_APPLICATION_ID);
		if ((st = store_exec(s, sql, err)))
			goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return st;
}
