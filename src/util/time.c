/* Parsing and printing times. Parsing takes `now` as an argument so that it
 * is a pure function of its inputs (and of TZ) and tests can pin both. */
#include "sirt/timefmt.h"

#include "sirt/mem.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Builds a local time from its parts; rejects what mktime would quietly
 * normalise (31 November becomes 1 December otherwise). */
static int local_time(int year, int month, int day, int hour, int minute, int second, time_t *out)
{
	struct tm tm = {0};

	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_sec = second;
	tm.tm_isdst = -1;
	/* mktime sets tm_wday when it succeeds: -1 is also a valid time. */
	tm.tm_wday = -1;
	if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || year < 1970)
		return -1;
	*out = mktime(&tm);
	/* A time skipped by a daylight saving change (02:30 on the spring
	 * night) comes back moved: refuse it rather than store another hour.
	 * So is one before 1970 in UTC (just after midnight on 1 January 1970
	 * east of Greenwich), which the store could not read back. */
	if (tm.tm_wday < 0 || *out < 0 || tm.tm_year != year - 1900 || tm.tm_mon != month - 1 ||
	    tm.tm_mday != day || tm.tm_hour != hour || tm.tm_min != minute)
		return -1;
	return 0;
}

/* True when text has exactly the shape of pattern, where 'd' stands for a
 * digit and anything else for itself: sscanf alone accepts "1:5" for
 * "dd:dd" and skips blanks where none belong. */
static int shaped(const char *text, const char *pattern)
{
	for (; *pattern; text++, pattern++) {
		if (*pattern == 'd' ? !isdigit((unsigned char)*text) : *text != *pattern)
			return 0;
	}
	return *text == '\0';
}

/* The whole string must have been consumed by sscanf's %n. */
#define MATCHED(text, n) ((n) > 0 && (text)[(n)] == '\0')

int time_parse(const char *input, time_t now, time_t *out, char *why, size_t why_size)
{
	char text[64];
	int year, month, day, hour, minute, second = 0, n = 0;
	long amount;
	char unit;
	size_t len;

	while (isspace((unsigned char)*input))
		input++;
	len = strlen(input);
	while (len > 0 && isspace((unsigned char)input[len - 1]))
		len--;
	if (len == 0 || len >= sizeof(text)) {
		snprintf(why, why_size, "is not a time: use now, 14:05, 2026-11-22 14:05 or -30m");
		return -1;
	}
	memcpy(text, input, len);
	text[len] = '\0';

	if (strcmp(text, "now") == 0) {
		*out = now;
		return 0;
	}
	if (text[0] == '-') {
		n = 0;
		if (sscanf(text, "-%ld%c%n", &amount, &unit, &n) == 2 && MATCHED(text, n) &&
		    amount >= 0 && amount <= 100000 && isdigit((unsigned char)text[1])) {
			long seconds = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 :
				       unit == 'd' ? 86400 : 0;
			/* Nothing an operator logs happened decades ago. */
			if (seconds && amount * seconds > 20L * 366 * 86400) {
				snprintf(why, why_size, "%s is more than 20 years ago", text);
				return -1;
			}
			if (seconds) {
				*out = now - (time_t)(amount * seconds);
				return 0;
			}
		}
		snprintf(why, why_size, "is not a time: write a time before now as -30m, -2h or -3d");
		return -1;
	}
	n = 0;
	if (shaped(text, "dddd-dd-ddTdd:dd:ddZ") &&
	    sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &year, &month, &day, &hour, &minute, &second, &n) == 6 &&
	    MATCHED(text, n)) {
		if (time_parse_utc(text, out) == 0)
			return 0;
		snprintf(why, why_size, "%s is not a valid date and time", text);
		return -1;
	}
	n = 0;
	if ((shaped(text, "dddd-dd-dd dd:dd:dd") &&
	     sscanf(text, "%4d-%2d-%2d %2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second, &n) == 6 &&
	     MATCHED(text, n)) ||
	    (second = 0, n = 0, shaped(text, "dddd-dd-dd dd:dd") &&
	     sscanf(text, "%4d-%2d-%2d %2d:%2d%n", &year, &month, &day, &hour, &minute, &n) == 5 &&
	     MATCHED(text, n))) {
		if (local_time(year, month, day, hour, minute, second, out) == 0)
			return 0;
		snprintf(why, why_size, "%s is not a valid date and time", text);
		return -1;
	}
	n = 0;
	if (shaped(text, "dd:dd") && sscanf(text, "%2d:%2d%n", &hour, &minute, &n) == 2 && MATCHED(text, n)) {
		struct tm today;

		localtime_r(&now, &today);
		if (local_time(today.tm_year + 1900, today.tm_mon + 1, today.tm_mday, hour, minute, 0, out) == 0)
			return 0;
		if (hour <= 23 && minute <= 59)
			snprintf(why, why_size, "%s does not exist today: the clocks skip it (type the time after the change)",
				 text);
		else
			snprintf(why, why_size, "%s is not a valid time of day (00:00 to 23:59)", text);
		return -1;
	}
	snprintf(why, why_size, "is not a time: use now, 14:05, 2026-11-22 14:05 or -30m");
	return -1;
}

int duration_parse(const char *text, long long *seconds)
{
	long long total = 0;
	bool any = false;

	while (*text) {
		char *end;
		long long n = strtoll(text, &end, 10);
		long long unit;

		if (end == text || n < 0)
			return -1;
		switch (*end) {
		case 's': unit = 1; break;
		case 'm': unit = 60; break;
		case 'h': unit = 3600; break;
		case 'd': unit = 86400; break;
		case 'w': unit = 7 * 86400; break;
		default: return -1;
		}
		if (n > 100000)
			return -1;
		total += n * unit;
		text = end + 1;
		any = true;
	}
	if (!any || total <= 0)
		return -1;
	*seconds = total;
	return 0;
}

void duration_format(long long s, char *out, size_t size)
{
	long long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;

	if (d > 0)
		snprintf(out, size, h ? "%lldd %lldh" : "%lldd", d, h);
	else if (h > 0)
		snprintf(out, size, m ? "%lldh %lldm" : "%lldh", h, m);
	else if (m > 0)
		snprintf(out, size, "%lldm", m);
	else
		snprintf(out, size, "%llds", s < 0 ? 0 : s);
}

void time_format_utc(time_t t, char *out, size_t size)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int time_parse_utc(const char *text, time_t *out)
{
	struct tm tm = {0};
	int n = 0;

	if (!shaped(text, "dddd-dd-ddTdd:dd:ddZ") ||
	    sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 || !MATCHED(text, n))
		return -1;
	/* Leap seconds are refused: what sirt writes never has one. */
	if (tm.tm_year < 1970 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	{
		int month = tm.tm_mon, day = tm.tm_mday;
		*out = timegm(&tm);
		if (tm.tm_mon != month || tm.tm_mday != day)
			return -1;
	}
	return 0;
}

static struct tm local_tm(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return tm;
}

/* strftime writes nothing useful when the buffer is too small. */
#define FORMAT_LOCAL(t, fmt, out, size) \
	do { \
		struct tm tm_ = local_tm(t); \
		if (strftime((out), (size), fmt, &tm_) == 0 && (size)) \
			(out)[0] = '\0'; \
	} while (0)

void time_format_local(time_t t, char *out, size_t size)
{
	FORMAT_LOCAL(t, "%Y-%m-%d %H:%M %Z", out, size);
}

char *time_utc_to_local(const char *iso)
{
	char buf[TIME_TEXT_MAX];
	time_t t;

	if (!iso || time_parse_utc(iso, &t) != 0)
		return xstrdup(iso ? iso : "");
	time_format_local(t, buf, sizeof(buf));
	return xstrdup(buf);
}

void time_format_local_edit(time_t t, char *out, size_t size)
{
	FORMAT_LOCAL(t, "%Y-%m-%d %H:%M", out, size);
}

void time_format_zone(time_t t, char *out, size_t size)
{
	FORMAT_LOCAL(t, "%Z", out, size);
}

void time_format_recent(time_t t, time_t now, char *out, size_t size)
{
	if (now - t < 86400 && t <= now + 300)
		FORMAT_LOCAL(t, "%H:%M", out, size);
	else
		FORMAT_LOCAL(t, "%m-%d", out, size);
}

void time_format_short(time_t t, char *out, size_t size)
{
	FORMAT_LOCAL(t, "%m-%d %H:%M", out, size);
}

void time_format_age(time_t then, time_t now, char *out, size_t size)
{
	long long secs = (long long)(now - then);

	if (secs < 0)
		secs = 0;
	if (secs < 60)
		snprintf(out, size, "%llds", secs);
	else if (secs < 3600)
		snprintf(out, size, "%lldm", secs / 60);
	else if (secs < 86400 * 2)
		snprintf(out, size, "%lldh", secs / 3600);
	else if (secs < 86400 * 14)
		snprintf(out, size, "%lldd", secs / 86400);
	else
		snprintf(out, size, "%lldw", secs / (86400 * 7));
}
