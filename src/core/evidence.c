/* Evidence rules: what an item needs, who holds it, what a check found;
 * and the registers an item and a hand-over are added through. */
#include "sirt/evidence.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sirt/config.h"
#include "sirt/evidence_file.h"
#include "sirt/form.h"
#include "sirt/identity.h"
#include "sirt/register.h"

static const char *const kinds[] = {
#define EVIDENCE_KIND_KEY(key, label) key,
	EVIDENCE_KINDS(EVIDENCE_KIND_KEY)
#undef EVIDENCE_KIND_KEY
	NULL,
};

const char *const *evidence_kinds(void)
{
	return kinds;
}

const char *evidence_kind_label(const char *kind)
{
#define EVIDENCE_KIND_LABEL(key, label) if (kind && strcmp(kind, key) == 0) return label;
	EVIDENCE_KINDS(EVIDENCE_KIND_LABEL)
#undef EVIDENCE_KIND_LABEL
	return NULL;
}

const char *evidence_kind_names(void)
{
	return "log-copy, email, disk-image, memory-image, network-capture, document, photo, note or other";
}

const char *evidence_custodian(const struct evidence_register *reg, int64_t number)
{
	const struct evidence *e = evidence_register_find(reg, number);

	if (!e)
		return NULL;
	for (size_t i = reg->ncustody; i-- > 0;)
		if (reg->custody[i].evidence == number)
			return reg->custody[i].to_who;
	return e->collected_by;
}

const char *evidence_location(const struct evidence_register *reg, int64_t number)
{
	const struct evidence *e = evidence_register_find(reg, number);

	for (size_t i = reg->ncustody; i-- > 0;)
		if (reg->custody[i].evidence == number && *reg->custody[i].location)
			return reg->custody[i].location;
	return e ? e->location : "";
}

static bool is_sha256(const char *hex)
{
	if (strlen(hex) != 64)
		return false;
	for (; *hex; hex++)
		if (!isxdigit((unsigned char)*hex) || isupper((unsigned char)*hex))
			return false;
	return true;
}

static enum status no_item(const struct incident *incident, int64_t number, struct error *err)
{
	return error_set(err, STATUS_NOT_FOUND, "%s has no evidence item %lld (see sirt show %s)", incident->ref,
			 (long long)number, incident->ref);
}

/* The texts of an item, whoever gives them; *column: the one at fault. */
static enum status item_texts_check(const char *description, const char *kind, const char *path,
				    const char *location, const char **column, struct error *err)
{
	enum status st;

	*column = "description";
	if ((st = form_text_check("description", description, true, FORM_TEXT_MAX, err)))
		return st;
	*column = "kind";
	if (!kind || !*kind)
		return error_set(err, STATUS_DATA, "the kind of evidence is required: %s", evidence_kind_names());
	if (!evidence_kind_label(kind))
		return error_set(err, STATUS_DATA, "unknown kind of evidence \"%s\" (%s)", kind ? kind : "",
				 evidence_kind_names());
	*column = "path";
	if ((st = form_text_check("path", path, false, FORM_TEXT_MAX, err)))
		return st;
	*column = "location";
	if ((st = form_text_check("storage location", location, false, FORM_TEXT_MAX, err)))
		return st;
	*column = NULL;
	return STATUS_OK;
}

/* An item's number as typed ("" or NULL: none, 0), or false. */
static bool number_read(const char *text, int64_t *number)
{
	char *end;
	long long n;

	*number = 0;
	while (text && *text == ' ')
		text++;
	if (!text || !*text)
		return true;
	if (!isdigit((unsigned char)*text))
		return false;
	errno = 0;
	n = strtoll(text, &end, 10);
	while (*end == ' ')
		end++;
	if (errno || *end || n <= 0)
		return false;
	*number = n;
	return true;
}

/* The file an item is read from, before it is hashed: a regular file
 * that can be read. Anything else is no input file (66), a failing disk
 * alone an I/O error (74): a FIFO or a device gives what it gives once,
 * which --stdin takes. */
static enum status file_check(const char *path, struct error *err)
{
	struct stat info;

	if (stat(path, &info) != 0)
		return error_set(err, errno == EIO ? STATUS_IO : STATUS_NOT_FOUND,
				 "cannot find the evidence file %s: %s; give the path of a file to hash", path,
				 strerror(errno));
	if (!S_ISREG(info.st_mode))
		return error_set(err, STATUS_NOT_FOUND,
				 "%s is %s, not a file: give the path of one file to hash%s", path,
				 S_ISDIR(info.st_mode) ? "a directory" : S_ISFIFO(info.st_mode) ? "a FIFO" : "a device or a socket",
				 S_ISDIR(info.st_mode) ? "" : ", or pipe what it gives into sirt evidence add --stdin");
	if (access(path, R_OK) != 0)
		return error_set(err, errno == EIO ? STATUS_IO : STATUS_NOT_FOUND, "cannot read the evidence file %s: %s",
				 path, strerror(errno));
	return STATUS_OK;
}

/* A path as typed, with "~/" at its start read as a shell reads it: the
 * home directory ($HOME, else the account's). A new string. */
static char *path_expanded(const char *path)
{
	char *home, *expanded;

	if (!path || (strcmp(path, "~") != 0 && strncmp(path, "~/", 2) != 0))
		return xstrdup(path ? path : "");
	home = identity_home();
	expanded = xasprintf("%s%s", home ? home : "/", path + 1);
	free(home);
	return expanded;
}

enum status evidence_item_check(const struct evidence_typed *t, const char **column, struct error *err)
{
	int64_t corrects;
	enum status st;

	if ((st = item_texts_check(t->description, t->kind, t->path, t->location, column, err)))
		return st;
	*column = "path";
	if (t->path && *t->path) {
		char *path = path_expanded(t->path);

		st = file_check(path, err);
		free(path);
		if (st)
			return st;
	}
	*column = "corrects";
	if (!number_read(t->corrects, &corrects))
		return error_set(err, STATUS_DATA, "the item corrected is given by its number, such as 3, not \"%s\"",
				 t->corrects);
	*column = NULL;
	return STATUS_OK;
}

enum status evidence_item_add(struct store *store, const struct incident *incident, const struct evidence_typed *t,
			      const struct evidence_reading *how, const struct actor *who, time_t now, int64_t *number,
			      struct error *err)
{
	static const struct evidence_reading plain = {0};
	struct evidence_read read = {0};
	struct evidence item = {0};
	char *absolute = NULL;
	int64_t corrects = 0;
	const char *column;
	enum status st;

	if ((st = evidence_item_check(t, &column, err)))
		return st;
	number_read(t->corrects, &corrects);
	if (t->path && *t->path) {
		char *path = path_expanded(t->path);

		absolute = realpath(path, NULL);
		free(path);
		if (!absolute)
			return error_set(err, STATUS_NOT_FOUND, "cannot find the evidence file %s: %s", t->path,
					 strerror(errno));
		if ((st = evidence_read_file(absolute, t->path, how ? how : &plain, &read, err))) {
			free(absolute);
			return st;
		}
	}
	item.description = t->description;
	item.kind = t->kind;
	item.path = absolute ? absolute : "";
	item.location = t->location;
	item.sha256 = read.sha256;
	item.size = (int64_t)read.size;
	item.corrects = corrects;
	item.changing = read.changing;
	item.copy = read.copy;
	st = incident_add_evidence_item(store, incident, &item, who, now, number, err);
	evidence_read_clear(&read);
	free(absolute);
	return st;
}

enum status incident_add_evidence(struct store *store, const struct incident *incident, const char *description,
				  const char *kind, const char *path, const char *location, const char *sha256,
				  int64_t size, int64_t corrects, const struct actor *who, time_t now,
				  int64_t *number, struct error *err)
{
	struct evidence item = {
		.description = (char *)description, .kind = (char *)kind, .path = (char *)path,
		.location = (char *)location, .sha256 = (char *)sha256, .size = size, .corrects = corrects,
	};

	return incident_add_evidence_item(store, incident, &item, who, now, number, err);
}

enum status incident_add_evidence_item(struct store *store, const struct incident *incident,
				       const struct evidence *given, const struct actor *who, time_t now,
				       int64_t *number, struct error *err)
{
	struct evidence item = *given;
	struct evidence_register reg;
	const char *column;
	enum status st;

	if ((st = item_texts_check(item.description, item.kind, item.path, item.location, &column, err)))
		return st;
	if (item.sha256 && *item.sha256 && !is_sha256(item.sha256))
		return error_set(err, STATUS_DATA, "\"%s\" is not a SHA-256 in hex", item.sha256);
	if (item.corrects > 0) {
		if ((st = store_evidence_get(store, incident->id, &reg, err)))
			return st;
		st = evidence_register_find(&reg, item.corrects) ? STATUS_OK : no_item(incident, item.corrects, err);
		evidence_register_free(&reg);
		if (st)
			return st;
	}
	item.path = item.path ? item.path : "";
	item.location = item.location ? item.location : "";
	item.sha256 = item.sha256 ? item.sha256 : "";
	item.changing = item.changing ? item.changing : "";
	item.copy = item.copy ? item.copy : "";
	{
		char *prefix = item.corrects > 0 ?
			xasprintf("Correction of evidence item %lld added as item", (long long)item.corrects) :
			xstrdup(*item.changing ? "Evidence item (CHANGED while it was hashed)" : "Evidence item");
		st = store_evidence_add(store, incident, &item, prefix, who, now, number, err);
		free(prefix);
	}
	return st;
}

/* The texts of a hand-over; *column: the one at fault. */
static enum status hand_over_check(const char *to, const char *purpose, const char *location, const char **column,
				   struct error *err)
{
	enum status st;

	*column = "to";
	if ((st = form_text_check("recipient", to, true, FORM_TEXT_MAX, err)))
		return st;
	*column = "purpose";
	if ((st = form_text_check("purpose", purpose, true, FORM_TEXT_MAX, err)))
		return st;
	*column = "location";
	if ((st = form_text_check("storage location", location, false, FORM_TEXT_MAX, err)))
		return st;
	*column = NULL;
	return STATUS_OK;
}

enum status incident_hand_over(struct store *store, const struct incident *incident, int64_t number, const char *to,
			       const char *purpose, const char *location, const struct actor *who, time_t now,
			       int64_t *id, struct error *err)
{
	struct evidence_register reg;
	struct custody entry = {0};
	const char *from, *column;
	char *summary;
	enum status st;

	if ((st = hand_over_check(to, purpose, location, &column, err)))
		return st;
	if ((st = store_evidence_get(store, incident->id, &reg, err)))
		return st;
	from = evidence_custodian(&reg, number);
	if (!from) {
		evidence_register_free(&reg);
		return no_item(incident, number, err);
	}
	if (strcmp(from, to) == 0) {
		st = error_set(err, STATUS_DATA, "evidence %lld is already held by %s", (long long)number, to);
		evidence_register_free(&reg);
		return st;
	}
	entry.evidence = number;
	entry.from_who = (char *)from;
	entry.to_who = (char *)to;
	entry.purpose = (char *)purpose;
	entry.location = (char *)(location ? location : "");
	summary = xasprintf("Evidence %lld handed from %s to %s: %s", (long long)number, from, to, purpose);
	st = store_custody_add(store, incident, &entry, summary, who, now, id, err);
	free(summary);
	evidence_register_free(&reg);
	return st;
}

enum status incident_record_verification(struct store *store, const struct incident *incident, int64_t number,
					 const char *actual, const struct actor *who, time_t now, const char **result,
					 struct error *err)
{
	return incident_record_check(store, incident, number, actual, false, who, now, result, err);
}

enum status incident_record_check(struct store *store, const struct incident *incident, int64_t number,
				  const char *actual, bool copy, const struct actor *who, time_t now, const char **result,
				  struct error *err)
{
	struct evidence_register reg;
	const struct evidence *e;
	struct evidence_check check = {0};
	char *summary;
	enum status st;

	if ((st = store_evidence_get(store, incident->id, &reg, err)))
		return st;
	e = evidence_register_find(&reg, number);
	if (!e || !*e->sha256) {
		st = e ? error_set(err, STATUS_DATA, "evidence %lld has no hash to verify (it was not read from a file)",
				   (long long)number) :
			 no_item(incident, number, err);
		evidence_register_free(&reg);
		return st;
	}
	*result = !actual ? "missing" : strcmp(actual, e->sha256) == 0 ? "match" : "mismatch";
	check.evidence = number;
	check.result = (char *)*result;
	check.expected = e->sha256;
	check.actual = (char *)(actual ? actual : "");
	check.copy = copy;
	summary = strcmp(*result, "match") == 0 ?
		xasprintf("Evidence %lld%s verified: SHA-256 matches", (long long)number, copy ? " (stored copy)" : "") :
		xasprintf("Evidence %lld%s verification FAILED: %s (expected %s, found %s)", (long long)number,
			  copy ? " (stored copy)" : "", *result, e->sha256, actual ? actual : "no file");
	st = store_evidence_check_add(store, incident, &check, summary, who, now, err);
	free(summary);
	evidence_register_free(&reg);
	return st;
}

/* The evidence register: an item is typed as text (its file by its
 * path, hashed when it is added) and never withdrawn: a correction is a
 * new item naming the one it corrects. */
static const struct kind_column item_asks[] = {
	{"description", COLUMN_TEXT, offsetof(struct evidence_typed, description), "Description", true,
	 .help = "what it is and where it came from, e.g. auth.log copied from fs01"},
	{"kind", COLUMN_TEXT, offsetof(struct evidence_typed, kind), "Kind", true, kinds,
	 .help = "what kind of item: a letter picks, Space shows the next"},
	{"path", COLUMN_TEXT, offsetof(struct evidence_typed, path), "File to hash", false,
	 .help = "its path, e.g. /srv/case/auth.log (SHA-256 taken now); empty: an item without a file"},
	{"location", COLUMN_TEXT, offsetof(struct evidence_typed, location), "Storage location", false,
	 .help = "where it is kept, e.g. safe 2"},
	{"corrects", COLUMN_TEXT, offsetof(struct evidence_typed, corrects), "Corrects item", false,
	 .help = "the number of an earlier item this one corrects (items are never edited)", .field = FIELD_NUMBER},
};

static struct {
	digest_progress report;
	void *ctx;
} progress;

void evidence_progress_set(digest_progress report, void *ctx)
{
	progress.report = report;
	progress.ctx = ctx;
}

static char *item_summary(const void *record)
{
	const struct evidence *e = record;
	const char *kind = evidence_kind_label(e->kind);

	return e->corrects ? xasprintf("%s: %s (corrects %lld)", kind ? kind : e->kind, e->description,
				       (long long)e->corrects) :
			     xasprintf("%s: %s", kind ? kind : e->kind, e->description);
}

static enum status item_check(const void *typed, time_t now, const char **column, struct error *err)
{
	(void)now;
	return evidence_item_check(typed, column, err);
}

/* From the register's form: a file that changes under the hash is
 * refused (only sirt evidence add --changing records one). */
static enum status item_add(struct store *store, const struct config *config, const struct incident *incident,
			    const void *typed, const struct actor *who, time_t now, int64_t *number, struct error *err)
{
	const struct evidence_reading how = {
		.store = config ? config->evidence_store : NULL, .progress = progress.report, .ctx = progress.ctx,
	};

	return evidence_item_add(store, incident, typed, &how, who, now, number, err);
}

const struct register_def evidence_register = {
	.kind = &evidence_kind,
	.needs = CAN_RESPOND,
	.doing = "working the evidence register",
	.summary = item_summary,
	.asks = item_asks,
	.nasks = sizeof(item_asks) / sizeof(item_asks[0]),
	.asks_size = sizeof(struct evidence_typed),
	.check = item_check,
	.add = item_add,
};

/* The chain of custody: a hand-over is from whoever holds the item now
 * (the store reads that as it adds) to the one typed. */
static const struct kind_column hand_over_asks[] = {
	{"to", COLUMN_TEXT, offsetof(struct custody_typed, to), "To", true,
	 .help = "who takes it: a person, or a place such as the evidence locker"},
	{"purpose", COLUMN_TEXT, offsetof(struct custody_typed, purpose), "Purpose", true,
	 .help = "why it is handed over, e.g. analysis, storage, to the police"},
	{"location", COLUMN_TEXT, offsetof(struct custody_typed, location), "Storage location", false,
	 .help = "where it is kept from now on, e.g. locker 4"},
	{"evidence", COLUMN_TEXT, offsetof(struct custody_typed, evidence), "Evidence item", true,
	 .help = "the number of the item handed over", .field = FIELD_NUMBER},
};

static char *hand_over_summary(const void *record)
{
	const struct custody *c = record;

	return xasprintf("%s -> %s: %s", c->from_who, c->to_who, c->purpose);
}

static enum status hand_over_checks(const void *typed, time_t now, const char **column, struct error *err)
{
	const struct custody_typed *t = typed;
	int64_t number;
	enum status st;

	(void)now;
	if ((st = hand_over_check(t->to, t->purpose, t->location, column, err)))
		return st;
	*column = "evidence";
	if (!number_read(t->evidence, &number) || number == 0)
		return error_set(err, STATUS_DATA, "the item handed over is given by its number, such as 1, not \"%s\"",
				 t->evidence ? t->evidence : "");
	*column = NULL;
	return STATUS_OK;
}

static enum status hand_over_add(struct store *store, const struct config *config, const struct incident *incident,
				 const void *typed, const struct actor *who, time_t now, int64_t *id, struct error *err)
{
	const struct custody_typed *t = typed;
	const char *column;
	int64_t number;
	enum status st = hand_over_checks(t, now, &column, err);

	(void)config;
	if (st)
		return st;
	number_read(t->evidence, &number);
	return incident_hand_over(store, incident, number, t->to, t->purpose, t->location, who, now, id, err);
}

const struct register_def custody_register = {
	.kind = &custody_kind,
	.needs = CAN_RESPOND,
	.doing = "recording a hand-over",
	.summary = hand_over_summary,
	.asks = hand_over_asks,
	.nasks = sizeof(hand_over_asks) / sizeof(hand_over_asks[0]),
	.asks_size = sizeof(struct custody_typed),
	.check = hand_over_checks,
	.add = hand_over_add,
};
