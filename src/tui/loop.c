/* The event loop: one place reads keys, one doupdate() per iteration.
 * Signals only set flags; a one-second input timeout lets the loop act on
 * them and notice other operators' commits. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>

#include "draw.h"
#include "sirt/clock.h"
#include "sirt/config.h"
#include "sirt/draft.h"
#include "sirt/mem.h"
#include "sirt/incident.h"
#include "sirt/roles.h"
#include "sirt/sanitize.h"
#include "sirt/store.h"
#include "tui.h"

#define STACK_MAX 16
#define INPUT_TIMEOUT_MS 1000
#define COUNTDOWN_RELOAD_SECONDS 30
/* While typing goes on, it is kept as a draft at least this often: a
 * kill -9 loses no more. */
#define DRAFT_SECONDS 3

struct frame {
	const struct screen_ops *ops;
	void *state;
};

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

enum result tui_push(struct tui *tui, const struct screen_ops *ops, const void *arg)
{
	tui->push_ops = ops;
	tui->push_arg = arg;
	tui->requested = RESULT_PUSH;
	return RESULT_PUSH;
}

enum result tui_pop(struct tui *tui, int tag, bool ok, const char *text)
{
	tui->pop_result.tag = tag;
	tui->pop_result.ok = ok;
	free(tui->pop_text);
	tui->pop_text = xstrdup(text ? text : "");
	tui->pop_result.text = tui->pop_text;
	tui->requested = RESULT_POP;
	return RESULT_POP;
}

static void set_message(struct tui *tui, bool error, const char *fmt, va_list ap)
{
	vsnprintf(tui->message, sizeof(tui->message), fmt, ap);
	tui->message_is_error = error;
	/* Kept for ^P, the same one said again only once. */
	if (!tui->nsaid || strcmp(tui->said[(tui->nsaid - 1) % MESSAGES_KEPT], tui->message) != 0) {
		snprintf(tui->said[tui->nsaid % MESSAGES_KEPT], sizeof(tui->said[0]), "%s", tui->message);
		tui->said_at[tui->nsaid % MESSAGES_KEPT] = time(NULL);
		tui->nsaid++;
	}
}

void tui_message(struct tui *tui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(tui, false, fmt, ap);
	va_end(ap);
}

void tui_error(struct tui *tui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_message(tui, true, fmt, ap);
	va_end(ap);
}

void tui_cursor(struct tui *tui, WINDOW *win, int y, int x)
{
	tui->cursor_win = win;
	tui->cursor_y = y;
	tui->cursor_x = x;
}

const struct screen_key *screen_key(const struct screen_ops *screen, enum action action)
{
	for (const struct screen_key *k = screen->keys; k && k->action != ACTION_NONE; k++)
		if (k->action == action)
			return k;
	return NULL;
}

bool tui_writable(struct tui *tui)
{
	if (!tui->session->read_only)
		return true;
	tui_error(tui, "Read-only session: nothing can be changed (start sirt without --read-only).");
	return false;
}

bool tui_may_change(struct tui *tui, const struct incident *incident)
{
	if (!tui_writable(tui))
		return false;
	if (incident->status && strcmp(incident->status, INCIDENT_CLOSED) == 0) {
		tui_error(tui, "%s is closed: x on the incident reopens it (with a reason).", incident->ref);
		return false;
	}
	return true;
}

static void make_windows(struct tui *tui)
{
	tui->cursor_win = NULL;		/* it was one of these */
	if (tui->header) {
		delwin(tui->header);
		delwin(tui->body);
		delwin(tui->message_win);
		delwin(tui->hints_win);
	}
	getmaxyx(stdscr, tui->rows, tui->cols);
	tui->too_small = tui->rows < TUI_MIN_ROWS || tui->cols < TUI_MIN_COLS;
	if (tui->too_small) {
		tui->header = tui->body = tui->message_win = tui->hints_win = NULL;
		return;
	}
	tui->header = newwin(1, tui->cols, 0, 0);
	tui->body = newwin(tui->rows - 3, tui->cols, 1, 0);
	tui->message_win = newwin(1, tui->cols, tui->rows - 2, 0);
	tui->hints_win = newwin(1, tui->cols, tui->rows - 1, 0);
	keypad(tui->body, TRUE);
	keypad(tui->message_win, TRUE);
	/* The key bar is refreshed last: with no cursor shown, the cursor
	 * stays where the drawing left it instead of being sent home to
	 * the bar after every change (a window with the cursor, refreshed
	 * after it, places it). */
	leaveok(tui->hints_win, TRUE);
}

static enum keymap_mode mode_of(const struct frame *f)
{
	return f->ops->edits_text && f->ops->edits_text(f->state) ? KEYMAP_EDIT : KEYMAP_BROWSE;
}

static void draw(struct tui *tui, const struct frame *top)
{
	enum keymap_mode mode = mode_of(top);

	tui->cursor_win = NULL;
	if (tui->too_small) {
		draw_too_small(tui);
		curs_set(0);
		doupdate();
		return;
	}
	draw_header(tui);
	werase(tui->body);
	top->ops->draw(tui, top->state, tui->body);
	wnoutrefresh(tui->body);
	if (!draw_message(tui, top->ops->help_line ? top->ops->help_line(top->state) : NULL))
		draw_hints(tui, top->ops, top->state, mode);
	if (tui->cursor_win) {
		curs_set(1);
		wmove(tui->cursor_win, tui->cursor_y, tui->cursor_x);
		wnoutrefresh(tui->cursor_win);
	} else {
		curs_set(0);
	}
	doupdate();
}

static bool push(struct tui *tui, struct frame *stack, int *depth, const struct screen_ops *ops, const void *arg)
{
	struct frame f = {ops, xcalloc(1, ops->state_size)};

	if (*depth >= STACK_MAX) {
		free(f.state);
		tui_error(tui, "Too many screens open: go back (q) first.");
		return false;
	}
	if (ops->open && !ops->open(tui, f.state, arg)) {
		free(f.state);
		return false;
	}
	stack[(*depth)++] = f;
	return true;
}

static void pop(struct tui *tui, struct frame *stack, int *depth)
{
	struct frame *f = &stack[--*depth];

	if (f->ops->close)
		f->ops->close(tui, f->state);
	FREE(&f->state);
}

static bool any_dirty(const struct frame *stack, int depth)
{
	for (int i = 0; i < depth; i++)
		if (stack[i].ops->dirty && stack[i].ops->dirty(stack[i].state))
			return true;
	return false;
}

/* Whether something typed would be lost by quitting: a form unsaved that
 * keeps no draft (a new record's). */
static bool any_lost(struct tui *tui, const struct frame *stack, int depth)
{
	for (int i = 0; i < depth; i++)
		if (stack[i].ops->dirty && stack[i].ops->dirty(stack[i].state) &&
		    !(stack[i].ops->keeps_drafts && stack[i].ops->keeps_drafts(tui, stack[i].state)))
			return true;
	return false;
}

static const struct prompt_arg quit_prompt = {
	.question = "A form has unsaved changes. Quit and lose them?",
	.tag = TAG_QUIT,
	.yes_no = true,
};

/* What a quit keeps is said as it is. */
static const struct prompt_arg quit_kept_prompt = {
	.question = "A form has unsaved changes. Quit? They are kept as a draft, offered when sirt starts again.",
	.tag = TAG_QUIT,
	.yes_no = true,
};

static void keep_drafts(struct tui *tui, struct frame *stack, int depth);

/* What the loop does with an action the screen left alone. */
static enum result generic_action(struct tui *tui, struct frame *stack, int depth, enum action action)
{
	static struct help_arg help;

	switch (action) {
	case ACTION_HELP:
		help.screen = stack[depth - 1].ops;
		help.state = stack[depth - 1].state;
		help.mode = mode_of(&stack[depth - 1]);
		help.about = help.screen->help_line ? help.screen->help_line(stack[depth - 1].state) : NULL;
		return tui_push(tui, &help_screen, &help);
	case ACTION_BACK:
		if (depth > 1)
			return tui_pop(tui, TAG_NONE, false, NULL);
		/* A stray Esc must not end the program mid-call. */
		tui_message(tui, "This is the first screen: q quits.");
		return RESULT_HANDLED;
	case ACTION_QUIT:
		if (any_dirty(stack, depth))
			return tui_push(tui, &confirm_screen, any_lost(tui, stack, depth) ? &quit_prompt : &quit_kept_prompt);
		return RESULT_QUIT;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		return RESULT_HANDLED;
	case ACTION_MESSAGES: {
		/* Newest first, each with its time, whole in the reader. */
		struct strbuf sb = {0};

		for (size_t i = tui->nsaid, k = 0; i-- > 0 && k < MESSAGES_KEPT; k++) {
			char when[16];
			struct tm tm;

			localtime_r(&tui->said_at[i % MESSAGES_KEPT], &tm);
			strftime(when, sizeof(when), "%H:%M:%S", &tm);
			strbuf_printf(&sb, "%s%s  %s\n", k ? "\n" : "", when, tui->said[i % MESSAGES_KEPT]);
		}
		free(tui->said_text);
		tui->said_text = sb.len ? strbuf_take(&sb) : xstrdup("Nothing has been said yet.");
		strbuf_free(&sb);
		tui->said_read = (struct reader_arg){.title = "Recent messages, newest first", .text = tui->said_text};
		tui->message[0] = '\0';
		return tui_push(tui, &reader_screen, &tui->said_read);
	}
	case ACTION_SUSPEND:
		/* The terminal is in raw mode, so ^Z is a key, not a signal:
		 * what is typed is kept, the terminal given back, and the
		 * process stopped as the shell expects; fg comes back here. */
		keep_drafts(tui, stack, depth);
		endwin();
		signal(SIGTSTP, SIG_DFL);
		raise(SIGTSTP);
		/* Continued (fg): the terminal may have changed size. */
		doupdate();
		make_windows(tui);
		clearok(curscr, TRUE);
		return RESULT_HANDLED;
	default:
		return RESULT_IGNORED;
	}
}

/* Every screen with typed text keeps it as a draft. */
static void keep_drafts(struct tui *tui, struct frame *stack, int depth)
{
	for (int i = 0; i < depth; i++)
		if (stack[i].ops->keep_draft)
			stack[i].ops->keep_draft(tui, stack[i].state);
}

/* Another operator committed: screens reload what they show. */
static void reload_screens(struct tui *tui, struct frame *stack, int depth)
{
	for (int i = 0; i < depth; i++)
		if (stack[i].ops->resume)
			stack[i].ops->resume(tui, stack[i].state, NULL);
}

/* A prompt was answered and the screen below acted on it: if that
 * failed (an error shown), the answer is kept to be offered again, so
 * that a note typed on a full disk is not typed twice. While the screen
 * asks more first (a witness for an interview), it waits. */
static void keep_answer(struct tui *tui)
{
	if (!tui->answered || (tui->requested == RESULT_PUSH && !tui->message[0]))
		return;
	if (tui->message[0] && tui->message_is_error) {
		free(tui->kept_question);
		free(tui->kept);
		tui->kept_question = tui->answered_question;
		tui->kept = tui->answered;
	} else {
		free(tui->answered_question);
		free(tui->answered);
	}
	tui->answered_question = tui->answered = NULL;
}

/* What the session has to say at start, one at a time, each until a
 * key: why it only reads (who this login is), then what is unwise about
 * where the database lives, a layer's other database first. */
static void say_at_start(struct tui *tui)
{
	const struct session *s = tui->session;

	while (!tui->message[0] && tui->said_at_start <= s->warnings.len) {
		size_t i = tui->said_at_start++;

		if (i == 0 && s->notice)
			tui_message(tui, "%s", s->notice);
		else if (i > 0)
			tui_error(tui, "Warning: %s", s->warnings.items[i - 1]);
	}
}

/* Carries out what a handler returned. A screen resumed after the one
 * above it popped may itself push or pop (tui->requested), so this goes
 * on until nothing more is asked. Returns true to quit. */
static bool apply(struct tui *tui, struct frame *stack, int *depth, enum result result)
{
	for (;;) {
		struct screen_result res;

		switch (result) {
		case RESULT_PUSH:
			push(tui, stack, depth, tui->push_ops, tui->push_arg);
			return false;
		case RESULT_POP:
			res = tui->pop_result;
			pop(tui, stack, depth);
			/* Quitting keeps what was typed, as the question said. */
			if (res.tag == TAG_QUIT && res.ok)
				keep_drafts(tui, stack, *depth);
			if ((res.tag == TAG_QUIT && res.ok) || *depth == 0)
				return true;
			tui->requested = RESULT_HANDLED;
			if (stack[*depth - 1].ops->resume)
				stack[*depth - 1].ops->resume(tui, stack[*depth - 1].state, &res);
			keep_answer(tui);
			result = tui->requested;
			continue;
		case RESULT_QUIT:
			return true;
		default:
			return false;
		}
	}
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

/* A write waits for another operator's: the loop is held up meanwhile,
 * so the message line is drawn here, as hashing progress is. */
static void show_waiting(void *ctx, bool waiting)
{
	struct tui *tui = ctx;

	if (!tui->message_win)
		return;
	werase(tui->message_win);
	if (waiting)
		draw_text(tui, tui->message_win, 0, 0, tui->cols, STYLE_TITLE, "Waiting for another operator...");
	wrefresh(tui->message_win);
}

/* Bringing the list up to date under a changed plan (session.ready)
 * takes a while at tens of thousands of incidents: how far it is, on
 * the message line, before the first screen. */
static void show_indexing(size_t done, size_t total, void *ctx)
{
	struct tui *tui = ctx;
	char line[128];

	if (total < 2000 || !tui->message_win)
		return;
	snprintf(line, sizeof(line), "Indexing incidents for the list and search: %zu of %zu", done, total);
	werase(tui->message_win);
	draw_text(tui, tui->message_win, 0, 0, tui->cols, STYLE_TITLE, line);
	wrefresh(tui->message_win);
}

/* Whether a key is waiting to be read: ncurses reads the terminal a
 * byte at a time, so what it has not read is still there to poll. */
static bool key_waiting(void)
{
	struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};

	return poll(&in, 1, 0) == 1 && (in.revents & POLLIN);
}

/* The keys terminals send whatever TERM says: tmux's Home and End (ESC
 * [1~, ESC [4~), the arrows in either cursor mode, xterm's and rxvt's
 * Home and End. Each is added only where the terminfo of TERM leaves it
 * free, so that with a TERM that does not match the terminal (common over
 * SSH) Home still goes home instead of reading as Esc and letters. The
 * Linux console's function keys are ESC [ [ A to D. */
static void define_common_keys(void)
{
	static const struct {
		const char *sequence;
		int code;
	} common[] = {
		{"\033[A", KEY_UP}, {"\033OA", KEY_UP}, {"\033[B", KEY_DOWN}, {"\033OB", KEY_DOWN},
		{"\033[C", KEY_RIGHT}, {"\033OC", KEY_RIGHT}, {"\033[D", KEY_LEFT}, {"\033OD", KEY_LEFT},
		{"\033[H", KEY_HOME}, {"\033OH", KEY_HOME}, {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME},
		{"\033[F", KEY_END}, {"\033OF", KEY_END}, {"\033[4~", KEY_END}, {"\033[8~", KEY_END},
		{"\033[2~", KEY_IC}, {"\033[3~", KEY_DC}, {"\033[5~", KEY_PPAGE}, {"\033[6~", KEY_NPAGE},
		{"\033[Z", KEY_BTAB}, {"\033OP", KEY_F(1)}, {"\033[11~", KEY_F(1)}, {"\033[[A", KEY_F(1)},
		{"\033OQ", KEY_F(2)}, {"\033[12~", KEY_F(2)}, {"\033[[B", KEY_F(2)}, {"\033OR", KEY_F(3)},
		{"\033[13~", KEY_F(3)}, {"\033[[C", KEY_F(3)}, {"\033OS", KEY_F(4)}, {"\033[14~", KEY_F(4)},
		{"\033[[D", KEY_F(4)},
	};

	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (key_defined(common[i].sequence) == 0)
			define_key(common[i].sequence, common[i].code);
}

/* After an Esc: whether it began a key sequence that no terminfo names
 * (ESC [ 1 ; 5 A ...). Such a sequence is read to its end and dropped,
 * so that neither its Esc ("back") nor its letters act. */
static bool unknown_sequence(WINDOW *input)
{
	wint_t c;
	int rc;

	wtimeout(input, 0);
	rc = wget_wch(input, &c);
	if (rc == ERR)
		return false;
	if (rc == KEY_CODE_YES || (c != '[' && c != 'O')) {
		/* Esc, then a key of its own (Alt and a letter): both stand. */
		if (rc == KEY_CODE_YES)
			ungetch((int)c);
		else
			unget_wch(c);
		return false;
	}
	if (c == 'O') {
		/* SS3 and one final byte. */
		wget_wch(input, &c);
		return true;
	}
	/* CSI: parameter and intermediate bytes, then a final byte; the
	 * Linux console's ESC [ [ and a letter. */
	for (int n = 0; n < 32 && wget_wch(input, &c) != ERR; n++) {
		if (n == 0 && c == '[') {
			wget_wch(input, &c);
			break;
		}
		if (c >= 0x40 && c <= 0x7e)
			break;
	}
	return true;
}

/* After wget_wch() gave ERR: is the terminal gone? A hangup that
 * reached this process ended the loop already (stop_signal); one that
 * went to a session leader which kept it (sirt started by runuser or su)
 * did not, and every read then fails at once. The descriptor says
 * POLLHUP; failing quickly many times in a row says so too. */
static bool terminal_gone(int *quick_errors)
{
	static long long last_ms;
	struct pollfd in = {.fd = STDIN_FILENO, .events = POLLIN};
	struct timespec ts;
	long long now_ms;

	if (poll(&in, 1, 0) == 1 && (in.revents & (POLLHUP | POLLERR | POLLNVAL)))
		return true;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now_ms = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	/* A timeout takes INPUT_TIMEOUT_MS; a dead terminal no time. */
	*quick_errors = now_ms - last_ms < INPUT_TIMEOUT_MS / 10 ? *quick_errors + 1 : 0;
	last_ms = now_ms;
	return *quick_errors >= 100;
}

int tui_run(struct session *session)
{
	struct tui tui = {0};
	struct frame stack[STACK_MAX];
	SCREEN *screen;
	time_t last_reload = session_now(), last_draft = time(NULL);
	int depth = 0, quick_errors = 0;
	bool quit = false, wrong_plan = false;

	tui.session = session;
	install_signals();
	/* newterm, unlike initscr, returns NULL instead of exiting when the
	 * terminal is unknown, so the error can say what to do. */
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		/* TERM comes from the other end of an SSH connection. */
		char *term;

		/* A wrong plan is what to fix first (main says it). */
		if (session->ready && !session->ready(session, NULL, NULL))
			return 78;
		term = sanitize(getenv("TERM"), 0);
		fprintf(stderr, "sirt: cannot start the screen: terminal type \"%s\" is unknown "
			"(set TERM, e.g. TERM=xterm-256color)\n", term);
		free(term);
		/* No screen to use, as without a terminal: 64, as sirt(1) says. */
		return 64;
	}
	raw();
	noecho();
	nonl();
	set_escdelay(25);
	keypad(stdscr, TRUE);
	define_common_keys();
	/* Until the screen has been left once, ncurses 6 writes out every
	 * cursor movement at once (its _nc_mvcur flushes while the screen
	 * is "initial", for programs that use terminfo alone): a screen went
	 * out in 25 writes, each a wakeup at the other end of an SSH link.
	 * Leaving and coming back makes it a program like any other: one
	 * write a screen. Before colours start, so that coming back does not
	 * reset the terminal's palette. */
	endwin();
	doupdate();
	tui_styles_init(&tui);
	make_windows(&tui);
	store_on_wait(session->store, show_waiting, &tui);
	tui.draft_dir = draft_dir(session->db_path);
	/* The screen was started while the plan was still being read: it is
	 * whole before anything of it is used or shown. */
	if (session->ready && !session->ready(session, show_indexing, &tui))
		wrong_plan = true;
	session->ready = NULL;
	tui.requested = RESULT_HANDLED;
	if (!wrong_plan)
		push(&tui, stack, &depth, &list_screen, NULL);
	say_at_start(&tui);
	/* The list may open with a question (drafts kept from before). */
	if (tui.requested == RESULT_PUSH)
		quit = apply(&tui, stack, &depth, RESULT_PUSH);

	while (!quit && depth > 0 && !stop_signal) {
		struct frame *top = &stack[depth - 1];
		WINDOW *input;
		struct key key;
		wint_t code;
		enum result result;
		int rc;

		/* Text typed ahead or pasted into a field is taken before the
		 * screen is drawn again: one draw (and one list search) for it
		 * all. Other keys wait for the draw, which works out the layout
		 * they act on (End, G: the bottom of what is there now). */
		if (!(top->ops->edits_text && top->ops->edits_text(top->state) && key_waiting()))
			draw(&tui, top);
		input = tui.cursor_win ? tui.cursor_win : tui.too_small ? stdscr : tui.body;
		/* keypad() writes the terminal's keypad mode each time it is
		 * called: only when the window does not have it yet, so that an
		 * idle screen writes nothing. */
		if (!is_keypad(input))
			keypad(input, TRUE);
		wtimeout(input, INPUT_TIMEOUT_MS);
		rc = wget_wch(input, &code);
		if (rc == ERR && terminal_gone(&quick_errors)) {
			/* Hung up, but the signal went to a session leader that
			 * kept it (runuser, su): the same as a SIGHUP. */
			stop_signal = SIGHUP;
			break;
		}
		if (rc == ERR || time(NULL) - last_draft >= DRAFT_SECONDS) {
			keep_drafts(&tui, stack, depth);
			last_draft = time(NULL);
		}
		if (rc == ERR) {
			/* Another operator's commit reloads every screen; else the
			 * screen shown reloads now and then, so that deadlines count
			 * down and go overdue while nobody touches a key. */
			if (store_changed(session->store)) {
				reload_screens(&tui, stack, depth);
				last_reload = session_now();
			} else if (session_now() - last_reload >= COUNTDOWN_RELOAD_SECONDS && top->ops->resume) {
				top->ops->resume(&tui, top->state, NULL);
				last_reload = session_now();
			}
			continue;
		}
		key.code = code;
		key.function = rc == KEY_CODE_YES;
		if (!key.function && code == 27 && unknown_sequence(input)) {
			tui_error(&tui, "A key this terminal sent is not one sirt knows: nothing was done.");
			continue;
		}
		if (key.function && code == KEY_RESIZE) {
			make_windows(&tui);
			clearok(curscr, TRUE);
			continue;
		}
		if (tui.too_small) {
			if (!key.function && (code == 'q' || code == 3) && !any_dirty(stack, depth))
				quit = true;
			continue;
		}
		tui.message[0] = '\0';
		{
			enum action action = keymap_lookup(top->ops->name, mode_of(top), &key);

			if (screen_key(top->ops, action) && !tui_may(&tui, action)) {
				/* Not offered, and refused if tried: say who may. */
				char *mine = roles_text(tui.session->config, &tui.session->who);
				tui_error(&tui, "%s needs the %s role; you are %s %s.", action_label(action),
					  role_name(role_needed(action_needs(action))), strchr("aeiou", mine[0]) ? "an" : "a",
					  mine);
				free(mine);
				result = RESULT_HANDLED;
			} else {
				result = top->ops->handle(&tui, top->state, action, &key);
				if (result == RESULT_IGNORED)
					result = generic_action(&tui, stack, depth, action);
			}
		}
		quit = apply(&tui, stack, &depth, result);
		say_at_start(&tui);
	}
	/* A hangup or kill: what was typed is kept before the screen goes. */
	if (stop_signal)
		keep_drafts(&tui, stack, depth);
	while (depth > 0)
		pop(&tui, stack, &depth);
	if (tui.header) {
		delwin(tui.header);
		delwin(tui.body);
		delwin(tui.message_win);
		delwin(tui.hints_win);
	}
	endwin();
	delscreen(screen);
	free(tui.pop_text);
	free(tui.answered_question);
	free(tui.answered);
	free(tui.kept_question);
	free(tui.kept);
	free(tui.draft_dir);
	free(tui.said_text);
	return wrong_plan ? 78 : stop_signal ? 128 + stop_signal : 0;
}
