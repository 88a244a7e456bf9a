/* Status codes: exit codes, names, and setting an error record. */
#include "sirt/status.h"

#include <stdarg.h>
#include <stdio.h>

int status_exit_code(enum status status)
{
	switch (status) {
#define STATUS_CODE(name, code, text) case STATUS_##name: return code;
	SIRT_STATUSES(STATUS_CODE)
#undef STATUS_CODE
	}
	return 70;
}

const char *status_text(enum status status)
{
	switch (status) {
#define STATUS_TEXT(name, code, text) case STATUS_##name: return text;
	SIRT_STATUSES(STATUS_TEXT)
#undef STATUS_TEXT
	}
	return "internal error";
}

enum status error_set(struct error *err, enum status status, const char *fmt, ...)
{
	if (err) {
		va_list ap;

		err->status = status;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
	}
	return status;
}
