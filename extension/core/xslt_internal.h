/*
 * xslt_internal.h
 *	  The sandbox window shared by xslt_sandbox.c (the machinery: libxml2 and
 *	  libxslt globals, security callbacks, loaders, error capture) and
 *	  xslt_transform.c (compile and apply).
 *
 * Between xslt_sandbox_enter() and xslt_sandbox_leave() libxml2/libxslt run
 * with our handlers installed in their process globals; nothing in between
 * may raise (a longjmp would leave them installed), so failures are recorded
 * in the sandbox and raised by xslt_sandbox_raise() after leave.
 */
#ifndef OSLO_XSLT_INTERNAL_H
#define OSLO_XSLT_INTERNAL_H

#include "xslt_sandbox.h"

#include <libxml/tree.h>
#include <libxslt/security.h>
#include <libxslt/xsltInternals.h>

/* what went wrong first; later errors are usually its consequences */
typedef enum xslt_outcome
{
	XSLT_OUTCOME_OK = 0,
	XSLT_OUTCOME_XML,         /* not well-formed */
	XSLT_OUTCOME_CONTENT,     /* well-formed, not a usable stylesheet / output */
	XSLT_OUTCOME_PARAMETER,   /* a bad parameter */
	XSLT_OUTCOME_UNSUPPORTED, /* output we cannot return as xml */
	XSLT_OUTCOME_LIMIT,       /* a sandbox limit */
	XSLT_OUTCOME_INTERRUPTED, /* the host asked us to stop */
	XSLT_OUTCOME_MEMORY,      /* libxml2/libxslt could not allocate */
	XSLT_OUTCOME_DENIED,      /* outside the sandbox */
	XSLT_OUTCOME_UNDEFINED,   /* a name nobody registered */
	XSLT_OUTCOME_RUNTIME      /* the transform reported an error */
} xslt_outcome;

struct oslo_xslt
{
	xsltStylesheetPtr style; /* malloc'd by libxslt */
	char name[OSLO_XSLT_NAME_MAX + 1];
};

/* the parse options of every document read in the sandbox: no DTD, no entities, no network */
#define XSLT_SANDBOX_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA)

extern void xslt_sandbox_enter(const oslo_xslt_host *host, const oslo_xslt_limits *limits);
extern void xslt_sandbox_leave(void);
/* record the first failure (printf-style message); later ones are ignored */
extern void xslt_sandbox_fail(xslt_outcome outcome, const char *fmt, ...) OSLO_PRINTF(2, 3);
extern xslt_outcome xslt_sandbox_outcome(void);
/* libxml2/libxslt messages collected so far, "" if none */
extern const char *xslt_sandbox_log(void);
/* after leave: raise the recorded failure, prefixed by context; no-op when OK */
extern void xslt_sandbox_raise(void);
/* the security preferences of the window: all five categories refused */
extern xsltSecurityPrefsPtr xslt_sandbox_prefs(void);
/* make a transform context obey the window's limits, handlers and preferences */
extern bool xslt_sandbox_attach(xsltTransformContextPtr ctxt);

/*
 * Parse text as a document in the sandbox (url may be NULL, dict shared when
 * given); NULL after recording the failure. Documents that declare external
 * entities are refused.
 */
extern xmlDocPtr xslt_sandbox_parse(const char *text, size_t len, const char *url, xmlDictPtr dict,
                                    const char *what);

/* refuse instructions libxslt would skip but we must not pretend to run (xsl:result-document) */
extern bool xslt_sandbox_check_stylesheet(xmlDocPtr doc, const char *what);

/* a stylesheet name: [A-Za-z0-9][A-Za-z0-9_.-]* segments separated by '/' */
extern bool xslt_valid_name(const char *name, size_t len);

#endif /* OSLO_XSLT_INTERNAL_H */
