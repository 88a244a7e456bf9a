/* What config.c and regime.c share: loading the plan's calendar, its own
 * deadline rules and the regimes it includes, as one list of rules. */
#ifndef SIRT_CONFIG_INTERNAL_H
#define SIRT_CONFIG_INTERNAL_H

#include "sirt/config.h"
#include "sirt/ini.h"

/* [sirt] timezone and [calendar] weekend and holidays into c->calendar. */
void config_calendar_load(struct config *c, const struct ini_file *ini, struct diag_list *diags);
/* The plan's [deadline.NAME] rules, then the stages of each regime
 * [sirt] regimes names; needs the forms loaded (rules name fields). */
void config_rules_load(struct config *c, const struct ini_file *ini, struct diag_list *diags);
void config_rules_free(struct config *c);

#endif
