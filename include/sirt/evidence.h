/* The evidence register and chain of custody (R17). An item is never
 * edited: a correction is a new entry naming the one it corrects. Each
 * hand-over is a custody entry from the current custodian to the next,
 * and each verification of an item's SHA-256 is on record. */
#ifndef SIRT_EVIDENCE_H
#define SIRT_EVIDENCE_H

#include "sirt/config.h"
#include "sirt/digest.h"
#include "sirt/evidence_file.h"
#include "sirt/incident_data.h"
#include "sirt/record_kinds.h"
#include "sirt/store.h"

/* kind as stored, as shown */
#define EVIDENCE_KINDS(X) \
	X("log-copy",        "log copy") \
	X("email",           "e-mail") \
	X("disk-image",      "disk image") \
	X("memory-image",    "memory image") \
	X("network-capture", "network capture") \
	X("document",        "document") \
	X("photo",           "photo") \
	X("note",            "note") \
	X("other",           "other")

const char *evidence_kind_label(const char *kind);
const char *const *evidence_kinds(void);
const char *evidence_kind_names(void);

/* Who holds the item now: the last hand-over's recipient, else whoever
 * collected it. NULL if there is no such item. */
const char *evidence_custodian(const struct evidence_register *reg, int64_t number);

/* Where it is kept now: the last hand-over's location, else where it was
 * first put ("" if never said). */
const char *evidence_location(const struct evidence_register *reg, int64_t number);

/* Adds an item. sha256 (64 hex digits) and size are what sirt computed
 * from path, or "" and 0 when there was nothing to hash; corrects names
 * an earlier item this one corrects (0: none). */
enum status incident_add_evidence(struct store *store, const struct incident *incident, const char *description,
				  const char *kind, const char *path, const char *location, const char *sha256,
				  int64_t size, int64_t corrects, const struct actor *who, time_t now,
				  int64_t *number, struct error *err);
/* An item as typed in its form or given on the command line, every
 * part text: path names the file to hash ("" for an item without one,
 * such as a paper log book), corrects the number of the earlier item
 * this one corrects ("" for none). */
struct evidence_typed {
	char *description;
	char *kind;
	char *path;
	char *location;
	char *corrects;
};

/* What an item as typed must be, without the store: the path names a
 * file sirt can read. STATUS_DATA, or STATUS_NOT_FOUND or STATUS_IO for
 * the file, with *column the question at fault. */
enum status evidence_item_check(const struct evidence_typed *typed, const char **column, struct error *err);
/* Checks an item as typed, hashes its file as how says (told how far
 * it is; a file that moves meanwhile refused unless how->changing; a
 * copy kept in how->store; how NULL: none of these) and adds it,
 * keeping the file's absolute path so that a later verify from another
 * directory finds it. */
enum status evidence_item_add(struct store *store, const struct incident *incident,
			      const struct evidence_typed *typed, const struct evidence_reading *how,
			      const struct actor *who, time_t now, int64_t *number, struct error *err);
/* Adds an item read already (its hash, size, what moved, its stored
 * copy), with the checks incident_add_evidence makes. */
enum status incident_add_evidence_item(struct store *store, const struct incident *incident,
				       const struct evidence *item, const struct actor *who, time_t now,
				       int64_t *number, struct error *err);
/* Where an item added through the register (evidence_register) tells
 * how far the hashing of its file is: the register's add has no room to
 * be given it. NULL: nowhere. */
void evidence_progress_set(digest_progress progress, void *ctx);

/* A hand-over as typed in its form: the item's number and the rest, as
 * text. */
struct custody_typed {
	char *evidence;
	char *to;
	char *purpose;
	char *location;
};

/* Hands item `number` from its custodian to `to`, for `purpose`; *id
 * gets the custody entry's id. */
enum status incident_hand_over(struct store *store, const struct incident *incident, int64_t number, const char *to,
			       const char *purpose, const char *location, const struct actor *who, time_t now,
			       int64_t *id, struct error *err);
/* Records a verification: actual is the hash computed now, or NULL when
 * the file could not be read. *result gets match, mismatch or missing. */
enum status incident_record_verification(struct store *store, const struct incident *incident, int64_t number,
					 const char *actual, const struct actor *who, time_t now, const char **result,
					 struct error *err);
/* The same for the original (copy false) or the evidence store's copy
 * of the item (copy true). */
enum status incident_record_check(struct store *store, const struct incident *incident, int64_t number,
				  const char *actual, bool copy, const struct actor *who, time_t now, const char **result,
				  struct error *err);

#endif
