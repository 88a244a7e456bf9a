/* What config.c and regime.c share: loading the plan's calendar, its own
 * deadline rules and the regimes it includes, as one list of rules. */
#ifndef SIRT_CONFIG_INTERNAL_H
#define SIRT_CONFIG_INTERNAL_H

#include "sirt/config.h"
#include "sirt/ini.h"

/* A problem at the file and line that set section's key (the file as a
 * whole when no line sets it). */
void diag_key(struct diag_list *diags, const struct ini_file *ini, const char *section, const char *key,
	      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* [sirt] timezone and [calendar] weekend and holidays into c->calendar. */
void config_calendar_load(struct config *c, const struct ini_file *ini, struct diag_list *diags);
/* The plan's [deadline.NAME] rules, then the stages of each regime
 * [sirt] regimes names; needs the forms loaded (rules name fields). */
void config_rules_load(struct config *c, const struct ini_file *ini, struct diag_list *diags);
void config_rules_free(struct config *c);

#endif
