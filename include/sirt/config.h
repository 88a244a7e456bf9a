/* The organisation's plan as sirt runs it: the INI config (office, 24/7
 * number, categories, roster, escalation order) with the forms and
 * procedures it points to, loaded and checked once at start. */
#ifndef SIRT_CONFIG_H
#define SIRT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "sirt/customer.h"
#include "sirt/formdef.h"
#include "sirt/ini.h"
#include "sirt/mem.h"
#include "sirt/proceduredef.h"

struct contact {
	char *id;		/* from [contact.ID] */
	char *name;
	char *role;		/* each of these four is "" when not given */
	char *phone;
	char *email;
	char *login;
};

/* A legal or contractual deadline (R19-R22): who must be told, by when,
 * from what moment, and in which incidents. */
enum deadline_start {
	DEADLINE_FROM_DISCOVERED,	/* first noticed (else the call) */
	DEADLINE_FROM_CALLED,		/* the time of the call */
	DEADLINE_FROM_CATEGORISED,	/* the first category chosen */
	DEADLINE_FROM_FIELD,		/* a form field being set */
	DEADLINE_FROM_NOTICED,		/* first noticed alone: no clock until it is set */
	DEADLINE_FROM_SUBMITTED,	/* another stage met: its full name in start_field */
	DEADLINE_FROM_DECIDED,		/* a decision recorded and standing: its key in start_field */
};

enum deadline_condition {
	DEADLINE_ALWAYS,
	DEADLINE_IF_EQUALS,		/* field = value */
	DEADLINE_IF_NOT_EMPTY,		/* field not empty */
	DEADLINE_IF_CATEGORY,		/* category >= key: at or above it */
	DEADLINE_IF_DECIDED,		/* a decision (condition_value) recorded and standing */
};

/* The decisions a regime's clock may run from or apply on (sirt decide):
 * the incident judged significant or major, and (SEC) its materiality
 * determined. Recorded with who, when and why; withdrawn with a reason. */
#define DECISION_KEYS "classified-major or materiality-determined"
bool decision_key_valid(const char *key);

/* A span a deadline is given: minutes, hours, days or months. Days and
 * months are counted on the calendar of the organisation's time zone
 * (the same wall-clock time n days on, whatever DST does); minutes and
 * hours are elapsed time. */
enum span_unit {
	SPAN_MINUTES,
	SPAN_HOURS,
	SPAN_DAYS,
	SPAN_MONTHS,
};

struct span {
	long long n;
	enum span_unit unit;
};

/* What a submission to a regime's stage must contain: an item of its
 * checklist, and where the draft fills it from (source: "field:KEY",
 * "ref", "title", "category", "called", "discovered", "noticed", a
 * decision's key, "submitted:STAGE", or "by-hand"). */
struct stage_item {
	char *key;
	char *label;
	char *source;
};

struct regime;

struct deadline_rule {
	char *name;		/* from [deadline.NAME] */
	char *party;		/* who is told; per-customer rules name each customer */
	char *address;
	long long within;	/* seconds */
	long long warn;		/* seconds before the end to flag it */
	enum deadline_start start;
	char *start_field;
	enum deadline_condition condition;
	char *condition_field;
	char *condition_value;
	char *per;		/* a customers field: one deadline per line; "" for none */
	/* A regime's stage (data/regimes/NAME.ini, [stage.KEY]): its name
	 * above is "REGIME.KEY"; regime is NULL for the plan's own
	 * [deadline.NAME]. */
	const struct regime *regime;
	char *title;		/* "" when not given */
	char *cites;		/* the article it is written from; "" */
	struct span span;	/* within, as written (within keeps it in seconds when exact) */
	bool business;		/* calendar = business: only business days count */
	/* no_later_than = SPAN after EVENT: the due is the earlier of the
	 * two, unless this one ended before the stage's clock started;
	 * has_cap false when not given. */
	bool has_cap;
	struct span cap_span;
	enum deadline_start cap_start;
	char *cap_field;
	/* rolls_to = HH:MM: a due on a day that is not a business day moves
	 * to that time of the next business day; -1 when not given. */
	int rolls_to;
	struct stage_item *items;
	size_t nitems;
	const char *file;	/* where it is defined, and the line, for messages */
	int line;
	int start_line;		/* the line of its starts (else its section's) */
};

/* A calendar deadlines are counted on: a time zone (an IANA name, or ""
 * for the process's own), which days of the week are the weekend, and
 * the holidays (as days since 1970-01-01 in the zone, sorted). */
struct calendar {
	char *zone;
	bool weekend[7];	/* by tm_wday: [0] is Sunday */
	long *holidays;
	size_t nholidays;
};

/* A notification regime (data/regimes/NAME.ini, [sirt] regimes): the
 * stages a law or contract sets, with the calendar of its own if its
 * file gives one ([regime] timezone, weekend or holidays), else the
 * plan's. */
struct regime {
	char *name;
	char *title;
	char *cites;		/* "" when not given */
	char *path;
	const struct calendar *calendar;	/* the plan's or own_calendar */
	struct calendar own_calendar;
	bool has_own_calendar;
};

/* The roles the config names by login (R4): key in [roles], one role's
 * name, what it is for. A login may hold several; anyone the config does
 * not name holds [roles] default. */
#define SIRT_ROLES(X) \
	X(OPERATOR,  "operators",  "operator",  "logs calls: new incidents, the intake form, the call list") \
	X(RESPONDER, "responders", "responder", "works incidents: triage, category, procedure, steps, forensics, " \
						"evidence, changes proposed, costs, notifications, the report") \
	X(LEAD,      "leads",      "lead",      "what responders do, and the lead details, the review, closing " \
						"and reopening") \
	X(MANAGER,   "managers",   "manager",   "approves or rejects recommended changes (R15)") \
	X(REVIEWER,  "reviewers",  "reviewer",  "reads everything and changes nothing (sirt opens read-only)") \
	X(IMPORTER,  "importers",  "importer",  "imports other databases' exports (sirt import); when the key is " \
						"not set, the leads do")

enum role {
#define ROLE_ENUM(name, key, one, what) ROLE_##name,
	SIRT_ROLES(ROLE_ENUM)
#undef ROLE_ENUM
	ROLE_COUNT
};

const char *role_name(enum role role);	/* "lead" */
const char *role_key(enum role role);	/* "leads", its key in [roles] */

struct category {
	char *key;
	char *label;
};

struct config {
	char *path;		/* the first layer: the plan's own file */
	struct strlist layers;	/* every file read, in order (config_locate) */
	size_t nsystem;		/* the first nsystem of them are the machine's own */
	bool is_sample;		/* the built-in sample plan: screens say so */
	char *organisation;
	char *hotline;		/* the 24/7 number (R2) */
	char *hotline_label;
	char *ref_prefix;	/* "IR" gives IR-2026-0001 */
	char *store_path;	/* "" when not set */
	/* [evidence] store: the directory that keeps a read-only copy of
	 * every item, under its SHA-256; "" when not set. */
	char *evidence_store;
	/* A later layer points [store] path away from what the machine's
	 * own layers say, in words naming both files and lines; NULL when
	 * it does not. Said loudly by sirt check, the screen and commands. */
	char *store_elsewhere;
	char *forms_dir;
	char *procedures_dir;
	struct category *categories;	/* highest first (R9) */
	size_t ncategories;
	struct contact *contacts;
	size_t ncontacts;
	struct strlist escalation;	/* contact ids, in calling order */
	struct strlist roles[ROLE_COUNT];	/* logins by role, from [roles] */
	/* [roles] importers is set (even to no one): exactly the logins it
	 * names import; not set: the leads do. Being named there is a right
	 * added to a login's roles, never in place of the default. */
	bool importers_set;
	enum role default_role;		/* for everyone not named there */
	struct form_def *intake;
	struct form_def *lead;		/* the Incident Response Lead's details (R6) */
	struct form_def *triage;
	struct form_def *report;	/* the incident report (R18), pre-filled */
	struct form_def *review;	/* the post-incident review (R24) */
	const struct form_def *forms[6];	/* the five above in that order, then NULL */
	char *currency;			/* what damage and cost lines default to */
	struct procedure_def **procedures;	/* in the order offered */
	struct procedure_def *restoration;	/* the restoration list (R16) */
	/* The plan's own [deadline.NAME] rules first, then each regime's
	 * stages in the order [sirt] regimes names them. */
	struct deadline_rule *deadlines;
	size_t ndeadlines;
	struct regime *regimes;
	size_t nregimes;
	/* [calendar] weekend and holidays, in [sirt] timezone. */
	struct calendar calendar;
	size_t nprocedures;
	struct ini_file *settings;	/* every key the layers set, with its file and line */
	/* [customers]: the organisation's customers, each with the other
	 * names and domains it goes by, so that a customer's report names
	 * none of the others however an operator wrote them. */
	struct customer_list customers;
	unsigned customer_includes;	/* [report] customer_includes: CUSTOMER_INCLUDES_* */
};

/* What a customer's report carries beyond the customer-facing items,
 * only when [report] customer_includes says so. */
#define SIRT_CUSTOMER_INCLUDES(X) \
	X(STEP_NOTES, "step-notes", "the notes on the steps worked") \
	X(LOGINS, "logins", "who did each step and decided each change") \
	X(APPROVALS, "approvals", "the changes and their approvals")
enum customer_includes_bit {
#define CUSTOMER_INCLUDES_BIT(name, word, help) CUSTOMER_INCLUDES_BIT_##name,
	SIRT_CUSTOMER_INCLUDES(CUSTOMER_INCLUDES_BIT)
#undef CUSTOMER_INCLUDES_BIT
};
#define CUSTOMER_INCLUDES_STEP_NOTES (1u << CUSTOMER_INCLUDES_BIT_STEP_NOTES)
#define CUSTOMER_INCLUDES_LOGINS (1u << CUSTOMER_INCLUDES_BIT_LOGINS)
#define CUSTOMER_INCLUDES_APPROVALS (1u << CUSTOMER_INCLUDES_BIT_APPROVALS)

/* Where the plan is read from: files read in order, each overriding
 * only the keys it names. */
struct config_layers {
	struct strlist files;
	size_t nsystem;		/* the first nsystem are the machine's own (/etc/sirt) */
	bool is_sample;		/* files is the built-in sample plan alone */
	struct diag_list problems;	/* a layer directory that could not be read */
};

/* Where the config is: --config FILE or $SIRT_CONFIG alone; else the
 * layers /etc/sirt/sirt.ini, each /etc/sirt/sirt.d/NAME.ini in name order and
 * $XDG_CONFIG_HOME/sirt/sirt.ini (~/.config if unset), those that
 * exist; else the built-in sample. Free with config_layers_free. */
void config_locate(const char *option, struct config_layers *layers);
void config_layers_free(struct config_layers *layers);
/* Reads the layers into one set of settings (sirt config shows them);
 * false, with the problems in diags, if a file cannot be read.
 * *store_elsewhere (if not NULL) is set as struct config's is. */
bool config_read_layers(const struct config_layers *layers, struct ini_file *out, char **store_elsewhere,
			struct diag_list *diags);
/* The file that last set a key of section, else the plan's own file:
 * where to look for [roles] or [store]. */
const char *config_section_file(const struct config *config, const char *section);
/* A path a layer gives, relative to the directory of that file. */
char *config_resolve(const char *file, const char *path);
/* What a key is when no layer sets it (its paths in full; "" for none),
 * and every key that has one: section, key, value, ..., NULL. */
char *config_default(const char *section, const char *key);
extern const char *const config_defaulted[];
/* The built-in sample plan's directory (data/ and forms/ below it):
 * $SIRT_DATA_DIR, else where sirt is installed ($datadir/sirt). */
const char *config_sample_dir(void);

/* Loads and checks everything; every problem goes to diags (as
 * "file:line: message"). Returns NULL if anything is wrong. */
struct config *config_load_layers(const struct config_layers *layers, struct diag_list *diags);
/* The same for one file alone. */
struct config *config_load(const char *path, bool is_sample, struct diag_list *diags);
/* config_load in two parts, so that the files the plan names can be read
 * while the database opens (main.c): config_load_plan reads the plan's
 * own file (NULL if anything in it is wrong); config_load_rest then the
 * forms, procedures and restoration list, and checks the whole; false
 * if anything is wrong, which is then in diags (free the config). In
 * between, only what the plan's layers give is set: path, names,
 * [store], [roles], the contacts and categories, the settings. */
struct config *config_load_plan(const struct config_layers *layers, struct diag_list *diags);
bool config_load_rest(struct config *config, struct diag_list *diags);

/* For an enforced database, whose plan is the machine's alone. Whether
 * the machine's own layers (/etc/sirt) set [store] path, and no other
 * layer changes it. */
bool config_store_from_system(const struct config *config);
/* Each key a layer other than the machine's sets, as "FILE:LINE sets
 * [SECTION] KEY", into out (every key, with --config or $SIRT_CONFIG). */
void config_foreign_keys(const struct config *config, struct strlist *out);
/* The first file or directory of the machine's plan (its layers, the
 * directories that hold them, the database's place, the forms and
 * procedures and the restoration list, by the way their paths are
 * written and where their links lead) that someone other than root owns
 * or may change, said in words with what to do; NULL when there is
 * none. */
char *config_untrusted(const struct config *config);
void config_free(struct config **config);
/* The configuration's identity, as each row of the audit trail records
 * it: *paths (allocated) the files of its layers as a JSON array, in the
 * order read, and hex the SHA-256 of their contents one after the other
 * (`cat FILE... | sha256sum`), or "" when one of them cannot be read
 * now. */
void config_identity(const struct config *config, char **paths, char hex[65]);

const struct category *config_category(const struct config *config, const char *key);
int config_category_rank(const struct config *config, const char *key);
const struct procedure_def *config_procedure(const struct config *config, const char *key);
const struct contact *config_contact(const struct config *config, const char *id);
/* A field of any form (keys are unique across forms). */
const struct field_def *config_field(const struct config *config, const char *key);
/* A form by name: intake, lead, triage, report or review; NULL if none. */
const struct form_def *config_form(const struct config *config, const char *name);
/* A currency code of ISO 4217, in capitals: USD, EUR. */
bool currency_valid(const char *code);
const struct deadline_rule *config_deadline(const struct config *config, const char *name);
/* A rule as an operator names it: a [deadline.NAME]'s name, a stage's
 * REGIME.KEY, or a stage's KEY alone when exactly one regime has it and
 * no [deadline.NAME] has that name. NULL when none is; then *others
 * lists the stages a KEY could be (", "-separated; the caller frees),
 * or is NULL. */
const struct deadline_rule *config_rule_named(const struct config *config, const char *name, char **others);

#endif
