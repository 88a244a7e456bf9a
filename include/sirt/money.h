/* Amounts of money: whole hundredths (1250 is 12.50), read as people
 * write them and written for people and for machines. */
#ifndef SIRT_MONEY_H
#define SIRT_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* At most a million million (10^12) in one line, and a thousand times
 * that in one incident's total of a currency: beyond any incident, and
 * far below where int64_t hundredths could overflow when summed. */
#define MONEY_MAX INT64_C(1000000000000)
#define MONEY_TOTAL_MAX (MONEY_MAX * 1000)

/* Reads "12500", "12,500.50" or "0.5" (commas only between groups of
 * three digits, at most two decimals) as hundredths. */
bool money_parse(const char *text, int64_t *hundredths);
/* "12,500.50": always two decimals, commas between thousands. */
void money_format(int64_t hundredths, char *out, size_t size);
/* "12500.50", for machines (JSON): no separators. */
void money_format_plain(int64_t hundredths, char *out, size_t size);
/* Whether code is a currency of ISO 4217 (upper case: "EUR"). */
bool money_currency_known(const char *code);

#endif
