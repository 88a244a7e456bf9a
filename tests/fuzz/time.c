/* Fuzz target: parsing times and durations (src/util/time.c), in a zone
 * with daylight saving. Input: one byte picks "now" (winter, summer, the
 * nights the clocks change), the rest is what an operator typed.
 * Properties: whatever time_parse accepts is the time the text names,
 * checked against a slow reference for each form (a wall-clock time is
 * accepted exactly when it exists in the zone, and never before 1970
 * UTC); its UTC form parses back to it; time_parse_utc accepts exactly
 * what time_format_utc writes; a refusal says why without contradicting
 * the text; durations are positive and their formatting never fails. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "sirt/mem.h"
#include "sirt/timefmt.h"

/* Each character of pattern is a digit where it says 'd', else itself. */
static bool shaped(const char *text, const char *pattern)
{
	for (; *pattern; text++, pattern++)
		if (*pattern == 'd' ? !isdigit((unsigned char)*text) : *text != *pattern)
			return false;
	return *text == '\0';
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* The reference: the instant whose local wall clock shows these fields,
 * searched for around the same reading in UTC (zones are within a day of
 * it). Returns false when no instant does (a date that does not exist,
 * or an hour skipped when the clocks go forward). */
static bool local_reference(int year, int month, int day, int hour, int minute, int second, time_t *out)
{
	struct tm fields = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day, .tm_hour = hour,
			    .tm_min = minute, .tm_sec = second};
	time_t base;

	if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
		return false;
	base = timegm(&fields);
	for (long offset = -26 * 3600; offset <= 26 * 3600; offset += 900) {
		time_t t = base - offset;
		struct tm tm;

		localtime_r(&t, &tm);
		if (tm.tm_year == year - 1900 && tm.tm_mon == month - 1 && tm.tm_mday == day && tm.tm_hour == hour &&
		    tm.tm_min == minute && tm.tm_sec == second) {
			*out = t;
			return true;
		}
	}
	return false;
}

/* Whether t is a wall-clock reading the zone shows twice (the hour
 * repeated when the clocks go back): either instant is right then. */
static bool same_wall_clock(time_t a, time_t b)
{
	struct tm x, y;

	localtime_r(&a, &x);
	localtime_r(&b, &y);
	return x.tm_year == y.tm_year && x.tm_yday == y.tm_yday && x.tm_hour == y.tm_hour && x.tm_min == y.tm_min &&
	       x.tm_sec == y.tm_sec;
}

static void check_time_parse(const char *input, time_t now)
{
	char why[160] = "", text[256];
	time_t got = (time_t)-12345, want;
	const char *start = input;
	size_t len;
	int ok = time_parse(input, now, &got, why, sizeof(why));
	bool expect;

	while (isspace((unsigned char)*start))
		start++;
	len = strlen(start);
	while (len > 0 && isspace((unsigned char)start[len - 1]))
		len--;
	if (len >= sizeof(text))
		len = sizeof(text) - 1;
	memcpy(text, start, len);
	text[len] = '\0';

	if (ok != 0) {
		FUZZ_CHECK(ok == -1 && why[0], "time_parse(\"%s\") failed without a reason", text);
	} else {
		char iso[TIME_TEXT_MAX];
		time_t back;

		FUZZ_CHECK(got >= 0, "time_parse(\"%s\") gave %lld, before 1970", text, (long long)got);
		time_format_utc(got, iso, sizeof(iso));
		FUZZ_CHECK(time_parse_utc(iso, &back) == 0 && back == got,
			   "time_parse(\"%s\") gave %s, which does not parse back", text, iso);
	}

	if (strcmp(text, "now") == 0) {
		FUZZ_CHECK(ok == 0 && got == now, "\"now\" is not now");
	} else if (text[0] == '-' && ok == 0) {
		long long amount = strtoll(text + 1, NULL, 10);
		char unit = text[len - 1];
		long long seconds = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : 86400;

		FUZZ_CHECK(isdigit((unsigned char)text[1]) && strchr("smhd", unit) && now - got == amount * seconds,
			   "\"%s\" gave now - %lld", text, (long long)(now - got));
	} else if (shaped(text, "dddd-dd-ddTdd:dd:ddZ")) {
		expect = digits(text, 4) >= 1970 && time_parse_utc(text, &want) == 0;
		FUZZ_CHECK((ok == 0) == expect && (!expect || got == want), "\"%s\": accepted %d, expected %d", text,
			   ok == 0, expect);
	} else if (shaped(text, "dddd-dd-dd dd:dd:dd") || shaped(text, "dddd-dd-dd dd:dd")) {
		int second = len == 19 ? digits(text + 17, 2) : 0;

		expect = local_reference(digits(text, 4), digits(text + 5, 2), digits(text + 8, 2), digits(text + 11, 2),
					 digits(text + 14, 2), second, &want) &&
			 digits(text, 4) >= 1970 && want >= 0;
		FUZZ_CHECK((ok == 0) == expect, "\"%s\": accepted %d, expected %d (%s)", text, ok == 0, expect, why);
		if (expect)
			FUZZ_CHECK(got == want || same_wall_clock(got, want), "\"%s\" gave %lld, expected %lld", text,
				   (long long)got, (long long)want);
	} else if (shaped(text, "dd:dd")) {
		struct tm today;
		int hour = digits(text, 2), minute = digits(text + 3, 2);

		localtime_r(&now, &today);
		expect = local_reference(today.tm_year + 1900, today.tm_mon + 1, today.tm_mday, hour, minute, 0, &want) &&
			 want >= 0;
		FUZZ_CHECK((ok == 0) == expect, "\"%s\": accepted %d, expected %d (%s)", text, ok == 0, expect, why);
		if (expect)
			FUZZ_CHECK(got == want || same_wall_clock(got, want), "\"%s\" gave %lld, expected %lld", text,
				   (long long)got, (long long)want);
		/* A time of day in range that does not exist today is refused
		 * for that reason, not for being out of range. */
		if (!expect && hour <= 23 && minute <= 59)
			FUZZ_CHECK(!strstr(why, "00:00 to 23:59"), "\"%s\" refused with \"%s\"", text, why);
	} else {
		FUZZ_CHECK(ok != 0, "time_parse accepted \"%s\", which is none of its forms", text);
	}
}

static void check_utc(const char *text)
{
	time_t t;
	char iso[TIME_TEXT_MAX];

	if (time_parse_utc(text, &t) != 0)
		return;
	time_format_utc(t, iso, sizeof(iso));
	FUZZ_CHECK(strcmp(iso, text) == 0, "time_parse_utc accepted \"%s\", which prints as \"%s\"", text, iso);
	{
		char *local = time_utc_to_local(text);
		FUZZ_CHECK(local[0] && strcmp(local, text) != 0, "\"%s\" shown locally as \"%s\"", text, local);
		free(local);
	}
}

static void check_duration(const char *text)
{
	long long seconds = -1;
	char shown[64] = "";

	if (duration_parse(text, &seconds) != 0)
		return;
	FUZZ_CHECK(seconds > 0, "duration \"%s\" is %lld seconds", text, seconds);
	duration_format(seconds, shown, sizeof(shown));
	FUZZ_CHECK(shown[0] && strlen(shown) < sizeof(shown) - 1, "duration %lld shown as \"%s\"", seconds, shown);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Winter and summer, and the nights the clocks change in Europe. */
	static const time_t nows[] = {
		1795356300,	/* 2026-11-22T14:05:00Z */
		1784815200,	/* 2026-07-23T14:00:00Z */
		1774743000,	/* 2026-03-29T00:10:00Z, 01:10 CET, clocks forward at 02:00 */
		1792886400,	/* 2026-10-25T00:00:00Z, 02:00 CEST, clocks back at 03:00 */
		1609459199,	/* 2020-12-31T23:59:59Z */
		1704067200,	/* 2024-01-01T00:00:00Z */
		1709164800,	/* 2024-02-29T00:00:00Z */
		4102444799,	/* 2099-12-31T23:59:59Z */
	};
	char *text;

	if (size < 1)
		return 0;
	text = fuzz_string(data + 1, size - 1);
	check_time_parse(text, nows[data[0] % (sizeof(nows) / sizeof(nows[0]))]);
	check_utc(text);
	check_duration(text);
	free(text);
	return 0;
}
