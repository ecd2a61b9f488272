/*
 * pg_xml.c
 *	  Parse XML for plugins the way the server's xml.c does: pg_xml_init
 *	  installs the server's entity loader (every external entity expands to
 *	  nothing) and error handler, inside PG_TRY so both are always restored.
 */
#include "pg_host.h"

#include "mb/pg_wchar.h"
#include "utils/xml.h"
#include "oslo_formats.h"

#include <libxml/parser.h>

static xmlDocPtr
pg_parse_xml(const char *bytes, size_t len, const char *what)
{
	PgXmlErrorContext *xmlerrcxt;
	volatile xmlParserCtxtPtr ctxt = NULL;
	volatile xmlDocPtr doc = NULL;
	char *utf8;
	int utf8_len;
	int options;

	oslo_pg_check_input_size(len, what);
	/* libxml2 works in UTF-8; the caller's text is in the server encoding */
	utf8 = (char *)pg_do_encoding_conversion((unsigned char *)bytes, (int)len,
	                                         GetDatabaseEncoding(), PG_UTF8);
	utf8_len = utf8 != bytes ? (int)strlen(utf8) : (int)len;

	/* no NOENT, DTDLOAD or XINCLUDE: nothing outside the document is read */
	options = XML_PARSE_NONET | XML_PARSE_NOBLANKS | (oslo_xml_huge ? XML_PARSE_HUGE : 0);

	xmlerrcxt = pg_xml_init(PG_XML_STRICTNESS_WELLFORMED);
	PG_TRY();
	{
		ctxt = xmlNewParserCtxt();
		if (ctxt == NULL || pg_xml_error_occurred(xmlerrcxt))
			xml_ereport(xmlerrcxt, ERROR, ERRCODE_OUT_OF_MEMORY,
			            "could not allocate parser context");
		doc = xmlCtxtReadMemory(ctxt, utf8, utf8_len, NULL, "UTF-8", options);
		if (doc == NULL || pg_xml_error_occurred(xmlerrcxt))
			xml_ereport(xmlerrcxt, ERROR, ERRCODE_INVALID_XML_DOCUMENT,
			            psprintf("%s is not well-formed", what));
	}
	PG_CATCH();
	{
		if (doc != NULL)
			xmlFreeDoc(doc);
		if (ctxt != NULL)
			xmlFreeParserCtxt(ctxt);
		pg_xml_done(xmlerrcxt, true);
		PG_RE_THROW();
	}
	PG_END_TRY();

	xmlFreeParserCtxt(ctxt);
	pg_xml_done(xmlerrcxt, false);
	return doc;
}

static void
pg_free_xml(xmlDocPtr doc)
{
	xmlFreeDoc(doc);
}

/*
 * RML sources the core reads record by record (xmlTextReader): the limits and
 * options of pg_parse_xml. Its conversion to UTF-8 cannot be streamed, so
 * other server encodings go through pg_parse_xml.
 */
static int
pg_xml_stream_options(const char *bytes, size_t len, const char *what, const char **encoding)
{
	oslo_pg_check_input_size(len, what);
	if (GetDatabaseEncoding() != PG_UTF8)
		return -1;
	*encoding = "UTF-8";
	return XML_PARSE_NONET | XML_PARSE_NOBLANKS | (oslo_xml_huge ? XML_PARSE_HUGE : 0);
}

void
oslo_pg_install_format_host(void)
{
	static const oslo_format_host host = {
	    pg_parse_xml,          pg_free_xml,    oslo_pg_resolve_context, oslo_pg_codelist_concept,
	    pg_xml_stream_options, oslo_pg_mapping};

	oslo_formats_set_host(&host);
}
