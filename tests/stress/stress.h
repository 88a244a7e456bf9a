/* Shared by the crash loop and the load test: a seeded random source,
 * running the real sirt and keeping what it said, the side files where
 * writers log every write acknowledged to them, and the checks of the
 * database afterwards (integrity, audit chain, every acknowledged write
 * present). */
#ifndef SIRT_TESTS_STRESS_H
#define SIRT_TESTS_STRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* splitmix64: the same seed gives the same choices on every machine. */
struct rng {
	uint64_t state;
};

struct rng rng_seeded(uint64_t seed, uint64_t stream);
uint64_t rng_next(struct rng *r);
/* 0 .. n-1 */
unsigned rng_below(struct rng *r, unsigned n);

long long stress_now_ms(void);

/* A scratch home for sirt (HOME, XDG_*), made under $TMPDIR and exported
 * to this process, so that every sirt started later uses it. The
 * database is dir/sirt.db. Returns 0, or -1 with the reason printed. */
int stress_home(char *dir, size_t dir_size, char *db, size_t db_size);
void stress_home_remove(const char *dir);

/* Logs an incident titled titles[i] for each i < n (sirt new); refs[i]
 * gets its reference. Returns 0, or -1 with the reason printed. */
int stress_new_incidents(const char *db, const char *const titles[], size_t n, char refs[][32]);

/* One run of sirt: its wait status, what it printed, how long it took. */
struct run {
	pid_t pid;
	bool hung;	/* killed after a minute: a hang */
	int status;
	char *out;
	char *err;
	long long ms;
};

/* Runs $SIRT_BIN --db db args... (args NULL-terminated). While it runs,
 * *slot (if not NULL, in memory shared with a killer) holds its pid; the
 * slot is cleared before the child is reaped, so a late kill can only
 * hit the finished child, never a new process that got its pid. */
int stress_run(const char *db, const char *const args[], volatile pid_t *slot, struct run *out);
void run_free(struct run *r);
/* 1 if sirt exited with status 0. A run that hangs for a minute is
 * killed (and fails). */
bool run_ok(const struct run *r);
/* What went wrong, for a report: "exit 65: <stderr>" or "killed by signal 6". */
void run_describe(const struct run *r, char *buf, size_t size);
/* Does text say the database was busy or locked (any case)? */
bool says_busy(const char *text);

/* The side file of one writer: one line per write, tab-separated:
 *   EVENT KIND REF TARGET TOKEN
 * EVENT is begin (logged before the write is attempted), ack (it was
 * acknowledged: exit 0, or the save message on screen), conflict (the
 * store refused it: someone else changed it first), killed (the writer
 * was killed during it) or fail. KIND says where it must be found: new
 * (an incident titled TOKEN), note, call, cost, witness, value and
 * fieldnote (a form field's value or note, TARGET = form.key), step
 * (a step's note, TARGET = the step key). Tokens are unique in a run. */
enum write_event { EV_BEGIN, EV_ACK, EV_CONFLICT, EV_KILLED, EV_FAIL };

struct write {
	enum write_event event;
	int writer;
	char kind[16];
	char ref[32];
	char target[64];
	char token[64];
};

struct write_log {
	struct write *items;
	size_t len, cap;
};

/* Appends one line to path (a single write(2), O_APPEND). */
void write_log_append(const char *path, enum write_event event, const char *kind, const char *ref,
		      const char *target, const char *token);
/* Reads every line of path into log, as written by writer. Returns 0 or -1. */
int write_log_read(const char *path, int writer, struct write_log *log);
void write_log_free(struct write_log *log);
const char *write_event_name(enum write_event event);

/* The checks after a round or a run; each prints what is wrong to out and
 * returns the number of problems found. */
int check_integrity(const char *db, FILE *out);
int check_audit_verify(const char *db, FILE *out);
/* Every acknowledged write of log is in the database: records by their
 * token, form values, notes and step notes in the audit trail's history
 * of that row (they may have been changed since, as any user may). */
int check_acknowledged(const char *db, const struct write_log *log, FILE *out);
/* How many writes of log that ended with event are in the database (as
 * check_acknowledged looks for them); -1 if it cannot tell. */
int count_present(const char *db, const struct write_log *log, enum write_event event);

/* The database, read-only, for a test's own queries (NULL on failure,
 * printed). */
struct sqlite3 *stress_db_open(const char *db, FILE *out);

#endif
