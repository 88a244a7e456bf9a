/* Actions and the keys bound to them. One table serves the key lookup,
 * the hint bar and the help screen. A binding may be scoped to one
 * screen; scoped bindings win over global ones. */
#include <string.h>

#include "sirt/roles.h"
#include "tui.h"

static const char *const action_labels[] = {
#define ACTION_LABEL(name, id, label, help, needs) label,
	TUI_ACTIONS(ACTION_LABEL)
#undef ACTION_LABEL
};

static const char *const action_helps[] = {
#define ACTION_HELP(name, id, label, help, needs) help,
	TUI_ACTIONS(ACTION_HELP)
#undef ACTION_HELP
};

const char *action_label(enum action a)
{
	return a < ACTION_COUNT ? action_labels[a] : "";
}

const char *action_help(enum action a)
{
	return a < ACTION_COUNT ? action_helps[a] : "";
}

#define CTRL(c) ((c) & 0x1f)
#define BOTH (KEYMAP_BROWSE | KEYMAP_EDIT)

struct binding {
	const char *screen;	/* NULL: every screen */
	unsigned modes;
	bool function;
	wint_t code;
	const char *name;
	enum action action;
};

static const struct binding bindings[] = {
	/* Scoped bindings first: they win. */
	{"steps", KEYMAP_BROWSE, false, 'd', "d", ACTION_MARK_DONE},
	{"steps", KEYMAP_BROWSE, false, 's', "s", ACTION_MARK_SKIP},
	{"steps", KEYMAP_BROWSE, false, 'n', "n", ACTION_MARK_NA},
	{"steps", KEYMAP_BROWSE, false, 'o', "o", ACTION_MARK_OPEN},
	{"steps", KEYMAP_BROWSE, false, 'a', "a", ACTION_ADD_STEP},
	{"steps", KEYMAP_BROWSE, false, 'e', "e", ACTION_NOTE},
	{"steps", KEYMAP_BROWSE, false, 'p', "p", ACTION_PROCEDURE},
	{"steps", KEYMAP_BROWSE, false, 'w', "w", ACTION_SAVE_PROCEDURE},
	{"restoration", KEYMAP_BROWSE, false, 'd', "d", ACTION_MARK_DONE},
	{"restoration", KEYMAP_BROWSE, false, 's', "s", ACTION_MARK_SKIP},
	{"restoration", KEYMAP_BROWSE, false, 'n', "n", ACTION_MARK_NA},
	{"restoration", KEYMAP_BROWSE, false, 'o', "o", ACTION_MARK_OPEN},
	{"restoration", KEYMAP_BROWSE, false, 'e', "e", ACTION_NOTE},
	{"list", KEYMAP_BROWSE, false, 'q', "q", ACTION_QUIT},
	{"list", KEYMAP_BROWSE, false, 'n', "n", ACTION_NEW},
	{"list", KEYMAP_BROWSE, false, '/', "/", ACTION_FILTER},
	{"list", KEYMAP_BROWSE, false, 'a', "a", ACTION_SHOW_CLOSED},
	{"list", KEYMAP_BROWSE, false, 'h', "h", ACTION_HANDOVER},
	{"handover", KEYMAP_BROWSE, false, 'r', "r", ACTION_RECORD_HANDOVER},
	{"handover", KEYMAP_BROWSE, false, '/', "/", ACTION_FILTER},
	{"handover", KEYMAP_BROWSE, false, 'n', "n", ACTION_FIND_NEXT},
	{"calls", KEYMAP_BROWSE, false, 'r', "r", ACTION_CALL_REACHED},
	{"calls", KEYMAP_BROWSE, false, 'n', "n", ACTION_CALL_NO_ANSWER},
	{"calls", KEYMAP_BROWSE, false, 'm', "m", ACTION_CALL_MESSAGE},
	{"calls", KEYMAP_BROWSE, false, 'w', "w", ACTION_CALL_WRONG},
	{"changes", KEYMAP_BROWSE, false, 'n', "n", ACTION_PROPOSE},
	{"changes", KEYMAP_BROWSE, false, 'y', "y", ACTION_APPROVE},
	{"changes", KEYMAP_BROWSE, false, 'x', "x", ACTION_REJECT},
	{"investigation", KEYMAP_BROWSE, false, 'n', "n", ACTION_ADD_NOTE},
	{"investigation", KEYMAP_BROWSE, false, 'w', "w", ACTION_ADD_WITNESS},
	{"evidence", KEYMAP_BROWSE, false, 'n', "n", ACTION_ADD_EVIDENCE},
	{"evidence", KEYMAP_BROWSE, false, 'h', "h", ACTION_HAND_OVER},
	{"evidence", KEYMAP_BROWSE, false, 'c', "c", ACTION_VERIFY},
	{"incident", KEYMAP_BROWSE, false, 'i', "i", ACTION_INTAKE},
	{"incident", KEYMAP_BROWSE, false, 'v', "v", ACTION_EVIDENCE},
	{"incident", KEYMAP_BROWSE, false, 'r', "r", ACTION_RESTORATION},
	{"incident", KEYMAP_BROWSE, false, 'h', "h", ACTION_TIMELINE},
	{"incident", KEYMAP_BROWSE, false, 'n', "n", ACTION_DEADLINES},
	{"incident", KEYMAP_BROWSE, false, 'd', "d", ACTION_COSTS},
	{"incident", KEYMAP_BROWSE, false, 'o', "o", ACTION_REPORT},
	{"incident", KEYMAP_BROWSE, false, 'w', "w", ACTION_REVIEW},
	{"incident", KEYMAP_BROWSE, false, 'x', "x", ACTION_CLOSE},
	{"incident", KEYMAP_BROWSE, false, 'I', "I", ACTION_INDICATORS},
	{"incident", KEYMAP_BROWSE, false, 'D', "D", ACTION_DECISIONS},
	{"register", KEYMAP_BROWSE, false, 'n', "n", ACTION_ADD_RECORD},
	{"register", KEYMAP_BROWSE, false, 'x', "x", ACTION_WITHDRAW_RECORD},
	{"costs", KEYMAP_BROWSE, false, 'n', "n", ACTION_ADD_COST},
	{"costs", KEYMAP_BROWSE, false, 'x', "x", ACTION_WITHDRAW},
	{"report", KEYMAP_BROWSE, false, 'e', "e", ACTION_EDIT_REPORT},
	{"report", KEYMAP_BROWSE, false, 'w', "w", ACTION_WRITE_REPORT},
	{"report", KEYMAP_BROWSE, false, 'c', "c", ACTION_FOR_CUSTOMER},
	{"closing", KEYMAP_BROWSE, false, 'x', "x", ACTION_CLOSE},
	{"closing", KEYMAP_BROWSE, false, 'w', "w", ACTION_REVIEW},
	{"deadlines", KEYMAP_BROWSE, false, 'm', "m", ACTION_MARK_MET},
	{"deadlines", KEYMAP_BROWSE, false, 'd', "d", ACTION_DRAFT},
	{"timeline", KEYMAP_BROWSE, false, 'f', "f", ACTION_NEXT_KIND},
	{"incident", KEYMAP_BROWSE, false, 'f', "f", ACTION_INVESTIGATION},
	{"incident", KEYMAP_BROWSE, false, 'a', "a", ACTION_CHANGES},
	{"incident", KEYMAP_BROWSE, false, 'l', "l", ACTION_LEAD},
	{"incident", KEYMAP_BROWSE, false, 'e', "e", ACTION_CALLS},
	{"incident", KEYMAP_BROWSE, false, 't', "t", ACTION_TRIAGE},
	{"incident", KEYMAP_BROWSE, false, 'c', "c", ACTION_CATEGORY},
	{"incident", KEYMAP_BROWSE, false, 'p', "p", ACTION_PROCEDURE},
	{"incident", KEYMAP_BROWSE, false, 's', "s", ACTION_STEPS},
	{"list", KEYMAP_BROWSE, false, ' ', "Space", ACTION_PAGE_DOWN},
	{"list", KEYMAP_BROWSE, false, 'b', "b", ACTION_PAGE_UP},
	{"steps", KEYMAP_BROWSE, false, '@', "@", ACTION_WHEN},
	{"calls", KEYMAP_BROWSE, false, '@', "@", ACTION_WHEN},
	{"changes", KEYMAP_BROWSE, false, '@', "@", ACTION_WHEN},
	{"deadlines", KEYMAP_BROWSE, false, '@', "@", ACTION_WHEN},
	{"restoration", KEYMAP_BROWSE, false, '@', "@", ACTION_WHEN},
	/* Where Enter chooses, v reads. */
	{"procedure", KEYMAP_BROWSE, false, 'v', "v", ACTION_READ},
	{"conflict", KEYMAP_BROWSE, false, 'v', "v", ACTION_READ},
	{"reader", KEYMAP_BROWSE, false, '/', "/", ACTION_FILTER},
	{"reader", KEYMAP_BROWSE, false, 'n', "n", ACTION_FIND_NEXT},
	{"category", KEYMAP_BROWSE, false, ' ', "Space", ACTION_TOGGLE},
	/* The numbered lists: one name, so that help lists them once. */
	{"category", KEYMAP_BROWSE, false, '1', "0-9", ACTION_NUMBER},
	{"category", KEYMAP_BROWSE, false, '2', "0-9", ACTION_NUMBER},
	{"category", KEYMAP_BROWSE, false, '3', "0-9", ACTION_NUMBER},
	{"category", KEYMAP_BROWSE, false, '4', "0-9", ACTION_NUMBER},
	{"category", KEYMAP_BROWSE, false, '5', "0-9", ACTION_NUMBER},
	{"category", KEYMAP_BROWSE, false, '6', "0-9", ACTION_NUMBER},
	{"category", KEYMAP_BROWSE, false, '7', "0-9", ACTION_NUMBER},
	{"category", KEYMAP_BROWSE, false, '8', "0-9", ACTION_NUMBER},
	{"category", KEYMAP_BROWSE, false, '9', "0-9", ACTION_NUMBER},
	{"category", KEYMAP_BROWSE, false, '0', "0-9", ACTION_NUMBER},
	{"procedure", KEYMAP_BROWSE, false, '1', "0-9", ACTION_NUMBER},
	{"procedure", KEYMAP_BROWSE, false, '2', "0-9", ACTION_NUMBER},
	{"procedure", KEYMAP_BROWSE, false, '3', "0-9", ACTION_NUMBER},
	{"procedure", KEYMAP_BROWSE, false, '4', "0-9", ACTION_NUMBER},
	{"procedure", KEYMAP_BROWSE, false, '5', "0-9", ACTION_NUMBER},
	{"procedure", KEYMAP_BROWSE, false, '6', "0-9", ACTION_NUMBER},
	{"procedure", KEYMAP_BROWSE, false, '7', "0-9", ACTION_NUMBER},
	{"procedure", KEYMAP_BROWSE, false, '8', "0-9", ACTION_NUMBER},
	{"procedure", KEYMAP_BROWSE, false, '9', "0-9", ACTION_NUMBER},
	{"procedure", KEYMAP_BROWSE, false, '0', "0-9", ACTION_NUMBER},
	{"conflict", KEYMAP_BROWSE, false, ' ', "Space", ACTION_TOGGLE},
	{"conflict", KEYMAP_BROWSE, false, 'y', "y", ACTION_KEEP_MINE},
	{"conflict", KEYMAP_BROWSE, false, 't', "t", ACTION_TAKE_THEIRS},
	{"confirm", KEYMAP_BROWSE, false, 'y', "y", ACTION_YES},
	{"confirm", KEYMAP_BROWSE, false, 'Y', "Y", ACTION_YES},
	{"confirm", KEYMAP_BROWSE, false, 'n', "n", ACTION_NO},
	{"confirm", KEYMAP_BROWSE, false, 'N', "N", ACTION_NO},
	/* Everywhere. */
	{NULL, BOTH, true, KEY_UP, "Up", ACTION_MOVE_UP},
	{NULL, KEYMAP_BROWSE, false, 'k', "k", ACTION_MOVE_UP},
	{NULL, BOTH, true, KEY_DOWN, "Down", ACTION_MOVE_DOWN},
	{NULL, KEYMAP_BROWSE, false, 'j', "j", ACTION_MOVE_DOWN},
	{NULL, BOTH, true, KEY_PPAGE, "PgUp", ACTION_PAGE_UP},
	{NULL, BOTH, true, KEY_NPAGE, "PgDn", ACTION_PAGE_DOWN},
	/* For a terminal without page keys (vt100); in a field these move
	 * the cursor. */
	{NULL, KEYMAP_BROWSE, false, CTRL('f'), "^F", ACTION_PAGE_DOWN},
	{NULL, KEYMAP_BROWSE, false, CTRL('b'), "^B", ACTION_PAGE_UP},
	{NULL, KEYMAP_BROWSE, true, KEY_HOME, "Home", ACTION_FIRST},
	{NULL, KEYMAP_BROWSE, false, 'g', "g", ACTION_FIRST},
	{NULL, KEYMAP_BROWSE, true, KEY_END, "End", ACTION_LAST},
	{NULL, KEYMAP_BROWSE, false, 'G', "G", ACTION_LAST},
	{NULL, BOTH, false, '\r', "Enter", ACTION_OPEN},
	{NULL, BOTH, false, '\n', "Enter", ACTION_OPEN},
	{NULL, BOTH, true, KEY_ENTER, "Enter", ACTION_OPEN},
	{NULL, BOTH, false, '\t', "Tab", ACTION_NEXT_FIELD},
	{NULL, BOTH, true, KEY_BTAB, "S-Tab", ACTION_PREV_FIELD},
	{NULL, BOTH, false, CTRL('s'), "^S", ACTION_SAVE},
	{NULL, BOTH, true, KEY_F(2), "F2", ACTION_SAVE},
	{NULL, KEYMAP_BROWSE, false, 'q', "q", ACTION_BACK},
	{NULL, BOTH, false, 27, "Esc", ACTION_BACK},
	{NULL, KEYMAP_BROWSE, false, 'Q', "Q", ACTION_QUIT},
	{NULL, BOTH, false, CTRL('c'), "^C", ACTION_QUIT},
	{NULL, KEYMAP_BROWSE, false, '?', "?", ACTION_HELP},
	{NULL, BOTH, true, KEY_F(1), "F1", ACTION_HELP},
	{NULL, BOTH, false, CTRL('l'), "^L", ACTION_REDRAW},
	{NULL, BOTH, false, CTRL('z'), "^Z", ACTION_SUSPEND},
	{NULL, BOTH, false, CTRL('p'), "^P", ACTION_MESSAGES},
};

#define BINDING_COUNT (sizeof(bindings) / sizeof(bindings[0]))

static bool applies(const struct binding *b, const char *screen, enum keymap_mode mode)
{
	return (b->modes & mode) && (!b->screen || (screen && strcmp(b->screen, screen) == 0));
}

enum action keymap_lookup(const char *screen, enum keymap_mode mode, const struct key *key)
{
	for (size_t i = 0; i < BINDING_COUNT; i++) {
		const struct binding *b = &bindings[i];
		if (applies(b, screen, mode) && b->function == key->function && b->code == key->code)
			return b->action;
	}
	return ACTION_NONE;
}

const char *keymap_key_name(const char *screen, enum keymap_mode mode, enum action action)
{
	for (size_t i = 0; i < BINDING_COUNT; i++)
		if (applies(&bindings[i], screen, mode) && bindings[i].action == action)
			return bindings[i].name;
	return NULL;
}

void keymap_each(const char *screen, enum keymap_mode mode,
		 void (*fn)(void *ctx, const char *key, enum action action), void *ctx)
{
	for (size_t i = 0; i < BINDING_COUNT; i++) {
		const struct binding *b = &bindings[i];
		bool shadowed = false;

		if (!applies(b, screen, mode))
			continue;
		/* A key listed twice (Enter as \r and \n) is shown once, and a
		 * global key a scoped one overrides is not shown at all. */
		for (size_t k = 0; k < i && !shadowed; k++)
			shadowed = applies(&bindings[k], screen, mode) &&
				   (strcmp(bindings[k].name, b->name) == 0);
		if (!shadowed)
			fn(ctx, b->name, b->action);
	}
}

enum capability action_needs(enum action a)
{
	static const enum capability needs[] = {
#define ACTION_NEEDS(name, id, label, help, needs) CAN_##needs,
		TUI_ACTIONS(ACTION_NEEDS)
#undef ACTION_NEEDS
	};

	return a < ACTION_COUNT ? needs[a] : CAN_NOTHING;
}

bool tui_may(struct tui *tui, enum action action)
{
	return may(tui->session->config, &tui->session->who, action_needs(action));
}
