/* Evidence rules: what an item needs, who holds it, what a check found. */
#include "sirt/evidence.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/form.h"

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

enum status incident_add_evidence(struct store *store, const struct incident *incident, const char *description,
				  const char *kind, const char *path, const char *location, const char *sha256,
				  int64_t size, int64_t corrects, const struct actor *who, time_t now,
				  int64_t *number, struct error *err)
{
	struct evidence item = {0};
	struct evidence_register reg;
	enum status st;

	if ((st = form_text_check("description", description, true, FORM_TEXT_MAX, err)) ||
	    (st = form_text_check("storage location", location, false, FORM_TEXT_MAX, err)) ||
	    (st = form_text_check("path", path, false, FORM_TEXT_MAX, err)))
		return st;
	if (!evidence_kind_label(kind))
		return error_set(err, STATUS_DATA, "unknown kind of evidence \"%s\" (%s)", kind, evidence_kind_names());
	if (sha256 && *sha256 && !is_sha256(sha256))
		return error_set(err, STATUS_DATA, "\"%s\" is not a SHA-256 in hex", sha256);
	if (corrects > 0) {
		if ((st = store_evidence_get(store, incident->id, &reg, err)))
			return st;
		st = evidence_register_find(&reg, corrects) ? STATUS_OK : no_item(incident, corrects, err);
		evidence_register_free(&reg);
		if (st)
			return st;
	}
	item.description = (char *)description;
	item.kind = (char *)kind;
	item.path = (char *)(path ? path : "");
	item.location = (char *)(location ? location : "");
	item.sha256 = (char *)(sha256 ? sha256 : "");
	item.size = size;
	item.corrects = corrects;
	{
		char *prefix = corrects > 0 ? xasprintf("Correction of evidence item %lld added as item", (long long)corrects) :
					      xstrdup("Evidence item");
		st = store_evidence_add(store, incident, &item, prefix, who, now, number, err);
		free(prefix);
	}
	return st;
}

enum status incident_hand_over(struct store *store, const struct incident *incident, int64_t number, const char *to,
			       const char *purpose, const char *location, const struct actor *who, time_t now,
			       int64_t *id, struct error *err)
{
	struct evidence_register reg;
	struct custody entry = {0};
	const char *from;
	char *summary;
	enum status st;

	if ((st = form_text_check("recipient", to, true, FORM_TEXT_MAX, err)) ||
	    (st = form_text_check("purpose", purpose, true, FORM_TEXT_MAX, err)) ||
	    (st = form_text_check("storage location", location, false, FORM_TEXT_MAX, err)))
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
	summary = strcmp(*result, "match") == 0 ?
		xasprintf("Evidence %lld verified: SHA-256 matches", (long long)number) :
		xasprintf("Evidence %lld verification FAILED: %s (expected %s, found %s)", (long long)number, *result,
			  e->sha256, actual ? actual : "no file");
	st = store_evidence_check_add(store, incident, &check, summary, who, now, err);
	free(summary);
	evidence_register_free(&reg);
	return st;
}
