/* Recommended changes (R14) and their approval (R15): anyone on the team
 * may propose a change; only someone in the management role may approve
 * or reject it, with a reason, and each decision is made once. */
#ifndef SIRT_CHANGES_H
#define SIRT_CHANGES_H

#include <stdbool.h>

#include "sirt/config.h"
#include "sirt/identity.h"
#include "sirt/incident_data.h"
#include "sirt/record_kinds.h"
#include "sirt/store.h"

/* "change 2: Patch the VPN gateway; why: ... (approved by jalvarez: ...)",
 * or "(proposed by bkilinc, awaiting approval)" while undecided. */
char *change_text(const struct change *change);
/* True when at least one change was approved here (an import's does
 * not count). */
bool changes_any_approved(const struct change_list *changes);

enum status incident_propose_change(struct store *store, const struct incident *incident, const char *what,
				    const char *why, const struct actor *who, time_t now, int64_t *number,
				    struct error *err);
/* approve: true to approve, false to reject. STATUS_PERMISSION for anyone
 * not a manager (the message names the role needed). */
enum status incident_decide_change(struct store *store, const struct config *config, const struct incident *incident,
				   int64_t number, bool approve, const char *reason, const struct actor *who,
				   time_t now, struct error *err);

#endif
