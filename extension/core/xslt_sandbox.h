/*
 * xslt_sandbox.h
 *	  XSLT 1.0 (libxslt, with EXSLT) in a sandbox: XML to XML, nothing else.
 *
 * A stylesheet is compiled under a name; xsl:include, xsl:import and
 * document() resolve only against other stylesheets the host knows by name
 * (the host's resolve callback), never against the file system or the
 * network. Every compile and transform runs with libxslt security
 * preferences that refuse all five categories (read file, write file, create
 * directory, read network, write network), a document loader that consults
 * only resolve, an external-entity loader that reads nothing, and limits on
 * template nesting, live variables, XPath work per instruction and
 * instructions per transform. A transform polls the host for a pending
 * cancel between instructions.
 *
 * Names are relative URI references: "common", "lib/dates". The stylesheet
 * "main" has the base URI oslo-xslt:main, so <xsl:include href="common"/>
 * in it means oslo-xslt:common, which is the stylesheet named "common".
 *
 * Errors: not well-formed XML gives OSLO_ERR_XML; an invalid stylesheet or
 * output that is not XML gives OSLO_ERR_XML_CONTENT; a bad parameter
 * OSLO_ERR_PARAMETER; a limit OSLO_ERR_LIMIT; unsupported output (HTML, an
 * encoding other than UTF-8) OSLO_ERR_UNSUPPORTED. An attempt to read or
 * write outside the sandbox, a name nobody registered and a failing
 * transform go to the host's fail callback (see oslo_xslt_failure), which
 * maps them onto its own error codes.
 */
#ifndef OSLO_XSLT_SANDBOX_H
#define OSLO_XSLT_SANDBOX_H

#include "oslo_core.h"

/* the URI scheme of registered stylesheets */
#define OSLO_XSLT_SCHEME "oslo-xslt:"
/* longest stylesheet name */
#define OSLO_XSLT_NAME_MAX 200

typedef struct oslo_xslt oslo_xslt;

typedef enum oslo_xslt_failure
{
	OSLO_XSLT_DENIED = 1, /* a file, the network, an external entity: refused */
	OSLO_XSLT_UNDEFINED,  /* include/import/document() of a name nobody registered */
	OSLO_XSLT_RUNTIME     /* the transform failed (xsl:message terminate, XPath error) */
} oslo_xslt_failure;

typedef struct oslo_xslt_host
{
	/*
	 * The UTF-8 text of the stylesheet registered as name, or NULL. Called
	 * from inside libxslt: it must not raise (no allocation that can fail,
	 * no query); the text must stay valid until the call returns.
	 */
	const char *(*resolve)(void *arg, const char *name, size_t *len);
	void *arg;
	/* true when the host wants the transform stopped (query cancel); must not raise */
	bool (*interrupted)(void);
	/*
	 * Raise the host's error for a failure; must not return. NULL: the
	 * core raises OSLO_ERR_UNSUPPORTED, OSLO_ERR_PARAMETER and OSLO_ERR_DATA.
	 */
	void (*fail)(oslo_xslt_failure kind, const char *message, const char *detail);
} oslo_xslt_host;

typedef struct oslo_xslt_limits
{
	int max_depth;                /* nested template instantiations */
	int max_vars;                 /* variables and params alive at once */
	unsigned long max_xpath_ops;  /* XPath steps within one instruction */
	unsigned long max_operations; /* instructions in one transform; 0: no limit */
} oslo_xslt_limits;

/* the limits used when the caller passes NULL */
extern const oslo_xslt_limits oslo_xslt_default_limits;

/*
 * Compile the stylesheet text (UTF-8) registered, or about to be registered,
 * as name. Includes and imports are resolved now, through host->resolve.
 * The result is in host memory plus libxslt's malloc'd stylesheet: free it
 * with oslo_xslt_free.
 */
extern oslo_xslt *oslo_xslt_compile(const char *name, const char *text, size_t len,
                                    const oslo_xslt_host *host);
extern void oslo_xslt_free(oslo_xslt *x);
extern const char *oslo_xslt_name(const oslo_xslt *x);

/*
 * Transform the document (UTF-8 XML text). params: name, value, name,
 * value, ..., NULL; each value is passed as an XPath string (quoted, never
 * evaluated). Returns the serialised result in host memory, NUL-terminated,
 * its length in *out_len. limits NULL: oslo_xslt_default_limits.
 */
extern char *oslo_xslt_apply(const oslo_xslt *x, const char *doc, size_t len,
                             const char *const *params, const oslo_xslt_limits *limits,
                             const oslo_xslt_host *host, size_t *out_len);

#endif /* OSLO_XSLT_SANDBOX_H */
