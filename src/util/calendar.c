/* Deadlines counted on an organisation's calendar: elapsed time, wall-clock
 * days and months in its time zone (DST gaps and repeats), and business
 * days that skip its weekend and holidays. The zone is switched through
 * TZ only for the length of a call. */
#include "sirt/calendar.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sirt/mem.h"

#define ZONEINFO_DIR "/usr/share/zoneinfo/"

/* Far enough for any plan: a calendar with almost no business days, or
 * years of holidays, cannot keep a loop going for ever. */
#define MAX_DAYS_SEARCHED (366L * 20)

void calendar_init(struct calendar *cal)
{
	memset(cal, 0, sizeof(*cal));
	cal->zone = xstrdup("");
	cal->weekend[0] = cal->weekend[6] = true;
}

void calendar_free(struct calendar *cal)
{
	FREE(&cal->zone);
	FREE(&cal->holidays);
	cal->nholidays = 0;
}

bool calendar_adopt_zone(const struct calendar *cal)
{
	const char *tz = getenv("TZ");

	if (!cal->zone || !*cal->zone || (tz && *tz))
		return false;
	setenv("TZ", cal->zone, 1);
	tzset();
	return true;
}

bool calendar_zone_valid(const char *zone)
{
	char path[512], magic[4];
	FILE *f;
	bool ok;

	if (!zone || !*zone || *zone == '/' || strstr(zone, "..") || strlen(zone) > 200)
		return false;
	for (const char *p = zone; *p; p++)
		if (!isalnum((unsigned char)*p) && !strchr("/_+-", *p))
			return false;
	snprintf(path, sizeof(path), ZONEINFO_DIR "%s", zone);
	if (!(f = fopen(path, "rb")))
		return false;
	/* A directory opens but cannot be read; a zone file starts "TZif". */
	ok = fread(magic, 1, sizeof(magic), f) == sizeof(magic) && memcmp(magic, "TZif", 4) == 0;
	fclose(f);
	return ok;
}

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian). */
static long days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *year, int *month, int *day)
{
	long era, doe, yoe, doy, mp, y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (*month <= 2));
}

static int weekday_of(long days)
{
	/* 1970-01-01 was a Thursday (4). */
	long w = (days + 4) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

static int days_in_month(int year, int month)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : len[month - 1];
}

static const char *const day_names[7] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
					 "saturday"};

/* Splits text at commas into trimmed items; false when an item is empty. */
static bool next_item(const char **text, char *item, size_t size)
{
	const char *p = *text, *end;
	size_t len;

	while (*p == ' ' || *p == '\t')
		p++;
	end = p + strcspn(p, ",");
	/* A comma with nothing after it stays, for the next call to refuse. */
	*text = *end && end[1 + strspn(end + 1, " \t")] ? end + 1 : end;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	len = (size_t)(end - p);
	if (!len || len >= size)
		return false;
	memcpy(item, p, len);
	item[len] = '\0';
	return true;
}

bool calendar_weekend_parse(const char *text, bool weekend[7], char *why, size_t size)
{
	bool days[7] = {false};
	char item[32];
	const char *p = text ? text : "";
	int n = 0;

	if (next_item(&(const char *){p}, item, sizeof(item)) && strcasecmp(item, "none") == 0 && !strchr(p, ',')) {
		memset(weekend, 0, 7 * sizeof(bool));
		return true;
	}
	while (*p || n == 0) {
		int found = -1;

		if (!next_item(&p, item, sizeof(item))) {
			snprintf(why, size, "a weekend is day names separated by commas (sat, sun), or none");
			return false;
		}
		for (int d = 0; d < 7; d++)
			if (strcasecmp(item, day_names[d]) == 0 ||
			    (strlen(item) == 3 && strncasecmp(item, day_names[d], 3) == 0))
				found = d;
		if (found < 0) {
			snprintf(why, size, "\"%s\" is not a day of the week (mon, tue, wed, thu, fri, sat, sun)", item);
			return false;
		}
		days[found] = true;
		n++;
	}
	for (int d = 0; d < 7; d++)
		if (!days[d]) {
			memcpy(weekend, days, sizeof(days));
			return true;
		}
	snprintf(why, size, "a weekend of all seven days leaves no business day");
	return false;
}

static int compare_days(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* "2026-12-25" exactly, a date that exists. */
static bool date_parse(const char *text, long *days)
{
	int y, m, d, used = 0;

	if (strlen(text) != 10 || sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 ||
	    text[4] != '-' || text[7] != '-' || !isdigit((unsigned char)text[5]) || !isdigit((unsigned char)text[8]))
		return false;
	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*days = days_from_civil(y, m, d);
	return true;
}

bool calendar_holidays_parse(const char *text, long **days, size_t *n, char *why, size_t size)
{
	const char *p = text ? text : "";
	long *list = NULL;
	size_t len = 0, cap = 0;
	char item[64];

	*days = NULL;
	*n = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	while (*p) {
		long day;

		if (!next_item(&p, item, sizeof(item)) || !date_parse(item, &day)) {
			if (*item && strlen(item) < sizeof(item))
				snprintf(why, size, "\"%s\" is not a date (holidays are YYYY-MM-DD, separated by commas)",
					 item);
			else
				snprintf(why, size, "holidays are dates YYYY-MM-DD separated by commas");
			free(list);
			return false;
		}
		GROW(list, cap, len + 1);
		list[len++] = day;
		item[0] = '\0';
	}
	if (len)
		qsort(list, len, sizeof(*list), compare_days);
	*days = list;
	*n = len;
	return true;
}

bool span_parse(const char *text, struct span *out)
{
	static const struct {
		const char *name;
		enum span_unit unit;
	} units[] = {
		{"m", SPAN_MINUTES}, {"min", SPAN_MINUTES}, {"minute", SPAN_MINUTES}, {"minutes", SPAN_MINUTES},
		{"h", SPAN_HOURS}, {"hour", SPAN_HOURS}, {"hours", SPAN_HOURS},
		{"d", SPAN_DAYS}, {"day", SPAN_DAYS}, {"days", SPAN_DAYS},
		{"mo", SPAN_MONTHS}, {"month", SPAN_MONTHS}, {"months", SPAN_MONTHS},
	};
	static const long long most[] = {[SPAN_MINUTES] = 60LL * 24 * 3660, [SPAN_HOURS] = 24LL * 3660,
					 [SPAN_DAYS] = 3660, [SPAN_MONTHS] = 120};
	const char *p = text;
	long long n = 0;
	int digits = 0;

	if (!p)
		return false;
	while (*p == ' ')
		p++;
	for (; isdigit((unsigned char)*p); p++, digits++) {
		n = n * 10 + (*p - '0');
		if (n > 1000000000LL)
			return false;
	}
	if (!digits || n < 1)
		return false;
	while (*p == ' ')
		p++;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t len = strlen(units[i].name);

		if (strncasecmp(p, units[i].name, len) != 0)
			continue;
		for (const char *q = p + len; *q; q++)
			if (*q != ' ')
				goto next;
		if (n > most[units[i].unit])
			return false;
		out->n = n;
		out->unit = units[i].unit;
		return true;
next:;
	}
	return false;
}

long long span_seconds(const struct span *span)
{
	switch (span->unit) {
	case SPAN_MINUTES: return span->n * 60;
	case SPAN_HOURS: return span->n * 3600;
	case SPAN_DAYS:
	case SPAN_MONTHS: break;
	}
	return -1;
}

/* The zone of a call: TZ set to the calendar's and put back after. */
struct zone_switch {
	bool switched;
	char *saved;		/* TZ as it was; NULL when it was unset */
};

static void zone_enter(const struct calendar *cal, struct zone_switch *z)
{
	const char *now = getenv("TZ");

	z->switched = false;
	z->saved = NULL;
	if (!cal->zone || !*cal->zone || (now && strcmp(now, cal->zone) == 0))
		return;
	z->saved = now ? xstrdup(now) : NULL;
	z->switched = true;
	setenv("TZ", cal->zone, 1);
	tzset();
}

static void zone_leave(struct zone_switch *z)
{
	if (!z->switched)
		return;
	if (z->saved)
		setenv("TZ", z->saved, 1);
	else
		unsetenv("TZ");
	tzset();
	FREE(&z->saved);
}

/* The day t falls on in the zone in force. */
static long day_of(time_t t, int *hour, int *minute, int *second)
{
	struct tm tm;

	localtime_r(&t, &tm);
	if (hour) {
		*hour = tm.tm_hour;
		*minute = tm.tm_min;
		*second = tm.tm_sec;
	}
	return days_from_civil(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday);
}

static bool business_day(const struct calendar *cal, long day)
{
	if (cal->weekend[weekday_of(day)])
		return false;
	return !cal->nholidays || !bsearch(&day, cal->holidays, cal->nholidays, sizeof(long), compare_days);
}

/* The wall clock's reading at t as seconds, to compare readings. */
static long long wall_key(time_t t)
{
	int h, m, s;
	long day = day_of(t, &h, &m, &s);

	return (long long)day * 86400 + h * 3600 + m * 60 + s;
}

/* The moment the zone in force reads day, hh:mm:ss: of two (a DST
 * repeat) the first, and for one that never happens (a gap) the first
 * moment after it. */
static time_t wall_time(long day, int hour, int minute, int second)
{
	long long want = (long long)day * 86400 + hour * 3600 + minute * 60 + second;
	bool found = false;
	time_t best = 0, lo, hi;
	int year, month, mday;

	civil_from_days(day, &year, &month, &mday);
	for (int isdst = -1; isdst <= 1; isdst++) {
		struct tm tm = {0};
		time_t t;

		tm.tm_year = year - 1900;
		tm.tm_mon = month - 1;
		tm.tm_mday = mday;
		tm.tm_hour = hour;
		tm.tm_min = minute;
		tm.tm_sec = second;
		tm.tm_isdst = isdst;
		t = mktime(&tm);
		if (wall_key(t) == want && (!found || t < best)) {
			best = t;
			found = true;
		}
	}
	if (found)
		return best;
	/* A gap: the first moment whose reading is past the one wanted. No
	 * zone is more than a day off UTC, and the readings around a gap
	 * only go forward. */
	lo = (time_t)(want - 27 * 3600);
	hi = (time_t)(want + 27 * 3600);
	while (lo < hi) {
		time_t mid = lo + (hi - lo) / 2;

		if (wall_key(mid) >= want)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The first business day from day on (day itself if it is one). */
static long business_from(const struct calendar *cal, long day)
{
	for (long i = 0; i < MAX_DAYS_SEARCHED && !business_day(cal, day); i++)
		day++;
	return day;
}

/* Hours and minutes counted only on business days. */
static time_t add_business_time(const struct calendar *cal, time_t start, long long seconds)
{
	time_t t = start;
	long day = day_of(t, NULL, NULL, NULL);

	for (long i = 0; i < MAX_DAYS_SEARCHED * 2 && seconds > 0; i++, day++) {
		time_t end = wall_time(day + 1, 0, 0, 0);

		if (!business_day(cal, day)) {
			t = end;
			continue;
		}
		if (seconds <= end - t)
			return t + (time_t)seconds;
		seconds -= end - t;
		t = end;
	}
	return t;
}

static time_t add_months(time_t start, long long months)
{
	int h, m, s, year, month, mday;
	long day = day_of(start, &h, &m, &s);
	long long index;

	civil_from_days(day, &year, &month, &mday);
	index = (long long)year * 12 + (month - 1) + months;
	year = (int)(index / 12);
	month = (int)(index % 12) + 1;
	if (mday > days_in_month(year, month))
		mday = days_in_month(year, month);
	return wall_time(days_from_civil(year, month, mday), h, m, s);
}

time_t calendar_add(const struct calendar *cal, time_t start, const struct span *span, bool business)
{
	struct zone_switch z;
	time_t due = start;
	int h, m, s;
	long day;

	zone_enter(cal, &z);
	switch (span->unit) {
	case SPAN_MINUTES:
	case SPAN_HOURS:
		if (business)
			due = add_business_time(cal, start, span_seconds(span));
		else
			due = start + (time_t)span_seconds(span);
		break;
	case SPAN_DAYS:
		day = day_of(start, &h, &m, &s);
		if (business) {
			for (long long n = 0; n < span->n;) {
				day++;
				n += business_day(cal, day);
			}
			due = wall_time(day, 23, 59, 59);
		}
		else
			due = wall_time(day + (long)span->n, h, m, s);
		break;
	case SPAN_MONTHS:
		due = add_months(start, span->n);
		if (business)
			due = wall_time(business_from(cal, day_of(due, NULL, NULL, NULL)), 23, 59, 59);
		break;
	}
	zone_leave(&z);
	return due;
}

bool calendar_business_day(const struct calendar *cal, time_t t)
{
	struct zone_switch z;
	bool yes;

	zone_enter(cal, &z);
	yes = business_day(cal, day_of(t, NULL, NULL, NULL));
	zone_leave(&z);
	return yes;
}

time_t calendar_roll(const struct calendar *cal, time_t t, int minute_of_day)
{
	struct zone_switch z;
	long day;

	zone_enter(cal, &z);
	day = day_of(t, NULL, NULL, NULL);
	if (!business_day(cal, day))
		t = wall_time(business_from(cal, day + 1), minute_of_day / 60, minute_of_day % 60, 0);
	zone_leave(&z);
	return t;
}
