/* Unit tests for calendar arithmetic (src/util/calendar.c): business days
 * across weekends, holidays and year ends, wall-clock days and months
 * across DST, in Europe/Brussels and America/New_York. Every expected
 * time is written out in UTC, with the local time it is in a comment. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sirt/calendar.h"
#include "sirt/timefmt.h"

static time_t utc(int year, int month, int day, int hour, int minute, int second)
{
	struct tm tm = {0};

	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_sec = second;
	return timegm(&tm);
}

/* Without tzdata glibc silently counts in UTC: fail, do not skip. */
static void zone(struct calendar *cal, const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", name);
	if (access(path, R_OK) != 0)
		fail_msg("%s is missing: install tzdata to run the calendar tests", path);
	calendar_init(cal);
	free(cal->zone);
	cal->zone = strdup(name);
}

static void holidays(struct calendar *cal, const char *text)
{
	char why[128];

	assert_true(calendar_holidays_parse(text, &cal->holidays, &cal->nholidays, why, sizeof(why)));
}

static struct span span_of(const char *text)
{
	struct span s;

	assert_true(span_parse(text, &s));
	return s;
}

/* Compared as text, so that a failure shows both times. */
static void assert_time(time_t got, time_t want)
{
	char g[TIME_TEXT_MAX], w[TIME_TEXT_MAX];

	time_format_utc(got, g, sizeof(g));
	time_format_utc(want, w, sizeof(w));
	assert_string_equal(g, w);
}

static time_t add(const struct calendar *cal, time_t start, const char *span, bool business)
{
	struct span s = span_of(span);

	return calendar_add(cal, start, &s, business);
}

/* A determination on Friday 16:00 in New York, 4 business days: the end
 * of Thursday, 23:59:59 EST (UTC-5). */
static void test_ny_friday_four_business_days(void **state)
{
	struct calendar cal;

	(void)state;
	zone(&cal, "America/New_York");
	/* Friday 2026-11-20 16:00 EST */
	assert_time(add(&cal, utc(2026, 11, 20, 21, 0, 0), "4d", true), utc(2026, 11, 27, 4, 59, 59));
	/* Not business: four calendar days, Tuesday 16:00 EST. */
	assert_time(add(&cal, utc(2026, 11, 20, 21, 0, 0), "4d", false), utc(2026, 11, 24, 21, 0, 0));
	calendar_free(&cal);
}

/* Thanksgiving (Thursday 2026-11-26) a holiday: the fourth business day
 * is Friday, 23:59:59 EST. */
static void test_ny_holiday_in_the_week(void **state)
{
	struct calendar cal;

	(void)state;
	zone(&cal, "America/New_York");
	holidays(&cal, "2026-11-26");
	assert_time(add(&cal, utc(2026, 11, 20, 21, 0, 0), "4d", true), utc(2026, 11, 28, 4, 59, 59));
	calendar_free(&cal);
}

/* The day is the zone's: Friday 23:30 in New York is already Saturday
 * 05:30 in Brussels, so one business day later is Monday in both, but
 * the end of a different Monday's clock. */
static void test_business_day_is_the_zones(void **state)
{
	struct calendar ny, brussels;
	time_t start = utc(2026, 11, 21, 4, 30, 0);	/* Fri 23:30 EST, Sat 05:30 CET */

	(void)state;
	zone(&ny, "America/New_York");
	zone(&brussels, "Europe/Brussels");
	assert_false(calendar_business_day(&brussels, start));
	assert_true(calendar_business_day(&ny, start));
	/* Monday 2026-11-23 23:59:59 EST; 23:59:59 CET. */
	assert_time(add(&ny, start, "1d", true), utc(2026, 11, 24, 4, 59, 59));
	assert_time(add(&brussels, start, "1d", true), utc(2026, 11, 23, 22, 59, 59));
	calendar_free(&ny);
	calendar_free(&brussels);
}

/* 23:00 the evening before a holiday, 24 hours on the calendar: 23:00 on
 * the holiday itself (holidays do not stop a calendar clock). */
static void test_calendar_hours_run_through_a_holiday(void **state)
{
	struct calendar cal;

	(void)state;
	zone(&cal, "Europe/Brussels");
	holidays(&cal, "2026-12-25");
	/* 2026-12-24 23:00 CET -> 2026-12-25 23:00 CET */
	assert_time(add(&cal, utc(2026, 12, 24, 22, 0, 0), "24h", false), utc(2026, 12, 25, 22, 0, 0));
	calendar_free(&cal);
}

/* Across the spring change in Brussels (Sunday 2026-03-29, 02:00 CET ->
 * 03:00 CEST): 72h is elapsed time, 3d the same wall clock. */
static void test_brussels_march_dst(void **state)
{
	struct calendar cal;
	time_t start = utc(2026, 3, 27, 11, 0, 0);	/* Friday 12:00 CET */

	(void)state;
	zone(&cal, "Europe/Brussels");
	assert_time(add(&cal, start, "72h", false), utc(2026, 3, 30, 11, 0, 0));	/* Mon 13:00 CEST */
	assert_time(add(&cal, start, "3d", false), utc(2026, 3, 30, 10, 0, 0));	/* Mon 12:00 CEST */
	assert_time(add(&cal, start, "4320m", false), utc(2026, 3, 30, 11, 0, 0));
	calendar_free(&cal);
}

/* Across the autumn change (Sunday 2026-10-25, 03:00 CEST -> 02:00 CET). */
static void test_brussels_october_dst(void **state)
{
	struct calendar cal;
	time_t start = utc(2026, 10, 23, 10, 0, 0);	/* Friday 12:00 CEST */

	(void)state;
	zone(&cal, "Europe/Brussels");
	assert_time(add(&cal, start, "72h", false), utc(2026, 10, 26, 10, 0, 0));	/* Mon 11:00 CET */
	assert_time(add(&cal, start, "3d", false), utc(2026, 10, 26, 11, 0, 0));	/* Mon 12:00 CET */
	calendar_free(&cal);
}

/* A day on to a wall-clock time that does not exist is the first moment
 * after the gap; one that happens twice is the first of the two. */
static void test_dst_gap_and_repeat(void **state)
{
	struct calendar cal;

	(void)state;
	zone(&cal, "Europe/Brussels");
	/* Sat 2026-03-28 02:30 CET -> Sun 02:30 does not exist: 03:00 CEST */
	assert_time(add(&cal, utc(2026, 3, 28, 1, 30, 0), "1d", false), utc(2026, 3, 29, 1, 0, 0));
	/* Sat 2026-10-24 02:30 CEST -> Sun 02:30, first as CEST */
	assert_time(add(&cal, utc(2026, 10, 24, 0, 30, 0), "1d", false), utc(2026, 10, 25, 0, 30, 0));
	calendar_free(&cal);
}

/* One month from 31 January is the end of February, in a leap year too. */
static void test_month_from_january_31(void **state)
{
	struct calendar cal;

	(void)state;
	zone(&cal, "Europe/Brussels");
	/* 2026-01-31 10:00 CET -> 2026-02-28 10:00 CET */
	assert_time(add(&cal, utc(2026, 1, 31, 9, 0, 0), "1 month", false), utc(2026, 2, 28, 9, 0, 0));
	/* 2028-01-31 10:00 CET -> 2028-02-29 10:00 CET */
	assert_time(add(&cal, utc(2028, 1, 31, 9, 0, 0), "1mo", false), utc(2028, 2, 29, 9, 0, 0));
	/* Two months across the spring change: same wall clock, 10:00 CEST. */
	assert_time(add(&cal, utc(2026, 1, 31, 9, 0, 0), "2 months", false), utc(2026, 3, 31, 8, 0, 0));
	/* Business: 2026-02-28 is a Saturday, on to Monday 2026-03-02 23:59:59 CET. */
	assert_time(add(&cal, utc(2026, 1, 31, 9, 0, 0), "1 month", true), utc(2026, 3, 2, 22, 59, 59));
	calendar_free(&cal);
}

/* Business hours stop over the weekend: Friday 20:00 EST plus 8 hours is
 * 4 hours of Friday, then Monday 04:00 EST. */
static void test_business_hours_stop_over_a_weekend(void **state)
{
	struct calendar cal;

	(void)state;
	zone(&cal, "America/New_York");
	assert_time(add(&cal, utc(2026, 11, 21, 1, 0, 0), "8h", true), utc(2026, 11, 23, 9, 0, 0));
	/* Within the day it is plain elapsed time. */
	assert_time(add(&cal, utc(2026, 11, 20, 14, 0, 0), "90m", true), utc(2026, 11, 20, 15, 30, 0));
	/* Started on a Saturday: nothing counts until Monday 00:00 EST. */
	assert_time(add(&cal, utc(2026, 11, 21, 15, 0, 0), "2h", true), utc(2026, 11, 23, 7, 0, 0));
	calendar_free(&cal);
}

/* The year end, with 25 December and 1 January holidays in Brussels. */
static void test_year_end_holidays(void **state)
{
	struct calendar cal;
	time_t start = utc(2026, 12, 24, 9, 0, 0);	/* Thursday 10:00 CET */

	(void)state;
	zone(&cal, "Europe/Brussels");
	holidays(&cal, "2027-01-01, 2026-12-25");
	/* Fri 25 holiday, 26-27 weekend: Mon 28, Tue 29, Wed 30 23:59:59 CET */
	assert_time(add(&cal, start, "3d", true), utc(2026, 12, 30, 22, 59, 59));
	/* ... Thu 31, Fri 1 holiday, weekend, Mon 2027-01-04 23:59:59 CET */
	assert_time(add(&cal, start, "5d", true), utc(2027, 1, 4, 22, 59, 59));
	/* 24 business hours from Thursday 10:00: 14h of Thursday, then the
	 * clock waits for Monday 28th, 10:00 CET. */
	assert_time(add(&cal, start, "24h", true), utc(2026, 12, 28, 9, 0, 0));
	calendar_free(&cal);
}

/* rolls_to: a due on a weekend day or a holiday moves to that time of the
 * next business day; one on a business day stays. */
static void test_roll_to_next_business_day(void **state)
{
	struct calendar cal;

	(void)state;
	zone(&cal, "America/New_York");
	holidays(&cal, "2026-11-23");
	/* Saturday 2026-11-21 10:00 EST, Monday a holiday: Tuesday 12:00 EST */
	assert_time(calendar_roll(&cal, utc(2026, 11, 21, 15, 0, 0), 12 * 60), utc(2026, 11, 24, 17, 0, 0));
	/* Friday 2026-11-20 22:00 EST stays */
	assert_time(calendar_roll(&cal, utc(2026, 11, 21, 3, 0, 0), 12 * 60), utc(2026, 11, 21, 3, 0, 0));
	/* Without the holiday: Monday 09:30 EST */
	free(cal.holidays);
	cal.holidays = NULL;
	cal.nholidays = 0;
	assert_time(calendar_roll(&cal, utc(2026, 11, 22, 23, 0, 0), 9 * 60 + 30), utc(2026, 11, 23, 14, 30, 0));
	calendar_free(&cal);
}

/* The process's zone is put back after each call, set or unset; a
 * calendar of "" counts in the process's own zone. */
static void test_zone_put_back(void **state)
{
	struct calendar cal, own;
	time_t start = utc(2026, 11, 20, 21, 0, 0);

	(void)state;
	zone(&cal, "America/New_York");
	setenv("TZ", "Europe/Brussels", 1);
	tzset();
	assert_time(add(&cal, start, "1d", true), utc(2026, 11, 24, 4, 59, 59));
	assert_string_equal(getenv("TZ"), "Europe/Brussels");
	calendar_init(&own);	/* Brussels, from TZ: Friday 22:00 CET */
	assert_time(add(&own, start, "1d", true), utc(2026, 11, 23, 22, 59, 59));
	unsetenv("TZ");
	tzset();
	(void)calendar_business_day(&cal, start);
	assert_null(getenv("TZ"));
	setenv("TZ", "UTC", 1);
	tzset();
	calendar_free(&own);
	calendar_free(&cal);
}

static void test_weekend_parse(void **state)
{
	bool w[7];
	char why[128];

	(void)state;
	assert_true(calendar_weekend_parse("Fri, SATURDAY", w, why, sizeof(why)));
	assert_true(w[5] && w[6] && !w[0] && !w[1] && !w[2] && !w[3] && !w[4]);
	assert_true(calendar_weekend_parse("sun", w, why, sizeof(why)));
	assert_true(w[0] && !w[6]);
	assert_true(calendar_weekend_parse(" none ", w, why, sizeof(why)));
	for (int d = 0; d < 7; d++)
		assert_false(w[d]);
	assert_false(calendar_weekend_parse("sat, funday", w, why, sizeof(why)));
	assert_string_equal(why, "\"funday\" is not a day of the week (mon, tue, wed, thu, fri, sat, sun)");
	assert_false(calendar_weekend_parse("sat,,sun", w, why, sizeof(why)));
	assert_false(calendar_weekend_parse("", w, why, sizeof(why)));
	assert_false(calendar_weekend_parse("mon,tue,wed,thu,fri,sat,sun", w, why, sizeof(why)));
	assert_string_equal(why, "a weekend of all seven days leaves no business day");
}

static void test_holidays_parse(void **state)
{
	long *days;
	size_t n;
	char why[128];

	(void)state;
	assert_true(calendar_holidays_parse("2027-01-01, 2026-12-25", &days, &n, why, sizeof(why)));
	assert_int_equal(n, 2);
	assert_int_equal(days[0], 20812);	/* 2026-12-25 */
	assert_int_equal(days[1], 20819);	/* 2027-01-01 */
	free(days);
	assert_true(calendar_holidays_parse("", &days, &n, why, sizeof(why)));
	assert_int_equal(n, 0);
	assert_false(calendar_holidays_parse("2026-02-30", &days, &n, why, sizeof(why)));
	assert_string_equal(why, "\"2026-02-30\" is not a date (holidays are YYYY-MM-DD, separated by commas)");
	assert_false(calendar_holidays_parse("2026-12-25, 25/12/2026", &days, &n, why, sizeof(why)));
	assert_false(calendar_holidays_parse("2026-12-25,", &days, &n, why, sizeof(why)));
	assert_false(calendar_holidays_parse("2026-1-05", &days, &n, why, sizeof(why)));
}

static void test_span_parse(void **state)
{
	struct span s;

	(void)state;
	assert_true(span_parse("90m", &s));
	assert_int_equal(s.n, 90);
	assert_int_equal(s.unit, SPAN_MINUTES);
	assert_int_equal(span_seconds(&s), 5400);
	assert_true(span_parse("24h", &s));
	assert_int_equal(span_seconds(&s), 86400);
	assert_true(span_parse("14d", &s));
	assert_int_equal(s.unit, SPAN_DAYS);
	assert_int_equal(span_seconds(&s), -1);
	assert_true(span_parse("1 month", &s));
	assert_int_equal(s.unit, SPAN_MONTHS);
	assert_true(span_parse("2 months", &s));
	assert_int_equal(s.n, 2);
	assert_true(span_parse("1mo", &s));
	assert_false(span_parse("0h", &s));
	assert_false(span_parse("h", &s));
	assert_false(span_parse("24", &s));
	assert_false(span_parse("1d12h", &s));
	assert_false(span_parse("-1d", &s));
	assert_false(span_parse("3 fortnights", &s));
	assert_false(span_parse("99999999999d", &s));
}

static void test_zone_valid(void **state)
{
	(void)state;
	assert_true(calendar_zone_valid("Europe/Brussels"));
	assert_true(calendar_zone_valid("America/New_York"));
	assert_true(calendar_zone_valid("UTC"));
	assert_false(calendar_zone_valid("Europe/Atlantis"));
	assert_false(calendar_zone_valid("Europe"));
	assert_false(calendar_zone_valid("/usr/share/zoneinfo/UTC"));
	assert_false(calendar_zone_valid("../zoneinfo/UTC"));
	assert_false(calendar_zone_valid(""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ny_friday_four_business_days),
		cmocka_unit_test(test_ny_holiday_in_the_week),
		cmocka_unit_test(test_business_day_is_the_zones),
		cmocka_unit_test(test_calendar_hours_run_through_a_holiday),
		cmocka_unit_test(test_brussels_march_dst),
		cmocka_unit_test(test_brussels_october_dst),
		cmocka_unit_test(test_dst_gap_and_repeat),
		cmocka_unit_test(test_month_from_january_31),
		cmocka_unit_test(test_business_hours_stop_over_a_weekend),
		cmocka_unit_test(test_year_end_holidays),
		cmocka_unit_test(test_roll_to_next_business_day),
		cmocka_unit_test(test_zone_put_back),
		cmocka_unit_test(test_weekend_parse),
		cmocka_unit_test(test_holidays_parse),
		cmocka_unit_test(test_span_parse),
		cmocka_unit_test(test_zone_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
