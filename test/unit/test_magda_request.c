/*
 * test_magda_request.c
 *	  The magda plugin's magda-request-params -> magda-request transform,
 *	  loaded as the host loads it (dlopen): the request it builds for each
 *	  service (read back with libxml2), the check digits of INSZ and KBO
 *	  numbers, and every refusal with its error class. Run under valgrind by
 *	  make unit-valgrind: error paths free what they built.
 */
#include "unit.h"

#include "oslo_plugin.h"

#include <dlfcn.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

static const oslo_plugin_def *plugin;
static const char *plugin_error;
static const oslo_transform_def *request_transform;

static void
load_plugin(void)
{
	char path[4096];
	const char *dir = getenv("OSLO_PLUGIN_DIR");
	const char *src = getenv("OSLO_SOURCE_DIR");
	oslo_plugin_describe_fn describe;
	void *h;

	if (dir)
		snprintf(path, sizeof(path), "%s/magda.so", dir);
	else
		snprintf(path, sizeof(path), "%s/plugins/magda/magda.so", src ? src : ".");
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
	{
		plugin_error = strdup(dlerror());
		return;
	}
	describe = (oslo_plugin_describe_fn)dlsym(h, OSLO_PLUGIN_DESCRIBE_SYMBOL);
	plugin = describe ? describe() : NULL;
	for (uint32_t i = 0; plugin && i < plugin->ntransforms; i++)
		if (strcmp(plugin->transforms[i].from_format, "magda-request-params") == 0 &&
		    strcmp(plugin->transforms[i].to_format, "magda-request") == 0)
			request_transform = &plugin->transforms[i];
}

/* the request for params, in host memory (NUL-terminated) */
static char *
build(const char *params)
{
	oslo_data in = {0}, out = {0};

	in.kind = OSLO_DATA_BYTES;
	in.bytes = params;
	in.len = strlen(params);
	request_transform->fn(&in, "{}", &out);
	CHECK(out.kind == OSLO_DATA_BYTES);
	CHECK(out.bytes != NULL && strlen(out.bytes) == out.len);
	return (char *)out.bytes;
}

/* the string value of an XPath over xml; "" when it selects nothing */
static char *
xpath_string(const char *xml, const char *expr)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), NULL, "UTF-8", XML_PARSE_NONET);
	xmlXPathContextPtr ctx;
	xmlXPathObjectPtr res;
	xmlChar *s;
	char *copy;

	if (doc == NULL)
		return oslo_strdup("(not well-formed)");
	ctx = xmlXPathNewContext(doc);
	res = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	s = res ? xmlXPathCastToString(res) : NULL;
	copy = oslo_strdup(s ? (const char *)s : "(bad xpath)");
	xmlFree(s);
	xmlXPathFreeObject(res);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return copy;
}

/* the SOAP 1.1 Body of the envelope */
#define BODY                                                                                       \
	"/*[local-name()='Envelope' and namespace-uri()='http://schemas.xmlsoap.org/soap/envelope/']"  \
	"/*[local-name()='Body']"

#define CHECK_XPATH(xml, expr, expected)                                                           \
	do                                                                                             \
	{                                                                                              \
		char *unit_v_ = xpath_string((xml), (expr));                                               \
		CHECK_STREQ(unit_v_, (expected));                                                          \
		oslo_free(unit_v_);                                                                        \
	} while (0)

/* a refusal of class code whose message contains part (a function: setjmp-safe loops) */
static void
expect_refused(const char *params, oslo_errcode code, const char *part)
{
	CHECK_ERROR(code, build(params));
	if (part)
		CHECK_CONTAINS(unit_err.message, part);
}

#define AFNEMER                                                                                    \
	"\"identificatie\": \"kb.vlaanderen.be/aiv/t\", \"hoedanigheid\": \"1300\", \"referte\": "     \
	"\"r-1\", \"tijdstip\": \"2026-01-02T03:04:05.678\""

TEST(descriptor)
{
	CHECK(plugin != NULL);
	CHECK(request_transform != NULL);
	if (request_transform)
	{
		CHECK(request_transform->input_kind == OSLO_DATA_BYTES);
		CHECK(request_transform->output_kind == OSLO_DATA_BYTES);
	}
}

TEST(geefpersoon)
{
	char *x =
	    build("{\"service\": \"GeefPersoon\", \"subject\": \"90010100123\", \"context\": "
	          "{" AFNEMER ", \"opvragingenksz\": [\"Afstamming\", \"BasisPersoonsgegevens\"], "
	          "\"gebruiker\": \"77050526771\"}}");

	CHECK_XPATH(x, "namespace-uri(" BODY "/*)",
	            "http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02");
	CHECK_XPATH(x, "namespace-uri(" BODY "/*/*)", "");
	CHECK_XPATH(x, "//Context/Versie", "02.02.0000");
	CHECK_XPATH(x, "concat(//Tijdstip/Datum, ' ', //Tijdstip/Tijd)", "2026-01-02 03:04:05.678");
	CHECK_XPATH(x, "//Afzender/Gebruiker", "77050526771");
	CHECK_XPATH(x, "//Vraag/Referte", "r-1");
	/* XSD order, not the order given */
	CHECK_XPATH(x, "name(//OpvragingenKSZ/*[1])", "BasisPersoonsgegevens");
	CHECK_XPATH(x, "name(//OpvragingenKSZ/*[2])", "Afstamming");
	CHECK_XPATH(x, "concat(//Inhoud/Bron, //Inhoud/Taal)", "RRnl");
	oslo_free(x);
}

TEST(other_services)
{
	char *x = build("{\"service\": \"GeefOnderneming\", \"subject\": \"0207451227\", \"context\": "
	                "{" AFNEMER "}}");

	CHECK_XPATH(x, "//Criteria/Ondernemingsnummer", "0207451227");
	CHECK_XPATH(x, "//Criteria/Basisgegevens", "1");
	oslo_free(x);

	x = build("{\"service\": \"RegistreerInschrijving\", \"subject\": \"0207451227\", \"context\": "
	          "{" AFNEMER ", \"periode\": {\"begin\": \"2024-02-29\"}}}");
	CHECK_XPATH(x, "//Context/Versie", "02.01.0000");
	CHECK_XPATH(x, "concat(//BetrokkenSubject/Type, //Subject/Sleutel)", "OND0207451227");
	CHECK_XPATH(x, "concat(//Periode/Begin, '|', count(//Periode/Einde))", "2024-02-29|0");
	oslo_free(x);

	x = build("{\"service\": \"RegistreerInschrijving\", \"version\": \"02.00\", \"subject\": "
	          "\"90010100123\", \"context\": {" AFNEMER
	          ", \"periode\": {\"begin\": \"2024-01-01\"}}}");
	CHECK_XPATH(x, "concat(//Context/Versie, ' ', //Inschrijving/INSZ)", "02.00.0000 90010100123");
	oslo_free(x);
}

/* values are text nodes: markup in them does not become markup */
TEST(escaping)
{
	char *x = build("{\"service\": \"GeefPersoon-02.00\", \"subject\": \"05010100113\", "
	                "\"context\": {\"identificatie\": \"a</Identificatie><X/>&amp;\", "
	                "\"hoedanigheid\": \"\\\"\\u00e9'\", \"referte\": \"r\", \"tijdstip\": "
	                "\"2026-01-02 03:04\"}}");

	CHECK_XPATH(x, "//Afzender/Identificatie", "a</Identificatie><X/>&amp;");
	CHECK_XPATH(x, "count(//X)", "0");
	CHECK_XPATH(x, "//Afzender/Hoedanigheid", "\"\xc3\xa9'");
	CHECK_XPATH(x, "//Tijdstip/Tijd", "03:04");
	oslo_free(x);
}

TEST(check_digits)
{
	const char *ctx = "\"context\": {" AFNEMER "}}";
	char params[512];
	/* 05010100113 is valid only with the 2000+ rule; 00600099536 is a MAGDA-Mock test number */
	static const char *const good_insz[] = {"90010100123", "05010100113", "00600099536",
	                                        "77050526771"};
	static const char *const bad_insz[] = {"90010100124",  "05010100114", "9001010012",
	                                       "900101001234", "9001010012a", ""};
	static const char *const good_kbo[] = {"0207451227", "0407622011", "0442528054"};
	static const char *const bad_kbo[] = {"0207451228", "2207451227", "207451227", "0123456789"};

	for (size_t i = 0; i < sizeof(good_insz) / sizeof(*good_insz); i++)
	{
		snprintf(params, sizeof(params), "{\"service\": \"GeefPersoon\", \"subject\": \"%s\", %s",
		         good_insz[i], ctx);
		oslo_free(build(params));
	}
	for (size_t i = 0; i < sizeof(bad_insz) / sizeof(*bad_insz); i++)
	{
		snprintf(params, sizeof(params), "{\"service\": \"GeefPersoon\", \"subject\": \"%s\", %s",
		         bad_insz[i], ctx);
		expect_refused(params, OSLO_ERR_PARAMETER, "is not a valid");
	}
	for (size_t i = 0; i < sizeof(good_kbo) / sizeof(*good_kbo); i++)
	{
		snprintf(params, sizeof(params),
		         "{\"service\": \"GeefOnderneming\", \"subject\": \"%s\", %s", good_kbo[i], ctx);
		oslo_free(build(params));
	}
	for (size_t i = 0; i < sizeof(bad_kbo) / sizeof(*bad_kbo); i++)
	{
		snprintf(params, sizeof(params),
		         "{\"service\": \"GeefOnderneming\", \"subject\": \"%s\", %s", bad_kbo[i], ctx);
		expect_refused(params, OSLO_ERR_PARAMETER, "is not a valid");
	}
}

TEST(refusals)
{
	static const struct
	{
		oslo_errcode code;
		const char *params;
		const char *message_part;
	} cases[] = {
	    {OSLO_ERR_UNSUPPORTED, "{\"service\": \"GeefAttest\", \"subject\": \"1\", \"context\": {}}",
	     "GeefAttest"},
	    {OSLO_ERR_UNSUPPORTED,
	     "{\"service\": \"GeefOnderneming-02.01\", \"subject\": \"1\", \"context\": {}}", "02.01"},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"GeefPersoon\", \"subject\": \"90010100123\", \"context\": "
	     "{\"hoedanigheid\": \"1\", \"referte\": \"r\", \"tijdstip\": \"2026-01-02T03:04\"}}",
	     "\"identificatie\" is missing"},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"GeefPersoon\", \"subject\": \"90010100123\", \"context\": {" AFNEMER
	     ", \"purpose\": \"x\"}}",
	     "unknown context key \"purpose\""},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"GeefOnderneming\", \"subject\": \"0207451227\", \"context\": {" AFNEMER
	     ", \"periode\": {\"begin\": \"2026-01-01\"}}}",
	     "does not apply"},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"GeefPersoon\", \"subject\": \"90010100123\", \"context\": {" AFNEMER
	     ", \"naam\": \"1234567890123456789012345\"}}",
	     "at most 24"},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"GeefPersoon\", \"subject\": \"90010100123\", \"context\": {" AFNEMER
	     ", \"naam\": \"a\\u0000b\"}}",
	     "NUL"},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"GeefPersoon\", \"subject\": \"90010100123\", \"context\": {" AFNEMER
	     ", \"naam\": \"\\ud800\"}}",
	     "surrogate"},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"GeefPersoon\", \"subject\": \"90010100123\", \"context\": {" AFNEMER
	     ", \"naam\": \"\\uffff\"}}",
	     "U+FFFE or U+FFFF"},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"GeefPersoon\", \"subject\": \"90010100123\", \"context\": {" AFNEMER
	     ", \"naam\": \"x\", \"naam\": \"y\"}}",
	     "twice"},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"RegistreerInschrijving\", \"subject\": \"90010100123\", \"context\": "
	     "{" AFNEMER ", \"periode\": {\"begin\": \"2023-02-29\"}}}",
	     "expected a date"},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"GeefPersoon\", \"subject\": \"90010100123\", \"context\": {"
	     "\"identificatie\": \"a\", \"hoedanigheid\": \"1\", \"referte\": \"r\", \"tijdstip\": "
	     "\"2026-01-02T24:00\"}}",
	     "tijdstip"},
	    {OSLO_ERR_PARAMETER,
	     "{\"service\": \"GeefPersoon\", \"subject\": \"90010100123\", \"context\": {"
	     "\"identificatie\": \"a\", \"hoedanigheid\": \"1\", \"referte\": \"r\", \"tijdstip\": "
	     "\"2026-01-02T23:00:00.12\"}}",
	     "tijdstip"},
	    {OSLO_ERR_SYNTAX, "{\"service\": \"GeefPersoon\", \"subject\": 1,", "not valid JSON"},
	    {OSLO_ERR_SYNTAX, "{\"service\": \"GeefPersoon\"} x", "not valid JSON"},
	    {OSLO_ERR_SYNTAX, "{\"service\": \"GeefPersoon\", \"subject\": 01}", "not valid JSON"},
	    {OSLO_ERR_LIMIT,
	     "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]"
	     "]]"
	     "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	     "deeper"},
	    {OSLO_ERR_PARAMETER, "\"GeefPersoon\"", "must be an object"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
	{
		expect_refused(cases[i].params, cases[i].code, cases[i].message_part);
	}
}

int
main(void)
{
	load_plugin();
	if (plugin == NULL || request_transform == NULL)
	{
		fprintf(stderr, "magda plugin or its request transform not loaded: %s\n",
		        plugin_error ? plugin_error : "no magda-request-params transform");
		RUN(descriptor);
		return unit_report();
	}
	RUN(descriptor);
	RUN(geefpersoon);
	RUN(other_services);
	RUN(escaping);
	RUN(check_digits);
	RUN(refusals);
	return unit_report();
}
