/* The indicator register: an incident's indicators of compromise (an
 * address, a domain, a hash ...), each checked and kept in one normal
 * form so that the same indicator on another incident is found ("have we
 * seen this before?"). Never edited: a wrong one is withdrawn with a
 * reason. */
#ifndef SIRT_IOC_H
#define SIRT_IOC_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "sirt/incident_data.h"
#include "sirt/kind.h"
#include "sirt/status.h"
#include "sirt/store.h"

struct ioc {
	int64_t number;		/* 1, 2, ... within the incident */
	char *type;		/* ipv4, ipv6, domain, url, email, sha256, sha1, md5, filename, other */
	char *value;		/* in its type's normal form */
	char *tlp;		/* clear, green, amber, amber+strict, red */
	char *first_seen;	/* UTC, or NULL when not known */
	char *source;		/* where it was seen: "proxy log" */
	char *note;
	char *added_at;
	char *added_by;
	char *withdrawn_at;	/* NULL while it stands */
	char *withdrawn_by;
	char *withdrawn_reason;
	struct provenance *imported;	/* NULL: recorded here */
	struct provenance *withdrawn_imported;	/* the withdrawal's; NULL: here, or none */
};

extern const struct record_kind ioc_kind;
extern const char *const ioc_types[];
extern const char *const ioc_tlps[];

#define IOC_TLP_DEFAULT "amber"

/* value checked as an indicator of type and put in its normal form (an
 * address in canonical form, a domain in lower case without its final
 * dot, a hash in lower-case hex): *normal (allocated), or STATUS_DATA
 * with a message naming the type's form and the value as typed. */
enum status ioc_normalise(const char *type, const char *value, char **normal, struct error *err);
/* "ipv4 203.0.113.7 (TLP:AMBER)", "withdrawn" marked. */
char *ioc_summary(const struct ioc *ioc);

/* What adding it checks, without the store: STATUS_DATA with *column
 * (may be NULL) the column at fault ("value", "tlp", "first_seen" ...). */
enum status ioc_check(const struct ioc *typed, time_t now, const char **column, struct error *err);
/* Adds an indicator. typed holds what the operator gave: type and value
 * (required), tlp (default amber), first_seen as typed (a time sirt
 * reads: now, -2h, 2026-11-22 14:05 ...; may be NULL or ""), source and
 * note (may be NULL). Its value is normalised; *number gets its number. */
enum status incident_add_ioc(struct store *store, const struct incident *incident, const struct ioc *typed,
			     const struct actor *who, time_t now, int64_t *number, struct error *err);
enum status incident_withdraw_ioc(struct store *store, const struct incident *incident, int64_t number,
				  const char *reason, const struct actor *who, time_t now, struct error *err);
/* Every indicator with this value, in every incident, open or closed:
 * value is read as each type that takes it, in that type's normal form.
 * refs gets each one's incident. */
enum status ioc_find(struct store *store, const char *value, struct record_list *out, struct strlist *refs,
		     struct error *err);

#endif
