/* Amounts of money as people write them and as machines read them:
 * whole hundredths, never floating point. */
#include "sirt/money.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The alphabetic codes of ISO 4217's list of current currencies and
 * funds (the 2025 amendments: XCG beside ANG, ZWG beside ZWL; SLE beside
 * SLL), less the precious metals, the bond units and the codes for
 * testing and for no currency: what a cost may be counted in. Sorted. */
static const char *const currencies[] = {
	"AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
	"BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
	"CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
	"CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
	"GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
	"INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
	"KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
	"MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
	"NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
	"RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
	"SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY",
	"TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES",
	"VND", "VUV", "WST", "XAF", "XCD", "XCG", "XDR", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
	"ZWL",
};

static int code_cmp(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

bool money_currency_known(const char *code)
{
	return code && strlen(code) == 3 &&
	       bsearch(code, currencies, sizeof(currencies) / sizeof(currencies[0]), sizeof(currencies[0]), code_cmp);
}
