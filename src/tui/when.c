/* @ on a screen that records what happened (a step marked, a call made,
 * a change decided, a party told): when the next record happened, if
 * earlier than now. Asked, checked (a time still to come is refused),
 * said on the screen, and given to the store for that record alone
 * (store_when), as --at on the command line. */
#include <stdio.h>
#include <string.h>

#include "sirt/clock.h"
#include "sirt/timefmt.h"
#include "tui.h"

enum result when_ask(struct tui *tui, struct when_arg *w, const char *context)
{
	w->prompt = (struct prompt_arg){.context = context,
					.question = "When? (03:05, -35m, 2026-11-22 03:05; empty: now)",
					.tag = TAG_WHEN};
	return tui_push(tui, &prompt_screen, &w->prompt);
}

bool when_answered(struct tui *tui, struct when_arg *w, const struct screen_result *result)
{
	char why[256];
	time_t at;

	if (!result || !result->ok || result->tag != TAG_WHEN)
		return false;
	w->at = 0;
	if (!*result->text) {
		tui_message(tui, "The next one is recorded as happening now.");
	} else if (time_parse(result->text, session_now(), &at, why, sizeof(why)) != 0) {
		tui_error(tui, "\"%s\": %s", result->text, why);
	} else if (at > session_now()) {
		tui_error(tui, "%s is still to come: say when it happened.", result->text);
	} else {
		w->at = at;
		time_format_local(at, w->shown, sizeof(w->shown));
		tui_message(tui, "The next one is recorded as happening at %s (both times are kept).", w->shown);
	}
	return true;
}

char *when_line(const struct when_arg *w, const char *what)
{
	return w->at ? xasprintf("The next %s is for %s (@: another time).", what, w->shown) : NULL;
}
