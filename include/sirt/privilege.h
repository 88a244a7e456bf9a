/* sirt run setgid to the team's group, for an enforced database (sirt
 * init --enforce): the group opens the database and its -wal and -shm
 * files, and nothing else. Everything else (the plan's files, evidence,
 * reports, exports, backups, drafts, the terminal) is done with the
 * operator's own rights. See sirt-security(7) for what a caller can and
 * cannot influence. Without the setgid bit every function here does
 * nothing. */
#ifndef SIRT_PRIVILEGE_H
#define SIRT_PRIVILEGE_H

#include <stdbool.h>
#include <sys/types.h>

/* The first thing main() does: when run setgid, notes the group and
 * sets it aside (the effective group becomes the operator's own), makes
 * sure descriptors 0 to 2 are open and no others are, turns core dumps
 * off and removes from the environment what would otherwise be read
 * with the group at hand (TERMINFO, TERMINFO_DIRS, TERMCAP,
 * SIRT_DATA_DIR). */
void privilege_setup(void);
/* Whether the group is still at hand (setgid, not yet given up). */
bool privilege_held(void);
/* Whether sirt was started setgid to a group, held still or not. */
bool privilege_setgid(void);
/* The group sirt is setgid to; meaningful when privilege_setgid. */
gid_t privilege_group(void);
/* Whether path is in the directory of an enforced database that this
 * sirt's group guards: sirt is setgid to the group the directory
 * belongs to, and this login is not a member of it (a member opens a
 * group's database as a member). */
bool privilege_guards(const char *path);
/* The group as the effective one, to open the database: 0, or -1 with
 * errno (nothing held, or the kernel refused). */
int privilege_raise(void);
/* Back to the operator's own group, keeping the team's to raise again.
 * Ends the program (exit 71) if the kernel refuses. */
void privilege_lower(void);
/* The group given up for good (real, effective and saved): nothing the
 * process does later can take it back. Ends the program (exit 71) if
 * the kernel refuses. */
void privilege_drop(void);

#endif
