/* What an incident carries, kind by kind (DESIGN.md, "Record kinds"):
 * each kind's struct, its typed list and its description (sirt/kind.h),
 * defined in store/kinds.c. The store adds and reads them (sirt/store.h);
 * core and the faces use them. */
#ifndef SIRT_RECORD_KINDS_H
#define SIRT_RECORD_KINDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sirt/incident_data.h"
#include "sirt/kind.h"

/* One attempt to reach a contact of the escalation order (R3). */
struct call_attempt {
	int64_t id;
	char *contact;		/* the contact's id in the config */
	char *name;		/* as it was when called */
	char *phone;
	char *outcome;		/* reached, no-answer, message, wrong-number */
	char *note;
	char *called_at;
	char *called_by;
	char *happened_at;	/* when the call was made, if not when logged; NULL */
	struct provenance *imported;	/* NULL: recorded here */
};

struct call_list {
	struct call_attempt *items;
	size_t len;
	size_t cap;
};

extern const struct record_kind call_kind;
void call_list_free(struct call_list *list);

/* A recommended change (R14) and management's decision on it (R15). */
#define CHANGE_PROPOSED "proposed"
#define CHANGE_APPROVED "approved"
#define CHANGE_REJECTED "rejected"

struct change {
	int64_t number;		/* 1, 2, ... within the incident */
	char *what;
	char *why;
	char *proposed_at;
	char *proposed_by;
	char *state;
	char *decided_at;	/* NULL until decided */
	char *decided_by;
	char *reason;
	char *happened_at;	/* when it was decided, if not when logged; NULL */
	struct provenance *imported;	/* NULL: recorded here */
};

struct change_list {
	struct change *items;
	size_t len;
	size_t cap;
};

extern const struct record_kind change_kind;
const struct change *change_list_find(const struct change_list *list, int64_t number);
void change_list_free(struct change_list *list);

/* A witness of the incident (R17's list of witnesses, R13's interviews). */
struct witness {
	int64_t number;		/* 1, 2, ... within the incident */
	char *name;
	char *contact;
	char *statement;
	char *interviewed_by;	/* "" when no statement was taken */
	char *interviewed_at;
	char *added_at;
	char *added_by;
	struct provenance *imported;	/* NULL: recorded here */
};

struct witness_list {
	struct witness *items;
	size_t len;
	size_t cap;
};

extern const struct record_kind witness_kind;
const struct witness *witness_list_find(const struct witness_list *list, int64_t number);
void witness_list_free(struct witness_list *list);

/* A forensic finding (R13), timestamped, never changed. */
struct note {
	int64_t id;
	char *kind;
	char *text;
	int64_t witness;	/* the witness interviewed, 0 for none */
	char *noted_at;
	char *noted_by;
	struct provenance *imported;	/* NULL: recorded here */
};

struct note_list {
	struct note *items;
	size_t len;
	size_t cap;
};

extern const struct record_kind note_kind;
void note_list_free(struct note_list *list);

/* A line of damage or cost (R23). */
struct cost {
	int64_t number;		/* 1, 2, ... within the incident */
	char *kind;		/* "damage" (to the organisation) or "containment" */
	char *description;
	int64_t amount;		/* in hundredths: 1250 is 12.50 */
	char *currency;		/* USD, EUR, ... */
	bool estimate;		/* an estimate, not yet the actual figure */
	char *added_at;
	char *added_by;
	char *withdrawn_at;	/* NULL while it stands */
	char *withdrawn_by;
	char *withdrawn_reason;
	struct provenance *imported;	/* NULL: recorded here */
	struct provenance *withdrawn_imported;	/* the withdrawal's; NULL: here, or none */
};

struct cost_list {
	struct cost *items;
	size_t len;
	size_t cap;
};

extern const struct record_kind cost_kind;
void cost_list_free(struct cost_list *list);

/* A decision a regime's clock may run from (sirt decide): key is one of
 * DECISION_KEYS (sirt/config.h). It counts from happened_at when the
 * operator gave one (--at), else from decided_at; withdrawn, it no
 * longer counts. */
struct decision {
	int64_t number;		/* 1, 2, ... within the incident */
	char *key;
	char *why;
	char *happened_at;	/* NULL: when it was logged */
	char *decided_at;
	char *decided_by;
	char *withdrawn_at;	/* NULL while it stands */
	char *withdrawn_by;
	char *withdrawn_reason;
	struct provenance *imported;	/* NULL: recorded here */
	struct provenance *withdrawn_imported;
};

struct decision_list {
	struct decision *items;
	size_t len;
	size_t cap;
};

extern const struct record_kind decision_kind;
void decision_list_free(struct decision_list *list);

/* An item of the evidence register (R17). */
struct evidence {
	int64_t number;		/* 1, 2, ... within the incident */
	char *description;
	char *kind;
	char *path;		/* the file it was hashed from; "" for none */
	char *location;		/* where it is kept */
	char *sha256;		/* "" when there was nothing to hash */
	int64_t size;
	int64_t corrects;	/* the number of the entry it corrects; 0 for none */
	/* What moved in the file while it was hashed (recorded with
	 * --changing); "" when nothing did. */
	char *changing;
	char *copy;		/* the evidence store's copy; "" for none */
	char *collected_at;
	char *collected_by;
	struct provenance *imported;	/* NULL: recorded here */
};

/* One hand-over in the chain of custody. */
struct custody {
	int64_t id;
	int64_t evidence;
	char *from_who;
	char *to_who;
	char *purpose;
	char *location;
	char *at;
	char *recorded_by;
	struct provenance *imported;	/* NULL: recorded here */
};

/* One verification of an item's hash. */
struct evidence_check {
	int64_t evidence;
	char *result;		/* match, mismatch, missing */
	char *expected;
	char *actual;
	bool copy;		/* of the evidence store's copy, not the original */
	char *at;
	char *checked_by;
	struct provenance *imported;	/* NULL: recorded here */
};

struct evidence_register {
	struct evidence *items;
	size_t len, cap;
	struct custody *custody;
	size_t ncustody, custody_cap;
	struct evidence_check *checks;
	size_t nchecks, checks_cap;
};

extern const struct record_kind evidence_kind;
extern const struct record_kind custody_kind;
extern const struct record_kind evidence_check_kind;
const struct evidence *evidence_register_find(const struct evidence_register *reg, int64_t number);
void evidence_register_free(struct evidence_register *reg);

/* A deadline met: the party was told, how and when (R22). */
struct deadline_met {
	char *rule;
	char *party;
	char *how;		/* email, phone, portal, letter, in-person, other */
	char *reference;
	char *met_at;
	char *met_by;
	char *happened_at;	/* when the party was told, if not when logged; NULL */
	char *sent;		/* the text that was sent (--sent-file); "" when not kept */
	struct provenance *imported;	/* NULL: recorded here */
};

/* The most bytes of UTF-8 a deadline met keeps of the text sent. */
#define DEADLINE_SENT_MAX 100000

struct deadline_met_list {
	struct deadline_met *items;
	size_t len;
	size_t cap;
};

extern const struct record_kind deadline_met_kind;
void deadline_met_list_free(struct deadline_met_list *list);

#endif
