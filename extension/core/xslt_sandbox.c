/*
 * xslt_sandbox.c
 *	  The sandbox every XSLT compile and transform runs in (see
 *	  xslt_internal.h): which libxml2/libxslt globals are swapped, the
 *	  security callbacks, the document and entity loaders, the limits and the
 *	  error capture.
 *
 * libxml2 and libxslt keep their hooks in process globals (error handlers,
 * the external entity loader, xsltDocDefaultLoader, the default security
 * preferences, the debugger callbacks). Backends and the CLI are
 * single-threaded, so the sandbox installs ours on enter and puts the
 * previous ones back on leave; whoever else uses libxml2 in the process (the
 * server's xml type, contrib/xml2) sees its own again. Callbacks run inside
 * libxml2/libxslt and must not raise: they record the failure here and stop
 * the transform, and the caller raises after leave.
 */
#include "xslt_internal.h"

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/xsltutils.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

/*
 * Template nesting: libxslt recurses on the C stack (a few hundred bytes a
 * level, more with XPath underneath); 1000 stays far from the 8 MB stack of
 * a backend. Variables: xsltproc's default. XPath work per instruction:
 * well above any sane expression, below minutes of CPU.
 */
const oslo_xslt_limits oslo_xslt_default_limits = {1000, 15000, 100000000UL, 0};

/* poll the host for a cancel every this many instructions */
#define INTERRUPT_POLL_MASK 255

/* libxslt's debugger hook table (xsltutils.c takes it as a void *) */
typedef struct debugger_callbacks
{
	void (*handler)(xmlNodePtr cur, xmlNodePtr node, xsltTemplatePtr templ,
	                xsltTransformContextPtr ctxt);
	int (*add)(xsltTemplatePtr templ, xmlNodePtr source);
	void (*drop)(void);
} debugger_callbacks;

typedef struct sandbox
{
	bool active;
	const oslo_xslt_host *host;
	oslo_xslt_limits limits;
	xslt_outcome outcome;
	char reason[1024];
	char log[4096];
	size_t log_len;
	unsigned long instructions;

	/* the globals we replace, restored on leave */
	xmlStructuredErrorFunc saved_serror;
	void *saved_serror_ctx;
	xmlGenericErrorFunc saved_error;
	void *saved_error_ctx;
	xmlGenericErrorFunc saved_xslt_error;
	void *saved_xslt_error_ctx;
	xmlExternalEntityLoader saved_entity_loader;
	xsltDocLoaderFunc saved_doc_loader;
	xsltSecurityPrefsPtr saved_default_prefs;
} sandbox;

static sandbox S;
static xsltSecurityPrefsPtr sandbox_prefs;

void
xslt_sandbox_fail(xslt_outcome outcome, const char *fmt, ...)
{
	va_list ap;

	if (S.outcome != XSLT_OUTCOME_OK)
		return;
	S.outcome = outcome;
	va_start(ap, fmt);
	vsnprintf(S.reason, sizeof(S.reason), fmt, ap);
	va_end(ap);
}

xslt_outcome
xslt_sandbox_outcome(void)
{
	return S.outcome;
}

const char *
xslt_sandbox_log(void)
{
	return S.log;
}

static void log_vappend(const char *fmt, va_list ap) OSLO_PRINTF(1, 0);

static void
log_vappend(const char *fmt, va_list ap)
{
	int n;

	if (S.log_len + 1 >= sizeof(S.log))
		return;
	n = vsnprintf(S.log + S.log_len, sizeof(S.log) - S.log_len, fmt, ap);
	if (n > 0)
		S.log_len +=
		    (size_t)n < sizeof(S.log) - S.log_len ? (size_t)n : sizeof(S.log) - S.log_len - 1;
}

static void log_append(const char *fmt, ...) OSLO_PRINTF(1, 2);

static void
log_append(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vappend(fmt, ap);
	va_end(ap);
}

/* libxslt's messages (xsltTransformError, xsl:message) and libxml2's unstructured ones */
static void generic_error(void *ctx, const char *msg, ...) OSLO_PRINTF(2, 3);

static void
generic_error(void *ctx, const char *msg, ...)
{
	va_list ap;
	char line[1024];

	va_start(ap, msg);
	vsnprintf(line, sizeof(line), msg, ap);
	va_end(ap);
	/* libxslt's context line for errors without a file ("error\n") says nothing */
	if (strcmp(line, "error\n") != 0)
		log_append("%s", line);
}

/* xmlXPathErr reports xmlXPathError codes shifted into xmlParserErrors */
#define XPATH_ERROR_CODE(e) ((int)(e) + XML_XPATH_EXPRESSION_OK - XPATH_EXPRESSION_OK)

static void
structured_error(void *ctx, xmlErrorPtr err)
{
	if (err == NULL)
		return;
	if (err->code == XML_ERR_NO_MEMORY)
		xslt_sandbox_fail(XSLT_OUTCOME_MEMORY, "out of memory in libxml2");
	else if (err->domain == XML_FROM_XPATH &&
	         err->code == XPATH_ERROR_CODE(XPATH_OP_LIMIT_EXCEEDED))
		xslt_sandbox_fail(XSLT_OUTCOME_LIMIT,
		                  "an XPath expression took more than %lu steps within one instruction",
		                  S.limits.max_xpath_ops);
	else if (err->domain == XML_FROM_XPATH &&
	         err->code == XPATH_ERROR_CODE(XPATH_RECURSION_LIMIT_EXCEEDED))
		xslt_sandbox_fail(XSLT_OUTCOME_LIMIT, "an XPath expression nests too deeply");
	if (err->line > 0)
		log_append("line %d: ", err->line);
	log_append("%s", err->message ? err->message : "(no message)\n");
}

/* every document and DTD that is not the text we were given: refused */
static xmlParserInputPtr
deny_entity_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	xslt_sandbox_fail(XSLT_OUTCOME_DENIED,
	                  "the external entity \"%s\" is not read: the XSLT sandbox reads nothing "
	                  "outside the document and the registered stylesheets",
	                  url  ? url
	                  : id ? id
	                       : "(unnamed)");
	return NULL;
}

static int
deny(xsltTransformContextPtr ctxt, const char *what, const char *value)
{
	xslt_sandbox_fail(XSLT_OUTCOME_DENIED,
	                  "%s \"%s\" is not allowed: the XSLT sandbox reads and writes no files and "
	                  "no network, only the registered stylesheets",
	                  what, value ? value : "");
	if (ctxt)
		ctxt->state = XSLT_STATE_STOPPED;
	return 0;
}

static int
deny_read_file(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	return deny(ctxt, "reading the file", value);
}

static int
deny_write_file(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	return deny(ctxt, "writing the file", value);
}

static int
deny_create_directory(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	return deny(ctxt, "creating the directory", value);
}

/* libxslt files every URI with a scheme here: ours is the registry, not a network */
static int
deny_read_network(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	if (value && strncmp(value, OSLO_XSLT_SCHEME, strlen(OSLO_XSLT_SCHEME)) == 0)
		return 1;
	return deny(ctxt, "reading", value);
}

static int
deny_write_network(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt, const char *value)
{
	return deny(ctxt, "writing", value);
}

bool
xslt_valid_name(const char *name, size_t len)
{
	bool segment_start = true;

	if (len == 0 || len > OSLO_XSLT_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
	{
		char c = name[i];
		bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');

		if (segment_start && !alnum)
			return false;
		if (c == '/')
		{
			if (i + 1 == len)
				return false;
			segment_start = true;
			continue;
		}
		if (!alnum && c != '_' && c != '.' && c != '-')
			return false;
		segment_start = false;
	}
	return true;
}

/*
 * xsl:include, xsl:import and document(): oslo-xslt:NAME is the registered
 * stylesheet NAME; anything else is refused (the security callbacks have
 * normally refused it already).
 */
static xmlDocPtr
sandbox_doc_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt, xsltLoadType type)
{
	const char *u = (const char *)uri;
	size_t prefix = strlen(OSLO_XSLT_SCHEME);
	const char *name;
	size_t name_len;
	const char *text;
	size_t text_len = 0;
	char what[OSLO_XSLT_NAME_MAX + 32];
	char name_buf[OSLO_XSLT_NAME_MAX + 1];
	xmlDocPtr doc;
	xsltTransformContextPtr tctxt = type == XSLT_LOAD_DOCUMENT ? ctxt : NULL;

	if (u == NULL || strncmp(u, OSLO_XSLT_SCHEME, prefix) != 0)
	{
		deny(tctxt, "loading", u);
		return NULL;
	}
	name = u + prefix;
	name_len = strcspn(name, "#");
	if (!xslt_valid_name(name, name_len))
	{
		deny(tctxt, "loading", u);
		return NULL;
	}
	memcpy(name_buf, name, name_len);
	name_buf[name_len] = '\0';
	text = S.host && S.host->resolve ? S.host->resolve(S.host->arg, name_buf, &text_len) : NULL;
	if (text == NULL)
	{
		xslt_sandbox_fail(XSLT_OUTCOME_UNDEFINED,
		                  "\"%s\" is not a registered stylesheet (%s resolves names against the "
		                  "registered stylesheets only, never files)",
		                  name_buf,
		                  type == XSLT_LOAD_DOCUMENT ? "document()" : "xsl:include/xsl:import");
		if (tctxt)
			tctxt->state = XSLT_STATE_STOPPED;
		return NULL;
	}
	snprintf(what, sizeof(what), "stylesheet \"%s\"", name_buf);
	doc = xslt_sandbox_parse(text, text_len, u, dict, what);
	if (doc && type != XSLT_LOAD_DOCUMENT && !xslt_sandbox_check_stylesheet(doc, what))
	{
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc == NULL && tctxt)
		tctxt->state = XSLT_STATE_STOPPED;
	return doc;
}

/*
 * Called by libxslt before every instruction of a transform whose
 * debugStatus is set (ours only): the place to bound the work and to poll
 * for a cancel, since libxslt has no progress callback.
 */
static void
sandbox_instruction(xmlNodePtr cur, xmlNodePtr node, xsltTemplatePtr templ,
                    xsltTransformContextPtr ctxt)
{
	if (!S.active || ctxt == NULL || ctxt->state != XSLT_STATE_OK)
		return;
	S.instructions++;
	/* the XPath budget is per instruction; between instructions we poll */
	if (ctxt->xpathCtxt)
		ctxt->xpathCtxt->opCount = 0;
	if (ctxt->depth >= S.limits.max_depth)
		xslt_sandbox_fail(XSLT_OUTCOME_LIMIT,
		                  "templates nest deeper than %d levels (endless recursion?)",
		                  S.limits.max_depth);
	else if (ctxt->varsNr >= S.limits.max_vars)
		xslt_sandbox_fail(XSLT_OUTCOME_LIMIT, "more than %d variables and parameters are alive",
		                  S.limits.max_vars);
	else if (S.limits.max_operations && S.instructions > S.limits.max_operations)
		xslt_sandbox_fail(XSLT_OUTCOME_LIMIT, "the transform ran more than %lu instructions",
		                  S.limits.max_operations);
	else if ((S.instructions & INTERRUPT_POLL_MASK) == 0 && S.host && S.host->interrupted &&
	         S.host->interrupted())
		xslt_sandbox_fail(XSLT_OUTCOME_INTERRUPTED, "the transform was interrupted");
	else
		return;
	ctxt->state = XSLT_STATE_STOPPED;
}

static void
init_once(void)
{
	static bool done = false;

	if (done)
		return;
	/* EXSLT (exsl:node-set, str:, math:, ...): registration is process-wide and one-off */
	exsltRegisterAll();
	sandbox_prefs = xsltNewSecurityPrefs();
	if (sandbox_prefs == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not allocate XSLT security preferences");
	if (xsltSetSecurityPrefs(sandbox_prefs, XSLT_SECPREF_READ_FILE, deny_read_file) != 0 ||
	    xsltSetSecurityPrefs(sandbox_prefs, XSLT_SECPREF_WRITE_FILE, deny_write_file) != 0 ||
	    xsltSetSecurityPrefs(sandbox_prefs, XSLT_SECPREF_CREATE_DIRECTORY, deny_create_directory) !=
	        0 ||
	    xsltSetSecurityPrefs(sandbox_prefs, XSLT_SECPREF_READ_NETWORK, deny_read_network) != 0 ||
	    xsltSetSecurityPrefs(sandbox_prefs, XSLT_SECPREF_WRITE_NETWORK, deny_write_network) != 0)
	{
		xsltFreeSecurityPrefs(sandbox_prefs);
		sandbox_prefs = NULL;
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not set XSLT security preferences");
	}
	done = true;
}

xsltSecurityPrefsPtr
xslt_sandbox_prefs(void)
{
	return sandbox_prefs;
}

void
xslt_sandbox_enter(const oslo_xslt_host *host, const oslo_xslt_limits *limits)
{
	static debugger_callbacks callbacks = {sandbox_instruction, NULL, NULL};

	init_once();
	if (S.active)
		xslt_sandbox_leave();
	S.host = host;
	S.limits = limits ? *limits : oslo_xslt_default_limits;
	S.outcome = XSLT_OUTCOME_OK;
	S.reason[0] = '\0';
	S.log[0] = '\0';
	S.log_len = 0;
	S.instructions = 0;

	S.saved_serror = xmlStructuredError;
	S.saved_serror_ctx = xmlStructuredErrorContext;
	S.saved_error = xmlGenericError;
	S.saved_error_ctx = xmlGenericErrorContext;
	S.saved_xslt_error = xsltGenericError;
	S.saved_xslt_error_ctx = xsltGenericErrorContext;
	S.saved_entity_loader = xmlGetExternalEntityLoader();
	S.saved_doc_loader = xsltDocDefaultLoader;
	S.saved_default_prefs = xsltGetDefaultSecurityPrefs();

	xmlSetStructuredErrorFunc(&S, structured_error);
	xmlSetGenericErrorFunc(&S, generic_error);
	xsltSetGenericErrorFunc(&S, generic_error);
	xmlSetExternalEntityLoader(deny_entity_loader);
	xsltSetLoaderFunc(sandbox_doc_loader);
	/* a compile (xsl:include, xsl:import) checks the default preferences */
	xsltSetDefaultSecurityPrefs(sandbox_prefs);
	xsltSetDebuggerCallbacks(3, &callbacks);
	S.active = true;
}

void
xslt_sandbox_leave(void)
{
	static debugger_callbacks none = {NULL, NULL, NULL};

	if (!S.active)
		return;
	xsltSetDebuggerCallbacks(3, &none);
	xsltSetDefaultSecurityPrefs(S.saved_default_prefs);
	xsltDocDefaultLoader = S.saved_doc_loader;
	if (xsltDocDefaultLoader == NULL)
		xsltSetLoaderFunc(NULL);
	xmlSetExternalEntityLoader(S.saved_entity_loader);
	xsltGenericError = S.saved_xslt_error;
	xsltGenericErrorContext = S.saved_xslt_error_ctx;
	xmlSetGenericErrorFunc(S.saved_error_ctx, S.saved_error);
	xmlSetStructuredErrorFunc(S.saved_serror_ctx, S.saved_serror);
	S.active = false;
}

bool
xslt_sandbox_attach(xsltTransformContextPtr ctxt)
{
	if (xsltSetCtxtSecurityPrefs(sandbox_prefs, ctxt) != 0)
		return false;
	xsltSetTransformErrorFunc(ctxt, &S, generic_error);
	/* backstops: sandbox_instruction stops the transform first, with a clearer message */
	ctxt->maxTemplateDepth = S.limits.max_depth + 8;
	ctxt->maxTemplateVars = S.limits.max_vars + 1000;
	ctxt->debugStatus = XSLT_DEBUG_RUN;
	ctxt->parserOptions = XSLT_SANDBOX_PARSE_OPTIONS;
	ctxt->xinclude = 0;
	if (ctxt->xpathCtxt)
	{
		ctxt->xpathCtxt->opLimit = S.limits.max_xpath_ops;
		ctxt->xpathCtxt->opCount = 0;
		/* XPath errors (the operation limit among them) reach us with their code */
		ctxt->xpathCtxt->error = structured_error;
	}
	return true;
}

/* external entities would read files; internal ones stay (libxml2 bounds their expansion) */
static bool
entities_allowed(xmlDocPtr doc, const char *what)
{
	xmlDtdPtr dtd = doc->intSubset;

	if (dtd == NULL)
		return true;
	for (xmlNodePtr n = dtd->children; n; n = n->next)
	{
		xmlEntityPtr e = (xmlEntityPtr)n;

		if (n->type != XML_ENTITY_DECL)
			continue;
		if (e->etype == XML_EXTERNAL_GENERAL_PARSED_ENTITY ||
		    e->etype == XML_EXTERNAL_GENERAL_UNPARSED_ENTITY ||
		    e->etype == XML_EXTERNAL_PARAMETER_ENTITY)
		{
			xslt_sandbox_fail(XSLT_OUTCOME_DENIED,
			                  "%s declares the external entity \"%s\" (\"%s\"): the XSLT sandbox "
			                  "reads nothing outside the document",
			                  what, e->name ? (const char *)e->name : "",
			                  e->URI        ? (const char *)e->URI
			                  : e->SystemID ? (const char *)e->SystemID
			                                : "");
			return false;
		}
	}
	return true;
}

xmlDocPtr
xslt_sandbox_parse(const char *text, size_t len, const char *url, xmlDictPtr dict, const char *what)
{
	xmlParserCtxtPtr pctxt;
	xmlDocPtr doc;

	if (len > INT_MAX)
	{
		xslt_sandbox_fail(XSLT_OUTCOME_LIMIT, "%s is larger than 2 GB", what);
		return NULL;
	}
	pctxt = xmlNewParserCtxt();
	if (pctxt == NULL)
	{
		xslt_sandbox_fail(XSLT_OUTCOME_MEMORY, "could not allocate an XML parser for %s", what);
		return NULL;
	}
	/* documents of one stylesheet or transform share its dictionary, as libxslt's loader does */
	if (dict)
	{
		if (pctxt->dict)
			xmlDictFree(pctxt->dict);
		pctxt->dict = dict;
		xmlDictReference(dict);
	}
	doc = xmlCtxtReadMemory(pctxt, text, (int)len, url, "UTF-8", XSLT_SANDBOX_PARSE_OPTIONS);
	if (doc == NULL || !pctxt->wellFormed)
	{
		xslt_sandbox_fail(XSLT_OUTCOME_XML, "%s is not well-formed XML", what);
		if (doc)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(pctxt);
		return NULL;
	}
	xmlFreeParserCtxt(pctxt);
	if (!entities_allowed(doc, what))
	{
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* recursion is bounded: libxml2 refuses trees deeper than 256 without XML_PARSE_HUGE */
static xmlNodePtr
find_result_document(xmlNodePtr n)
{
	for (; n; n = n->next)
	{
		xmlNodePtr found;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (n->ns && xmlStrEqual(n->ns->href, XSLT_NAMESPACE) &&
		    xmlStrEqual(n->name, BAD_CAST "result-document"))
			return n;
		if ((found = find_result_document(n->children)) != NULL)
			return found;
	}
	return NULL;
}

bool
xslt_sandbox_check_stylesheet(xmlDocPtr doc, const char *what)
{
	xmlNodePtr n = find_result_document(doc->children);

	if (n == NULL)
		return true;
	/* libxslt would skip it silently (forwards-compatible mode): say no instead */
	xslt_sandbox_fail(XSLT_OUTCOME_DENIED,
	                  "%s uses xsl:result-document (line %ld): the XSLT sandbox writes no other "
	                  "documents, and libxslt implements XSLT 1.0 only",
	                  what, xmlGetLineNo(n));
	return false;
}

void
xslt_sandbox_raise(void)
{
	const char *detail;
	oslo_xslt_failure kind;
	oslo_errcode fallback;

	if (S.active)
		xslt_sandbox_leave();
	while (S.log_len > 0 && (S.log[S.log_len - 1] == '\n' || S.log[S.log_len - 1] == ' '))
		S.log[--S.log_len] = '\0';
	detail = S.log_len ? S.log : NULL;
	switch (S.outcome)
	{
		case XSLT_OUTCOME_OK:
			return;
		case XSLT_OUTCOME_XML:
			oslo_error_detail(OSLO_ERR_XML, detail, "%s", S.reason);
		case XSLT_OUTCOME_CONTENT:
			oslo_error_detail(OSLO_ERR_XML_CONTENT, detail, "%s", S.reason);
		case XSLT_OUTCOME_PARAMETER:
			oslo_error_detail(OSLO_ERR_PARAMETER, detail, "%s", S.reason);
		case XSLT_OUTCOME_UNSUPPORTED:
			oslo_error_detail(OSLO_ERR_UNSUPPORTED, detail, "%s", S.reason);
		case XSLT_OUTCOME_LIMIT:
			oslo_error_detail(OSLO_ERR_LIMIT, detail, "%s", S.reason);
		case XSLT_OUTCOME_INTERRUPTED:
			/* the host raises its cancel error here; if it does not, still fail */
			oslo_check_interrupts();
			oslo_error(OSLO_ERR_LIMIT, "%s", S.reason);
		case XSLT_OUTCOME_MEMORY:
			oslo_error_detail(OSLO_ERR_OUT_OF_MEMORY, detail, "%s", S.reason);
		case XSLT_OUTCOME_DENIED:
			kind = OSLO_XSLT_DENIED;
			fallback = OSLO_ERR_UNSUPPORTED;
			break;
		case XSLT_OUTCOME_UNDEFINED:
			kind = OSLO_XSLT_UNDEFINED;
			fallback = OSLO_ERR_PARAMETER;
			break;
		case XSLT_OUTCOME_RUNTIME:
		default:
			kind = OSLO_XSLT_RUNTIME;
			fallback = OSLO_ERR_DATA;
			break;
	}
	if (S.host && S.host->fail)
		S.host->fail(kind, S.reason, detail);
	oslo_error_detail(fallback, detail, "%s", S.reason);
}
