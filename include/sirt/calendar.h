/* Counting deadlines on an organisation's calendar (struct calendar in
 * sirt/config.h): its time zone across DST, its weekend and holidays.
 * Pure functions of their inputs; the zone is switched only for the
 * duration of a call and put back. */
#ifndef SIRT_CALENDAR_H
#define SIRT_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "sirt/config.h"

/* The process's own zone, Saturday and Sunday off, no holidays. */
void calendar_init(struct calendar *cal);
void calendar_free(struct calendar *cal);
/* The plan's zone ([sirt] timezone) becomes the session's, for the times
 * it shows and reads as well as for its deadlines, unless the user's
 * environment names one (TZ set and not empty): that one stays. true
 * when the plan's was taken. */
bool calendar_adopt_zone(const struct calendar *cal);
/* Whether zone names a time zone this machine has (an IANA name such as
 * "Europe/Brussels" under /usr/share/zoneinfo; no "..", no leading '/'). */
bool calendar_zone_valid(const char *zone);
/* "sat, sun" (three-letter or full English day names, any case; "none"
 * for no weekend). false, with why, for anything else. */
bool calendar_weekend_parse(const char *text, bool weekend[7], char *why, size_t size);
/* "2026-12-25, 2027-01-01": each a valid date, into a sorted array of
 * days since 1970-01-01 (the caller frees). */
bool calendar_holidays_parse(const char *text, long **days, size_t *n, char *why, size_t size);
/* "90m", "24h", "14d", "1 month", "2 months" (also "1mo"). */
bool span_parse(const char *text, struct span *out);
/* The span in seconds when it is elapsed time (minutes, hours); -1 for
 * days and months, which depend on the calendar. */
long long span_seconds(const struct span *span);

/* Whether the day t falls on, in the calendar's zone, is a business day
 * (neither a weekend day nor a holiday). */
bool calendar_business_day(const struct calendar *cal, time_t t);
/* start + span on cal.
 * Not business: minutes and hours are elapsed seconds; days the same
 * wall-clock time n days later in the zone; months the same day and
 * time n months later, the month's last day when it has no such day.
 * Business: hours and minutes count only time on business days (the
 * clock stops over weekends and holidays); n days are the end
 * (23:59:59) of the nth business day after the day start falls on;
 * months as not business, then on to the end of the first business day
 * from there. A wall-clock time that does not exist (a DST gap) is the
 * first moment after it. */
time_t calendar_add(const struct calendar *cal, time_t start, const struct span *span, bool business);
/* t if it falls on a business day, else minute_of_day (0..1439) of the
 * next business day. */
time_t calendar_roll(const struct calendar *cal, time_t t, int minute_of_day);

#endif
