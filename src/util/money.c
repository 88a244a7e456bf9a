/* Amounts of money as people write them and as machines read them:
 * whole hundredths, never floating point. */
#include "sirt/money.h"

#include <ctype.h>
#include <stdio.h>

bool money_parse(const char *text, int64_t *out)
{
	const char *p = text;
	int64_t whole = 0, cents = 0;
	int group = -1;		/* digits since the last comma; -1: no comma yet */
	size_t digits = 0;

	while (*p == ' ')
		p++;
	for (; isdigit((unsigned char)*p) || *p == ','; p++) {
		if (*p == ',') {
			/* A comma follows one to three digits, then three more. */
			if (digits == 0 || (group >= 0 && group != 3) || (group < 0 && digits > 3))
				return false;
			group = 0;
			continue;
		}
		if (whole > MONEY_MAX)
			return false;
		whole = whole * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return false;
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return false;
		cents = (*p++ - '0') * 10;
		if (isdigit((unsigned char)*p))
			cents += *p++ - '0';
	}
	while (*p == ' ')
		p++;
	if (*p || whole * 100 + cents > MONEY_MAX * 100)
		return false;
	*out = whole * 100 + cents;
	return true;
}

void money_format(int64_t hundredths, char *out, size_t size)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%lld", (long long)(hundredths / 100));
	size_t o = 0;

	for (int i = 0; i < n && o + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	snprintf(out + o, size - o, ".%02lld", (long long)(hundredths % 100));
}

void money_format_plain(int64_t hundredths, char *out, size_t size)
{
	snprintf(out, size, "%lld.%02lld", (long long)(hundredths / 100), (long long)(hundredths % 100));
}
