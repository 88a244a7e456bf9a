/* A small JSON writer for exports: strings are escaped so that any stored
 * text (controls, C1, U+2028) comes out as valid, inert JSON. */
#ifndef SIRT_JSON_H
#define SIRT_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "sirt/mem.h"

#define JSON_MAX_DEPTH 16

struct json {
	struct strbuf *out;
	int depth;
	bool has_items[JSON_MAX_DEPTH];
	bool after_key;
	/* The form the audit chain hashes (json_escape_hashed), which must
	 * never change; set it after json_init. */
	bool hashed;
};

void json_init(struct json *j, struct strbuf *out);
void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);
void json_key(struct json *j, const char *key);
/* NULL is written as null. */
void json_string(struct json *j, const char *s);
void json_int(struct json *j, int64_t v);
void json_bool(struct json *j, bool v);
void json_null(struct json *j);
/* Escapes s as a JSON string literal (with its quotes) into out: every
 * control, and every code point a terminal must not get as it is (bidi
 * overrides, zero-width and tag characters), as \uXXXX. */
void json_escape(struct strbuf *out, const char *s);
/* The same as the audit chain has always hashed it: bidi, zero-width and
 * tag characters left as they are. Trails written before must verify, so
 * this never changes; it is never shown to anyone. */
void json_escape_hashed(struct strbuf *out, const char *s);

#endif
