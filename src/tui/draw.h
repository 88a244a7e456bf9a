/* Shared screen parts, drawn by the loop around the current screen. */
#ifndef SIRT_TUI_DRAW_H
#define SIRT_TUI_DRAW_H

#include "tui.h"

void draw_header(struct tui *tui);
/* The message, else the fallback (e.g. the focused field's help) dimmed. */
/* The message line, else fallback (the help line); true when a message
 * too long for it took the key-hint row too. */
bool draw_message(struct tui *tui, const char *fallback);
void draw_hints(struct tui *tui, const struct screen_ops *ops, void *state, enum keymap_mode mode);
void draw_too_small(struct tui *tui);

#endif
