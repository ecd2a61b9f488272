/*
 * oots.h
 *	  The oots plugin: the OOTS evidence exchange of the Single Digital
 *	  Gateway (EDM v1.0 on OASIS ebXML RegRep 4).
 *
 *	  oots-request-params (JSON) -> oots-request   evidence request (QueryRequest)
 *	  oots-response              -> graph          evidence response as SEMIC RDF;
 *	                                               an error response raises
 *	  oots-request / oots-response -> oots-check   native checks of the EDM
 *	                                               Schematron rules that need XPath 2.0
 *
 * docs/oots.md describes the parameters, the RDF mapping and the rules.
 */
#ifndef OOTS_H
#define OOTS_H

#include "oslo_plugin.h"

#include <libxml/tree.h>

#define NS_QUERY "urn:oasis:names:tc:ebxml-regrep:xsd:query:4.0"
#define NS_RIM   "urn:oasis:names:tc:ebxml-regrep:xsd:rim:4.0"
#define NS_RS    "urn:oasis:names:tc:ebxml-regrep:xsd:rs:4.0"
#define NS_SDG   "http://data.europa.eu/p4s"
#define NS_XSI   "http://www.w3.org/2001/XMLSchema-instance"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define NS_XML   "http://www.w3.org/XML/1998/namespace"

#define OOTS_SPECIFICATION  "oots-edm:v1.0"
#define OOTS_STATUS_SUCCESS "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"
#define OOTS_STATUS_FAILURE "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure"

/* ---- XML navigation (oots_xml.c); elements are matched on namespace and local name ---- */

extern bool oots_is(xmlNodePtr node, const char *ns, const char *name);
/* the first element child of parent with that namespace and name, or NULL */
extern xmlNodePtr oots_child(xmlNodePtr parent, const char *ns, const char *name);
/* the next element sibling of node with that namespace and name, or NULL */
extern xmlNodePtr oots_next(xmlNodePtr node, const char *ns, const char *name);
/* the rim:Slot child of parent named name, or NULL */
extern xmlNodePtr oots_slot(xmlNodePtr parent, const char *name);
/* the rim:SlotValue of the rim:Slot child of parent named name, or NULL */
extern xmlNodePtr oots_slot_value(xmlNodePtr parent, const char *name);
/*
 * The text content of node (its text and CDATA children), trimmed of XML
 * white space, in host memory; NULL when node is NULL or the text is empty.
 */
extern char *oots_text(xmlNodePtr node);
/* the value of an attribute (ns NULL: no namespace) without copying, or NULL */
extern const char *oots_attr(xmlNodePtr node, const char *ns, const char *name);
extern int oots_line(xmlNodePtr node);

/* ---- values (oots_values.c) ---- */

/* a lower- or upper-case RFC 4122 UUID in 8-4-4-4-12 form */
extern bool oots_is_uuid(const char *s);
/* xsd:date without time zone: YYYY-MM-DD, a real Gregorian date */
extern bool oots_is_date(const char *s);
/* xsd:dateTime: YYYY-MM-DDThh:mm:ss[.f+](Z|(+|-)hh:mm)? */
extern bool oots_is_datetime(const char *s);
/* n upper-case ASCII letters */
extern bool oots_is_upper_code(const char *s, size_t n);
/* the EAS code of urn:cef.eu:names:identifier:EAS:<code> is in the EAS list */
extern bool oots_is_eas_code(const char *code);
extern bool oots_in_list(const char *s, const char *const *list);
extern const char *const oots_procedures[];
extern const char *const oots_levels_of_assurance[];
extern const char *const oots_media_types[];
extern const char *const oots_genders[];
/* the list joined with ", " for messages (host memory) */
extern char *oots_list_text(const char *const *list);

/* ---- transforms ---- */

/* oots-request-params (JSON bytes) -> oots-request (XML bytes) (oots_request.c) */
extern void oots_write_request(const oslo_data *input, const char *options_json, oslo_data *output);
/* oots-response (XML) -> graph (oots_response.c) */
extern void oots_response_to_graph(const oslo_data *input, const char *options_json,
                                   oslo_data *output);
/* raise the rs:Exception of an error response (oots_exception.c) */
extern void oots_raise_exception(xmlNodePtr response, xmlNodePtr exception) OSLO_NORETURN;
/* oots-request / oots-response (XML) -> oots-check (JSON bytes) (oots_check.c) */
extern void oots_write_check(const oslo_data *input, const char *options_json, oslo_data *output);

/* ---- native checks (oots_check.c, rules in oots_check_rules.c) ---- */

typedef enum oots_message_kind
{
	OOTS_REQUEST,
	OOTS_RESPONSE,
	OOTS_ERROR_RESPONSE
} oots_message_kind;

typedef struct oots_finding
{
	const char *rule;     /* R-EDM-... */
	const char *severity; /* "error", "warning" */
	char *location;       /* path of the node, with its line */
	char *message;        /* the rule's text and the value found */
} oots_finding;

typedef struct oots_findings
{
	oots_finding *items;
	size_t count;
	size_t cap;
} oots_findings;

/* the kind of an EDM message; raises OSLO_ERR_XML_CONTENT for anything else */
extern oots_message_kind oots_message_kind_of(xmlDocPtr doc);
/* run every native rule of that kind's Schematron over doc; appends to out */
extern void oots_check_doc(xmlDocPtr doc, oots_message_kind kind, oots_findings *out);
extern void oots_findings_free(oots_findings *f);

typedef enum oots_test
{
	T_UUID_TAIL,       /* '[a-f0-9]{8}-...-[a-f0-9]{12}$', 'i' */
	T_URN_UUID_TAIL,   /* 'urn:uuid:[a-f0-9]{8}-...$', 'i' */
	T_DATETIME,        /* '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}', 'i' */
	T_DATE,            /* '[0-9]{4}-[0-9]{2}-[0-9]{2}', 'i' */
	T_EIDAS_ID,        /* '[a-z]{2}/[a-z]{2}/[a-z0-9]{9}', 'i' */
	T_HTTPS,           /* '^https://' */
	T_SR_DISTRIBUTION, /* '^https://sr.oots.tech.europa.eu/distributions/' */
	T_SR_EVIDENCE_TYPE, /* 'https://sr.oots.tech.europa.eu/evidencetypeclassifications/[a-z]{2}/UUID$',
	                       'i' */
	T_SR_REQUIREMENT,     /* '^https://sr.oots.tech.europa.eu/requirements/urn:uuid:UUID$' */
	T_NOT_SEVERITY_ERROR, /* not(matches(@severity, '...ErrorSeverityType:Error')) */
	T_GET_OR_POST,        /* matches(rim:Value,'^GET$') or matches(rim:value,'^POST$') */
	T_CID                 /* '^cid:[a-z0-9]*@[a-z0-9]*' */
} oots_test;

typedef enum oots_operand
{
	OP_NORMALIZED,    /* normalize-space(.) / normalize-space(text()) of the context node */
	OP_RIM_VALUE,     /* the string value of the rim:Value child */
	OP_ATTR_SEVERITY, /* @severity */
	OP_ATTR_HREF      /* @xlink:href */
} oots_operand;

typedef struct oots_rule
{
	const char *id;
	oots_message_kind kind; /* the transaction whose Schematron holds it */
	const char *context;    /* the rule's context, verbatim (an XPath 1.0 path) */
	oots_operand operand;
	oots_test test;
	const char *message; /* the assert's text */
} oots_rule;

extern const oots_rule oots_rules[];
extern const size_t oots_nrules;
/* the test applied to a string, as XPath 2.0 matches() would decide it */
extern bool oots_test_passes(oots_test test, const char *value);

#endif /* OOTS_H */
