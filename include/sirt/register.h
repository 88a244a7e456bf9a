/* The registers an incident keeps, one per kind of record (sirt/kind.h):
 * the plan's rules for each kind beside its description (the role that
 * may add one, how one reads on a line, what adding and withdrawing
 * check), and what both faces build from them: the kind's form, a record
 * from what was typed in it. The faces are generic over this table; a new
 * kind is a description, its checks, a migration and a row here. */
#ifndef SIRT_REGISTER_H
#define SIRT_REGISTER_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "sirt/config.h"
#include "sirt/formdef.h"
#include "sirt/incident_data.h"
#include "sirt/kind.h"
#include "sirt/roles.h"
#include "sirt/status.h"
#include "sirt/store.h"

struct register_def {
	const struct record_kind *kind;
	enum capability needs;	/* to add or withdraw one */
	const char *doing;	/* for a refusal: "recording an indicator" */
	/* What a form says once one is added, after "Change 3": "proposed;
	 * management decides on it". NULL: "added". */
	const char *added;
	/* One line about a record: "ipv4 203.0.113.7 (TLP:AMBER)". */
	char *(*summary)(const void *record);
	/* What the records come to, a line each ("USD 12,500.00 (damage
	 * ...)"), shown below them; NULL: nothing beyond the records. */
	char *(*sum)(const struct record_list *records);

	/* What is typed to add one, when it is not the kind's own columns:
	 * texts, in a struct of asks_size (a cost's amount is typed
	 * "12,500.50" and kept in hundredths). NULL: the kind's columns,
	 * typed into the kind's struct. check and add take what was typed. */
	const struct kind_column *asks;
	size_t nasks;
	size_t asks_size;
	/* What the plan gives a question left empty (its currency), or NULL
	 * for the question's own fallback. NULL: none. */
	const char *(*plan_fallback)(const struct config *config, const char *column);

	/* What add checks, without the store: STATUS_DATA with *column the
	 * column at fault, so that a form can say it under that field. */
	enum status (*check)(const void *typed, time_t now, const char **column, struct error *err);
	/* Checks and adds a record from what was typed (texts as given, times
	 * as sirt reads them); *number gets its number. */
	enum status (*add)(struct store *store, const struct config *config, const struct incident *incident,
			   const void *typed, const struct actor *who, time_t now, int64_t *number, struct error *err);
	/* NULL for a kind whose records are never withdrawn. */
	enum status (*withdraw)(struct store *store, const struct incident *incident, int64_t number,
				const char *reason, const struct actor *who, time_t now, struct error *err);

	/* Every record of the kind, in any incident, that is the thing typed
	 * (in refs each one's incident); NULL for a kind not searched. */
	enum status (*find)(struct store *store, const char *typed, struct record_list *out, struct strlist *refs,
			    struct error *err);
	/* The column that makes two records the same thing (the value of an
	 * indicator): the incident view says when another incident has one
	 * like it. NULL: none. */
	const char *same_by;
};

/* The registers, in the order the incident view shows them. */
#define SIRT_REGISTERS(X) \
	X(IOC, ioc_register) \
	X(DECISION, decision_register)

#define REGISTER_EXTERN(id, def) extern const struct register_def def;
SIRT_REGISTERS(REGISTER_EXTERN)
#undef REGISTER_EXTERN

enum register_id {
#define REGISTER_ENUM(id, def) REGISTER_##id,
	SIRT_REGISTERS(REGISTER_ENUM)
#undef REGISTER_ENUM
	REGISTER_COUNT
};

extern const struct register_def *const registers[REGISTER_COUNT];
/* A witness (R13, R17), added through the form of its kind; and a
 * finding of the investigation (R13), its witness chosen among the
 * incident's. Not among registers[]: the investigation screen shows
 * both, and show and the report list them their own way. */
extern const struct register_def witness_register;
extern const struct register_def note_register;
/* Damage and cost (R23): not yet among registers[]: the incident view,
 * show and the report draw its lines and totals their own way. */
extern const struct register_def cost_register;
/* Recommended changes (R14), proposed through the form of the kind; the
 * decision (R15) is the changes screen's own action. */
extern const struct register_def change_register;
/* Escalation calls (R3), logged through the form of a call's outcome and
 * note to the contact the call list gives. */
extern const struct register_def call_register;
/* The evidence register (R17) and its hand-overs: not among registers[]:
 * the evidence screen shows an item with its custody and checks. */
extern const struct register_def evidence_register;
extern const struct register_def custody_register;
/* One by its kind's name, or NULL. */
const struct register_def *register_find(const char *name);

/* One register's records of one incident, and for each record the other
 * incidents that hold one like it ("IR-2026-0003, IR-2026-0007", or ""). */
struct register_records {
	struct record_list records;
	struct strlist elsewhere;
};

enum status register_load(struct store *store, const struct register_def *reg, const struct incident *incident,
			  struct register_records *out, struct error *err);
void register_records_free(const struct register_def *reg, struct register_records *records);

/* The questions a record is added from: the register's asks, or its
 * kind's columns; *size is the struct they are typed into. */
const struct kind_column *register_asks(const struct register_def *reg, size_t *n, size_t *size);
/* A form with a field per question (a choice field for a column with
 * choices, a date and time for a time), with the plan's fallbacks. */
struct form_def *register_form(const struct register_def *reg, const struct config *config);
/* A new struct of what was typed in the register's form (free it with
 * free()): its texts point into typed, and what the form does not ask is
 * given's (a struct of the same, or NULL). */
void *register_typed_from_fields(const struct register_def *reg, const struct field_list *typed, const void *given);

#endif
