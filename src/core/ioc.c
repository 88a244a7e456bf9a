/* The indicator register: what each type of indicator looks like, its
 * normal form, and adding, withdrawing and finding indicators. */
#include "sirt/ioc.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "sirt/form.h"
#include "sirt/input.h"
#include "sirt/mem.h"
#include "sirt/timefmt.h"
#include "sirt/utf8.h"

const char *const ioc_types[] = {"ipv4", "ipv6", "domain", "url", "email", "sha256", "sha1", "md5", "filename",
				 "other", NULL};
const char *const ioc_tlps[] = {"clear", "green", "amber", "amber+strict", "red", NULL};

static const struct kind_column ioc_columns[] = {
	{"type", COLUMN_TEXT, offsetof(struct ioc, type), "Type", true, ioc_types, NULL,
	 "ipv4, ipv6, domain, url, email, sha256, sha1, md5, filename or other"},
	{"value", COLUMN_TEXT, offsetof(struct ioc, value), "Value", true, NULL, NULL,
	 "the indicator itself: 203.0.113.7, bad.example.org, a hash ..."},
	{"tlp", COLUMN_TEXT, offsetof(struct ioc, tlp), "TLP", true, ioc_tlps, IOC_TLP_DEFAULT,
	 "who it may be shared with: clear, green, amber, amber+strict or red"},
	{"first_seen", COLUMN_TIME, offsetof(struct ioc, first_seen), "First seen", false, NULL, NULL,
	 "when it was first seen: now, -2h, 2026-11-22 14:05"},
	{"source", COLUMN_TEXT, offsetof(struct ioc, source), "Source", false, NULL, NULL,
	 "where it was seen: proxy log, mail gateway ..."},
	{"note", COLUMN_TEXT, offsetof(struct ioc, note), "Note", false, NULL, NULL, "anything else worth knowing"},
};

const struct record_kind ioc_kind = {
	.name = "ioc",
	.table = "ioc",
	.title = "Indicators of compromise",
	.one = "indicator",
	.timeline = "ioc",
	.size = sizeof(struct ioc),
	.imported = offsetof(struct ioc, imported),
	.columns = ioc_columns,
	.ncolumns = sizeof(ioc_columns) / sizeof(ioc_columns[0]),
	.number = offsetof(struct ioc, number),
	.added_at = offsetof(struct ioc, added_at),
	.added_by = offsetof(struct ioc, added_by),
	.withdrawals = "ioc_withdrawal",
	.withdrawn_at = offsetof(struct ioc, withdrawn_at),
	.withdrawn_by = offsetof(struct ioc, withdrawn_by),
	.withdrawn_reason = offsetof(struct ioc, withdrawn_reason),
	.withdrawn_imported = offsetof(struct ioc, withdrawn_imported),
	/* An incident holds an indicator once, so that "also on" and find
	 * count it once. */
	.unique_standing = (const char *const[]){"type", "value", NULL},
};

static bool listed(const char *const *list, const char *word)
{
	for (size_t i = 0; word && list[i]; i++)
		if (strcmp(list[i], word) == 0)
			return true;
	return false;
}

static void lower_ascii(char *s, size_t len)
{
	for (size_t i = 0; i < len && s[i]; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
}

/* s in lower case, letters beyond ASCII too (Ü is ü): an international
 * name is the same name whatever its case. A new string. */
static char *lower(const char *s)
{
	size_t len = strlen(s);
	struct strbuf out = {0};

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		char bytes[4];
		int n = utf8_decode(s + i, len - i, &cp);

		if (n <= 0) {
			strbuf_putc(&out, s[i++]);
			continue;
		}
		strbuf_add(&out, bytes, utf8_encode((uint32_t)towlower((wint_t)cp), bytes));
		i += (size_t)n;
	}
	return strbuf_take(&out);
}

static bool address(int family, const char *value, char **normal)
{
	unsigned char raw[16];
	char out[INET6_ADDRSTRLEN];

	if (inet_pton(family, value, raw) != 1 || !inet_ntop(family, raw, out, sizeof(out)))
		return false;
	*normal = xstrdup(out);
	return true;
}

static bool domain(const char *value, char **normal)
{
	size_t len = strlen(value);
	char *typed = xstrndup(value, len && value[len - 1] == '.' ? len - 1 : len), *d = lower(typed);

	free(typed);
	if (!input_domain_valid(d)) {
		free(d);
		return false;
	}
	*normal = d;
	return true;
}

static bool hex(const char *value, size_t digits, char **normal)
{
	if (strlen(value) != digits)
		return false;
	for (const char *p = value; *p; p++)
		if (!isxdigit((unsigned char)*p))
			return false;
	*normal = xstrdup(value);
	lower_ascii(*normal, digits);
	return true;
}

static bool email(const char *value, char **normal)
{
	const char *at = strrchr(value, '@');
	char *host;

	if (!at || at == value || strchr(value, ' ') || !domain(at + 1, &host))
		return false;
	*normal = xasprintf("%.*s@%s", (int)(at - value), value, host);
	free(host);
	return true;
}

/* scheme://host... with the scheme and the host in lower case. */
static bool url(const char *value, char **normal)
{
	const char *sep = strstr(value, "://"), *host, *end;

	if (!sep || sep == value || !isalpha((unsigned char)value[0]) || strpbrk(value, " \t"))
		return false;
	for (const char *p = value; p < sep; p++)
		if (!isalnum((unsigned char)*p) && *p != '+' && *p != '-' && *p != '.')
			return false;
	host = sep + 3;
	end = host + strcspn(host, "/?#");
	if (end == host)
		return false;
	/* The scheme and the host in lower case; a user and password before
	 * the host's @ are kept as typed. */
	for (const char *at = host; at < end; at++)
		if (*at == '@')
			host = at + 1;
	*normal = xstrdup(value);
	lower_ascii(*normal, (size_t)(sep - value));
	lower_ascii(*normal + (host - value), (size_t)(end - host));
	return true;
}

/* Whatever the type, an indicator is one line of valid UTF-8 with no
 * control characters: it is shown on screens and searched for. */
static bool one_line(const char *value)
{
	size_t len = strlen(value);

	if (!len || !utf8_valid(value, len) || strspn(value, " \t") == len)
		return false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_decode(value + i, len - i, &cp);

		/* Nor anything invisible or reordering, which would make two
		 * indicators that look the same different. */
		if (n <= 0 || codepoint_dangerous(cp))
			return false;
		i += (size_t)n;
	}
	return true;
}

static const char *form_of(const char *type)
{
	static const struct {
		const char *type;
		const char *form;
	} forms[] = {
		{"ipv4", "an IPv4 address (four numbers 0-255: 192.0.2.10)"},
		{"ipv6", "an IPv6 address (2001:db8::10)"},
		{"domain", "a domain name (labels of letters, digits and hyphens joined by dots: bad.example.org)"},
		{"url", "a URL (scheme://host/path: https://bad.example.org/login)"},
		{"email", "an e-mail address (name@example.org)"},
		{"sha256", "a SHA-256 hash (64 hexadecimal digits)"},
		{"sha1", "a SHA-1 hash (40 hexadecimal digits)"},
		{"md5", "an MD5 hash (32 hexadecimal digits)"},
		{"filename", "a file name (one line of text)"},
		{"other", "an indicator (one line of text)"},
	};

	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strcmp(forms[i].type, type) == 0)
			return forms[i].form;
	return "an indicator";
}

enum status ioc_normalise(const char *type, const char *value, char **normal, struct error *err)
{
	bool ok;

	*normal = NULL;
	if (!listed(ioc_types, type))
		return error_set(err, STATUS_DATA, "\"%s\" is not a type of indicator (%s)", type ? type : "",
				 ioc_kind.columns[0].help);
	if (!value || !one_line(value) || strlen(value) > FORM_TEXT_MAX) {
		ok = false;
	} else if (strcmp(type, "ipv4") == 0) {
		ok = address(AF_INET, value, normal);
	} else if (strcmp(type, "ipv6") == 0) {
		ok = address(AF_INET6, value, normal);
	} else if (strcmp(type, "domain") == 0) {
		ok = domain(value, normal);
	} else if (strcmp(type, "url") == 0) {
		ok = url(value, normal);
	} else if (strcmp(type, "email") == 0) {
		ok = email(value, normal);
	} else if (strcmp(type, "sha256") == 0 || strcmp(type, "sha1") == 0 || strcmp(type, "md5") == 0) {
		ok = hex(value, type[3] == '2' ? 64 : type[3] == '1' ? 40 : 32, normal);
	} else {
		*normal = xstrdup(value);
		ok = true;
	}
	if (!ok)
		return error_set(err, STATUS_DATA, "\"%s\" is not %s", value ? value : "", form_of(type));
	return STATUS_OK;
}

char *ioc_summary(const struct ioc *ioc)
{
	char *tlp = xstrdup(ioc->tlp ? ioc->tlp : IOC_TLP_DEFAULT), *text;

	for (char *p = tlp; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	text = xasprintf("%s %s (TLP:%s)%s", ioc->type, ioc->value, tlp, ioc->withdrawn_at ? " [withdrawn]" : "");
	free(tlp);
	return text;
}


/* The checks of an indicator as typed, each naming its column. On
 * success, *normal has the value's normal form and first_seen (room for
 * TIME_TEXT_MAX) the time in UTC, or "" for none. */
static enum status check(const struct ioc *typed, time_t now, char **normal, char *first_seen, const char **column,
			 struct error *err)
{
	const char *tlp = typed->tlp && *typed->tlp ? typed->tlp : IOC_TLP_DEFAULT;
	const char *bad = NULL;
	char why[256];
	enum status st = STATUS_OK;

	*normal = NULL;
	*first_seen = '\0';
	if ((st = ioc_normalise(typed->type, typed->value, normal, err))) {
		bad = listed(ioc_types, typed->type) ? "value" : "type";
	} else if (!listed(ioc_tlps, tlp)) {
		bad = "tlp";
		st = error_set(err, STATUS_DATA, "\"%s\" is not a TLP level (clear, green, amber, amber+strict or red)", tlp);
	} else if (typed->first_seen && *typed->first_seen) {
		time_t at;

		if (time_parse(typed->first_seen, now, &at, why, sizeof(why)) != 0) {
			bad = "first_seen";
			st = error_set(err, STATUS_DATA, "first seen: %s", why);
		} else {
			time_format_utc(at, first_seen, TIME_TEXT_MAX);
		}
	}
	if (!st && (st = form_text_check("source", typed->source, false, FORM_TEXT_MAX, err)))
		bad = "source";
	if (!st && (st = form_text_check("note", typed->note, false, FORM_TEXT_MAX, err)))
		bad = "note";
	if (st)
		FREE(normal);
	if (column)
		*column = bad;
	return st;
}

enum status ioc_check(const struct ioc *typed, time_t now, const char **column, struct error *err)
{
	char first_seen[TIME_TEXT_MAX], *normal;
	enum status st = check(typed, now, &normal, first_seen, column, err);

	free(normal);
	return st;
}

enum status incident_add_ioc(struct store *store, const struct incident *incident, const struct ioc *typed,
			     const struct actor *who, time_t now, int64_t *number, struct error *err)
{
	struct ioc ioc = *typed;
	char first_seen[TIME_TEXT_MAX];
	char *normal, *summary;
	enum status st;

	if ((st = check(typed, now, &normal, first_seen, NULL, err)))
		return st;
	ioc.value = normal;
	ioc.tlp = (char *)(typed->tlp && *typed->tlp ? typed->tlp : IOC_TLP_DEFAULT);
	ioc.first_seen = *first_seen ? first_seen : NULL;
	summary = xasprintf("Indicator added: %s %s", ioc.type, ioc.value);
	st = store_record_add(store, incident, &ioc_kind, &ioc, summary, who, now, number, err);
	free(summary);
	free(normal);
	return st;
}

enum status incident_withdraw_ioc(struct store *store, const struct incident *incident, int64_t number,
				  const char *reason, const struct actor *who, time_t now, struct error *err)
{
	char *summary;
	enum status st;

	if ((st = form_text_check("reason for withdrawing", reason, true, FORM_TEXT_MAX, err)))
		return st;
	summary = xasprintf("Indicator %lld withdrawn: %s", (long long)number, reason);
	st = store_record_withdraw(store, incident, &ioc_kind, number, reason, summary, who, now, err);
	free(summary);
	return st;
}

enum status ioc_find(struct store *store, const char *value, struct record_list *out, struct strlist *refs,
		     struct error *err)
{
	struct strlist forms = {0};
	enum status st = STATUS_OK;

	memset(out, 0, sizeof(*out));
	memset(refs, 0, sizeof(*refs));
	/* Each normal form the value has, once: 10.0.0.1 is an address
	 * and also a file name as typed. */
	for (size_t t = 0; ioc_types[t]; t++) {
		char *normal;

		if (ioc_normalise(ioc_types[t], value, &normal, NULL) == STATUS_OK && strlist_find(&forms, normal) < 0)
			strlist_add_owned(&forms, normal);
		else if (normal)
			free(normal);
	}
	for (size_t f = 0; f < forms.len && !st; f++) {
		struct record_list found;
		struct strlist where;

		if ((st = store_records_find(store, &ioc_kind, "value", forms.items[f], &found, &where, err)))
			break;
		for (size_t i = 0; i < found.len; i++) {
			struct ioc *ioc = RECORD_AT(&found, struct ioc, i);

			/* Withdrawn as a mistake, it was never seen: left in
			 * found, to be freed with it. */
			if (ioc->withdrawn_at)
				continue;
			if (out->len == out->cap) {
				out->cap = out->cap ? out->cap * 2 : 8;
				out->items = xrealloc(out->items, out->cap * sizeof(struct ioc));
			}
			/* Moved: found gives up its texts to out. */
			*RECORD_AT(out, struct ioc, out->len++) = *ioc;
			memset(ioc, 0, sizeof(*ioc));
			strlist_add(refs, where.items[i]);
		}
		record_list_free(&ioc_kind, &found);
		strlist_free(&where);
	}
	strlist_free(&forms);
	if (st) {
		record_list_free(&ioc_kind, out);
		strlist_free(refs);
	}
	return st;
}
