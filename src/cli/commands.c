/* The command table: every subcommand once, with its verbs, its options
 * (what each takes, its help), the role it needs, whether it only reads
 * and the formats it prints. Parsing, sirt help, refusals, read-only
 * opening and shell completion (sirt __complete, complete.c) all read
 * it; a new command is a row here and its run function. An argument's
 * name in args says what a shell completes there (complete.c):
 * REF, CONTACT, RULE, FORM, FIELD=VALUE, CATEGORY, PROCEDURE, STEP,
 * COMMAND, FILE, and a|b|c for one of those words. */
#include <stddef.h>

#include "cli_internal.h"
#include "sirt/calls.h"
#include "sirt/cost.h"
#include "sirt/evidence.h"
#include "sirt/investigation.h"
#include "sirt/ioc.h"

#define OUTCOME(id, key, label) key,
#define KIND(key, label) key,

static const char *const call_outcomes[] = {CALL_OUTCOMES(OUTCOME) NULL};
static const char *const note_kind_choices[] = {NOTE_KINDS(KIND) NULL};
static const char *const evidence_kind_choices[] = {EVIDENCE_KINDS(KIND) NULL};
static const char *const cost_kinds[] = {COST_DAMAGE, COST_CONTAINMENT, NULL};
/* As sirt/deadline.h's DEADLINE_HOWS lists them, and as the TUI spells two. */
static const char *const deadline_hows[] = {"email", "phone", "portal", "letter", "in-person", "other", NULL};
static const char *const deadline_how_aliases[] = {"e-mail", "email", "in person", "in-person", NULL};

static const char *const text_json[] = {"text", "json", NULL};
/* "text" is the table, so that every command takes --format text. */
static const char *const table_json[] = {"table", "text", "json", NULL};

#define NO_OPTIONS ((const struct cli_option[]){{NULL}})

const struct cli_command cli_commands[] = {
	{.name = "list", .reads_only = true, .run = cmd_list,
	 .formats = (const char *const[]){"table", "text", "json", "csv", NULL},
	 .options = (const struct cli_option[]){
		{"--all", CLI_FLAG, .help = "closed incidents too"},
		{"--overdue", CLI_FLAG, .help = "only those with a deadline overdue; exits 1 if there is any"},
		{NULL}},
	 .help = "List the open incidents, newest first; --all includes closed ones;\n"
		 "--overdue only those with a deadline overdue, and exits 1 if there is any."},
	{.name = "show", .args = "REF", .reads_only = true, .run = cmd_show, .formats = text_json,
	 .options = NO_OPTIONS,
	 .help = "Show everything recorded about one incident; JSON carries every stored field\n"
		 "by its key."},
	{.name = "new", .needs = CAN_LOG, .doing = "logging a new incident", .run = cmd_new, .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--set", CLI_TEXT, "FIELD=VALUE", "a field of the intake form", .repeatable = true},
		{NULL}},
	 .help = "Log a new incident from intake form fields (for scripts and alerting systems);\n"
		 "prints its reference. The fields are those of forms/intake.ini; the sample's\n"
		 "are caller_name, call_time, caller_contact, nature, involved, location,\n"
		 "detected_how, first_noticed and title. Times accept now, 14:05,\n"
		 "2026-11-22 14:05, -30m, -2h, -3d, -45s and 2026-11-22T14:05:00Z (UTC);\n"
		 "call_time defaults to now."},
	{.name = "call", .args = "REF CONTACT", .needs = CAN_LOG, .doing = "logging a call", .run = cmd_call,
	 .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--outcome", CLI_CHOICE, NULL, "how the call went", call_outcomes, .required = true},
		{"--note", CLI_TEXT, NULL, "what was said or left"},
		{"--at", CLI_TIME, "TIME", "when the call was made, if before now (03:05, -35m)"},
		{NULL}},
	 .help = "Log an escalation call to CONTACT (an id of the config's [contact.ID]\n"
		 "sections) with its outcome, and print what was recorded. --at says when it was\n"
		 "made, if earlier: both times are kept and the timeline sorts by it."},
	{.name = "change", .run = cmd_change, .formats = text_json,
	 .verbs = (const struct cli_verb[]){
		{"propose", "REF TEXT", CAN_RESPOND, "proposing a change"},
		/* The decision's role is the manager's, said once the
		 * change is known to be one to decide. */
		{"approve", "REF N"},
		{"reject", "REF N"},
		{"list", "REF", .reads_only = true, .run = cmd_register},
		{NULL}},
	 .options = (const struct cli_option[]){
		{"--why", CLI_TEXT, NULL, "why the change prevents a recurrence", .verbs = "propose"},
		{"--reason", CLI_TEXT, NULL, "why it is approved or rejected", .verbs = "approve reject",
		 .required = true},
		{"--at", CLI_TIME, "TIME", "when it was decided, if before now", .verbs = "approve reject"},
		{NULL}},
	 .help = "Propose a change to prevent a recurrence, approve or reject change N of an\n"
		 "incident, or list the changes and their decisions. Approving and rejecting\n"
		 "need the management role ([roles] managers in the config); anyone else gets\n"
		 "exit status 77."},
	{.name = "note", .args = "REF TEXT", .needs = CAN_RESPOND, .doing = "recording a finding", .run = cmd_note,
	 .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--kind", CLI_CHOICE, "KIND", "what kind of finding it is", note_kind_choices, .required = true},
		{"--witness", CLI_NUMBER, "N", "the witness an interview was with, by number"},
		{NULL}},
	 .help = "Record a forensic finding. KIND is log-review, log-gap, ids, cloud-audit,\n"
		 "interview or other; --witness links an interview to witness N."},
	{.name = "witness", .run = cmd_witness, .formats = text_json,
	 .verbs = (const struct cli_verb[]){
		{"add", "REF", CAN_RESPOND, "adding a witness"},
		{"list", "REF", .reads_only = true, .run = cmd_register},
		{NULL}},
	 .options = (const struct cli_option[]){
		{"--name", CLI_TEXT, "NAME", "who the witness is", .verbs = "add", .required = true},
		{"--contact", CLI_TEXT, NULL, "how to reach them", .verbs = "add"},
		{"--statement", CLI_TEXT, NULL, "what they said", .verbs = "add"},
		{"--interviewed-by", CLI_TEXT, "NAME", "who took the statement (default: you)", .verbs = "add"},
		{"--interviewed-at", CLI_TIME, NULL, "when it was taken (default: now)", .verbs = "add"},
		{NULL}},
	 .help = "Add a witness to the incident's list of witnesses; prints its number. With a\n"
		 "statement, who took it and when default to you and now. list prints them."},
	{.name = "evidence", .run = cmd_evidence, .formats = text_json,
	 .verbs = (const struct cli_verb[]){
		{"add", "REF", CAN_RESPOND, "working the evidence register"},
		{"verify", "REF [N]", CAN_RESPOND, "working the evidence register"},
		{"export", "REF DIR", .reads_only = true},
		{"list", "REF", .reads_only = true, .run = cmd_register},
		{NULL}},
	 .options = (const struct cli_option[]){
		{"--file", CLI_FILE, "PATH", "the file to hash and keep the path of", .verbs = "add"},
		{"--stdin", CLI_FLAG, .help = "hash standard input instead of a file (refused when empty)", .verbs = "add"},
		{"--changing", CLI_FLAG, .help = "record a file that changed while it was hashed, marked as such",
		 .verbs = "add"},
		{"--description", CLI_TEXT, NULL, "what the item is", .verbs = "add", .required = true},
		{"--kind", CLI_CHOICE, "KIND", "what kind of item it is (default: other)", evidence_kind_choices,
		 .verbs = "add"},
		{"--location", CLI_TEXT, NULL, "where it is kept", .verbs = "add"},
		{"--corrects", CLI_NUMBER, "N", "the earlier item this one corrects", .verbs = "add"},
		{NULL}},
	 .help = "Add an item to the evidence register (with or without a file), KIND being\n"
		 "log-copy, email, disk-image, memory-image, network-capture, document,\n"
		 "photo, note or other (the default). sirt computes the SHA-256 of the file\n"
		 "(streamed: a disk image of many GB works; progress on a terminal) and\n"
		 "keeps its absolute path. --corrects N adds it as a correction of item N:\n"
		 "items are never edited. A file whose size or times move while it is hashed\n"
		 "is refused (65) unless --changing records it as changing; --stdin with no\n"
		 "data is refused (66). With [evidence] store = DIR in sirt.ini a read-only\n"
		 "copy of each item is kept under its hash. verify recomputes the hash of\n"
		 "each item's file and stored copy (or of item N), records each result and\n"
		 "exits 65 on any mismatch or missing file. export copies the items to DIR\n"
		 "(new or empty) with SHA256SUMS and CUSTODY.txt. list prints the items."},
	{.name = "custody", .args = "REF N", .needs = CAN_RESPOND, .doing = "recording a hand-over",
	 .run = cmd_custody, .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--to", CLI_TEXT, "NAME", "who takes the item", .required = true},
		{"--purpose", CLI_TEXT, NULL, "why it is handed over", .required = true},
		{"--location", CLI_TEXT, NULL, "where it is kept from now on"},
		{NULL}},
	 .help = "Record a hand-over of evidence item N from its current holder to NAME."},
	{.name = "deadlines", .reads_only = true, .run = cmd_deadlines, .formats = table_json,
	 .options = (const struct cli_option[]){
		{"--all", CLI_FLAG, .help = "every deadline of every incident, met ones too"},
		{NULL}},
	 .help = "The deadlines of the open incidents, and those of closed incidents that\n"
		 "were never met (--all: every deadline of every incident), the most pressing\n"
		 "first: who must be told, by when, and how that stands. Exits 1 when one is\n"
		 "overdue, so that a cron job can raise an alarm."},
	{.name = "handover", .reads_only = true, .writes_with = "--record", .run = cmd_handover,
	 .formats = (const char *const[]){"text", "md", "json", NULL},
	 .options = (const struct cli_option[]){
		{"--since", CLI_TIME, "TIME", "what happened since TIME (default: the last handover, else -24h)"},
		{"--record", CLI_FLAG, .help = "record the handover on the timeline of each incident the brief covers"},
		{"--to", CLI_TEXT, "LOGIN", "with --record: whom you hand over to"},
		{"--note", CLI_TEXT, NULL, "with --record: a word for them, kept with the handover"},
		{NULL}},
	 .help = "The shift handover brief: for each open incident, and each closed one with a\n"
		 "clock still running, the most pressing first: what happened since TIME (from\n"
		 "the timeline), steps and restoration steps still open, every clock overdue or\n"
		 "due within 24 hours, escalation calls not reached, changes waiting for a\n"
		 "decision and the last notes. Since defaults to the last handover recorded,\n"
		 "else 24 hours ago; the brief says which. --record --to LOGIN records \"handed\n"
		 "over from YOU to LOGIN\" on the timeline of every incident the brief covers\n"
		 "(responders and leads; exit 77 for anyone else), and the next brief runs from\n"
		 "it. Text and Markdown fit 80 columns."},
	{.name = "deadline", .run = cmd_deadline, .formats = text_json,
	 .verbs = (const struct cli_verb[]){
		{"met", "REF RULE", CAN_RESPOND, "recording a deadline met"},
		{NULL}},
	 .options = (const struct cli_option[]){
		{"--how", CLI_CHOICE, "HOW", "how the party was told", deadline_hows, deadline_how_aliases,
		 .required = true},
		{"--party", CLI_TEXT, "NAME", "the customer, for a deadline per customer"},
		{"--reference", CLI_TEXT, NULL, "their case number, or the letter's"},
		{"--at", CLI_TIME, "TIME", "when the party was told, if before now"},
		{"--sent-file", CLI_FILE, "FILE", "the text that was sent, kept with the record"},
		{NULL}},
	 .help = "Record that a deadline's party was told: HOW is email, phone, portal,\n"
		 "letter, in-person or other. --party names the customer of a per-customer\n"
		 "deadline. --sent-file keeps the text that was sent (a regular file, not a\n"
		 "link: 66; UTF-8 of at most 100000 bytes: else 65), shown by sirt show and\n"
		 "the report, exported and on the audit trail."},
	{.name = "decide", .args = "REF classified-major|materiality-determined", .needs = CAN_LEAD,
	 .doing = "recording a decision", .run = cmd_decide, .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--why", CLI_TEXT, NULL, "why it was decided, on what facts"},
		{"--at", CLI_TIME, "TIME", "when it was decided, if before now"},
		{"--withdraw", CLI_FLAG, .help = "withdraw the standing decision instead (with --reason)"},
		{"--reason", CLI_TEXT, NULL, "why the decision is withdrawn"},
		{NULL}},
	 .help = "Record a decision a regulator's clock runs from: classified-major (the\n"
		 "incident judged significant or major) or materiality-determined (SEC),\n"
		 "with --why and, if it was made earlier, --at. A decision stands once: a\n"
		 "second is refused (65) until the first is withdrawn with --withdraw\n"
		 "--reason TEXT. Needs the lead role. Prints the incident's decisions."},
	/* The form says what role it needs, once it is known. */
	{.name = "set", .args = "REF FORM FIELD=VALUE ...", .run = cmd_set, .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--set", CLI_TEXT, "FIELD=VALUE", "a field of the form, as FIELD=VALUE after FORM", .repeatable = true},
		{"--note", CLI_TEXT, "FIELD=TEXT", "the note of a field that has one", .repeatable = true},
		{"--customer", CLI_TEXT, "NAME", "with FORM customer: whose report"},
		{NULL}},
	 .help = "Save fields of a form of an incident: FORM is intake, lead, triage, report\n"
		 "or review (the fields are those of its file in forms/), or customer with\n"
		 "--customer NAME: that affected customer's own report (what_happened,\n"
		 "data_disclosed, what_to_do). Values are checked as\n"
		 "the form on screen checks them; --note sets the note of a field that has one.\n"
		 "Saving the triage moves a new incident to triage, the review to review."},
	{.name = "category", .args = "REF CATEGORY", .needs = CAN_RESPOND, .doing = "choosing a category",
	 .run = cmd_category, .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--note", CLI_TEXT, NULL, "why this category"},
		{NULL}},
	 .help = "Put the incident in a category, by its key in the config's [categories]\n"
		 "(the highest that applies). --format json prints the incident as sirt show\n"
		 "does."},
	{.name = "procedure", .args = "REF PROCEDURE", .needs = CAN_RESPOND, .doing = "choosing a procedure",
	 .run = cmd_procedure, .formats = text_json, .options = NO_OPTIONS,
	 .help = "Choose the procedure to follow, by its file name (see sirt check), or none\n"
		 "when no procedure applies. Its steps are then worked with sirt step.\n"
		 "--format json prints the incident as sirt show does."},
	{.name = "step", .args = "REF STEP done|skipped|na|open", .needs = CAN_RESPOND, .doing = "working a step",
	 .run = cmd_step, .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--note", CLI_TEXT, NULL, "a note on the step; a skipped step's reason"},
		{"--if-version", CLI_NUMBER, "N", "only if the step is still at version N (0: not marked yet)"},
		{"--at", CLI_TIME, "TIME", "when it was done, if before now"},
		{NULL}},
	 .help = "Mark a step of the incident's procedure, or of the restoration list (its keys\n"
		 "begin with restoration.), as sirt show lists them. A skipped step needs --note\n"
		 "with the reason; a step that carries out a change waits for an approved one.\n"
		 "--if-version N marks it only if it is still at version N (as sirt show --format\n"
		 "json gives it; 0: not marked yet): if someone marked it since, nothing is\n"
		 "written and sirt exits 65 naming who and when. --format json prints the step\n"
		 "as sirt show --format json lists it."},
	{.name = "cost", .run = cmd_cost, .formats = text_json,
	 .verbs = (const struct cli_verb[]){
		{"add", "REF", CAN_RESPOND, "recording damage and cost"},
		{"withdraw", "REF N", CAN_RESPOND, "recording damage and cost"},
		{"list", "REF", .reads_only = true},
		{NULL}},
	 .options = (const struct cli_option[]){
		{"--kind", CLI_CHOICE, NULL, "damage to the organisation, or the cost of containment", cost_kinds,
		 .verbs = "add", .required = true},
		{"--amount", CLI_TEXT, "AMOUNT", "how much: 12500, 12,500 or 12500.50", .verbs = "add", .required = true},
		{"--description", CLI_TEXT, NULL, "what the line is for", .verbs = "add", .required = true},
		{"--currency", CLI_TEXT, "CUR", "its currency (EUR), when not the plan's", .verbs = "add"},
		{"--estimate", CLI_FLAG, .help = "not the actual figure yet", .verbs = "add"},
		{"--reason", CLI_TEXT, NULL, "why the line is withdrawn", .verbs = "withdraw", .required = true},
		{NULL}},
	 .help = "Record the damage to the organisation and the cost of containment, a line\n"
		 "at a time: an amount such as 12500 or 12,500.50 in the plan's currency (or\n"
		 "--currency EUR), --estimate while it is not the actual figure. A wrong line is\n"
		 "withdrawn with a reason, never edited. Prints the lines and totals per currency."},
	/* The indicator register: its options are the kind's columns
	 * (sirt/ioc.h), as the generic register command reads them. */
	{.name = "ioc", .run = cmd_register, .formats = text_json,
	 .verbs = (const struct cli_verb[]){
		{"add", "REF", CAN_RESPOND, "recording an indicator"},
		{"withdraw", "REF N", CAN_RESPOND, "recording an indicator"},
		{"list", "REF", .reads_only = true},
		{"find", "VALUE", .reads_only = true},
		{NULL}},
	 .options = (const struct cli_option[]){
		{"--type", CLI_CHOICE, "TYPE", "what it is", ioc_types, .verbs = "add", .required = true},
		{"--value", CLI_TEXT, "VALUE", "the indicator: 203.0.113.7, bad.example.org, a hash ...", .verbs = "add",
		 .required = true},
		{"--tlp", CLI_CHOICE, "TLP", "who it may be shared with (default amber)", ioc_tlps, .verbs = "add"},
		{"--first-seen", CLI_TIME, "TIME", "when it was first seen: -2h, 2026-11-22 14:05 ...", .verbs = "add"},
		{"--source", CLI_TEXT, NULL, "where it was seen: proxy log, mail gateway ...", .verbs = "add"},
		{"--note", CLI_TEXT, NULL, "anything else worth knowing", .verbs = "add"},
		{"--reason", CLI_TEXT, NULL, "why it is withdrawn", .verbs = "withdraw", .required = true},
		{NULL}},
	 .help = "The incident's indicators of compromise: add one (its value checked and put in\n"
		 "one form: an address canonical, a domain in lower case, a hash in lower-case\n"
		 "hex), list them (each says which other incidents hold it too), withdraw a wrong\n"
		 "one with a reason (they are never edited), or find VALUE in every incident, open\n"
		 "or closed (\"have we seen this before?\"): exit 1 when none holds it."},
	{.name = "report", .args = "REF", .reads_only = true, .run = cmd_report,
	 .formats = (const char *const[]){"md", "text", "json", NULL},
	 .options = (const struct cli_option[]){
		{"--customer", CLI_TEXT, "NAME", "the report for one affected customer"},
		{"--stage", CLI_TEXT, "REGIME.STAGE", "a draft of that stage's submission instead (text)"},
		{"--confirm-names", CLI_FLAG, .help = "with --customer: write it although it still seems to name another customer"},
		{"--output", CLI_FILE, "FILE", "write it to FILE (mode 0600) instead"},
		{"--force", CLI_FLAG, .help = "with --output: replace FILE if it is a regular file"},
		{NULL}},
	 .help = "Write the incident report: how it was discovered, its category, how it\n"
		 "occurred, where it came from, the response plan, what was done and whether it\n"
		 "was effective; a field of the report form not saved yet is pre-filled from the\n"
		 "record. --customer writes the report for one affected customer: their own\n"
		 "form (sirt set REF customer --customer NAME), without other customers' names,\n"
		 "aliases or domains however written; what still looks like another customer is\n"
		 "listed and refused (65) unless --confirm-names. --output writes it\n"
		 "to FILE (mode 0600; .json JSON, .txt text, else Markdown unless --format\n"
		 "says) instead of standard output; an existing FILE is replaced only with\n"
		 "--force, and only a regular file: never a link or a device (/dev/stdout).\n"
		 "--stage REGIME.STAGE writes instead a text draft of that stage's submission:\n"
		 "who is told, where, by when, each item the stage asks for filled from the\n"
		 "record, and at the end what is still missing (stderr says how many); edit\n"
		 "it and record it with sirt deadline met REF STAGE --sent-file FILE. An\n"
		 "unknown stage is a usage error (64) naming those that apply; a stage with one\n"
		 "party per customer needs --customer NAME to say whose draft it is."},
	{.name = "close", .args = "REF", .needs = CAN_LEAD, .doing = "closing an incident", .run = cmd_close,
	 .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--reason", CLI_TEXT, NULL, "why it is closed with things still open"},
		{NULL}},
	 .help = "Close an incident. The post-incident review must be answered (exit 65 and a\n"
		 "list if not); steps not worked, parties not told or changes not decided are\n"
		 "listed, and closing anyway needs --reason, which goes on the timeline.\n"
		 "--format json prints the incident as sirt show does."},
	{.name = "reopen", .args = "REF", .needs = CAN_LEAD, .doing = "reopening an incident", .run = cmd_reopen,
	 .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--reason", CLI_TEXT, NULL, "why it is reopened", .required = true},
		{NULL}},
	 .help = "Reopen a closed incident; it goes back to the status its work gives.\n"
		 "--format json prints the incident as sirt show does."},
	{.name = "export", .reads_only = true, .run = cmd_export, .formats = (const char *const[]){"json", NULL},
	 .options = (const struct cli_option[]){
		{"--output", CLI_FILE, "FILE", "write FILE (mode 0600, not over an existing file)"},
		{NULL}},
	 .help = "Write every incident with everything recorded about it as JSON, read in one\n"
		 "transaction while others work; --output writes FILE (mode 0600, not over\n"
		 "anything of that name, a link included)."},
	{.name = "import", .args = "FILE", .needs = CAN_IMPORT, .doing = "importing incidents", .run = cmd_import,
	 .formats = text_json, .options = NO_OPTIONS,
	 .help = "Load an export into this database (FILE - reads standard input). An incident\n"
		 "whose reference is new here is added with all its records, each marked as\n"
		 "imported by you, now, from FILE (its path and SHA-256) wherever it is shown;\n"
		 "one here at the same version is left alone, so importing twice changes\n"
		 "nothing; one here at another version is a conflict, reported and left as it\n"
		 "is. Exit 65 if any. Needs the importer role ([roles] importers; the leads\n"
		 "where it is not set)."},
	{.name = "backup", .args = "FILE", .reads_only = true, .run = cmd_backup, .formats = text_json,
	 .options = NO_OPTIONS,
	 .help = "Copy the database to FILE (where nothing may be, not even a link) while\n"
		 "others work: in a hidden directory .FILE.XXXXXX beside it, checked there (its\n"
		 "integrity and its audit chain), then given its name. A backup killed on the\n"
		 "way leaves only that directory."},
	{.name = "audit", .run = cmd_audit, .formats = text_json,
	 .verbs = (const struct cli_verb[]){
		{"verify", "", .reads_only = true},
		{"head", "", .reads_only = true},
		{"log", "", .reads_only = true},
		{"repair-schema", "", .needs = CAN_LEAD, .doing = "repairing the database's schema"},
		{NULL}},
	 .options = (const struct cli_option[]){
		{"--head", CLI_TEXT, "HASH", "a head kept elsewhere, which must be in the chain", .verbs = "verify"},
		{"--last", CLI_NUMBER, "N", "only the last N rows (default 20; 0 for all)", .verbs = "log"},
		{NULL}},
	 .help = "The audit trail: every change to the database, who made it and when, with\n"
		 "which configuration (its files and their SHA-256) and in which mode, each row\n"
		 "chained to the one before by SHA-256. verify first reads every page of the\n"
		 "file (PRAGMA integrity_check: exit 65 on a damaged one), recomputes the chain,\n"
		 "names the first row where it breaks, holds every record against the trail's\n"
		 "last image of it and names each one changed, inserted or deleted outside\n"
		 "sirt, and each part of the schema that is not sirt's own (exit 65 for any);\n"
		 "head prints the last hash, to keep somewhere else (a ticket, a mail, a log\n"
		 "server): verify --head HASH then also catches a trail cut short or rewritten\n"
		 "whole. log prints the last rows. repair-schema drops what is not sirt's in the\n"
		 "schema (a trigger or view planted there), makes what is missing (a guard\n"
		 "dropped) again, and records both on the trail."},
	{.name = "init", .formats = text_json,
	 .options = (const struct cli_option[]){
		{"--shared", CLI_FILE, "DIR", "the directory to make or put right", .required = true},
		{"--group", CLI_TEXT, "GROUP", "the operators' group (with --enforce: sirt's, no operator's)",
		 .required = true},
		{"--enforce", CLI_FLAG, .help = "only sirt, run setgid GROUP, may open the database"},
		{NULL}},
	 .help = "Set up a database for a team sharing one machine (for an administrator,\n"
		 "usually as root): makes DIR with mode 2770 (group GROUP, setgid so that every\n"
		 "file in it gets the group, never sticky) and DIR/sirt.db with mode 0660, or\n"
		 "puts right the modes of those already there (a sirt database there is kept\n"
		 "and brought up to date; a file that is not sirt's is left alone, exit 65).\n"
		 "Prints the lines to put in /etc/sirt/sirt.ini on standard output and what to\n"
		 "do next on standard error. Needs no configuration.\n"
		 "With --enforce, the database is the group's and no operator is in the group:\n"
		 "sirt, installed setgid GROUP, opens it, and takes its roles and plan only from\n"
		 "/etc/sirt (see sirt-security(7)). Says whether sirt is setgid GROUP and who is\n"
		 "in the group still. Without --enforce, an enforced database becomes a group's."},
	{.name = "check", .formats = text_json, .options = NO_OPTIONS,
	 .help = "Check the configuration, forms and procedures; print every problem as\n"
		 "file:line: message and exit 78 if there is any. Says what your login may do,\n"
		 "and warns when a layer points at another database than the system's. Use\n"
		 "--config FILE to check another file."},
	{.name = "config", .formats = text_json, .options = NO_OPTIONS,
	 .help = "Print every value of the configuration as file:line: [section] key = value,\n"
		 "from the layer that set it (/etc/sirt/sirt.ini, /etc/sirt/sirt.d/*.ini, then\n"
		 "yours), and (default) for what no layer sets. Needs no database."},
	{.name = "help", .args = "[COMMAND]", .formats = text_json, .options = NO_OPTIONS,
	 .help = "Show help for a command. --format json gives the command table itself:\n"
		 "every command, verb and option, what each takes, for completion and scripts."},
	{.name = "completion", .args = "bash|zsh", .formats = text_json, .options = NO_OPTIONS,
	 .help = "Print the shell completion script for bash or zsh, for a shell where the\n"
		 "package's is not installed: source <(sirt completion bash) in ~/.bashrc, or\n"
		 "source <(sirt completion zsh) after compinit in ~/.zshrc. At a TAB it asks\n"
		 "sirt for the commands, options, references, contacts, categories, procedures,\n"
		 "steps, form fields and values, reading the plan and the database without\n"
		 "changing them."},
};

const size_t cli_command_count = sizeof(cli_commands) / sizeof(cli_commands[0]);

/* main's own options, which go anywhere on the line (main.c reads them). */
const struct cli_option cli_shared_options[] = {
	{"--config", CLI_FILE, "FILE", "the plan's configuration file"},
	{"--db", CLI_FILE, "FILE", "the database file"},
	{"--read-only", CLI_FLAG, .help = "open the database for reading only"},
	{"--help", CLI_FLAG, .help = "the usage, or after a command its help"},
	{"--version", CLI_FLAG, .help = "the version of sirt"},
	{NULL},
};
