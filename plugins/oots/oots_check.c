/*
 * oots_check.c
 *	  Running the native EDM Schematron rules (oots_check_rules.c) over a
 *	  document, and the oots-check transform that reports them as JSON.
 *
 * A Schematron rule context is an XSLT match pattern; "a/b" matches every
 * b child of an a wherever it is, which is what the XPath 1.0 select
 * "//a/b" returns, so each context is evaluated with libxml2's XPath
 * (never loads anything) and the XPath 2.0 test -- matches() -- is done in
 * C (oots_test_passes). Each rule sits alone in its Schematron pattern, so
 * no earlier rule can shadow it. Findings come out in rule order, then
 * document order.
 */
#include "oots.h"

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

oots_message_kind
oots_message_kind_of(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);

	if (oots_is(root, NS_QUERY, "QueryRequest"))
		return OOTS_REQUEST;
	if (oots_is(root, NS_QUERY, "QueryResponse"))
	{
		const char *status = oots_attr(root, NULL, "status");

		if (oots_child(root, NS_RS, "Exception") ||
		    (status && strcmp(status, OOTS_STATUS_FAILURE) == 0))
			return OOTS_ERROR_RESPONSE;
		return OOTS_RESPONSE;
	}
	oslo_error(OSLO_ERR_XML_CONTENT,
	           "not an OOTS evidence exchange message: the root element is %s%s%s, not "
	           "query:QueryRequest or query:QueryResponse (namespace %s)",
	           root ? (const char *)root->name : "missing",
	           root && root->ns ? " in namespace " : "",
	           root && root->ns ? (const char *)root->ns->href : "", NS_QUERY);
	return OOTS_REQUEST;
}

static void
add_finding(oots_findings *out, const oots_rule *r, xmlNodePtr node, const char *value)
{
	xmlChar *path;
	oots_finding *f;
	int line = oots_line(node->type == XML_ATTRIBUTE_NODE ? node->parent : node);

	if (out->count == out->cap)
	{
		out->cap = out->cap ? out->cap * 2 : 8;
		out->items = oslo_realloc(out->items, out->cap * sizeof(oots_finding));
	}
	f = &out->items[out->count];
	f->rule = r->id;
	f->severity = "error";
	path = xmlGetNodePath(node);
	f->location = oslo_psprintf("%s (line %d)", path ? (const char *)path : "?", line);
	xmlFree(path);
	f->message = oslo_psprintf("%s Found: \"%.200s\".", r->message, value ? value : "");
	out->count++;
}

/* XPath normalize-space(): collapse runs of XML white space, trim both ends */
static char *
normalize_space(const char *s)
{
	char *out = oslo_alloc(strlen(s) + 1), *o = out;
	bool space = false;

	for (; *s; s++)
	{
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			space = o != out;
		else
		{
			if (space)
				*o++ = ' ';
			space = false;
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* the text below first and its siblings, in document order */
static void
collect_text(xmlNodePtr first, oslo_buf *b)
{
	for (xmlNodePtr n = first; n; n = n->next)
	{
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
			oslo_buf_puts(b, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			collect_text(n->children, b);
	}
}

/* the XPath string value of an element or attribute node */
static char *
string_value(xmlNodePtr node)
{
	oslo_buf b;

	oslo_buf_init(&b);
	if (node)
		collect_text(node->children, &b);
	return b.data;
}

/* the text of the operand the rule's test reads */
static char *
operand_value(const oots_rule *r, xmlNodePtr node)
{
	switch (r->operand)
	{
		case OP_NORMALIZED:
		{
			char *raw = string_value(node);
			char *v = normalize_space(raw);

			oslo_free(raw);
			return v;
		}
		case OP_RIM_VALUE:
		{
			xmlNodePtr value = oots_child(node, NS_RIM, "Value");

			return value ? string_value(value) : oslo_strdup("");
		}
		case OP_ATTR_SEVERITY:
		{
			const char *s = oots_attr(node, NULL, "severity");

			return oslo_strdup(s ? s : "");
		}
		case OP_ATTR_HREF:
		{
			const char *s = oots_attr(node, NS_XLINK, "href");

			return oslo_strdup(s ? s : "");
		}
	}
	return oslo_strdup("");
}

static void
release_xpath_context(void *ctx)
{
	xmlXPathFreeContext((xmlXPathContextPtr)ctx);
}

static void
release_xpath_object(void *obj)
{
	xmlXPathFreeObject((xmlXPathObjectPtr)obj);
}

/* the nodes a context selects, copied into host memory */
static xmlNodePtr *
select_nodes(xmlXPathContextPtr ctx, const char *context, size_t *n)
{
	char *expr = oslo_psprintf("//%s", context);
	xmlXPathObjectPtr res = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlNodePtr *nodes = NULL;
	xmlNodeSetPtr set;
	oslo_guard *guard;

	oslo_free(expr);
	if (res == NULL)
		oslo_error(OSLO_ERR_PLUGIN, "oots: the context of an EDM rule does not compile: %s",
		           context);
	guard = oslo_guard_new(release_xpath_object, res);
	set = res->type == XPATH_NODESET ? res->nodesetval : NULL;
	*n = set ? (size_t)set->nodeNr : 0;
	if (*n)
	{
		nodes = oslo_alloc(*n * sizeof(xmlNodePtr));
		memcpy(nodes, set->nodeTab, *n * sizeof(xmlNodePtr));
	}
	oslo_guard_release(guard);
	return nodes;
}

void
oots_check_doc(xmlDocPtr doc, oots_message_kind kind, oots_findings *out)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
	oslo_guard *guard;
	static const char *const ns[][2] = {{"query", NS_QUERY}, {"rim", NS_RIM}, {"rs", NS_RS},
	                                    {"sdg", NS_SDG},     {"xsi", NS_XSI}, {"xlink", NS_XLINK}};

	if (ctx == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not allocate an XPath context");
	guard = oslo_guard_new(release_xpath_context, ctx);
	for (size_t i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		if (xmlXPathRegisterNs(ctx, (const xmlChar *)ns[i][0], (const xmlChar *)ns[i][1]) != 0)
			oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not register an XPath namespace");

	for (size_t r = 0; r < oots_nrules; r++)
	{
		const oots_rule *rule = &oots_rules[r];
		size_t n;
		xmlNodePtr *nodes;

		if (rule->kind != kind)
			continue;
		oslo_check_interrupts();
		nodes = select_nodes(ctx, rule->context, &n);
		for (size_t i = 0; i < n; i++)
		{
			char *value = operand_value(rule, nodes[i]);

			if (!oots_test_passes(rule->test, value))
				add_finding(out, rule, nodes[i], value);
			oslo_free(value);
		}
		oslo_free(nodes);
	}
	oslo_guard_release(guard);
}

void
oots_findings_free(oots_findings *f)
{
	for (size_t i = 0; i < f->count; i++)
	{
		oslo_free(f->items[i].location);
		oslo_free(f->items[i].message);
	}
	oslo_free(f->items);
	memset(f, 0, sizeof(*f));
}

static void
json_string(oslo_buf *b, const char *s)
{
	oslo_buf_putc(b, '"');
	oslo_buf_json_escaped(b, s, strlen(s));
	oslo_buf_putc(b, '"');
}

/* oots-request / oots-response -> oots-check: [{"rule", "severity", "location", "message"}] */
void
oots_write_check(const oslo_data *input, const char *options_json, oslo_data *output)
{
	oots_findings f;
	oslo_buf b;

	memset(&f, 0, sizeof(f));
	oots_check_doc(input->xml, oots_message_kind_of(input->xml), &f);
	oslo_buf_init(&b);
	oslo_buf_putc(&b, '[');
	for (size_t i = 0; i < f.count; i++)
	{
		oslo_buf_puts(&b, i ? ",\n{\"rule\": " : "{\"rule\": ");
		json_string(&b, f.items[i].rule);
		oslo_buf_puts(&b, ", \"severity\": ");
		json_string(&b, f.items[i].severity);
		oslo_buf_puts(&b, ", \"location\": ");
		json_string(&b, f.items[i].location);
		oslo_buf_puts(&b, ", \"message\": ");
		json_string(&b, f.items[i].message);
		oslo_buf_putc(&b, '}');
	}
	oslo_buf_putc(&b, ']');
	oots_findings_free(&f);
	output->kind = OSLO_DATA_BYTES;
	output->bytes = b.data;
	output->len = b.len;
}
