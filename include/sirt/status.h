/* Status codes shared by every layer, their exit codes (sysexits) and the
 * error record that carries a user-facing message up to whoever prints it. */
#ifndef SIRT_STATUS_H
#define SIRT_STATUS_H

/* name, exit code, what it means */
#define SIRT_STATUSES(X) \
	X(OK,          0,  "ok") \
	X(USAGE,       64, "usage error") \
	X(DATA,        65, "bad data") \
	X(NOT_FOUND,   66, "not found") \
	X(NO_USER,     67, "no such user or group") \
	X(CANT_CREATE, 73, "cannot create") \
	X(IO,          74, "input/output error") \
	X(BUSY,        75, "busy, try again") \
	X(PERMISSION,  77, "permission denied") \
	X(CONFIG,      78, "configuration error") \
	X(CONFLICT,    65, "changed by someone else") \
	X(UNPRINTED,   79, "saved, but the output could not be written")

enum status {
#define STATUS_ENUM(name, code, text) STATUS_##name,
	SIRT_STATUSES(STATUS_ENUM)
#undef STATUS_ENUM
};

int status_exit_code(enum status status);
const char *status_text(enum status status);

/* A failure as the user should read it: one line, "what went wrong: why
 * (what to do)", without the "sirt: " prefix. */
struct error {
	enum status status;
	char message[768];
};

/* Sets err (if not NULL) and returns status, so callers can write
 * `return error_set(err, STATUS_IO, "...")`. */
enum status error_set(struct error *err, enum status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
