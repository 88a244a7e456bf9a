/* Faults injected under SQLite, for tests only: built into test builds
 * (meson -Dtest_clock=true) and never into the builds users run. A VFS in
 * front of SQLite's own fails the Nth read, write, sync ... with an I/O
 * error or a full disk, and an allocator behind SQLite's fails its Nth
 * allocation, so that tests can walk every save path through every point
 * where the disk or memory can give out. */
#ifndef SIRT_FAULT_H
#define SIRT_FAULT_H

#include <stdbool.h>

enum fault_kind {
	FAULT_IO,	/* any I/O call: open, read, write, sync, truncate, size, lock */
	FAULT_WRITE,	/* writes (and syncs, truncates): an I/O error, as of a failing disk */
	FAULT_FULL,	/* writes (and growing truncates): the disk is full */
	FAULT_NOMEM,	/* SQLite's allocations */
	FAULT_STALL,	/* writes: the Nth waits, as on a disk that hangs, until
			 * SIGUSR1 (for a test to act meanwhile, or to kill) */
	FAULT_HASH,	/* evidence hashed: after its Nth chunk (1 MiB) the hashing
			 * waits until SIGUSR1, having said so on stderr, for a
			 * test to change the file under the hash */
};

struct fault_plan {
	enum fault_kind kind;
	long nth;		/* the first call to fail, counted from 1 */
	bool persist;		/* every call after it fails too (a disk that stays full) */
};

/* Puts the fault VFS in front of SQLite's default one and a counting
 * allocator behind SQLite's: before SQLite is used at all. 0, or -1 when
 * SQLite was initialised already. Nothing fails until fault_arm. */
int fault_install(void);
/* Counting starts afresh: the plan's nth call (of its kind) fails. */
void fault_arm(const struct fault_plan *plan);
/* Nothing fails any more. */
void fault_disarm(void);
/* How many calls failed since fault_arm. */
long fault_injected(void);
/* How many calls of the plan's kind were made since fault_arm. */
long fault_calls(void);
/* Reads "full:1+", "io:7", "write:1+", "nomem:30", "stall:9", "hash:1" (KIND:N, + for every
 * call from the Nth on). 0, or -1 when spec is not one. */
int fault_parse(const char *spec, struct fault_plan *out);
const char *fault_kind_name(enum fault_kind kind);
/* What the hashing of evidence calls after each chunk
 * (digest_chunk_hook_set): waits there when the plan says so. */
void fault_hash_chunk(void);

#endif
