/*
 * xslt_transform.c
 *	  Compile and apply XSLT stylesheets inside the sandbox (xslt_sandbox.c).
 *
 * Every libxml2/libxslt object is malloc'd: each is freed before the
 * sandbox is left, on every path, and only then is a failure raised, so an
 * error never leaves one behind nor a hook installed.
 */
#include "xslt_internal.h"

#include <libxml/parser.h>
#include <libxslt/imports.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>

#include <string.h>

static void
check_name(const char *name)
{
	if (name == NULL || !xslt_valid_name(name, strlen(name)))
		oslo_error(OSLO_ERR_PARAMETER,
		           "invalid stylesheet name \"%s\": use letters, digits, '_', '.' and '-', in "
		           "segments separated by '/', at most %d characters",
		           name ? name : "", OSLO_XSLT_NAME_MAX);
}

/*
 * What oslo_xslt_apply can return as xml: XML (or XHTML) in UTF-8, or text
 * that is XML content. HTML serialisation is not XML.
 */
static void
check_output(xsltStylesheetPtr style, const char *name)
{
	const xmlChar *method;
	const xmlChar *encoding;

	XSLT_GET_IMPORT_PTR(method, style, method);
	XSLT_GET_IMPORT_PTR(encoding, style, encoding);
	if (method && xmlStrEqual(method, BAD_CAST "html"))
		xslt_sandbox_fail(XSLT_OUTCOME_UNSUPPORTED,
		                  "stylesheet \"%s\": xsl:output method=\"html\" is not supported, the "
		                  "result is returned as xml; use method=\"xml\" or \"xhtml\"",
		                  name);
	else if (encoding && xmlStrcasecmp(encoding, BAD_CAST "UTF-8") != 0)
		xslt_sandbox_fail(XSLT_OUTCOME_UNSUPPORTED,
		                  "stylesheet \"%s\": xsl:output encoding=\"%s\" is not supported, the "
		                  "result is returned as xml in UTF-8",
		                  name, (const char *)encoding);
}

oslo_xslt *
oslo_xslt_compile(const char *name, const char *text, size_t len, const oslo_xslt_host *host)
{
	oslo_xslt *x;
	char url[sizeof(OSLO_XSLT_SCHEME) + OSLO_XSLT_NAME_MAX + 1];
	char what[OSLO_XSLT_NAME_MAX + 32];
	xmlDocPtr doc;
	xsltStylesheetPtr style = NULL;

	check_name(name);
	/* allocated before the sandbox: nothing in there may raise */
	x = oslo_alloc0(sizeof(oslo_xslt));
	strcpy(x->name, name);
	snprintf(url, sizeof(url), OSLO_XSLT_SCHEME "%s", name);
	snprintf(what, sizeof(what), "stylesheet \"%s\"", name);

	xslt_sandbox_enter(host, NULL);
	doc = xslt_sandbox_parse(text, len, url, NULL, what);
	if (doc && !xslt_sandbox_check_stylesheet(doc, what))
	{
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc)
	{
		style = xsltParseStylesheetDoc(doc);
		if (style == NULL)
		{
			/* libxslt leaves the document to us when it fails */
			xmlFreeDoc(doc);
			xslt_sandbox_fail(XSLT_OUTCOME_CONTENT, "%s is not a valid XSLT 1.0 stylesheet", what);
		}
		else if (style->errors > 0)
			xslt_sandbox_fail(XSLT_OUTCOME_CONTENT, "%s is not a valid XSLT 1.0 stylesheet", what);
		else
			check_output(style, name);
		if (style && xslt_sandbox_outcome() != XSLT_OUTCOME_OK)
		{
			xsltFreeStylesheet(style);
			style = NULL;
		}
	}
	xslt_sandbox_leave();
	if (style == NULL)
	{
		oslo_free(x);
		xslt_sandbox_raise();
		/* libxslt failed without saying why */
		oslo_error(OSLO_ERR_XML_CONTENT, "%s could not be compiled", what);
	}
	x->style = style;
	return x;
}

void
oslo_xslt_free(oslo_xslt *x)
{
	if (x == NULL)
		return;
	if (x->style)
		xsltFreeStylesheet(x->style);
	x->style = NULL;
	oslo_free(x);
}

const char *
oslo_xslt_name(const oslo_xslt *x)
{
	return x->name;
}

/* a parameter name is a QName: NCName or prefix:NCName, ASCII here */
static bool
valid_param_name(const char *s)
{
	bool start = true;
	int colons = 0;

	if (*s == '\0')
		return false;
	for (; *s; s++)
	{
		char c = *s;
		bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';

		if (c == ':')
		{
			if (start || ++colons > 1 || s[1] == '\0')
				return false;
			start = true;
			continue;
		}
		if (start ? !letter : !(letter || (c >= '0' && c <= '9') || c == '-' || c == '.'))
			return false;
		start = false;
	}
	return true;
}

static void
check_params(const char *const *params)
{
	if (params == NULL)
		return;
	for (size_t i = 0; params[i]; i += 2)
	{
		if (!valid_param_name(params[i]))
			oslo_error(OSLO_ERR_PARAMETER, "invalid XSLT parameter name \"%s\"", params[i]);
		if (params[i + 1] == NULL)
			oslo_error(OSLO_ERR_PARAMETER, "XSLT parameter \"%s\" has no value", params[i]);
		if (!oslo_utf8_valid(params[i + 1], strlen(params[i + 1])))
			oslo_error(OSLO_ERR_PARAMETER, "XSLT parameter \"%s\" is not valid UTF-8", params[i]);
	}
}

/* text output (xsl:output method="text") must still be XML content to be an xml value */
static void
check_text_output(const char *out, int out_len, const char *name)
{
	static const char open[] = "<r>", close[] = "</r>";
	size_t n = (size_t)out_len + sizeof(open) + sizeof(close);
	char *wrapped = malloc(n);
	xmlDocPtr doc;

	if (wrapped == NULL)
	{
		xslt_sandbox_fail(XSLT_OUTCOME_MEMORY, "out of memory");
		return;
	}
	snprintf(wrapped, n, "%s%.*s%s", open, out_len, out, close);
	doc = xmlReadMemory(wrapped, (int)strlen(wrapped), NULL, "UTF-8", XSLT_SANDBOX_PARSE_OPTIONS);
	if (doc == NULL)
		xslt_sandbox_fail(XSLT_OUTCOME_CONTENT,
		                  "the text output of stylesheet \"%s\" is not XML content", name);
	xmlFreeDoc(doc);
	free(wrapped);
}

/* the serialised result, malloc'd by libxml2; NULL with *len 0 for an empty result */
static xmlChar *
serialize(xsltStylesheetPtr style, xmlDocPtr res, const char *name, int *len)
{
	const xmlChar *method;
	xmlChar *out = NULL;

	XSLT_GET_IMPORT_PTR(method, style, method);
	/* without xsl:output, libxslt makes an <html> result HTML: we return XML */
	if (method == NULL && res->type == XML_HTML_DOCUMENT_NODE)
		res->type = XML_DOCUMENT_NODE;
	*len = 0;
	if (xsltSaveResultToString(&out, len, res, style) != 0)
	{
		xslt_sandbox_fail(XSLT_OUTCOME_RUNTIME,
		                  "stylesheet \"%s\": the result could not be serialised", name);
		if (out)
			xmlFree(out);
		return NULL;
	}
	if (out && method && xmlStrEqual(method, BAD_CAST "text"))
		check_text_output((const char *)out, *len, name);
	else if (out && *len > 0 && out[*len - 1] == '\n')
		/* the serialiser ends a document with a newline: not part of the xml value */
		(*len)--;
	return out;
}

static void
release_xml(void *p)
{
	xmlFree(p);
}

char *
oslo_xslt_apply(const oslo_xslt *x, const char *doc, size_t len, const char *const *params,
                const oslo_xslt_limits *limits, const oslo_xslt_host *host, size_t *out_len)
{
	const char *name = x->name;
	xmlDocPtr input;
	xsltTransformContextPtr ctxt = NULL;
	xmlDocPtr res = NULL;
	xmlChar *out = NULL;
	int n = 0;
	oslo_guard *out_guard;
	char *result;

	check_params(params);
	if (limits && (limits->max_depth < 1 || limits->max_vars < 1 || limits->max_xpath_ops < 1))
		oslo_error(OSLO_ERR_PARAMETER, "XSLT limits must be positive");
	/* made before the sandbox, filled after: copying the result may raise */
	out_guard = oslo_guard_new(release_xml, NULL);

	xslt_sandbox_enter(host, limits);
	input = xslt_sandbox_parse(doc, len, NULL, NULL, "the document");
	if (input)
		ctxt = xsltNewTransformContext(x->style, input);
	if (input && ctxt == NULL)
		xslt_sandbox_fail(XSLT_OUTCOME_MEMORY, "could not allocate an XSLT transform context");
	if (ctxt && !xslt_sandbox_attach(ctxt))
		xslt_sandbox_fail(XSLT_OUTCOME_MEMORY, "could not set the XSLT security preferences");
	for (size_t i = 0; ctxt && params && params[i] && xslt_sandbox_outcome() == XSLT_OUTCOME_OK;
	     i += 2)
	{
		/* quoted as an XPath string literal: a value is data, never an expression */
		if (xsltQuoteOneUserParam(ctxt, BAD_CAST params[i], BAD_CAST params[i + 1]) != 0)
			xslt_sandbox_fail(XSLT_OUTCOME_PARAMETER, "XSLT parameter \"%s\" was refused",
			                  params[i]);
	}
	if (ctxt && xslt_sandbox_outcome() == XSLT_OUTCOME_OK)
	{
		res = xsltApplyStylesheetUser(x->style, input, NULL, NULL, NULL, ctxt);
		if (xslt_sandbox_outcome() == XSLT_OUTCOME_OK)
		{
			if ((res == NULL || ctxt->state != XSLT_STATE_OK) &&
			    strstr(xslt_sandbox_log(), "infinite template recursion"))
				/* libxslt's own backstop (maxTemplateDepth, maxTemplateVars) */
				xslt_sandbox_fail(XSLT_OUTCOME_LIMIT,
				                  "stylesheet \"%s\" nests templates or variables too deeply "
				                  "(endless recursion?)",
				                  name);
			else if (res == NULL || ctxt->state != XSLT_STATE_OK)
				xslt_sandbox_fail(XSLT_OUTCOME_RUNTIME, "stylesheet \"%s\" failed", name);
			else
				out = serialize(x->style, res, name, &n);
		}
	}
	if (res)
		xmlFreeDoc(res);
	if (ctxt)
		xsltFreeTransformContext(ctxt);
	if (input)
		xmlFreeDoc(input);
	xslt_sandbox_leave();

	out_guard->resource = out;
	if (xslt_sandbox_outcome() != XSLT_OUTCOME_OK)
	{
		oslo_guard_release(out_guard);
		xslt_sandbox_raise();
	}
	result = oslo_alloc((size_t)n + 1);
	if (n > 0)
		memcpy(result, out, (size_t)n);
	result[n] = '\0';
	oslo_guard_release(out_guard);
	*out_len = (size_t)n;
	return result;
}
