/* Unit tests for finding other customers' names in a customer's report
 * (src/core/customer_names.c, src/util/fold.c, src/config/customer.c):
 * every way a person writes a name, its aliases and domains, and what is
 * left for the operator to confirm. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sirt/customer.h"
#include "sirt/customer_names.h"
#include "sirt/fold.h"

/* The reader first, then the others, as customers lines. */
static const char *const lines[] = {
	"Kılınç Holding <soc@kilinc.example.org>",
	"Contoso <security@contoso.example.org>",
	"Northwind Bank <security@nwb.example.org> aka: Northwind, NW Bank domains: northwind.example.net",
	"Großbank AG <sec@grossbank.example.net>",
	NULL,
};

static void customers_of(const char *const *from, size_t reader, struct customer_names *names)
{
	struct customer_list list = {0};
	char why[200];

	for (size_t i = 0; from[i]; i++) {
		struct customer c;

		if (!customer_line_parse(from[i], &c, why, sizeof(why)))
			fail_msg("\"%s\" %s", from[i], why);
		customer_list_add(&list, &c);
		customer_clear(&c);
	}
	customer_names_init(names, &list, reader);
	customer_list_free(&list);
}

/* text as the report for lines[reader] shows it. */
static void hides(size_t reader, const char *text, const char *expected)
{
	struct customer_names names;
	char *got;

	customers_of(lines, reader, &names);
	got = customer_names_redact(&names, text);
	if (strcmp(got, expected) != 0)
		fail_msg("\"%s\" became \"%s\", expected \"%s\"", text, got, expected);
	free(got);
	customer_names_free(&names);
}

static void folding_is_full_case_folding(void **state)
{
	char *a, *b;

	(void)state;
	a = text_fold("GROSSBANK  AG");
	b = text_fold("Großbank AG");
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = text_fold("KILINÇ HOLDING");
	b = text_fold("Kılınç Holding");
	assert_string_equal(a, b);
	free(a);
	free(b);
	a = text_fold("İSTANBUL");
	assert_string_equal(a, "istanbul");
	free(a);
	/* Zero-width space, joiner, word joiner, BOM and soft hyphen go. */
	a = text_fold("Con\u200Bto\u200Dso\u2060 \uFEFFLt\u00ADd");
	assert_string_equal(a, "contoso ltd");
	free(a);
}

static void upper_case_name(void **state)
{
	(void)state;
	hides(0, "CONTOSO asked for RCA", "[another customer] asked for RCA");
	hides(0, "contoso asked", "[another customer] asked");
	/* A whole word only. */
	hides(0, "Contosoville is a town", "Contosoville is a town");
}

static void sub_domain_and_address(void **state)
{
	(void)state;
	hides(0, "see status.contoso.example.org.", "see [another customer].");
	hides(0, "mail alice@contoso.example.org now", "mail [another customer] now");
	hides(0, "https://STATUS.Contoso.Example.Org/incident", "https://[another customer]/incident");
	/* A domain given on the line, and its sub-domains. */
	hides(0, "api.northwind.example.net was down", "[another customer] was down");
	/* Not a label of it: notcontoso.example.org is someone else. */
	hides(0, "notcontoso.example.org", "notcontoso.example.org");
}

static void bare_domain(void **state)
{
	(void)state;
	hides(0, "traffic from contoso.example.org", "traffic from [another customer]");
	hides(0, "nwb.example.org and grossbank.example.net", "[another customer] and [another customer]");
}

static void alias(void **state)
{
	(void)state;
	hides(0, "NORTHWIND ops", "[another customer] ops");
	hides(0, "the nw  bank team", "the [another customer] team");
}

static void white_space_runs(void **state)
{
	(void)state;
	hides(0, "Northwind  Bank said", "[another customer] said");
	hides(0, "Northwind\t \tBank\n said", "[another customer]\n said");
	hides(0, "Großbank\u00A0AG", "[another customer]");
}

static void sharp_s(void **state)
{
	(void)state;
	hides(0, "GROSSBANK AG called", "[another customer] called");
	hides(0, "grossbank ag", "[another customer]");
	hides(0, "GROẞBANK AG", "[another customer]");
}

static void dotless_i(void **state)
{
	(void)state;
	hides(1, "KILINÇ HOLDING and Kilinç Holding and kılınç holding", "[another customer] and [another customer] "
	      "and [another customer]");
	hides(1, "KİLİNÇ HOLDİNG", "[another customer]");
}

static void zero_width_inside(void **state)
{
	(void)state;
	hides(0, "Con\u200Btoso asked", "[another customer] asked");
	hides(0, "North\u00ADwind Bank", "[another customer]");
	hides(0, "Großbank\u2060 AG", "[another customer]");
}

static void reader_kept(void **state)
{
	(void)state;
	/* The reader's own name and domain stay, however written. */
	hides(0, "KILINÇ HOLDING, see soc.kilinc.example.org", "KILINÇ HOLDING, see soc.kilinc.example.org");
	/* The longest name decides: the reader "Northwind Bank" is not eaten by
	 * Großbank's words, and an alias of the reader stays. */
	hides(2, "Northwind Bank and NW Bank and Contoso", "Northwind Bank and NW Bank and [another customer]");
}

static void suspects(void **state)
{
	static const char *const plain[] = {
		"Kılınç Holding <soc@kilinc.example.org>",
		"Northwind Bank <security@northwind.example.org>",
		"Contoso Ltd <security@contoso.example.org>",
		NULL,
	};
	struct customer_names names;
	struct strlist out = {0};

	(void)state;
	customers_of(plain, 0, &names);
	customer_names_suspects(&names, "NORTHWIND Ops said so; see contoso-backup.example.com. Kılınç Holding "
				"and the Bank of X and our own Security Team, northwind too.", &out);
	assert_int_equal(out.len, 3);
	assert_string_equal(out.items[0], "NORTHWIND Ops");
	assert_string_equal(out.items[1], "contoso-backup.example.com");
	assert_string_equal(out.items[2], "northwind");
	strlist_free(&out);
	customer_names_free(&names);
}

static void customer_lines(void **state)
{
	struct customer c;
	char why[200];

	(void)state;
	/* Today's lines stay valid. */
	assert_true(customer_line_parse("Example Bank <security@bank.example.org>", &c, why, sizeof(why)));
	assert_string_equal(c.name, "Example Bank");
	assert_int_equal(c.aliases.len, 0);
	customer_clear(&c);
	assert_true(customer_line_parse("Contoso Ltd <s@contoso.example.org> domains: Contoso.Example.NET, c.example "
					"aka: CONTOSO Cloud , Contoso", &c, why, sizeof(why)));
	assert_int_equal(c.aliases.len, 2);
	assert_string_equal(c.aliases.items[0], "CONTOSO Cloud");
	assert_string_equal(c.domains.items[0], "contoso.example.net");
	assert_string_equal(c.domains.items[1], "c.example");
	customer_clear(&c);
	assert_false(customer_line_parse("Contoso <s@contoso.example.org> also Contoso", &c, why, sizeof(why)));
	assert_string_equal(why, "after the address only \"aka: other names\" and \"domains: example.net\" may follow, "
			    "not \"also Contoso\"");
	assert_false(customer_line_parse("Contoso <s@contoso.example.org> domains: contoso", &c, why, sizeof(why)));
	assert_string_equal(why, "\"contoso\" is not a domain (e.g. contoso.example.org)");
	assert_false(customer_line_parse("Contoso <s@contoso.example.org> aka: ,", &c, why, sizeof(why)));
	assert_string_equal(why, "\"aka:\" lists nothing: give the other names separated by commas");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folding_is_full_case_folding),
		cmocka_unit_test(upper_case_name),
		cmocka_unit_test(sub_domain_and_address),
		cmocka_unit_test(bare_domain),
		cmocka_unit_test(alias),
		cmocka_unit_test(white_space_runs),
		cmocka_unit_test(sharp_s),
		cmocka_unit_test(dotless_i),
		cmocka_unit_test(zero_width_inside),
		cmocka_unit_test(reader_kept),
		cmocka_unit_test(suspects),
		cmocka_unit_test(customer_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
