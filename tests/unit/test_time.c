/* Unit tests for time parsing and printing (src/util/time.c): what operators
 * type, UTC storage form, local display in UTC and Europe/Berlin, and ages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sirt/timefmt.h"

#define BERLIN_ZONEINFO "/usr/share/zoneinfo/Europe/Berlin"

static void set_tz(const char *tz)
{
	assert_int_equal(setenv("TZ", tz, 1), 0);
	tzset();
}

/* Berlin tests need tzdata: without it glibc silently falls back to UTC,
 * so say so loudly and fail rather than skip. */
static void set_tz_berlin(void)
{
	if (access(BERLIN_ZONEINFO, R_OK) != 0)
		fail_msg("%s is missing: install tzdata to run the Europe/Berlin tests",
			 BERLIN_ZONEINFO);
	set_tz("Europe/Berlin");
}

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

/* 2026-11-22 14:05:00 UTC, a Sunday in winter (CET in Berlin). */
static time_t fixed_now(void)
{
	return utc(2026, 11, 22, 14, 5, 0);
}

static void assert_parses(const char *text, time_t now, time_t expected)
{
	time_t got = (time_t)-12345;
	char why[128] = "";

	if (time_parse(text, now, &got, why, sizeof(why)) != 0)
		fail_msg("\"%s\" was refused: %s", text, why);
	if (got != expected)
		fail_msg("\"%s\" parsed to %lld, expected %lld (off by %lld s)", text,
			 (long long)got, (long long)expected, (long long)(got - expected));
}

static void assert_refused(const char *text, time_t now)
{
	time_t got = 0;
	char why[128] = "";

	if (time_parse(text, now, &got, why, sizeof(why)) == 0)
		fail_msg("\"%s\" was accepted as %lld", text, (long long)got);
	if (why[0] == '\0')
		fail_msg("\"%s\" was refused without saying why", text);
}

static void test_fixed_now(void **state)
{
	(void)state;
	assert_int_equal((long long)fixed_now(), 1795356300LL);
}

static void test_parse_utc_zone(void **state)
{
	time_t now = fixed_now();

	(void)state;
	set_tz("UTC");
	assert_parses("now", now, now);
	assert_parses("  now  ", now, now);
	assert_parses("14:05", now, now);
	assert_parses("09:30", now, utc(2026, 11, 22, 9, 30, 0));
	assert_parses("00:00", now, utc(2026, 11, 22, 0, 0, 0));
	assert_parses("23:59", now, utc(2026, 11, 22, 23, 59, 0));
	assert_parses("2026-11-22 14:05", now, now);
	assert_parses("2026-11-22 14:05:30", now, now + 30);
	assert_parses("2026-11-21 23:59:59", now, utc(2026, 11, 21, 23, 59, 59));
	assert_parses("2028-02-29 12:00", now, utc(2028, 2, 29, 12, 0, 0));
	assert_parses("2026-11-22T14:05:00Z", now, now);
	assert_parses("2026-01-01T00:00:00Z", now, utc(2026, 1, 1, 0, 0, 0));
}

static void test_parse_relative(void **state)
{
	time_t now = fixed_now();

	(void)state;
	set_tz("UTC");
	assert_parses("-30m", now, now - 30 * 60);
	assert_parses("-2h", now, now - 2 * 3600);
	assert_parses("-3d", now, now - 3 * 86400);
	assert_parses("-45s", now, now - 45);
	assert_parses("-0m", now, now);
	assert_parses("-90m", now, utc(2026, 11, 22, 12, 35, 0));
}

static void test_parse_refused(void **state)
{
	static const char *const bad[] = {
		"25:00", "24:00", "14:60", "2026-02-30 10:00", "2026-13-01 10:00",
		"2026-00-10 10:00", "2026-11-31 10:00", "2026-11-22 14:05:60",
		"2027-02-29 10:00", "yesterday", "", "   ", "-5x", "-m", "-", "-5",
		"- 5m", "--5m", "14:05 junk", "junk 14:05", "2026-11-22", "14",
		"2026-11-31T10:00:00Z", "2026-11-22T25:00:00Z", "2026-11-22T14:05:00",
		"-30m ago",
	};
	time_t now = fixed_now();

	(void)state;
	set_tz("UTC");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_refused(bad[i], now);
}

static void test_parse_why_is_bounded(void **state)
{
	char why[8];
	time_t got;

	(void)state;
	set_tz("UTC");
	memset(why, 'X', sizeof(why));
	assert_int_equal(time_parse("yesterday", fixed_now(), &got, why, sizeof(why)), -1);
	assert_int_equal(strlen(why), sizeof(why) - 1);	/* cut, still terminated */
}

static void test_parse_berlin(void **state)
{
	time_t now = fixed_now();

	(void)state;
	set_tz_berlin();
	/* Winter: CET is UTC+1. */
	assert_parses("2026-11-22 14:05", now, utc(2026, 11, 22, 13, 5, 0));
	assert_parses("2026-11-22 14:05:30", now, utc(2026, 11, 22, 13, 5, 30));
	/* Summer: CEST is UTC+2. */
	assert_parses("2026-07-01 12:00", now, utc(2026, 7, 1, 10, 0, 0));
	/* A time of day is today in local time: 14:05Z is 15:05 in Berlin. */
	assert_parses("14:05", now, utc(2026, 11, 22, 13, 5, 0));
	assert_parses("00:30", now, utc(2026, 11, 21, 23, 30, 0));
	/* The UTC form does not depend on the zone. */
	assert_parses("2026-11-22T14:05:00Z", now, now);
	assert_parses("-2h", now, now - 7200);
	/* Found by the time fuzz target: the first hour of 1970 in Berlin is
	 * still 1969 in UTC, which was stored and could not be read back. */
	assert_refused("1970-01-01 00:59", now);
	assert_refused("1970-01-01 00:59:59", now);
	assert_parses("1970-01-01 01:00", now, 0);
}

/* 2026-03-29 02:00-02:59 does not exist in Berlin (clocks jump from 02:00
 * CET to 03:00 CEST). mktime quietly moves 02:30 to 03:30 CEST; the parser
 * promises to refuse what mktime would normalise rather than store a time
 * the operator did not type. */
static void test_parse_berlin_dst_gap(void **state)
{
	time_t now = fixed_now();

	(void)state;
	set_tz_berlin();
	assert_parses("2026-03-29 01:59", now, utc(2026, 3, 29, 0, 59, 0));
	assert_parses("2026-03-29 03:00", now, utc(2026, 3, 29, 1, 0, 0));
	{
		time_t got = 0;
		char why[128] = "", shown[TIME_TEXT_MAX];

		if (time_parse("2026-03-29 02:30", now, &got, why, sizeof(why)) == 0) {
			time_format_local(got, shown, sizeof(shown));
			fail_msg("\"2026-03-29 02:30\" (a local time that does not exist) was "
				 "accepted and would be stored as %s", shown);
		}
		assert_true(why[0] != '\0');
	}
	/* Found by the time fuzz target: 02:30 typed on that night was
	 * refused as if it were not a time of day at all. */
	{
		time_t night = utc(2026, 3, 29, 0, 10, 0), got = 0;
		char why[128] = "";

		assert_int_equal(time_parse("02:30", night, &got, why, sizeof(why)), -1);
		assert_string_equal(why, "02:30 does not exist today: the clocks skip it (type the time after the change)");
		assert_parses("03:30", night, utc(2026, 3, 29, 1, 30, 0));
	}
}

static void test_format_utc(void **state)
{
	char out[TIME_TEXT_MAX];

	(void)state;
	set_tz_berlin();	/* the UTC form must ignore the local zone */
	time_format_utc(utc(2026, 11, 22, 13, 5, 0), out, sizeof(out));
	assert_string_equal(out, "2026-11-22T13:05:00Z");
	time_format_utc(utc(2026, 7, 1, 10, 0, 7), out, sizeof(out));
	assert_string_equal(out, "2026-07-01T10:00:07Z");
	time_format_utc(0, out, sizeof(out));
	assert_string_equal(out, "1970-01-01T00:00:00Z");
}

static void test_format_local_berlin(void **state)
{
	char out[TIME_TEXT_MAX];
	time_t winter = utc(2026, 11, 22, 13, 5, 0);
	time_t summer = utc(2026, 7, 1, 10, 0, 0);

	(void)state;
	set_tz_berlin();
	time_format_local(winter, out, sizeof(out));
	assert_string_equal(out, "2026-11-22 14:05 CET");
	time_format_local(summer, out, sizeof(out));
	assert_string_equal(out, "2026-07-01 12:00 CEST");
	time_format_local_edit(winter, out, sizeof(out));
	assert_string_equal(out, "2026-11-22 14:05");
	time_format_zone(winter, out, sizeof(out));
	assert_string_equal(out, "CET");
	time_format_zone(summer, out, sizeof(out));
	assert_string_equal(out, "CEST");
	time_format_short(winter, out, sizeof(out));
	assert_string_equal(out, "11-22 14:05");

	/* What time_format_local_edit writes parses back to the same minute. */
	{
		time_t back;
		char why[128] = "";

		time_format_local_edit(summer, out, sizeof(out));
		assert_int_equal(time_parse(out, fixed_now(), &back, why, sizeof(why)), 0);
		assert_int_equal((long long)back, (long long)summer);
	}

	/* Too small a buffer gives an empty string, not a cut or garbage one. */
	memset(out, 'X', sizeof(out));
	time_format_local(winter, out, 8);
	assert_string_equal(out, "");
}

static void test_format_local_utc(void **state)
{
	char out[TIME_TEXT_MAX];

	(void)state;
	set_tz("UTC");
	time_format_local(fixed_now(), out, sizeof(out));
	assert_string_equal(out, "2026-11-22 14:05 UTC");
	time_format_short(fixed_now(), out, sizeof(out));
	assert_string_equal(out, "11-22 14:05");
}

static void test_parse_utc_roundtrip(void **state)
{
	const time_t samples[] = {
		0, fixed_now(), fixed_now() + 59, utc(2028, 2, 29, 23, 59, 59),
		utc(1999, 12, 31, 23, 59, 59), utc(2038, 1, 19, 3, 14, 8),
	};
	char text[TIME_TEXT_MAX];
	time_t back;

	(void)state;
	set_tz_berlin();	/* must not matter */
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		time_format_utc(samples[i], text, sizeof(text));
		back = (time_t)-12345;
		assert_int_equal(time_parse_utc(text, &back), 0);
		assert_int_equal((long long)back, (long long)samples[i]);
	}
	assert_int_equal(time_parse_utc("2026-11-22T13:05:00Z", &back), 0);
	assert_int_equal((long long)back, (long long)utc(2026, 11, 22, 13, 5, 0));
}

static void test_parse_utc_rejects(void **state)
{
	static const char *const bad[] = {
		"2026-11-31T10:00:00Z", "2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z",
		"2026-00-01T10:00:00Z", "2026-11-00T10:00:00Z", "2026-11-22T24:00:00Z",
		"2026-11-22T14:60:00Z", "2026-11-22T14:05:00", "2026-11-22 14:05:00Z",
		"2026-11-22T14:05:00Zjunk", "2026-11-22", "garbage", "",
	};
	time_t out;

	(void)state;
	set_tz("UTC");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (time_parse_utc(bad[i], &out) == 0)
			fail_msg("time_parse_utc accepted \"%s\" as %lld", bad[i], (long long)out);
}

/* Shapes sscanf alone would let through: digits missing, blanks moved,
 * a leap second that sirt never writes. */
static void test_parse_exact_shapes(void **state)
{
	time_t now = fixed_now(), got;

	(void)state;
	set_tz("UTC");
	assert_refused("1:5", now);
	assert_refused("+1:05", now);
	assert_refused("2026-11-2214:05", now);
	assert_refused("2026-1-2 10:00", now);
	assert_refused("2026-11-22  14:05", now);
	assert_int_equal(time_parse_utc(" 2026-11-22T14:05:00Z", &got), -1);
	assert_int_equal(time_parse_utc("2026-1-2T3:4:5Z", &got), -1);
	assert_int_equal(time_parse_utc("2026-11-22T14:05:60Z", &got), -1);
	assert_parses("09:05", now, now - 5 * 3600);
	/* Nothing logged here happened before 1970 or decades ago. */
	assert_refused("1969-12-31 23:59", now);
	assert_refused("-99999d", now);
	assert_parses("-3650d", now, now - 3650L * 86400);
}

static void assert_age(long long seconds, const char *expected)
{
	char out[TIME_TEXT_MAX];
	time_t now = fixed_now();

	time_format_age(now - (time_t)seconds, now, out, sizeof(out));
	if (strcmp(out, expected) != 0)
		fail_msg("age of %lld s shown as \"%s\", expected \"%s\"", seconds, out, expected);
}

static void test_format_age(void **state)
{
	(void)state;
	assert_age(0, "0s");
	assert_age(45, "45s");
	assert_age(59, "59s");
	assert_age(60, "1m");
	assert_age(12 * 60 + 59, "12m");
	assert_age(3599, "59m");
	assert_age(3600, "1h");
	assert_age(5 * 3600 + 1800, "5h");
	assert_age(2 * 86400 - 1, "47h");	/* hours up to two days */
	assert_age(2 * 86400, "2d");
	assert_age(3 * 86400 + 7200, "3d");
	assert_age(14 * 86400 - 1, "13d");	/* days up to two weeks */
	assert_age(14 * 86400, "2w");
	assert_age(7 * 7 * 86400, "7w");
	assert_age(8 * 7 * 86400 - 1, "7w");
	assert_age(-300, "0s");	/* a clock a little ahead is not a negative age */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_now),
		cmocka_unit_test(test_parse_utc_zone),
		cmocka_unit_test(test_parse_relative),
		cmocka_unit_test(test_parse_refused),
		cmocka_unit_test(test_parse_why_is_bounded),
		cmocka_unit_test(test_parse_berlin),
		cmocka_unit_test(test_parse_berlin_dst_gap),
		cmocka_unit_test(test_parse_exact_shapes),
		cmocka_unit_test(test_format_utc),
		cmocka_unit_test(test_format_local_berlin),
		cmocka_unit_test(test_format_local_utc),
		cmocka_unit_test(test_parse_utc_roundtrip),
		cmocka_unit_test(test_parse_utc_rejects),
		cmocka_unit_test(test_format_age),
	};

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		fprintf(stderr, "test_time: the C.UTF-8 locale is missing\n");
		return 1;
	}
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
