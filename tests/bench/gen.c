/* Makes realistic databases for `make bench`: incidents worked through
 * sirt's own core and store functions, as the subcommands work them
 * (every form, calls, steps, notes, witnesses, evidence and custody,
 * changes, costs, deadlines met, some closed), so the rows, timeline and
 * audit chain are what real use writes. The same seed gives the same
 * database, byte for byte in every row, audit hashes included. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sirt/calls.h"
#include "sirt/changes.h"
#include "sirt/closing.h"
#include "sirt/config.h"
#include "sirt/cost.h"
#include "sirt/deadline.h"
#include "sirt/digest.h"
#include "sirt/evidence.h"
#include "sirt/incident.h"
#include "sirt/investigation.h"
#include "sirt/mem.h"
#include "sirt/procedure.h"
#include "sirt/store.h"
#include "sirt/timefmt.h"

#include <sqlite3.h>

/* Bump when what an incident holds changes, or what the store derives
 * (DERIVED_VERSION in src/store/derived.c: sirt would derive an old file
 * again at its first start, inside the bench's figures): cached
 * databases made by an older generator are then made again. */
#define GEN_VERSION 9

/* The incidents span these six years (UTC), oldest first, so that every
 * time is in the past whenever the bench runs. */
#define SPAN_START ((time_t)1577836800)	/* 2020-01-01T00:00:00Z */
#define SPAN_SECONDS ((time_t)6 * 365 * 86400)

/* splitmix64: small, fast and the same on every machine. */
struct rng {
	uint64_t state;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static size_t rng_below(struct rng *r, size_t n)
{
	return n ? (size_t)(rng_next(r) % n) : 0;
}

static bool rng_percent(struct rng *r, unsigned percent)
{
	return rng_below(r, 100) < percent;
}

static long long rng_between(struct rng *r, long long low, long long high)
{
	return low + (long long)rng_below(r, (size_t)(high - low + 1));
}

#define PICK(r, array) ((array)[rng_below((r), sizeof(array) / sizeof((array)[0]))])

/* Invented people: names from many scripts, example.org addresses,
 * +1 555 01xx numbers. */
static const char *const first_names[] = {
	"Burak", "Amara", "Lena", "José", "Dana", "Mei", "Søren", "Zoë", "Ngozi", "Łukasz", "Aylin", "Mateo",
	"Priya", "Kenji", "Fatma", "Åsa", "Chloé", "Thanh", "Oğuz", "Ingrid", "Siobhán", "Rafael", "Yasemin",
	"Anaïs", "Jörg", "Kwame", "Noémie", "Dmitri", "Leilani", "Ines",
};
static const char *const last_names[] = {
	"Kılınç", "Okafor", "Fischer", "Álvarez", "Reyes", "Tanaka", "Ødegaard", "Müller", "Brontë", "Nowak",
	"Şahin", "Dubois", "Ramírez", "Iyer", "Çelik", "Lindqvist", "Haddad", "Kovačević", "Nakamura", "Nguyễn",
	"Ó Súilleabháin", "Mensah", "Jääskeläinen", "Petrović", "Castañeda", "Wróbel",
};
static const char *const departments[] = {
	"finance", "payroll", "physics", "chemistry", "admissions", "library", "HR", "medical school", "IT service desk",
	"facilities", "law faculty", "student housing", "research office", "procurement",
};
static const char *const systems[] = {
	"fs01.example.org", "mail.example.org", "vpn-gw2.example.org", "payroll-db.example.org", "www.example.org",
	"lab-ws-114.example.org", "ldap1.example.org", "git.example.org", "backup02.example.org", "wiki.example.org",
	"print-srv.example.org", "erp.example.org", "hpc-login.example.org", "moodle.example.org",
};
static const char *const operating_systems[] = {
	"Debian 12", "Windows Server 2019", "Ubuntu 22.04 LTS", "macOS 14", "RHEL 9", "FreeBSD 14", "Windows 11",
};
static const char *const places[] = {
	"Building A, room 2.14", "Data centre, rack 7", "Library, 3rd floor", "Remote (home office)",
	"Hörsaal 3, lectern PC", "Main office, reception", "Science park, lab 114", "Residence hall Çamlıca",
};
static const char *const customers[] = {
	"Northwind Bank", "Contoso Health", "Fabrikam Logistik GmbH", "Tailspin Travel", "Wingtip Toys",
	"Lucerne Publishing", "Adventure Works Cycles", "Bellevue Clinic", "Coho Vineyard", "Proseware Ltd",
};

/* A kind of incident: what the caller reports and how the team answers. */
struct kind {
	const char *title;	/* %s: a department, system or person */
	char subject;		/* d department, s system, p person */
	const char *type;	/* the triage checklist's answer */
	const char *procedure;	/* "none": no procedure applies */
	const char *category;
};

static const struct kind kinds[] = {
	{"Ransomware note on %s", 's', "virus", "virus", "data"},
	{"Worm spreading in the %s lab", 'd', "worm", "worm", "systems"},
	{"Phishing wave in %s", 'd', "abuse", "system-abuse", "data"},
	{"Suspicious logins to %s", 's', "intrusion", "active-intrusion", "systems"},
	{"Old backdoor found on %s", 's', "intrusion", "inactive-intrusion", "systems"},
	{"Defaced start page on %s", 's', "damage", "inactive-intrusion", "services"},
	{"Denial of service against %s", 's', "denial of service", "website-dos", "services"},
	{"Database overload on %s", 's', "denial of service", "database-dos", "services"},
	{"Laptop of %s stolen from a car", 'p', "theft", "property-theft", "data"},
	{"Spyware on the PC of %s", 'p', "spyware", "spyware", "data"},
	{"Disk array failure on %s", 's', "system failure", "system-failure", "services"},
	{"Misuse of %s by a contractor", 's', "abuse", "system-abuse", "systems"},
	{"Virus alert in %s", 'd', "virus", "virus", "systems"},
	{"Port scan from outside against %s", 's', "intrusion", "none", "systems"},
	{"Smoke in the server room of %s", 'd', "damage", "system-failure", "life"},
};

/* Whoever works the incident: office operators log calls, responders
 * work it, leads fill the lead details and review and close, the
 * manager decides changes. Logins the sample plan names keep its roles. */
static const struct actor operators[] = {
	{1101, "dreyes", "Dana Reyes", ""},
	{1102, "pnowak", "Piotr Nowak", "198.51.100.23 52144 192.0.2.10 22"},
	{1103, "ysahin", "Yasemin Şahin", ""},
};
static const struct actor responders[] = {
	{1003, "lfischer", "Lena Fischer", "198.51.100.41 40022 192.0.2.10 22"},
	{1104, "mtanaka", "Mei Tanaka", ""},
	{1105, "sodegaard", "Søren Ødegaard", "203.0.113.7 61001 192.0.2.10 22"},
};
static const struct actor leads[] = {
	{1001, "bkilinc", "Burak Kılınç", ""},
	{1002, "aokafor", "Amara Okafor", "198.51.100.8 33412 192.0.2.10 22"},
};
static const struct actor manager = {1004, "jalvarez", "José Álvarez", ""};

/* How far the work on an incident got; a share of every hundred. */
enum stage { STAGE_NEW, STAGE_TRIAGE, STAGE_RESPONDING, STAGE_RECOVERING, STAGE_REVIEW, STAGE_CLOSED };
static const unsigned stage_share[] = {10, 12, 16, 12, 10, 40};

/* What one incident's text is about, so its sentences agree. */
struct story {
	struct rng rng;
	const struct kind *kind;
	char caller[96];
	char person[96];	/* someone else: a witness, an owner */
	const char *department;
	const char *system;
	char host_ip[48];
	char attacker_ip[48];
	time_t now;		/* the moment of the write being made */
};

static void person_name(struct rng *r, char *out, size_t size)
{
	snprintf(out, size, "%s %s", PICK(r, first_names), PICK(r, last_names));
}

/* "Łukasz Kılınç" -> "ukasz.klnc": the ASCII letters of a name, for an
 * invented e-mail address. */
static void mail_handle(const char *name, char *out, size_t size)
{
	size_t n = 0;

	for (const char *p = name; *p && n + 1 < size; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			out[n++] = (char)(*p | 0x20);
		else if (*p == ' ' && n && out[n - 1] != '.')
			out[n++] = '.';
	}
	out[n] = '\0';
}

/* Sentences with slots: {c} caller, {p} person, {d} department, {s}
 * system, {h} host address, {a} attacker's address, {o} an operating
 * system, {n} a number, {t} a time of day, {l} a place. */
static const char *const sentences[] = {
	"{c} from {d} called because {s} had been behaving strangely since {t}.",
	"The help desk saw a burst of alerts for {h} shortly before {t}.",
	"According to {p}, files on {s} were renamed with an unknown extension and a note was left in every folder.",
	"Firewall logs show {n} connections from {a} to {h} within ten minutes.",
	"{p} noticed that the screen saver password on the workstation in {l} had been disabled.",
	"The host runs {o} and was last patched {n} days ago.",
	"Several users in {d} forwarded the same e-mail asking them to confirm their password on a look-alike page.",
	"The web server returned a page that nobody in {d} had published.",
	"Disk usage on {s} grew by {n} GB overnight without any scheduled job that explains it.",
	"An account belonging to {p} logged in from {a} at {t}, while its owner was on leave.",
	"The IDS raised signature {n} for traffic between {h} and {a}.",
	"Backups of {s} from the last {n} nights completed, so a restore is possible if needed.",
	"{c} unplugged the network cable at {t} as the poster in {l} tells everyone to do.",
	"Nobody remembers creating the scheduled task that starts a binary from a temporary folder on {s}.",
	"The outbound traffic from {d} reached {n} Mbit/s, about ten times the usual level.",
	"Antivirus on {h} quarantined {n} files but reported that it could not clean the rest.",
	"{p} confirmed that the change window for {s} was not used this week.",
	"Log entries between {t} and the next hour are missing on {s}, which points to tampering or a full disk.",
	"The contractor's VPN account was still active although the contract ended {n} weeks ago.",
	"Users in {l} report that every page they open takes more than {n} seconds.",
	"The laptop was encrypted, but the recovery key was stored in a text file on the desktop.",
	"{c} can be reached at the number given until {t}, after that through the office of {d}.",
	"The database server answered {n} queries per second from a single client at {a}.",
	"A memory image of {h} was taken before the machine was shut down.",
	"The power distribution unit in {l} logged an overload alarm at {t}.",
};

static void append_sentence(struct strbuf *sb, struct story *s, const char *tmpl)
{
	for (const char *p = tmpl; *p; p++) {
		char slot[96];

		if (p[0] != '{' || !p[1] || p[2] != '}') {
			strbuf_putc(sb, *p);
			continue;
		}
		switch (p[1]) {
		case 'c': strbuf_puts(sb, s->caller); break;
		case 'p': strbuf_puts(sb, s->person); break;
		case 'd': strbuf_puts(sb, s->department); break;
		case 's': strbuf_puts(sb, s->system); break;
		case 'h': strbuf_puts(sb, s->host_ip); break;
		case 'a': strbuf_puts(sb, s->attacker_ip); break;
		case 'o': strbuf_puts(sb, PICK(&s->rng, operating_systems)); break;
		case 'l': strbuf_puts(sb, PICK(&s->rng, places)); break;
		case 'n': strbuf_printf(sb, "%lld", rng_between(&s->rng, 2, 950)); break;
		case 't':
			snprintf(slot, sizeof(slot), "%02lld:%02lld", rng_between(&s->rng, 0, 23), rng_between(&s->rng, 0, 59));
			strbuf_puts(sb, slot);
			break;
		default: strbuf_add(sb, p, 3); break;
		}
		p += 2;
	}
}

/* Sentences until the text holds at least `bytes`, in paragraphs. */
static char *paragraphs(struct story *s, size_t bytes)
{
	struct strbuf sb = {0};
	size_t in_paragraph = 0;

	while (sb.len < bytes) {
		if (sb.len)
			strbuf_puts(&sb, in_paragraph >= 4 ? "\n\n" : " ");
		if (in_paragraph >= 4)
			in_paragraph = 0;
		append_sentence(&sb, s, PICK(&s->rng, sentences));
		in_paragraph++;
	}
	return strbuf_take(&sb);
}

static char *sentence(struct story *s)
{
	return paragraphs(s, 1);
}

/* tmpl with its "%s" replaced by subject (never a format string). */
static char *fill(const char *tmpl, const char *subject)
{
	const char *at = strstr(tmpl, "%s");

	if (!at)
		return xstrdup(tmpl);
	return xasprintf("%.*s%s%s", (int)(at - tmpl), tmpl, subject, at + 2);
}

static const char *iso(time_t t, char out[TIME_TEXT_MAX])
{
	time_format_utc(t, out, TIME_TEXT_MAX);
	return out;
}

/* The clock moves on between two writes to the incident. */
static time_t later(struct story *s, long long min_minutes, long long max_minutes)
{
	s->now += (time_t)rng_between(&s->rng, min_minutes * 60, max_minutes * 60);
	return s->now;
}

struct generator {
	struct store *store;
	struct config *config;
	FILE *evidence_file;	/* the bytes each evidence item is hashed from */
	struct error err;
	const char *doing;	/* for the message when a write fails */
};

/* The incident as a subcommand reads it before it works on it. */
static bool reread(struct generator *g, struct incident *in)
{
	char *ref = xstrdup(in->ref);
	enum status st;

	incident_clear(in);
	st = store_incident_get(g->store, ref, in, &g->err);
	free(ref);
	g->doing = "reading the incident back";
	return st == STATUS_OK;
}

#define CHECK(g, what, call) \
	do { \
		(g)->doing = (what); \
		if ((call) != STATUS_OK) \
			return false; \
	} while (0)

static bool log_call(struct generator *g, struct story *s, struct incident *in)
{
	const struct actor *who = &PICK(&s->rng, operators);
	struct field_list typed = {0};
	struct form_problems problems = {0};
	char when[TIME_TEXT_MAX], noticed[TIME_TEXT_MAX], handle[96], contact[128], involved[160];
	char *nature = paragraphs(s, (size_t)rng_between(&s->rng, 450, 900));
	char *detected = sentence(s);
	char *title;
	enum status st;

	if (rng_percent(&s->rng, 50))
		snprintf(contact, sizeof(contact), "+1 555 01%02zu", rng_below(&s->rng, 100));
	else {
		mail_handle(s->caller, handle, sizeof(handle));
		snprintf(contact, sizeof(contact), "%s@example.org", handle);
	}
	snprintf(involved, sizeof(involved), "%s (%s), owner %s", s->system, s->host_ip, s->person);
	title = fill(s->kind->title, s->kind->subject == 'd' ? s->department :
				     s->kind->subject == 'p' ? s->person : s->system);
	field_list_set(&typed, "intake", "caller_name", s->caller, "");
	field_list_set(&typed, "intake", "call_time", iso(s->now - (time_t)rng_between(&s->rng, 60, 1800), when), "");
	field_list_set(&typed, "intake", "caller_contact", contact, "");
	field_list_set(&typed, "intake", "nature", nature, "");
	field_list_set(&typed, "intake", "involved", involved, "");
	field_list_set(&typed, "intake", "location", PICK(&s->rng, places), "");
	field_list_set(&typed, "intake", "detected_how", detected, "");
	field_list_set(&typed, "intake", "first_noticed",
		       iso(s->now - (time_t)rng_between(&s->rng, 3600, 72 * 3600), noticed), "");
	field_list_set(&typed, "intake", "title", title, "");
	g->doing = "logging the call";
	st = incident_create(g->store, g->config, who, s->now, &typed, in, &problems, &g->err);
	field_list_free(&typed);
	form_problems_free(&problems);
	free(nature);
	free(detected);
	free(title);
	return st == STATUS_OK;
}

/* The escalation order, called until someone answers. */
static bool work_call_list(struct generator *g, struct story *s, struct incident *in)
{
	static const char *const misses[] = {"no-answer", "message", "no-answer", "wrong-number"};
	const struct strlist *order = &g->config->escalation;
	size_t reached_at = rng_percent(&s->rng, 60) ? 0 : rng_below(&s->rng, order->len);

	for (size_t i = 0; i <= reached_at && i < order->len; i++) {
		const char *outcome = i == reached_at ? "reached" : PICK(&s->rng, misses);
		char *note = rng_percent(&s->rng, 40) ? sentence(s) : xstrdup("");
		int64_t id;
		enum status st;

		later(s, 1, 6);
		g->doing = "logging an escalation call";
		st = incident_log_call(g->store, g->config, in, order->items[i], outcome, note, &PICK(&s->rng, operators),
				       s->now, &id, &g->err);
		free(note);
		if (st)
			return false;
	}
	return true;
}

/* Saves typed into form as `sirt set` does. */
static bool save_form(struct generator *g, struct story *s, struct incident *in, const char *form_key,
		      const struct field_list *typed, const struct actor *who)
{
	const struct form_def *form = config_form(g->config, form_key);
	struct form_problems problems = {0};
	enum status st;

	if (!reread(g, in))
		return false;
	g->doing = form_key;
	st = incident_save_form(g->store, form, in, who, s->now, typed, &problems, NULL, NULL, &g->err);
	form_problems_free(&problems);
	return st == STATUS_OK;
}

static void set_with_note(struct story *s, struct field_list *typed, const char *form, const char *key,
			  const char *value)
{
	char *note = rng_percent(&s->rng, 60) ? sentence(s) : xstrdup("");

	field_list_set(typed, form, key, value, note);
	free(note);
}

static bool lead_details(struct generator *g, struct story *s, struct incident *in, bool *cloud, bool *police)
{
	static const char *const severities[] = {"unknown", "low", "medium", "high", "critical"};
	struct field_list typed = {0};
	struct strbuf affected = {0}, ips = {0};
	char *origin = paragraphs(s, (size_t)rng_between(&s->rng, 200, 450));
	bool ok;

	*cloud = rng_percent(&s->rng, 15);
	*police = rng_percent(&s->rng, 10);
	if (rng_percent(&s->rng, 20)) {
		size_t n = 1 + rng_below(&s->rng, 3), first = rng_below(&s->rng, 10);

		for (size_t i = 0; i < n; i++) {
			const char *name = customers[(first + i) % 10];
			strbuf_printf(&affected, "%s <security@%c%zu.example.org>\n", name, name[0] | 0x20, (first + i) % 10);
		}
	}
	strbuf_printf(&ips, "%s", s->host_ip);
	if (rng_percent(&s->rng, 30))
		strbuf_printf(&ips, ", 2001:db8::%zx", 1 + rng_below(&s->rng, 0xfffe));
	later(s, 10, 120);
	set_with_note(s, &typed, "lead", "business_critical", rng_percent(&s->rng, 30) ? "yes" : "no");
	set_with_note(s, &typed, "lead", "severity", PICK(&s->rng, severities));
	field_list_set(&typed, "lead", "customers_affected", strbuf_str(&affected), "");
	field_list_set(&typed, "lead", "target_system", s->system, "");
	field_list_set(&typed, "lead", "target_os", PICK(&s->rng, operating_systems), "");
	field_list_set(&typed, "lead", "target_ip", strbuf_str(&ips), "");
	field_list_set(&typed, "lead", "target_location", PICK(&s->rng, places), "");
	field_list_set(&typed, "lead", "attacker_origin", origin, "");
	set_with_note(s, &typed, "lead", "cloud_api_data", *cloud ? "yes" : "no");
	set_with_note(s, &typed, "lead", "prosecution_possible", *police ? "yes" : "no");
	ok = save_form(g, s, in, "lead", &typed, &PICK(&s->rng, leads));
	field_list_free(&typed);
	strbuf_free(&affected);
	strbuf_free(&ips);
	free(origin);
	return ok;
}

static bool triage(struct generator *g, struct story *s, struct incident *in)
{
	static const char *const yes_no[] = {"yes", "no", "unknown"};
	static const char *const levels[] = {"unknown", "none", "low", "medium", "high", "critical"};
	static const char *const impacts[] = {"unknown", "minimal", "serious", "critical"};
	struct field_list typed = {0};
	bool ok;

	later(s, 5, 90);
	set_with_note(s, &typed, "triage", "real", rng_percent(&s->rng, 85) ? "real" : "perceived");
	set_with_note(s, &typed, "triage", "in_progress", PICK(&s->rng, yes_no));
	set_with_note(s, &typed, "triage", "type", s->kind->type);
	set_with_note(s, &typed, "triage", "data_threatened", PICK(&s->rng, levels));
	set_with_note(s, &typed, "triage", "business_impact", PICK(&s->rng, impacts));
	set_with_note(s, &typed, "triage", "systems_targeted", s->system);
	set_with_note(s, &typed, "triage", "inside_trusted_network", PICK(&s->rng, yes_no));
	set_with_note(s, &typed, "triage", "urgent", PICK(&s->rng, yes_no));
	set_with_note(s, &typed, "triage", "quickly_contained", PICK(&s->rng, yes_no));
	set_with_note(s, &typed, "triage", "alerts_attacker", PICK(&s->rng, yes_no));
	ok = save_form(g, s, in, "triage", &typed, &PICK(&s->rng, responders));
	field_list_free(&typed);
	if (!ok)
		return false;
	{
		char *note = sentence(s);
		enum status st;

		later(s, 1, 30);
		g->doing = "choosing the category";
		st = reread(g, in) ? incident_set_category(g->store, g->config, in, s->kind->category, note,
							   &PICK(&s->rng, responders), s->now, &g->err) :
				     STATUS_IO;
		free(note);
		return st == STATUS_OK;
	}
}

static bool investigate(struct generator *g, struct story *s, struct incident *in)
{
	const char *const *kinds_of_note = note_kinds();
	size_t nkinds = 0;
	int64_t witness = 0, id;

	while (kinds_of_note[nkinds])
		nkinds++;
	if (rng_percent(&s->rng, 60)) {
		char *statement = paragraphs(s, (size_t)rng_between(&s->rng, 150, 400));
		char name[96], contact[32];
		enum status st;

		person_name(&s->rng, name, sizeof(name));
		snprintf(contact, sizeof(contact), "+1 555 01%02zu", rng_below(&s->rng, 100));
		later(s, 30, 600);
		g->doing = "adding a witness";
		st = incident_add_witness(g->store, in, name, contact, statement, NULL, 0, &PICK(&s->rng, responders), s->now,
					  &witness, &g->err);
		free(statement);
		if (st)
			return false;
	}
	for (size_t i = 0, n = 1 + rng_below(&s->rng, 3); i < n; i++) {
		const char *kind = witness && i == 0 ? "interview" : kinds_of_note[rng_below(&s->rng, nkinds)];
		char *text = paragraphs(s, (size_t)rng_between(&s->rng, 150, 450));
		enum status st;

		later(s, 10, 300);
		g->doing = "recording a finding";
		st = incident_add_note(g->store, in, kind, text, strcmp(kind, "interview") == 0 ? witness : 0,
				       &PICK(&s->rng, responders), s->now, &id, &g->err);
		free(text);
		if (st)
			return false;
	}
	return true;
}

/* Items hashed as `sirt evidence add --stdin` hashes them, handed over
 * and verified. */
static bool collect_evidence(struct generator *g, struct story *s, struct incident *in)
{
	static const char *const holders[] = {"Evidence locker", "Forensics lab", "Legal department", "Police liaison"};
	static const char *const purposes[] = {"storage", "analysis", "legal hold", "copy for the police"};
	const char *const *kinds_of_item = evidence_kinds();
	size_t nkinds = 0;
	int fd = fileno(g->evidence_file);

	while (kinds_of_item[nkinds])
		nkinds++;
	for (size_t i = 0, n = 1 + rng_below(&s->rng, 2); i < n; i++) {
		char *content = paragraphs(s, (size_t)rng_between(&s->rng, 500, 4000));
		char *description = xasprintf("%s from %s", i ? "Log copy" : "Image", s->system);
		char hex[SHA256_HEX_SIZE], why[256], location[64];
		uint64_t size;
		int64_t number, custody;
		const char *result;
		enum status st;

		snprintf(location, sizeof(location), "locker %zu, shelf %zu", 1 + rng_below(&s->rng, 12),
			 1 + rng_below(&s->rng, 5));
		rewind(g->evidence_file);
		if (ftruncate(fd, 0) != 0 || fwrite(content, 1, strlen(content), g->evidence_file) != strlen(content) ||
		    fflush(g->evidence_file) != 0 || lseek(fd, 0, SEEK_SET) != 0 ||
		    sha256_fd(fd, 0, hex, &size, NULL, NULL, why, sizeof(why)) != 0) {
			error_set(&g->err, STATUS_IO, "hashing evidence: %s", strerror(errno));
			free(content);
			free(description);
			return false;
		}
		free(content);
		later(s, 15, 240);
		g->doing = "adding evidence";
		st = incident_add_evidence(g->store, in, description, kinds_of_item[rng_below(&s->rng, nkinds)], "", location,
					   hex, (int64_t)size, 0, &PICK(&s->rng, responders), s->now, &number, &g->err);
		free(description);
		if (st)
			return false;
		for (size_t k = 0, hands = rng_below(&s->rng, 3), holder = 4; k < hands; k++) {
			/* Always to someone else than who holds it. */
			holder = (holder + 1 + rng_below(&s->rng, 3)) % 4;
			later(s, 60, 2880);
			CHECK(g, "handing evidence over",
			      incident_hand_over(g->store, in, number, holders[holder], PICK(&s->rng, purposes), location,
						 &PICK(&s->rng, responders), s->now, &custody, &g->err));
		}
		if (rng_percent(&s->rng, 50)) {
			later(s, 60, 4320);
			CHECK(g, "verifying evidence",
			      incident_record_verification(g->store, in, number, hex, &PICK(&s->rng, responders), s->now,
							   &result, &g->err));
		}
	}
	return true;
}

/* A change proposed, and management's decision; true in *approved when
 * one was approved. */
static bool propose_changes(struct generator *g, struct story *s, struct incident *in, bool *approved)
{
	static const char *const changes[] = {
		"Patch the VPN gateway and turn off the legacy ciphers", "Enforce two-factor login for %s",
		"Move %s behind the web application firewall", "Block macros in documents from outside",
		"Rotate every service account password on %s", "Segment the %s network from the office network",
	};
	int64_t number;

	*approved = false;
	if (!rng_percent(&s->rng, 60))
		return true;
	{
		char *what = fill(PICK(&s->rng, changes), s->system);
		char *why = sentence(s);
		enum status st;

		later(s, 60, 1440);
		g->doing = "proposing a change";
		st = incident_propose_change(g->store, in, what, why, &PICK(&s->rng, responders), s->now, &number, &g->err);
		free(what);
		free(why);
		if (st)
			return false;
	}
	if (rng_percent(&s->rng, 85)) {
		char *reason = sentence(s);
		enum status st;

		*approved = rng_percent(&s->rng, 75);
		later(s, 60, 2880);
		g->doing = "deciding a change";
		st = incident_decide_change(g->store, g->config, in, number, *approved, reason, &manager, s->now, &g->err);
		free(reason);
		if (st)
			return false;
	}
	return true;
}

/* Marks each step of steps[] (done mostly), as the team works them. */
static bool work_steps(struct generator *g, struct story *s, struct incident *in, const struct procedure_def *proc,
		       bool approved, unsigned done_percent)
{
	for (size_t i = 0; proc && i < proc->nsteps; i++) {
		const struct step_def *step = &proc->steps[i];
		unsigned roll = (unsigned)rng_below(&s->rng, 100);
		const char *state = roll < done_percent ? STEP_DONE : roll < done_percent + 8 ? STEP_SKIPPED :
				    roll < done_percent + 16 ? STEP_NA : NULL;
		char *note;
		enum status st;

		if (!state)
			continue;
		/* A change is carried out only once management approved one. */
		if (step->needs_approved_change && !approved && strcmp(state, STEP_DONE) == 0)
			state = STEP_NA;
		note = strcmp(state, STEP_SKIPPED) == 0 || rng_percent(&s->rng, 20) ? sentence(s) : xstrdup("");
		later(s, 10, 600);
		g->doing = "working a step";
		st = reread(g, in) ? incident_mark_step(g->store, g->config, in, step->key, state, note,
							-1, &PICK(&s->rng, responders), s->now, &g->err) :
				     STATUS_IO;
		free(note);
		if (st)
			return false;
	}
	return true;
}

static bool respond(struct generator *g, struct story *s, struct incident *in, bool *approved)
{
	later(s, 5, 120);
	CHECK(g, "choosing the procedure",
	      reread(g, in) ? incident_set_procedure(g->store, g->config, in, s->kind->procedure, &PICK(&s->rng, leads),
						       s->now, &g->err) : STATUS_IO);
	if (!propose_changes(g, s, in, approved))
		return false;
	if (strcmp(s->kind->procedure, PROCEDURE_NONE) == 0) {
		/* No procedure applies: the team records what it did. */
		static const char *const free_steps[] = {
			"Checked the firewall logs for the source range", "Blocked the scanning addresses at the border",
			"Asked the provider for the abuse contact", "Confirmed no service answered on the scanned ports",
		};
		for (size_t i = 0, n = 2 + rng_below(&s->rng, 3); i < n; i++) {
			char *note = sentence(s);
			enum status st;

			later(s, 10, 240);
			g->doing = "recording a step taken";
			st = incident_add_free_step(g->store, in, free_steps[i % 4], note, &PICK(&s->rng, responders), s->now,
						    &g->err);
			free(note);
			if (st)
				return false;
		}
		return investigate(g, s, in) && collect_evidence(g, s, in);
	}
	return work_steps(g, s, in, config_procedure(g->config, s->kind->procedure), *approved, 70) &&
	       investigate(g, s, in) && collect_evidence(g, s, in);
}

static bool add_costs(struct generator *g, struct story *s, struct incident *in)
{
	static const char *const damages[] = {
		"Two days without invoicing", "Overtime of the admin team", "Replacement laptop",
		"External forensics firm", "Lost lab measurements", "Credit monitoring for affected students",
	};
	for (size_t i = 0, n = 1 + rng_below(&s->rng, 3); i < n; i++) {
		char amount[32];
		int64_t number;

		money_format((int64_t)rng_between(&s->rng, 5000, 2500000), amount, sizeof(amount));
		later(s, 30, 1440);
		CHECK(g, "adding a cost line",
		      incident_add_cost(g->store, g->config, in, rng_percent(&s->rng, 50) ? COST_DAMAGE : COST_CONTAINMENT,
					PICK(&s->rng, damages), amount, rng_percent(&s->rng, 10) ? "EUR" : NULL,
					rng_percent(&s->rng, 30), &PICK(&s->rng, responders), s->now, &number, &g->err));
		if (rng_percent(&s->rng, 10)) {
			later(s, 30, 1440);
			CHECK(g, "withdrawing a cost line",
			      incident_withdraw_cost(g->store, in, number, "Booked twice", &PICK(&s->rng, responders), s->now,
						     &g->err));
		}
	}
	return true;
}

/* Most parties that must be told are told, some late. */
static bool meet_deadlines(struct generator *g, struct story *s, struct incident *in)
{
	static const char *const hows[] = {"email", "phone", "portal", "letter"};
	struct deadline_list list;
	struct deadline_met_list met;
	struct strlist rules = {0}, parties = {0};
	bool ok = true;

	later(s, 60, 2880);
	CHECK(g, "reading deadlines", incident_deadlines(g->store, g->config, in, s->now, &list, &met, &g->err));
	for (size_t i = 0; i < list.len; i++) {
		if (!list.items[i].met && rng_percent(&s->rng, 75)) {
			strlist_add(&rules, list.items[i].rule->name);
			strlist_add(&parties, list.items[i].party);
		}
	}
	deadline_list_free(&list);
	deadline_met_list_free(&met);
	for (size_t i = 0; ok && i < rules.len; i++) {
		char reference[32];

		snprintf(reference, sizeof(reference), "case %zu", 1000 + rng_below(&s->rng, 9000));
		later(s, 10, 600);
		g->doing = "recording a deadline met";
		ok = incident_mark_deadline_met(g->store, g->config, in, rules.items[i], parties.items[i],
						PICK(&s->rng, hows), reference, &PICK(&s->rng, leads), s->now,
						&g->err) == STATUS_OK;
	}
	strlist_free(&rules);
	strlist_free(&parties);
	return ok;
}

static bool write_up(struct generator *g, struct story *s, struct incident *in)
{
	static const char *const report_fields[] = {"how_discovered", "how_occurred", "attack_origin", "response_plan",
						    "actions_taken", "data_disclosed"};
	static const char *const effective[] = {"yes", "partly", "no"};
	const struct form_def *review = config_form(g->config, "review");
	struct field_list typed = {0};
	bool ok;

	for (size_t i = 0; i < sizeof(report_fields) / sizeof(report_fields[0]); i++) {
		char *text = paragraphs(s, (size_t)rng_between(&s->rng, 120, 400));
		field_list_set(&typed, "report", report_fields[i], text, "");
		free(text);
	}
	field_list_set(&typed, "report", "category", config_category(g->config, s->kind->category)->label, "");
	set_with_note(s, &typed, "report", "effective", PICK(&s->rng, effective));
	later(s, 600, 4320);
	ok = save_form(g, s, in, "report", &typed, &PICK(&s->rng, leads));
	field_list_free(&typed);
	if (!ok)
		return false;
	for (size_t i = 0; i < review->nfields; i++) {
		char *text = paragraphs(s, (size_t)rng_between(&s->rng, 80, 260));
		field_list_set(&typed, "review", review->fields[i].key, text, "");
		free(text);
	}
	later(s, 1440, 20160);
	ok = save_form(g, s, in, "review", &typed, &PICK(&s->rng, leads));
	field_list_free(&typed);
	return ok;
}

static bool close_incident(struct generator *g, struct story *s, struct incident *in)
{
	struct open_items items = {0};
	enum status st;

	later(s, 60, 4320);
	if (!reread(g, in))
		return false;
	g->doing = "closing";
	st = incident_close(g->store, g->config, in, "Remaining items tracked in the quarterly review",
			    &PICK(&s->rng, leads), s->now, &items, &g->err);
	open_items_free(&items);
	return st == STATUS_OK;
}

static enum stage stage_of(struct rng *r)
{
	unsigned roll = (unsigned)rng_below(r, 100), sum = 0;

	for (size_t i = 0; i < sizeof(stage_share) / sizeof(stage_share[0]); i++) {
		sum += stage_share[i];
		if (roll < sum)
			return (enum stage)i;
	}
	return STAGE_CLOSED;
}

/* Incident `index` of `count`: its own random stream, so that it does
 * not depend on how the ones before it went. */
static bool make_incident(struct generator *g, uint64_t seed, size_t index, size_t count, char *ref, size_t ref_size)
{
	struct story s = {.rng = {seed * UINT64_C(0x100000001B3) ^ (uint64_t)index}};
	struct incident in = {0};
	time_t slot = SPAN_SECONDS / (time_t)count;
	enum stage stage;
	bool approved = false, cloud, police, ok;

	rng_next(&s.rng);
	s.kind = &PICK(&s.rng, kinds);
	person_name(&s.rng, s.caller, sizeof(s.caller));
	person_name(&s.rng, s.person, sizeof(s.person));
	s.department = PICK(&s.rng, departments);
	s.system = PICK(&s.rng, systems);
	snprintf(s.host_ip, sizeof(s.host_ip), "192.0.2.%zu", 1 + rng_below(&s.rng, 254));
	snprintf(s.attacker_ip, sizeof(s.attacker_ip), "203.0.113.%zu", 1 + rng_below(&s.rng, 254));
	s.now = SPAN_START + slot * (time_t)index + (time_t)rng_below(&s.rng, (size_t)(slot > 1 ? slot : 1));
	stage = stage_of(&s.rng);

	ok = log_call(g, &s, &in) && work_call_list(g, &s, &in);
	if (ok && stage >= STAGE_TRIAGE)
		ok = lead_details(g, &s, &in, &cloud, &police) && triage(g, &s, &in);
	if (ok && stage >= STAGE_RESPONDING)
		ok = respond(g, &s, &in, &approved) && add_costs(g, &s, &in) && meet_deadlines(g, &s, &in);
	if (ok && stage >= STAGE_RECOVERING)
		ok = work_steps(g, &s, &in, g->config->restoration, approved, 60);
	if (ok && stage >= STAGE_REVIEW)
		ok = write_up(g, &s, &in);
	if (ok && stage >= STAGE_CLOSED)
		ok = close_incident(g, &s, &in);
	if (ref)
		snprintf(ref, ref_size, "%s", in.ref ? in.ref : "");
	incident_clear(&in);
	return ok;
}

/* --long-fields: the lead's "Origin of the attack" of the first incidents
 * made long, one paragraph from "STARTMARK" to "ENDMARK", for the bench
 * to edit. Saved through the store as an import of an older sirt could
 * (the form's limit is 20,000 bytes; a megabyte must still edit well). */
#define LONG_NOTE 120000

static bool long_field(struct generator *g, const char *ref, size_t bytes)
{
	struct story s = {.rng = {bytes}};
	struct field_list values = {0};
	struct incident in = {0};
	struct strbuf text = {0};
	char *body;
	bool ok;

	rng_next(&s.rng);
	s.kind = &kinds[0];
	s.system = systems[0];
	snprintf(s.caller, sizeof(s.caller), "%s", "Burak Kılınç");
	snprintf(s.person, sizeof(s.person), "%s", "Ana Lima");
	snprintf(s.attacker_ip, sizeof(s.attacker_ip), "203.0.113.7");
	snprintf(s.host_ip, sizeof(s.host_ip), "192.0.2.7");
	s.department = departments[0];
	body = paragraphs(&s, bytes > 20 ? bytes - 20 : 1);
	for (char *p = body; *p; p++)
		if (*p == '\n')
			*p = ' ';
	strbuf_printf(&text, "STARTMARK %s ENDMARK", body);
	free(body);
	in.ref = xstrdup(ref);
	ok = reread(g, &in);
	if (ok) {
		field_list_set(&values, "lead", "attacker_origin", strbuf_str(&text), "");
		if (bytes > LONG_NOTE) {
			/* And a one-line note of 120,000 bytes, as `sirt set
			 * --note` took before it had a limit. */
			struct strbuf note = {0};

			strbuf_puts(&note, "NOTESTART");
			while (note.len < LONG_NOTE - 8)
				strbuf_puts(&note, " backup");
			strbuf_puts(&note, " NOTEEND");
			field_list_set(&values, "lead", "cloud_api_data", "no", strbuf_str(&note));
			strbuf_free(&note);
		}
		for (size_t i = 0; i < values.len; i++)
			values.items[i].base = -1;
		g->doing = "saving a long field";
		ok = store_fields_save(g->store, &in, "lead", &values, NULL, NULL, &leads[0], SPAN_START + SPAN_SECONDS,
				       NULL, NULL, &g->err) == STATUS_OK;
	}
	field_list_free(&values);
	incident_clear(&in);
	strbuf_free(&text);
	return ok;
}

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

/* "made 2,500 of 10,000 incidents (25%), 812/s, 9 s to go", rewritten in
 * place on a terminal, every tenth on its own line elsewhere. */
static void progress(size_t done, size_t count, const struct timespec *start, bool last)
{
	static double shown;
	static size_t tenth;
	double elapsed = seconds_since(start);
	double rate = elapsed > 0 ? (double)done / elapsed : 0;
	bool tty = isatty(2);

	if (!last && (tty ? elapsed - shown < 0.25 : done * 10 / count == tenth))
		return;
	shown = elapsed;
	tenth = done * 10 / count;
	fprintf(stderr, "%sgenerating: %zu of %zu incidents (%zu%%), %.0f/s, %.0f s %s%s", tty ? "\r" : "", done, count,
		done * 100 / count, rate, last ? elapsed : rate > 0 ? (double)(count - done) / rate : 0,
		last ? "in all" : "to go", tty && !last ? "   " : "\n");
}

static int usage(void)
{
	fputs("usage: sirt-bench-gen --config PLAN --count N [--seed S] [--long-fields BYTES,...] (--out FILE | --cache DIR)\n"
	      "Makes a database of N incidents worked through sirt's own code, the same for\n"
	      "the same seed. --cache DIR keeps it as DIR/incidents-N-seed-S-schema-V-gen-G.db\n"
	      "and makes it only when that file is missing; the path is printed either way.\n"
	      "--long-fields 19000,1000000: the first incidents' \"Origin of the attack\" made\n"
	      "that many bytes long, one paragraph from STARTMARK to ENDMARK; one longer than\n"
	      "120,000 bytes also gets a note of 120,000 bytes, NOTESTART to NOTEEND, on the\n"
	      "field after it.\n", stderr);
	return 64;
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* --time-search DB WORD: the list's first page of a search as the list
 * reads it (store_list_page: the matches joined to their incidents and
 * deadlines), beside the bare FTS5 query for the same words on a
 * connection of its own, each the median of TIMED runs after a first one
 * that warms the cache. Prints "sirt_ms fts_ms". */
static int time_search(const char *path, const char *word)
{
	enum { TIMED = 201 };
	struct list_query q = {.search = word, .now = time(NULL)};
	char *match = xasprintf("\"%s\"*", word);
	double sirt[TIMED], fts[TIMED];
	struct store *store = NULL;
	struct error err = {0};
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int code = 0;

	if (store_open(path, true, &store, &err)) {
		fprintf(stderr, "sirt-bench-gen: %s\n", err.message);
		code = 66;
		goto done;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT rowid FROM search_text WHERE search_text MATCH ?1 ORDER BY rowid DESC LIMIT 20",
			       -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "sirt-bench-gen: %s: %s\n", path, sqlite3_errmsg(db));
		code = 66;
		goto done;
	}
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	for (int i = -1; i < TIMED; i++) {
		struct listed_page page;
		double t0 = now_ms(), t1, t2;
		size_t rows = 0;

		if (store_list_page(store, &q, NULL, true, true, 20, &page, &err)) {
			fprintf(stderr, "sirt-bench-gen: %s\n", err.message);
			code = 70;
			goto done;
		}
		listed_page_free(&page);
		t1 = now_ms();
		while (sqlite3_step(st) == SQLITE_ROW)
			rows++;
		sqlite3_reset(st);
		t2 = now_ms();
		if (i >= 0) {
			sirt[i] = t1 - t0;
			fts[i] = t2 - t1;
		}
	}
	qsort(sirt, TIMED, sizeof(double), compare_doubles);
	qsort(fts, TIMED, sizeof(double), compare_doubles);
	printf("%.4f %.4f\n", sirt[TIMED / 2], fts[TIMED / 2]);
done:
	sqlite3_finalize(st);
	sqlite3_close(db);
	store_close(&store);
	free(match);
	return code;
}

int main(int argc, char **argv)
{
	const char *config_path = NULL, *out = NULL, *cache = NULL;
	struct generator g = {0};
	struct diag_list diags = {0};
	struct timespec start;
	char *work = NULL, *final = NULL;
	uint64_t seed = 1;
	size_t count = 0, nlong = 0, long_bytes[4] = {0};
	char long_refs[4][32] = {{0}};
	const char *long_spec = NULL;
	int code = 0;

	if (argc == 4 && strcmp(argv[1], "--time-search") == 0)
		return time_search(argv[2], argv[3]);
	for (int i = 1; i < argc; i++) {
		const char *value = i + 1 < argc ? argv[i + 1] : NULL;

		if (!value)
			return usage();
		if (strcmp(argv[i], "--config") == 0)
			config_path = value;
		else if (strcmp(argv[i], "--count") == 0)
			count = strtoul(value, NULL, 10);
		else if (strcmp(argv[i], "--seed") == 0)
			seed = strtoull(value, NULL, 10);
		else if (strcmp(argv[i], "--out") == 0)
			out = value;
		else if (strcmp(argv[i], "--cache") == 0)
			cache = value;
		else if (strcmp(argv[i], "--long-fields") == 0) {
			char *end;

			long_spec = value;
			for (const char *p = value; *p && nlong < 4; p = *end ? end + 1 : end) {
				long_bytes[nlong++] = strtoul(p, &end, 10);
				if (end == p || (*end && *end != ','))
					return usage();
			}
		}
		else
			return usage();
		i++;
	}
	if (!config_path || count == 0 || !out == !cache || nlong > count)
		return usage();
	/* References and times do not depend on where the bench runs. */
	setenv("TZ", "UTC", 1);
	tzset();
	if (!(g.config = config_load(config_path, false, &diags))) {
		for (size_t i = 0; i < diags.len; i++) {
			char *line = diag_format(&diags.items[i]);
			fprintf(stderr, "%s\n", line);
			free(line);
		}
		diag_list_free(&diags);
		return 78;
	}
	diag_list_free(&diags);
	if (cache && mkdir(cache, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "sirt-bench-gen: cannot make %s: %s\n", cache, strerror(errno));
		config_free(&g.config);
		return 73;
	}
	/* Made aside and renamed when complete: an interrupted run leaves no
	 * half database where the cache would find it. */
	work = out ? xasprintf("%s.%ld.part", out, (long)getpid()) : xasprintf("%s/making-%ld.db", cache, (long)getpid());
	/* As a session does: every write keeps the incident's deadline and
	 * search text, and the file records the plan it was worked out
	 * under, so that sirt's first start has nothing to catch up on. */
	if (store_open(work, false, &g.store, &g.err) || store_relax_durability(g.store, &g.err) ||
	    deadline_track_all(g.store, g.config, NULL, NULL, &g.err)) {
		fprintf(stderr, "sirt-bench-gen: %s\n", g.err.message);
		code = 74;
		goto done;
	}
	final = out ? xstrdup(out) :
		      xasprintf("%s/incidents-%zu-seed-%" PRIu64 "%s%s-schema-%d-gen-%d.db", cache, count, seed,
				long_spec ? "-long-" : "", long_spec ? long_spec : "", store_schema_version(g.store),
				GEN_VERSION);
	if (cache && access(final, F_OK) == 0) {
		printf("%s\n", final);
		goto done;
	}
	if (!(g.evidence_file = tmpfile())) {
		fprintf(stderr, "sirt-bench-gen: cannot make a temporary file: %s\n", strerror(errno));
		code = 73;
		goto done;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (size_t i = 0; i < count; i++) {
		if (!make_incident(&g, seed, i, count, i < nlong ? long_refs[i] : NULL, sizeof(long_refs[0]))) {
			fprintf(stderr, "\nsirt-bench-gen: incident %zu: %s: %s\n", i + 1, g.doing, g.err.message);
			code = 70;
			goto done;
		}
		progress(i + 1, count, &start, i + 1 == count);
	}
	for (size_t i = 0; i < nlong; i++) {
		if (!long_field(&g, long_refs[i], long_bytes[i])) {
			fprintf(stderr, "sirt-bench-gen: %s: %s: %s\n", long_refs[i], g.doing, g.err.message);
			code = 70;
			goto done;
		}
	}
	store_close(&g.store);
	if (rename(work, final) != 0) {
		fprintf(stderr, "sirt-bench-gen: cannot rename %s to %s: %s\n", work, final, strerror(errno));
		code = 73;
		goto done;
	}
	printf("%s\n", final);
done:
	store_close(&g.store);
	if (g.evidence_file)
		fclose(g.evidence_file);
	if (code || (cache && access(work, F_OK) == 0)) {
		char *side;

		unlink(work);
		side = xasprintf("%s-wal", work);
		unlink(side);
		free(side);
		side = xasprintf("%s-shm", work);
		unlink(side);
		free(side);
	}
	free(work);
	free(final);
	config_free(&g.config);
	return code;
}
