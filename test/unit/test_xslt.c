/*
 * test_xslt.c
 *	  The XSLT sandbox (xslt_sandbox.h): transforms with parameters and
 *	  registered includes, and every way out of the sandbox refused with its
 *	  own failure kind, the libxml2/libxslt globals restored after each call.
 */
#include "xslt_sandbox.h"
#include "unit.h"

#include <libxml/parserInternals.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/xsltutils.h>
#include <unistd.h>

#define XSL_OPEN                                                                                   \
	"<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">"
#define XSL_CLOSE "</xsl:stylesheet>"
#define NO_DECL   "<xsl:output omit-xml-declaration=\"yes\"/>"

/* ---- a fake registry and a host that records the failure kind ---- */

static const char *const registry[][2] = {
    {"common", XSL_OPEN "<xsl:template name=\"greet\"><hello/></xsl:template>"
                        "<xsl:variable name=\"origin\">common</xsl:variable>" XSL_CLOSE},
    {"lib/dates", XSL_OPEN "<xsl:template match=\"date\"><d><xsl:value-of select=\".\"/></d>"
                           "</xsl:template>" XSL_CLOSE},
    {"data", "<codes><code k=\"1\">een</code><code k=\"2\">twee</code></codes>"},
    /* include and import cycles */
    {"cycle/a", XSL_OPEN "<xsl:include href=\"b\"/>" XSL_CLOSE},
    {"cycle/b", XSL_OPEN "<xsl:include href=\"a\"/>" XSL_CLOSE},
    {"cycle/self", XSL_OPEN "<xsl:import href=\"self\"/>" XSL_CLOSE},
};

static int resolve_calls;
static oslo_xslt_failure last_kind;
static bool want_interrupt;

static const char *
resolve(void *arg, const char *name, size_t *len)
{
	resolve_calls++;
	for (size_t i = 0; i < sizeof(registry) / sizeof(registry[0]); i++)
		if (strcmp(registry[i][0], name) == 0)
		{
			*len = strlen(registry[i][1]);
			return registry[i][1];
		}
	return NULL;
}

static bool
interrupted(void)
{
	return want_interrupt;
}

static void
fail(oslo_xslt_failure kind, const char *message, const char *detail)
{
	last_kind = kind;
	oslo_error_detail(OSLO_ERR_PLUGIN, detail, "%s", message);
}

static const oslo_xslt_host host = {resolve, NULL, interrupted, fail};

static oslo_xslt *
compile(const char *name, const char *text)
{
	return oslo_xslt_compile(name, text, strlen(text), &host);
}

/* compile, apply once, free: the result in host memory */
static char *
run(const char *xsl, const char *doc, const char *const *params, const oslo_xslt_limits *limits)
{
	oslo_xslt *x = compile("main", xsl);
	size_t len;
	char *out;
	oslo_guard *g = oslo_guard_new((void (*)(void *))oslo_xslt_free, x);

	out = oslo_xslt_apply(x, doc, strlen(doc), params, limits, &host, &len);
	CHECK(strlen(out) == len);
	oslo_guard_release(g);
	return out;
}

/* the globals the sandbox swaps are back after every call, failed or not */
static xmlExternalEntityLoader entity_loader_before;
static xsltDocLoaderFunc doc_loader_before;

static void
remember_globals(void)
{
	entity_loader_before = xmlGetExternalEntityLoader();
	doc_loader_before = xsltDocDefaultLoader;
}

static void
check_globals(void)
{
	CHECK(xmlGetExternalEntityLoader() == entity_loader_before);
	CHECK(xsltDocDefaultLoader == doc_loader_before);
	CHECK(xsltGetDefaultSecurityPrefs() == NULL);
}

#define CHECK_DENIED(kind, stmt)                                                                   \
	do                                                                                             \
	{                                                                                              \
		last_kind = 0;                                                                             \
		CHECK_ERROR(OSLO_ERR_PLUGIN, stmt);                                                        \
		CHECK(last_kind == (kind));                                                                \
		check_globals();                                                                           \
	} while (0)

/* ---- transforms that work ---- */

TEST(transform_with_params)
{
	const char *xsl =
	    XSL_OPEN NO_DECL "<xsl:param name=\"who\"/><xsl:param name=\"n\" select=\"0\"/>"
	                     "<xsl:template match=\"/person\"><p who=\"{$who}\" "
	                     "n=\"{$n}\"><xsl:value-of select=\"name\"/></p>"
	                     "</xsl:template>" XSL_CLOSE;
	/* both quote characters: passed as a string, never as an XPath expression */
	const char *params[] = {"who", "it's \"me\"", "n", "1+1", NULL};
	char *out = run(xsl, "<person><name>Jan</name></person>", params, NULL);

	CHECK_STREQ(out, "<p who=\"it's &quot;me&quot;\" n=\"1+1\">Jan</p>");
	check_globals();
}

TEST(include_import_and_document_of_registered)
{
	const char *xsl =
	    XSL_OPEN "<xsl:import href=\"lib/dates\"/>" NO_DECL "<xsl:include href=\"common\"/>"
	             "<xsl:template match=\"/r\"><out from=\"{$origin}\"><xsl:call-template "
	             "name=\"greet\"/><xsl:apply-templates/><xsl:value-of "
	             "select=\"document('data')/codes/code[@k=2]\"/></out></xsl:template>" XSL_CLOSE;
	char *out;

	resolve_calls = 0;
	out = run(xsl, "<r><date>2024-01-02</date></r>", NULL, NULL);
	CHECK_STREQ(out, "<out from=\"common\"><hello/><d>2024-01-02</d>twee</out>");
	CHECK(resolve_calls == 3);
	check_globals();
}

TEST(exslt_and_text_output)
{
	const char *xsl = XSL_OPEN "<xsl:output method=\"text\"/><xsl:template match=\"/\">"
	                           "<xsl:value-of select=\"str:padding(3, '-')\" "
	                           "xmlns:str=\"http://exslt.org/strings\"/>"
	                           "<xsl:value-of select=\"count(/a/b)\"/></xsl:template>" XSL_CLOSE;

	CHECK_STREQ(run(xsl, "<a><b/><b/></a>", NULL, NULL), "---2");
}

TEST(compiled_once_applied_twice)
{
	oslo_xslt *x =
	    compile("main", XSL_OPEN NO_DECL "<xsl:template match=\"/\"><n><xsl:value-of "
	                                     "select=\"count(//*)\"/></n></xsl:template>" XSL_CLOSE);
	size_t len;

	CHECK_STREQ(oslo_xslt_name(x), "main");
	CHECK_STREQ(oslo_xslt_apply(x, "<a/>", 4, NULL, NULL, &host, &len), "<n>1</n>");
	CHECK_STREQ(oslo_xslt_apply(x, "<a><b/></a>", 11, NULL, NULL, &host, &len), "<n>2</n>");
	oslo_xslt_free(x);
}

/* ---- the ways out of the sandbox ---- */

#define XXE_DOC "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>"
#define COPY_ALL                                                                                   \
	XSL_OPEN "<xsl:template match=\"/\"><xsl:copy-of select=\".\"/></xsl:template>" XSL_CLOSE

TEST(xxe_in_document_refused)
{
	CHECK_DENIED(OSLO_XSLT_DENIED, run(COPY_ALL, XXE_DOC, NULL, NULL));
	CHECK_CONTAINS(unit_err.message, "external entity \"x\"");
	CHECK_CONTAINS(unit_err.message, "file:///etc/passwd");
	/* a parameter entity (the classic out-of-band XXE) as well */
	CHECK_DENIED(OSLO_XSLT_DENIED,
	             run(COPY_ALL,
	                 "<!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]><r/>",
	                 NULL, NULL));
}

TEST(xxe_in_stylesheet_refused)
{
	CHECK_DENIED(OSLO_XSLT_DENIED,
	             compile("main", "<!DOCTYPE xsl:stylesheet [<!ENTITY x SYSTEM "
	                             "\"file:///etc/passwd\">]>" XSL_OPEN "<xsl:template "
	                             "match=\"/\"><o>&x;</o></xsl:template>" XSL_CLOSE));
}

#define DOC_OF(uri)                                                                                \
	XSL_OPEN "<xsl:template match=\"/\"><o><xsl:copy-of select=\"document('" uri "')\"/></o>"      \
	         "</xsl:template>" XSL_CLOSE

TEST(document_outside_refused)
{
	CHECK_DENIED(OSLO_XSLT_DENIED, run(DOC_OF("file:///etc/passwd"), "<a/>", NULL, NULL));
	CHECK_CONTAINS(unit_err.message, "reading the file \"/etc/passwd\"");
	CHECK_DENIED(OSLO_XSLT_DENIED, run(DOC_OF("http://127.0.0.1:1/x.xml"), "<a/>", NULL, NULL));
	CHECK_CONTAINS(unit_err.message, "http://127.0.0.1:1/x.xml");
	CHECK_DENIED(OSLO_XSLT_DENIED, run(DOC_OF("/etc/passwd"), "<a/>", NULL, NULL));
	CHECK_DENIED(OSLO_XSLT_UNDEFINED, run(DOC_OF("missing.xml"), "<a/>", NULL, NULL));
	CHECK_CONTAINS(unit_err.message, "\"missing.xml\" is not a registered stylesheet");
}

TEST(writes_refused)
{
	const char *path = "/tmp/oslo_xslt_unit_must_not_exist.xml";
	const char *exsl =
	    "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" "
	    "xmlns:exsl=\"http://exslt.org/common\" extension-element-prefixes=\"exsl\">"
	    "<xsl:template match=\"/\"><exsl:document href=\"/tmp/oslo_xslt_unit_must_not_exist.xml\">"
	    "<pwned/></exsl:document><o/></xsl:template>" XSL_CLOSE;
	const char *saxon =
	    "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" "
	    "xmlns:saxon=\"http://icl.com/saxon\" extension-element-prefixes=\"saxon\">"
	    "<xsl:template match=\"/\"><saxon:output href=\"/tmp/oslo_xslt_unit_must_not_exist.xml\">"
	    "<pwned/></saxon:output><o/></xsl:template>" XSL_CLOSE;

	unlink(path);
	CHECK_DENIED(OSLO_XSLT_DENIED, run(exsl, "<a/>", NULL, NULL));
	CHECK_CONTAINS(unit_err.message, "writing the file");
	CHECK(access(path, F_OK) != 0);
	CHECK_DENIED(OSLO_XSLT_DENIED, run(saxon, "<a/>", NULL, NULL));
	CHECK(access(path, F_OK) != 0);
	/* libxslt would skip XSLT 2.0's xsl:result-document: refused when compiled */
	CHECK_DENIED(OSLO_XSLT_DENIED,
	             compile("main", "<xsl:stylesheet version=\"2.0\" "
	                             "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\"><xsl:template "
	                             "match=\"/\"><xsl:result-document href=\"x.xml\"><p/>"
	                             "</xsl:result-document></xsl:template>" XSL_CLOSE));
	CHECK_CONTAINS(unit_err.message, "xsl:result-document (line 1)");
}

TEST(includes_outside_refused)
{
	CHECK_DENIED(OSLO_XSLT_DENIED,
	             compile("main", XSL_OPEN "<xsl:include href=\"/etc/passwd\"/>" XSL_CLOSE));
	CHECK_DENIED(OSLO_XSLT_DENIED,
	             compile("main", XSL_OPEN "<xsl:include href=\"file:///etc/passwd\"/>" XSL_CLOSE));
	CHECK_DENIED(
	    OSLO_XSLT_DENIED,
	    compile("main", XSL_OPEN "<xsl:import href=\"http://127.0.0.1:1/a.xsl\"/>" XSL_CLOSE));
	/* a relative file name is a stylesheet name, and nobody registered it */
	CHECK_DENIED(OSLO_XSLT_UNDEFINED,
	             compile("main", XSL_OPEN "<xsl:include href=\"local.xsl\"/>" XSL_CLOSE));
	CHECK_CONTAINS(unit_err.message, "\"local.xsl\" is not a registered stylesheet");
	/* xml:base does not lead out either */
	CHECK_DENIED(OSLO_XSLT_DENIED,
	             compile("main", XSL_OPEN "<xsl:include xml:base=\"file:///etc/\" "
	                                      "href=\"passwd\"/>" XSL_CLOSE));
}

TEST(include_cycles_refused)
{
	/* libxslt notices the cycle: an invalid stylesheet, not an endless compile */
	CHECK_ERROR(OSLO_ERR_XML_CONTENT, compile("cycle/a", registry[3][1]));
	CHECK_CONTAINS(unit_err.detail, "recursion");
	CHECK_ERROR(OSLO_ERR_XML_CONTENT, compile("cycle/self", registry[5][1]));
	check_globals();
}

/* ---- limits ---- */

TEST(endless_recursion_stopped)
{
	const char *xsl = XSL_OPEN "<xsl:template match=\"/\"><xsl:call-template name=\"f\"/>"
	                           "</xsl:template><xsl:template name=\"f\"><x><xsl:call-template "
	                           "name=\"f\"/></x></xsl:template>" XSL_CLOSE;
	const char *apply_loop = XSL_OPEN "<xsl:template match=\"/|*\"><xsl:apply-templates "
	                                  "select=\"/\"/></xsl:template>" XSL_CLOSE;

	CHECK_ERROR(OSLO_ERR_LIMIT, run(xsl, "<a/>", NULL, NULL));
	CHECK_CONTAINS(unit_err.message, "templates nest deeper than 1000 levels");
	check_globals();
	CHECK_ERROR(OSLO_ERR_LIMIT, run(apply_loop, "<a/>", NULL, NULL));
	check_globals();
}

TEST(exslt_function_recursion_stopped)
{
	const char *xsl =
	    "<xsl:stylesheet version=\"1.0\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" "
	    "xmlns:func=\"http://exslt.org/functions\" xmlns:my=\"urn:my\" "
	    "extension-element-prefixes=\"func\">"
	    "<func:function name=\"my:f\"><func:result select=\"my:f()\"/></func:function>"
	    "<xsl:template match=\"/\"><o><xsl:value-of "
	    "select=\"my:f()\"/></o></xsl:template>" XSL_CLOSE;

	/* each function call nests a sequence constructor: the depth limit stops it */
	CHECK_ERROR(OSLO_ERR_LIMIT, run(xsl, "<a/>", NULL, NULL));
	CHECK_CONTAINS(unit_err.message, "templates nest deeper than 1000 levels");
	check_globals();
}

TEST(small_limits)
{
	oslo_xslt_limits limits = {20, 15000, 100000000UL, 0};
	const char *depth =
	    XSL_OPEN "<xsl:template match=\"/\"><xsl:call-template name=\"f\"><xsl:with-param "
	             "name=\"n\" select=\"30\"/></xsl:call-template></xsl:template>"
	             "<xsl:template name=\"f\"><xsl:param name=\"n\"/><xsl:if "
	             "test=\"$n &gt; 0\"><xsl:call-template name=\"f\"><xsl:with-param "
	             "name=\"n\" select=\"$n - 1\"/></xsl:call-template></xsl:if>"
	             "</xsl:template>" XSL_CLOSE;
	const char *xpath = XSL_OPEN "<xsl:template match=\"/\"><o><xsl:value-of "
	                             "select=\"count(//*[count(//*[count(//*) &gt; 0]) &gt; 0])\"/>"
	                             "</o></xsl:template>" XSL_CLOSE;
	char doc[4096] = "<a>";

	CHECK_ERROR(OSLO_ERR_LIMIT, run(depth, "<a/>", NULL, &limits));
	/* the same recursion 30 deep is fine with the defaults */
	CHECK_STREQ(run(depth, "<a/>", NULL, NULL), "");
	CHECK_STREQ(run(COPY_ALL, "<a/>", NULL, NULL), "<?xml version=\"1.0\"?>\n<a/>");

	for (int i = 0; i < 200; i++)
		strcat(doc, "<b/>");
	strcat(doc, "</a>");
	limits.max_depth = 1000;
	limits.max_xpath_ops = 100000;
	CHECK_ERROR(OSLO_ERR_LIMIT, run(xpath, doc, NULL, &limits));
	CHECK_CONTAINS(unit_err.message, "XPath expression took more than 100000 steps");
	check_globals();

	limits.max_xpath_ops = 100000000UL;
	limits.max_operations = 100;
	CHECK_ERROR(OSLO_ERR_LIMIT, run(depth, "<a/>", NULL, &limits));
	CHECK_CONTAINS(unit_err.message, "more than 100 instructions");
}

TEST(interrupt_stops_transform)
{
	const char *xsl = XSL_OPEN "<xsl:template match=\"/\"><xsl:for-each select=\"//b\"><c/>"
	                           "</xsl:for-each></xsl:template>" XSL_CLOSE;
	char doc[8192] = "<a>";

	for (int i = 0; i < 1000; i++)
		strcat(doc, "<b/>");
	strcat(doc, "</a>");
	want_interrupt = true;
	/* the standalone host has no cancel to raise: the sandbox still stops */
	CHECK_ERROR(OSLO_ERR_LIMIT, run(xsl, doc, NULL, NULL));
	want_interrupt = false;
	CHECK_CONTAINS(unit_err.message, "interrupted");
	check_globals();
}

/* ---- bad input ---- */

TEST(bad_input)
{
	CHECK_ERROR(OSLO_ERR_XML, compile("main", "<xsl:stylesheet"));
	CHECK_ERROR(OSLO_ERR_XML_CONTENT, compile("main", "<notxslt/>"));
	CHECK_ERROR(
	    OSLO_ERR_XML_CONTENT,
	    compile(
	        "main", XSL_OPEN
	        "<xsl:template match=\"/\"><xsl:value-of select=\"(((\"/></xsl:template>" XSL_CLOSE));
	CHECK(unit_err.detail[0] != '\0');
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED,
	            compile("main", XSL_OPEN "<xsl:output method=\"html\"/>" XSL_CLOSE));
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED,
	            compile("main", XSL_OPEN "<xsl:output encoding=\"ISO-8859-1\"/>" XSL_CLOSE));
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile("../etc/passwd", COPY_ALL));
	CHECK_ERROR(OSLO_ERR_PARAMETER, compile("", COPY_ALL));
	CHECK_ERROR(OSLO_ERR_XML, run(COPY_ALL, "<a>", NULL, NULL));
	CHECK_CONTAINS(unit_err.message, "the document is not well-formed XML");
	{
		const char *bad_name[] = {"a b", "x", NULL};
		const char *bad_utf8[] = {"a", "\xff", NULL};

		CHECK_ERROR(OSLO_ERR_PARAMETER, run(COPY_ALL, "<a/>", bad_name, NULL));
		CHECK_ERROR(OSLO_ERR_PARAMETER, run(COPY_ALL, "<a/>", bad_utf8, NULL));
	}
	/* text output that is not XML content cannot be an xml value */
	CHECK_ERROR(OSLO_ERR_XML_CONTENT,
	            run(XSL_OPEN "<xsl:output method=\"text\"/><xsl:template match=\"/\">a &lt; b"
	                         "</xsl:template>" XSL_CLOSE,
	                "<a/>", NULL, NULL));
	/* xsl:message terminate="yes" is a runtime failure */
	CHECK_DENIED(OSLO_XSLT_RUNTIME,
	             run(XSL_OPEN "<xsl:template match=\"/\"><xsl:message terminate=\"yes\">stop "
	                          "here</xsl:message></xsl:template>" XSL_CLOSE,
	                 "<a/>", NULL, NULL));
	CHECK_CONTAINS(unit_err.detail, "stop here");
	check_globals();
}

TEST(entity_expansion_bounded)
{
	char doc[4096];

	snprintf(doc, sizeof(doc),
	         "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
	         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c "
	         "\"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	         "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e "
	         "\"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	         "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g "
	         "\"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
	         "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i "
	         "\"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">"
	         "]><r>&i;</r>");
	/* a billion characters from a few hundred bytes: libxml2 refuses to parse it */
	CHECK_ERROR(OSLO_ERR_XML, run(COPY_ALL, doc, NULL, NULL));
	check_globals();
}

int
main(void)
{
	remember_globals();
	RUN(transform_with_params);
	RUN(include_import_and_document_of_registered);
	RUN(exslt_and_text_output);
	RUN(compiled_once_applied_twice);
	RUN(xxe_in_document_refused);
	RUN(xxe_in_stylesheet_refused);
	RUN(document_outside_refused);
	RUN(writes_refused);
	RUN(includes_outside_refused);
	RUN(include_cycles_refused);
	RUN(endless_recursion_stopped);
	RUN(exslt_function_recursion_stopped);
	RUN(small_limits);
	RUN(interrupt_stops_transform);
	RUN(bad_input);
	RUN(entity_expansion_bounded);
	return unit_report();
}
