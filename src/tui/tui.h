/* The full-screen face: one event loop, a stack of screens, and the one
 * place that includes curses. A screen is a file exporting a const
 * struct screen_ops; its handler gets named actions (keys are mapped
 * first, see action.c) and returns what should happen. Only the loop
 * draws, pushes, pops and quits. */
#ifndef SIRT_TUI_H
#define SIRT_TUI_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <wchar.h>

#include "sirt/draft.h"
#include "sirt/editor.h"
#include "sirt/register.h"
#include "sirt/roles.h"
#include "sirt/session.h"

/* name, config name, hint label, help text, the role it needs (R4): the
 * capability of sirt/roles.h, NOTHING for looking around. The hint bar,
 * the help screen and the refusal of a key all read it. */
#define TUI_ACTIONS(X) \
	X(NONE,        "none",         "",          "", NOTHING) \
	X(MOVE_UP,     "move-up",      "Up",        "Move up", NOTHING) \
	X(MOVE_DOWN,   "move-down",    "Down",      "Move down", NOTHING) \
	X(PAGE_UP,     "page-up",      "PgUp",      "Move up one page", NOTHING) \
	X(PAGE_DOWN,   "page-down",    "PgDn",      "Move down one page", NOTHING) \
	X(FIRST,       "first",        "First",     "Go to the first line", NOTHING) \
	X(LAST,        "last",         "Last",      "Go to the last line", NOTHING) \
	X(OPEN,        "open",         "Open",      "Open or choose the selected item", NOTHING) \
	X(NEXT_FIELD,  "next-field",   "Next",      "Go to the next field", NOTHING) \
	X(PREV_FIELD,  "prev-field",   "Prev",      "Go to the previous field", NOTHING) \
	X(SAVE,        "save",         "Save",      "Save the form", NOTHING) \
	X(BACK,        "back",         "Back",      "Go back to the previous screen", NOTHING) \
	X(QUIT,        "quit",         "Quit",      "Quit sirt", NOTHING) \
	X(HELP,        "help",         "Help",      "Show the keys of this screen", NOTHING) \
	X(REDRAW,      "redraw",       "Redraw",    "Redraw the whole screen", NOTHING) \
	X(FIND_NEXT,   "find-next",    "Next",      "Find the words again, further on", NOTHING) \
	X(READ,        "read",         "Read",      "Read the selected one whole", NOTHING) \
	X(WHEN,        "when",         "When",      "Say when the next one happened, if earlier than now (03:05, -35m)", NOTHING) \
	X(MESSAGES,    "messages",     "Messages",  "Read the recent messages whole, newest first", NOTHING) \
	X(SUSPEND,     "suspend",      "Suspend",   "Suspend sirt to the shell (fg brings it back; what was typed is kept)", NOTHING) \
	X(NEW,         "new",          "New",       "Log a new incident: the intake form", LOG) \
	X(SHOW_CLOSED, "show-closed",  "All",       "List closed incidents too, or only open ones again", NOTHING) \
	X(FILTER,      "filter",       "Filter",    "Filter the list as you type (Esc clears)", NOTHING) \
	X(INTAKE,      "intake",       "Intake",    "Edit the intake form", LOG) \
	X(TRIAGE,      "triage",       "Triage",    "Answer the triage checklist", RESPOND) \
	X(CATEGORY,    "category",     "Category",  "Put the incident in a category", RESPOND) \
	X(PROCEDURE,   "procedure",    "Procedure", "Choose the procedure to follow", RESPOND) \
	X(STEPS,       "steps",        "Steps",     "Work through the procedure's steps", NOTHING) \
	X(TOGGLE,      "toggle",       "Applies",   "Mark or unmark as applicable", NOTHING) \
	X(NUMBER,      "number",       "Go to",     "Go to the one of that number: 4, or 1 then 2 for the 12th", NOTHING) \
	X(MARK_DONE,   "mark-done",    "Done",      "Mark the step done", RESPOND) \
	X(MARK_SKIP,   "mark-skipped", "Skip",      "Mark the step skipped (asks for the reason)", RESPOND) \
	X(MARK_NA,     "mark-na",      "N/A",       "Mark the step not applicable", RESPOND) \
	X(MARK_OPEN,   "mark-open",    "Reopen",    "Mark the step open again", RESPOND) \
	X(ADD_STEP,    "add-step",     "Add",       "Record a step the team took", RESPOND) \
	X(NOTE,        "note",         "Note",      "Write a note on the step", RESPOND) \
	X(LEAD,        "lead",         "Lead",      "Edit the lead details", LEAD) \
	X(CALLS,       "calls",        "Calls",     "Work the escalation call list", NOTHING) \
	X(CALL_REACHED,   "call-reached",   "Reached",  "Log a call to the selected contact: reached", LOG) \
	X(CALL_NO_ANSWER, "call-no-answer", "No answer","Log a call to the selected contact: no answer", LOG) \
	X(CALL_MESSAGE,   "call-message",   "Message",  "Log a call to the selected contact: left a message", LOG) \
	X(CALL_WRONG,     "call-wrong",     "Wrong no.","Log a call to the selected contact: wrong number", LOG) \
	X(CHANGES,     "changes",      "Changes",   "Recommended changes and their approval", NOTHING) \
	X(INVESTIGATION, "investigation", "Forensics", "Investigation notes and witnesses", NOTHING) \
	X(ADD_NOTE,    "add-note",     "Note",      "Record a finding: log review, log gap, IDS or cloud audit log, interview", RESPOND) \
	X(ADD_WITNESS, "add-witness",  "Witness",   "Add a witness: name, contact, statement", RESPOND) \
	X(EVIDENCE,    "evidence",     "Evidence",  "The evidence register and chain of custody", NOTHING) \
	X(RESTORATION, "restoration",  "Restore",   "Work through the restoration list", NOTHING) \
	X(TIMELINE,    "timeline",     "Timeline",  "Everything that happened to the incident, by kind", NOTHING) \
	X(SAVE_PROCEDURE, "save-procedure", "Write", "Write the steps recorded as a new procedure file, for next time", RESPOND) \
	X(DEADLINES,   "deadlines",    "Notify",    "Notifications and deadlines: who must be told by when", NOTHING) \
	X(MARK_MET,    "mark-met",     "Met",       "Record that the party was told: how, and a reference", RESPOND) \
	X(DRAFT,       "draft",        "Draft",     "A regime stage's submission drafted from the record: edit it, record it as sent", NOTHING) \
	X(NEXT_KIND,   "next-kind",    "Kind",      "Show another kind of entry (all, calls, notes, steps ...)", NOTHING) \
	X(ADD_EVIDENCE, "add-evidence", "Add",      "Add an item: described, hashed with SHA-256 if from a file", RESPOND) \
	X(HAND_OVER,   "hand-over",    "Hand over", "Record a hand-over of the item (chain of custody)", RESPOND) \
	X(VERIFY,      "verify",       "Verify",    "Recompute the item's SHA-256 and record whether it matches", RESPOND) \
	X(PROPOSE,     "propose",      "Propose",   "Propose a change to prevent a recurrence", RESPOND) \
	X(APPROVE,     "approve",      "Approve",   "Approve the change (management role), with a reason", APPROVE) \
	X(REJECT,      "reject",       "Reject",    "Reject the change (management role), with a reason", APPROVE) \
	X(COSTS,       "costs",        "Costs",     "Damage and cost: itemised lines, totals per currency", NOTHING) \
	X(ADD_COST,    "add-cost",     "Add",       "Add a line of damage or cost", RESPOND) \
	X(WITHDRAW,    "withdraw",     "Withdraw",  "Withdraw the line, giving a reason (lines are never edited)", RESPOND) \
	X(REPORT,      "report",       "Report",    "Preview the incident report and write it to a file", NOTHING) \
	X(EDIT_REPORT, "edit-report",  "Edit",      "Edit the report's text (pre-filled from the record); a customer's: their own", RESPOND) \
	X(WRITE_REPORT, "write-report", "Write",    "Write the report to a file: .json JSON, .txt text, else Markdown", NOTHING) \
	X(FOR_CUSTOMER, "for-customer", "Customer", "The report for one affected customer, or the full report again", NOTHING) \
	X(INDICATORS,  "indicators",   "Indicators", "Indicators of compromise: addresses, domains, hashes; seen elsewhere?", NOTHING) \
	X(DECISIONS,   "decisions",    "Decide",    "Decisions a regulator's clock runs from: classified major, material", NOTHING) \
	X(ADD_RECORD,  "add-record",   "Add",       "Add one: a form of its fields", RESPOND) \
	X(WITHDRAW_RECORD, "withdraw-record", "Withdraw", "Withdraw the selected one, giving a reason (never edited)", RESPOND) \
	X(REVIEW,      "review",       "Review",    "Answer the post-incident review", LEAD) \
	X(CLOSE,       "close",        "Close",     "Close the incident (what is still open is listed first), or reopen it", LEAD) \
	X(KEEP_MINE,   "keep-mine",    "All yours", "Keep what you typed in every field changed meanwhile", NOTHING) \
	X(TAKE_THEIRS, "take-theirs",  "All theirs", "Take the other operator's value in every field changed meanwhile", NOTHING) \
	X(HANDOVER,    "handover",     "Handover",  "The shift handover brief: what the next responder must know, most pressing first", NOTHING) \
	X(RECORD_HANDOVER, "record-handover", "Hand over", "Record the handover (asks to whom) on the timeline of each incident in the brief", RESPOND) \
	X(YES,         "yes",          "Yes",       "Answer yes", NOTHING) \
	X(NO,          "no",           "No",        "Answer no", NOTHING)

enum action {
#define ACTION_ENUM(name, id, label, help, needs) ACTION_##name,
	TUI_ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION_COUNT
};

const char *action_label(enum action a);
/* The role an action needs (R4): CAN_NOTHING for looking around. */
enum capability action_needs(enum action a);

const char *action_help(enum action a);

/* A key as wget_wch returned it. */
struct key {
	wint_t code;
	bool function;		/* KEY_* code rather than a character */
};

struct tui;

/* Keymaps: browsing screens get letters as commands; screens editing
 * text get only keys that cannot be text. */
enum keymap_mode {
	KEYMAP_BROWSE = 1,
	KEYMAP_EDIT = 2,
};

enum action keymap_lookup(const char *screen, enum keymap_mode mode, const struct key *key);
/* The name of the first key bound to action ("Enter", "^S", "q"), or NULL. */
const char *keymap_key_name(const char *screen, enum keymap_mode mode, enum action action);
/* Calls fn for each binding that applies to the screen and mode. */
void keymap_each(const char *screen, enum keymap_mode mode,
		 void (*fn)(void *ctx, const char *key, enum action action), void *ctx);

enum result {
	RESULT_IGNORED,		/* the loop applies generic handling */
	RESULT_HANDLED,
	RESULT_PUSH,		/* tui_push() said what */
	RESULT_POP,		/* tui_pop() said with what result */
	RESULT_QUIT,
};

/* What a popped screen hands to the one below. */
struct screen_result {
	int tag;		/* what finished, see enum below */
	bool ok;		/* false: cancelled */
	const char *text;	/* e.g. a reason typed, a reference created */
};

enum result_tag {
	TAG_NONE,
	TAG_CREATED,		/* intake saved: text is the new reference */
	TAG_SAVED,
	TAG_PROCEDURE_CHOSEN,
	TAG_SKIP_REASON,
	TAG_FREE_STEP,
	TAG_STEP_NOTE,
	TAG_CHANGE_REASON,
	TAG_PROCEDURE_TITLE,
	TAG_PROCEDURE_SUMMARY,
	TAG_PROCEDURE_WRITE,
	TAG_DEADLINE_HOW,
	TAG_DEADLINE_REFERENCE,
	TAG_REPORT_CUSTOMER,
	TAG_REPORT_PATH,
	TAG_REPORT_REPLACE,
	TAG_REPORT_NAMES_SHOW,
	TAG_REPORT_NAMES_WRITE,
	TAG_CLOSE_REASON,
	TAG_CLOSE_CONFIRM,
	TAG_REOPEN_REASON,
	TAG_CONFLICT,
	TAG_RECORD_WITHDRAW,
	TAG_FIND,
	TAG_CATEGORY_WHY,
	TAG_WHEN,
	TAG_DRAFT_CHOSEN,	/* text: the draft's number, or "later" */		/* text: a letter per conflict, t theirs, y yours */
	TAG_DISCARD,
	TAG_DRAFT_GAPS,		/* a stage's draft sent with gaps left in it */
	TAG_HANDOVER_TO,
	TAG_HANDOVER_NOTE,
	TAG_QUIT,
};

/* What a key does on one screen: the hint bar and the help screen are
 * both drawn from these, so neither can say something the key does not. */
struct screen_key {
	enum action action;
	bool hint;		/* shown in the hint bar */
	const char *label;	/* NULL: the action's own label */
	const char *help;	/* NULL: the action's own help text */
};

/* Shorthands for screen key tables. */
#define HINT_KEY(a, label, help) {ACTION_##a, true, label, help}
#define MORE_KEY(a, label, help) {ACTION_##a, false, label, help}
#define MOVE_KEYS(what) \
	MORE_KEY(MOVE_UP, NULL, "Up " what), MORE_KEY(MOVE_DOWN, NULL, "Down " what), \
	MORE_KEY(PAGE_UP, NULL, "Up one page"), MORE_KEY(PAGE_DOWN, NULL, "Down one page"), \
	MORE_KEY(FIRST, NULL, "To the first"), MORE_KEY(LAST, NULL, "To the last")
#define KEYS_END {ACTION_NONE, false, NULL, NULL}

struct screen_ops;

/* The screen's entry for action, or NULL. */
const struct screen_key *screen_key(const struct screen_ops *screen, enum action action);
/* True (and a message saying why not) when the session may write. */
bool tui_writable(struct tui *tui);
/* Whether the session's user holds a role that allows the action: what
 * they may not do is neither in the hint bar nor in the help. */
bool tui_may(struct tui *tui, enum action action);
/* tui_writable, and the incident not closed (a message says how to
 * reopen it): for work on it. Evidence and deadlines met are not work
 * on it and may come after closing. */
bool tui_may_change(struct tui *tui, const struct incident *incident);

struct screen_ops {
	const char *name;	/* also the keymap scope */
	size_t state_size;
	/* false: not opened (the message says why). */
	bool (*open)(struct tui *tui, void *state, const void *arg);
	void (*draw)(struct tui *tui, void *state, WINDOW *win);
	enum result (*handle)(struct tui *tui, void *state, enum action action, const struct key *key);
	/* Optional: the screen above popped (result) or the store changed (NULL). */
	void (*resume)(struct tui *tui, void *state, const struct screen_result *result);
	void (*close)(struct tui *tui, void *state);
	/* Optional: true while text is being typed (KEYMAP_EDIT). */
	bool (*edits_text)(void *state);
	/* Optional: true when leaving would lose typed text. */
	bool (*dirty)(void *state);
	/* Optional: a line for the message area when there is no message. */
	const char *(*help_line)(void *state);
	/* Optional: keep what was typed as a draft (every few seconds while
	 * typing, and when the session ends by a signal or a quit). */
	void (*keep_draft)(struct tui *tui, void *state);
	/* Optional: whether keep_draft keeps what is typed here (a new
	 * record's form keeps none). */
	bool (*keeps_drafts)(struct tui *tui, void *state);
	/* Optional: whether the screen offers action now (adding a step is
	 * for when no procedure applies; marking one is not for a closed
	 * incident). The hint bar shows only what is offered. */
	bool (*offers)(struct tui *tui, void *state, enum action action);
	/* Every action the screen responds to, in the order the help screen
	 * lists them, ending with ACTION_NONE; the loop's own (help, back,
	 * quit, redraw) are added where a screen does not list them. */
	const struct screen_key *keys;
};

/* For reader_screen: a text read whole (untrusted: it is sanitised). */
struct reader_arg {
	const char *title;
	const char *text;
};

#define MESSAGES_KEPT 30

struct tui {
	struct session *session;
	WINDOW *header;
	WINDOW *body;
	WINDOW *message_win;
	WINDOW *hints_win;
	int rows, cols;
	bool too_small;
	bool color;
	char message[512];
	bool message_is_error;
	/* The messages said, newest last (a ring of MESSAGES_KEPT): ^P reads
	 * them whole, for one the message line had no room for. */
	char said[MESSAGES_KEPT][512];
	time_t said_at[MESSAGES_KEPT];
	size_t nsaid;
	struct reader_arg said_read;	/* ^P: them, for the reader */
	size_t said_at_start;		/* how many of the session's notice and warnings were said */
	char *said_text;
	/* Where the terminal cursor goes after drawing; win NULL hides it. */
	WINDOW *cursor_win;
	int cursor_y, cursor_x;
	/* Set by tui_push / tui_pop for the loop to act on. */
	enum result requested;
	const struct screen_ops *push_ops;
	const void *push_arg;
	struct screen_result pop_result;
	char *pop_text;		/* owned; what pop_result.text points to */
	char *draft_dir;	/* this user's drafts for this database */
	/* A line just answered to a prompt (question, text), and one kept
	 * because what it was for failed ("Not saved: the disk is full"):
	 * offered again the next time the same question is asked. */
	char *answered_question, *answered;
	char *kept_question, *kept;
};

/* Minimum size; below it a "terminal too small" notice replaces screens. */
#define TUI_MIN_ROWS 16
#define TUI_MIN_COLS 60

enum result tui_push(struct tui *tui, const struct screen_ops *ops, const void *arg);
enum result tui_pop(struct tui *tui, int tag, bool ok, const char *text);
void tui_message(struct tui *tui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *tui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Places the terminal cursor (e.g. in the field being edited). */
void tui_cursor(struct tui *tui, WINDOW *win, int y, int x);

/* Drawing helpers (widgets.c). Text is sanitised on the way. */
enum tui_style {
	STYLE_NORMAL,
	STYLE_TITLE,
	STYLE_HEADER,
	STYLE_SELECTED,
	STYLE_ERROR,
	STYLE_DIM,
	STYLE_OK,
	STYLE_FOCUS,
	STYLE_COLUMN,
};

void tui_styles_init(struct tui *tui);
attr_t tui_style(const struct tui *tui, enum tui_style style);
/* Draws text at y,x clipped and padded to exactly cols columns. */
void draw_text(const struct tui *tui, WINDOW *win, int y, int x, int cols, enum tui_style style, const char *text);
/* Same for text already sanitised (e.g. built from sanitised parts). */
void draw_safe(const struct tui *tui, WINDOW *win, int y, int x, int cols, enum tui_style style, const char *safe);
/* The rows text takes word-wrapped to cols columns, as draw_wrapped lays
 * it out, counted up to max (at most 64). */
int wrapped_rows(const char *text, int cols, int max);
/* Whether it takes more than rows rows (draw_wrapped would end it in "…"). */
bool wraps_past(const char *text, int cols, int rows);
/* Draws text word-wrapped into at most max_rows rows of cols columns;
 * what does not fit ends in "…". Returns the rows used. */
int draw_wrapped(const struct tui *tui, WINDOW *win, int y, int x, int cols, int max_rows, enum tui_style style,
		 const char *text);
/* Draws an editor's visible part in cols columns; returns the cursor column. */
int draw_editor(const struct tui *tui, WINDOW *win, int y, int x, int cols, enum tui_style style,
		struct editor *ed);
/* An editor's text from its start, as a field not being edited shows it
 * (cut with "…"); only what fits is read, however long the text. */
void draw_editor_start(const struct tui *tui, WINDOW *win, int y, int x, int cols, enum tui_style style,
		       const struct editor *ed);
/* Draws row `row` (0 to rows-1) of a multi-line editor box of rows x cols
 * at y,x, scrolled so the cursor shows when focused. */
void draw_editor_row(struct tui *tui, WINDOW *win, int y, int x, int cols, int rows, int row,
		     enum tui_style style, struct editor *ed, bool focused);
/* Applies a key to an editor (arrows, Backspace, ^A ^E ^K ^U ^W, text);
 * returns true if the key was an edit. */
bool editor_key(struct editor *ed, const struct key *key);
/* Keeps a list cursor on a row after the list was reloaded shorter. */
void cursor_clamp(size_t *cursor, size_t count);
/* Keeps *top so that cursor is within the visible rows. */
void scroll_to_show(size_t cursor, size_t *top, int rows);
/* Scrolls a view of total lines shown rows at a time for a movement
 * action; true if it was one. */
bool scroll_view(enum action action, size_t *top, size_t total, int rows);
/* Moves a list cursor for a movement action; true if it was one. */
bool list_move(enum action action, size_t *cursor, size_t count, int page);
/* A number typed on a list numbered from 1 to count (ACTION_NUMBER)
 * moves to it: "4", or "1" then "2" for the twelfth. *typed keeps the
 * number so far (any other key starts it again); true if it was one. */
bool list_number(struct tui *tui, enum action action, const struct key *key, size_t *typed, size_t *cursor,
		 size_t count);

extern const struct screen_ops list_screen;
extern const struct screen_ops incident_screen;
extern const struct screen_ops form_screen;
extern const struct screen_ops register_screen;
extern const struct screen_ops category_screen;
extern const struct screen_ops procedure_screen;
extern const struct screen_ops steps_screen;
extern const struct screen_ops prompt_screen;
extern const struct screen_ops confirm_screen;
extern const struct screen_ops calls_screen;
extern const struct screen_ops changes_screen;
extern const struct screen_ops choose_screen;
extern const struct screen_ops investigation_screen;
extern const struct screen_ops evidence_screen;
extern const struct screen_ops restoration_screen;
extern const struct screen_ops timeline_screen;
extern const struct screen_ops deadlines_screen;
extern const struct screen_ops stage_draft_screen;
extern const struct screen_ops help_screen;
extern const struct screen_ops costs_screen;
extern const struct screen_ops report_screen;
extern const struct screen_ops closing_screen;
extern const struct screen_ops conflict_screen;
extern const struct screen_ops reader_screen;
extern const struct screen_ops handover_screen;

/* Arguments of the screens that take one. */
struct form_arg {
	const struct form_def *form;
	const char *ref;	/* NULL: a new incident (the intake form) */
	const struct draft *draft;	/* typed before and kept: start from it */
	/* Not NULL: form is this register's (register_form), and saving adds
	 * a record of it to the incident ref. */
	const struct register_def *reg;
	/* With reg: what the screen gives and the form does not ask (a
	 * call's contact), in the register's struct of what is typed; NULL:
	 * nothing. */
	const void *given;
	/* With reg: when what it records happened, if earlier than now (the
	 * screen's @); 0: now. */
	time_t when;
};

/* For register_screen: one register of the incident ref. */
struct register_arg {
	const char *ref;
	const struct register_def *reg;
};


/* For conflict_screen: what another operator changed since this one read
 * it (fields of a form, a step, a choice), each as it stands and as this
 * one would have it. The screen pops with one letter an item, in order:
 * 't' theirs, 'y' yours. */
struct conflict_item {
	char *label;
	char *mine;
	char *theirs;
	char *by;		/* who changed it */
	char *when;		/* when, as shown */
};

struct conflict_arg {
	char *title;		/* "1 field of Lead details" */
	const char *explain;	/* what happened, what nothing saved yet means */
	struct conflict_item *items;
	size_t len;
};

/* Adds an item (copies of every text; when is a stored UTC time or NULL). */
void conflict_arg_add(struct conflict_arg *arg, const char *label, const char *mine, const char *theirs,
		      const char *by, const char *when);
void conflict_arg_free(struct conflict_arg *arg);
/* A category or procedure chosen from an incident read before another
 * operator chose one: reads the incident again into *incident (so that
 * choosing again from it is knowingly over theirs) and fills arg with
 * theirs (who, when) beside mine. False, with the message shown, when it
 * cannot be read. */
bool conflict_choice_ask(struct tui *tui, struct conflict_arg *arg, struct incident *incident, bool category,
			 const char *mine);

/* For prompt_screen (a line of text) and confirm_screen (yes or no). */
struct prompt_arg {
	const char *context;	/* what it is about, e.g. the step; may be NULL */
	const char *question;
	const char *initial;
	int tag;
	bool yes_no;		/* set for confirm_screen */
	bool required;		/* an empty answer is refused */
};

/* For stage_draft_screen: the stage (REGIME.STAGE) of incident ref whose
 * submission to party is drafted. */
struct stage_draft_arg {
	const char *ref;
	const char *rule;
	const char *party;
};

/* For choose_screen: pick one of count options; the key goes back. */
struct choose_arg {
	const char *question;
	const char *const *labels;
	const char *const *keys;
	size_t count;
	int tag;
};

/* @: when the next record of a screen happened, if earlier than now
 * (tui/when.c). at 0: now. */
struct when_arg {
	time_t at;
	char shown[64];
	struct prompt_arg prompt;
};

/* Asks when (context: what it is about). */
enum result when_ask(struct tui *tui, struct when_arg *when, const char *context);
/* Takes the answer (true: result was it): checked, said on the message
 * line. */
bool when_answered(struct tui *tui, struct when_arg *when, const struct screen_result *result);
/* "The next mark is for 03:05 (@: another time)." (what: "mark"), or
 * NULL while it is now. */
char *when_line(const struct when_arg *when, const char *what);

/* A register's screen, made of parts that a kind's own screen (costs,
 * changes...) builds on: its records and the selected one in full, n to
 * add one through the form engine from the register's questions, x to
 * withdraw one with a reason. A kind's screen keeps its own name (and so
 * its keymap scope), says a line of its own under the title, maps its
 * own keys for adding and withdrawing to ACTION_ADD_RECORD and
 * ACTION_WITHDRAW_RECORD, and handles what is particular to it first. */

struct register_view {
	struct register_arg arg;
	char ref[64];
	const char *section;	/* the incident view's, shown on the way back */
	/* Said while there are none, with the kind's own key for adding one;
	 * NULL: "No indicator yet. Press n to add one." */
	const char *empty;
	/* Rows under the line below the title that the kind's screen draws
	 * itself, above the records (the roster of contacts to call). */
	int above;
	/* Said under a record cut short, when Enter reads something else
	 * (the call list's contact); NULL: "… more: Enter reads it whole." */
	const char *read_more;
	/* What the kind's screen gives the form (form_arg's given). */
	const void *given;
	/* When the next record happened, if the screen was told (@). */
	struct when_arg when;
	struct incident incident;
	struct register_records records;
	size_t cursor;
	struct form_def *form;
	struct form_arg form_arg;
	struct prompt_arg prompt;
	struct choose_arg choose;
	char context[512];
	/* The selected one whole, for the reader (Enter). */
	struct reader_arg reading;
	char *reading_title;
	char *reading_text;
};

bool register_view_open(struct tui *tui, struct register_view *view, const char *ref,
			const struct register_def *reg, const char *section);
void register_view_close(struct tui *tui, void *view);
/* Reads the records again (after a change); false: a message says why. */
bool register_view_load(struct tui *tui, struct register_view *view);
/* intro: the line under the title; NULL for the register's own. */
void register_view_draw(struct tui *tui, struct register_view *view, WINDOW *win, const char *intro);
/* Its parts, for a screen that draws more around them: the records'
 * lines in rows from y (the selected one marked when focused), and the
 * selected record in full, which there must be. */
void register_view_draw_list(struct tui *tui, struct register_view *view, WINDOW *win, int y, int rows,
			     bool focused);
void register_view_draw_detail(struct tui *tui, struct register_view *view, WINDOW *win, int y, int rows);
enum result register_view_handle(struct tui *tui, struct register_view *view, enum action action);
void register_view_resume(struct tui *tui, void *view, const struct screen_result *result);
/* The selected record, or NULL when there is none. */
const void *register_view_selected(const struct register_view *view);
/* Record i whole, a line a part: each column given, who added it, its
 * withdrawal, where else it was seen. To be freed. */
char *register_view_record_text(const struct register_view *view, size_t i);
/* The selected record (there must be one) whole in the reader, then
 * more (NULL: nothing) after a blank line. */
enum result register_view_read(struct tui *tui, struct register_view *view, const char *more);


/* Asks one question through prompt_screen. arg is the asker's storage
 * (it must live until the answer comes back to its resume); context
 * may be NULL or "". */
void tui_ask(struct tui *tui, struct prompt_arg *arg, const char *context, const char *question, int tag,
	     bool required);

/* The reader's parts, for a screen that shows a text of its own with
 * more keys around it (the handover brief): the text wrapped to the
 * window, scrolled, / to find words and n to find them again. */
struct reader_view {
	char *title;
	char *text;		/* sanitised; its newlines kept */
	size_t top;		/* first row shown */
	size_t rows;		/* rows the text took at the last draw */
	int cols;		/* the width it was wrapped at */
	char **row_text;	/* each row, as last wrapped (for /) */
	size_t nrow_text;
	char *find;		/* the words last looked for */
	size_t found;		/* the row they were last found on */
	struct prompt_arg prompt;
	bool keep_indent;	/* rows drawn with their leading blanks (a laid-out text) */
};

/* Sets (or replaces) the text; the title and text are sanitised here. */
void reader_view_set(struct reader_view *view, const char *title, const char *text);
void reader_view_close(struct reader_view *view);
void reader_view_draw(struct tui *tui, struct reader_view *view, WINDOW *win);
/* Movement, / and n; RESULT_IGNORED for anything else. */
enum result reader_view_handle(struct tui *tui, struct reader_view *view, enum action action);
/* True when result was the words to find (and they were looked for). */
bool reader_view_resume(struct tui *tui, struct reader_view *view, const struct screen_result *result);

struct help_arg {
	const struct screen_ops *screen;
	void *state;		/* the screen's: what it offers now */
	enum keymap_mode mode;
	/* What the screen's message line said of where the cursor is (a
	 * field's help), said whole above the keys; NULL: nothing. */
	const char *about;
};

#endif
