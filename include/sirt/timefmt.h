/* Times as operators type them, as the store keeps them (UTC ISO-8601)
 * and as screens show them (local time with the zone). */
#ifndef SIRT_TIMEFMT_H
#define SIRT_TIMEFMT_H

#include <stddef.h>
#include <time.h>

/* Room for any string these functions write. */
#define TIME_TEXT_MAX 48

/* Parses what an operator typed, relative to `now`: "now", "14:05" (today,
 * local), "2026-11-22 14:05" (local, seconds optional), "-30m", "-2h",
 * "-3d", "-45s" (before now) or "2026-11-22T14:05:00Z" (UTC). Returns 0
 * and sets *out; or -1 and writes what to type instead into why. */
int time_parse(const char *text, time_t now, time_t *out, char *why, size_t why_size);

/* A duration as the config writes it: "24h", "14d", "90m", "1d12h".
 * Returns 0 and sets *seconds, or -1. */
int duration_parse(const char *text, long long *seconds);
/* "2d 4h", "23h 59m", "45m", "30s": the largest two units. */
void duration_format(long long seconds, char *out, size_t size);

/* "2026-11-22T14:05:00Z" */
void time_format_utc(time_t t, char *out, size_t size);
/* Parses exactly what time_format_utc writes; returns 0 or -1. */
int time_parse_utc(const char *text, time_t *out);
/* "2026-11-22 15:05 CET" */
void time_format_local(time_t t, char *out, size_t size);
/* A stored UTC time as local time with the zone, newly allocated; text
 * that is not such a time comes back as it is ("" for NULL). */
char *time_utc_to_local(const char *iso);
/* "2026-11-22 15:05", what an operator edits (the zone is shown apart). */
void time_format_local_edit(time_t t, char *out, size_t size);
/* The local zone's abbreviation at time t, e.g. "CET". */
void time_format_zone(time_t t, char *out, size_t size);
/* "15:05" if t is within a day of now, else "11-22": five columns. */
void time_format_recent(time_t t, time_t now, char *out, size_t size);
/* "11-22 15:05": short local time for list columns. */
void time_format_short(time_t t, char *out, size_t size);
/* How long ago: "45s", "12m", "5h", "3d", "7w". */
void time_format_age(time_t then, time_t now, char *out, size_t size);

#endif
