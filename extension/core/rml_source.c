/*
 * rml_source.c
 *	  Load a logical source through the caller's loader (XML with libxml2,
 *	  JSON with json-c, CSV), select its records with the iterator, and
 *	  evaluate references on a record.
 */
#include "rml_source.h"
#include "oslo_formats.h"

#include <json-c/json.h>
#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <string.h>

#define XSD_INTEGER OSLO_XSD "integer"
#define XSD_DOUBLE  OSLO_XSD "double"
#define XSD_BOOLEAN OSLO_XSD "boolean"

/* the nodes an iterator selected, under the namespaces of the source that asked */
typedef struct rml_iterated
{
	const rml_logical_source *ls;
	void **items;
	size_t n;
} rml_iterated;

void
rml_values_push(rml_values *v, const char *s, size_t len, const char *datatype)
{
	rml_value *item;

	if (v->n == v->cap)
	{
		v->cap = v->cap ? v->cap * 2 : 8;
		v->items = oslo_realloc(v->items, v->cap * sizeof(rml_value));
	}
	item = &v->items[v->n];
	if (v->n == v->allocated)
	{
		item->text_cap = len + 1 > 32 ? len + 1 : 32;
		item->text = oslo_alloc(item->text_cap);
		v->allocated++;
	}
	else if (item->text_cap < len + 1)
	{
		item->text_cap = len + 1;
		item->text = oslo_realloc(item->text, item->text_cap);
	}
	memcpy(item->text, s, len);
	item->text[len] = '\0';
	item->datatype = datatype;
	item->line = 0;
	item->node = NULL;
	v->n++;
}

void
rml_values_clear(rml_values *v)
{
	v->n = 0;
}

void
rml_values_free(rml_values *v)
{
	for (size_t i = 0; i < v->allocated; i++)
		oslo_free(v->items[i].text);
	oslo_free(v->items);
	v->items = NULL;
	v->n = v->cap = v->allocated = 0;
}

/* ---- documents ---- */

static void
release_xml(void *doc)
{
	oslo_formats_free_xml(doc);
}

static void
release_json(void *obj)
{
	json_object_put(obj);
}

static struct json_object *
parse_json(const char *bytes, size_t len, const char *name)
{
	struct json_tokener *tok;
	struct json_object *obj;
	enum json_tokener_error err;
	size_t end;

	if (len > INT32_MAX)
		oslo_error(OSLO_ERR_LIMIT, "JSON source \"%s\" of %zu bytes is too large", name, len);
	tok = json_tokener_new();
	if (tok == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not allocate a JSON parser");
	obj = json_tokener_parse_ex(tok, bytes, (int)len);
	err = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	while (obj && end < len && strchr(" \t\r\n", bytes[end]))
		end++;
	if (obj == NULL || err != json_tokener_success || end != len)
	{
		int line = 1;

		if (obj)
			json_object_put(obj);
		for (size_t i = 0; i < end && i < len; i++)
			line += bytes[i] == '\n';
		oslo_error(
		    OSLO_ERR_SYNTAX, "JSON source \"%s\" is not valid JSON at line %d: %s", name, line,
		    err != json_tokener_success ? json_tokener_error_desc(err) : "text after the value");
	}
	return obj;
}

rml_doc *
rml_doc_load(const rml_mapping *m, const rml_logical_source *ls, rml_source_loader loader,
             void *arg, const char *where)
{
	const char *name = ls->source;
	rml_formulation formulation = ls->formulation;
	size_t len = 0;
	const char *bytes = loader ? loader(name, &len, arg) : NULL;
	rml_doc *doc;

	if (bytes == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "%s: source \"%s\" is unknown to the source loader", where,
		           name);
	doc = oslo_alloc0(sizeof(rml_doc));
	doc->name = oslo_strdup(name);
	doc->formulation = formulation;
	switch (formulation)
	{
		case RML_XPATH:
		{
			char *what = oslo_psprintf("XML source \"%s\"", name);

			/*
			 * Records the mapping reads one at a time are streamed by each
			 * rml_records_open (the loader's bytes stay valid until rml_apply
			 * returns), with the options the host parses with; otherwise the
			 * host's parser builds the DOM (in a backend: pg_xml_init, the
			 * server's limits).
			 */
			if (rml_xml_streamable(m, name))
				doc->stream_options =
				    oslo_formats_xml_stream_options(bytes, len, what, &doc->stream_encoding);
			else
				doc->stream_options = -1;
			if (doc->stream_options >= 0)
			{
				doc->stream_bytes = bytes;
				doc->stream_len = len;
			}
			else
			{
				doc->xml = oslo_formats_parse_xml(bytes, len, what);
				doc->guard = oslo_guard_new(release_xml, doc->xml);
			}
			oslo_free(what);
			break;
		}
		case RML_JSONPATH:
			doc->json = parse_json(bytes, len, name);
			doc->guard = oslo_guard_new(release_json, doc->json);
			break;
		case RML_CSV:
			doc->csv = rml_csv_parse(bytes, len, name);
			break;
	}
	return doc;
}

rml_doc *
rml_doc_borrow_xml(const char *name, xmlDocPtr xml)
{
	rml_doc *doc = oslo_alloc0(sizeof(rml_doc));

	doc->name = oslo_strdup(name);
	doc->formulation = RML_XPATH;
	doc->xml = xml; /* no guard: the caller owns it */
	doc->stream_options = -1;
	return doc;
}

void
rml_doc_free(rml_doc *doc)
{
	if (doc->xpath_ctx_guard)
		oslo_guard_release(doc->xpath_ctx_guard);
	for (size_t i = 0; i < doc->niterated; i++)
		oslo_free(doc->iterated[i].items);
	oslo_free(doc->iterated);
	if (doc->guard)
		oslo_guard_release(doc->guard);
	if (doc->csv)
		rml_csv_free(doc->csv);
	oslo_free(doc->name);
	oslo_free(doc);
}

/* ---- records ---- */

/* keep libxml2's first message (without its newline) for ours; never print it */
static void
capture_xml_error(void *ctx, xmlErrorPtr e)
{
	char *message = ctx;

	if (message[0] == '\0' && e && e->message)
	{
		snprintf(message, 200, "%s", e->message);
		message[strcspn(message, "\n")] = '\0';
	}
}

static void
release_xpath_ctx(void *ctx)
{
	xmlXPathFreeContext(ctx);
}

/* the namespace prefixes of ls, and only those, in ctx */
static void
declare_namespaces(xmlXPathContextPtr ctx, const rml_logical_source *ls, const char *where)
{
	xmlXPathRegisteredNsCleanup(ctx);
	for (size_t i = 0; i < ls->nnamespaces; i++)
		if (xmlXPathRegisterNs(ctx, (const xmlChar *)ls->namespaces[i].prefix,
		                       (const xmlChar *)ls->namespaces[i].url) != 0)
			oslo_error(OSLO_ERR_PARAMETER,
			           "%s: could not declare the XPath namespace prefix \"%s\"", where,
			           ls->namespaces[i].prefix);
}

bool
rml_same_namespaces(const rml_logical_source *a, const rml_logical_source *b)
{
	if (a->nnamespaces != b->nnamespaces)
		return false;
	for (size_t i = 0; i < a->nnamespaces; i++)
		if (strcmp(a->namespaces[i].prefix, b->namespaces[i].prefix) != 0 ||
		    strcmp(a->namespaces[i].url, b->namespaces[i].url) != 0)
			return false;
	return true;
}

/* an equal iterator's records, evaluated before on this DOM, or NULL */
static const rml_iterated *
find_iterated(const rml_logical_source *ls, const rml_doc *doc)
{
	for (size_t i = 0; i < doc->niterated; i++)
		if (strcmp(doc->iterated[i].ls->iterator, ls->iterator) == 0 &&
		    rml_same_namespaces(doc->iterated[i].ls, ls))
			return &doc->iterated[i];
	return NULL;
}

static void
free_node_set(void *set)
{
	xmlXPathFreeNodeSet(set);
}

/*
 * XSLT's generate-id(node-set?) in every XPath context: a string naming the
 * (first) node, the same for the same node throughout one document, so a
 * mapping can key a blank node on an element without counting preceding
 * nodes (count(preceding::*) is linear per call). Elements of a DOM are
 * numbered in document order once (xmlXPathOrderDocElems), zero-padded so
 * that labels made from them sort in document order; mappings using it are
 * not streamed (rml_streamable.c).
 */
static void
xpath_generate_id(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlNodePtr node;
	char id[64];

	if (nargs > 1)
	{
		xmlXPathErr(ctxt, XPATH_INVALID_ARITY);
		return;
	}
	if (nargs == 1)
	{
		xmlXPathObjectPtr set = valuePop(ctxt);

		if (set == NULL || set->type != XPATH_NODESET)
		{
			xmlXPathFreeObject(set);
			xmlXPathErr(ctxt, XPATH_INVALID_TYPE);
			return;
		}
		node = set->nodesetval && set->nodesetval->nodeNr > 0 ? set->nodesetval->nodeTab[0] : NULL;
		xmlXPathFreeObject(set);
	}
	else
		node = ctxt->context->node;
	if (node == NULL)
		id[0] = '\0';
	else if (node->type == XML_ELEMENT_NODE && (ptrdiff_t)node->content < 0)
		snprintf(id, sizeof(id), "n%08td", -(ptrdiff_t)node->content);
	else if (node->type == XML_ATTRIBUTE_NODE && node->parent &&
	         (ptrdiff_t)node->parent->content < 0)
		snprintf(id, sizeof(id), "n%08tda%s", -(ptrdiff_t)node->parent->content,
		         (const char *)node->name);
	else
		snprintf(id, sizeof(id), "p%zx", (size_t)(uintptr_t)node);
	valuePush(ctxt, xmlXPathNewString((const xmlChar *)id));
}

static xmlXPathContextPtr
new_xpath_ctx(xmlDocPtr doc, oslo_guard **guard)
{
	xmlXPathContextPtr ctx = xmlXPathNewContext(doc);

	if (ctx == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not allocate an XPath context");
	*guard = oslo_guard_new(release_xpath_ctx, ctx);
	if (doc)
		xmlXPathOrderDocElems(doc);
	xmlXPathRegisterFunc(ctx, (const xmlChar *)"generate-id", xpath_generate_id);
	/*
	 * libxml2 cannot be interrupted inside one evaluation: bound each one
	 * instead, so a pathological expression (an administrator's mapping)
	 * ends in about a second and the record loop can answer a cancel.
	 */
	ctx->opLimit = rml_xpath_op_limit;
	/* references are evaluated once per record: reuse libxml2's result objects */
	xmlXPathContextSetCache(ctx, 1, -1, 0);
	return ctx;
}

static void
release_xpath_obj(void *obj)
{
	xmlXPathFreeObject(obj);
}

/*
 * While records are open, libxml2's messages go to their buffer (host
 * memory, so it outlives an error unwinding the stack until the guard
 * restores the previous handler).
 */
typedef struct rml_xpath_errors
{
	void *saved_ctx;
	xmlStructuredErrorFunc saved_fn;
	oslo_guard *guard;
	char message[200];
} rml_xpath_errors;

static void
restore_handler(void *arg)
{
	rml_xpath_errors *errors = arg;

	xmlSetStructuredErrorFunc(errors->saved_ctx, errors->saved_fn);
}

/* operations one XPath evaluation may take: ~1 s; a whole-document // over 100 MB needs a few
 * million */
unsigned long rml_xpath_op_limit = 100000000UL;

/* evaluate (libxml2 quiet while the records are open); NULL result raises naming the expression */
static xmlXPathObjectPtr
xpath_eval(const rml_records *r, const rml_ref *ref, xmlNodePtr node)
{
	xmlXPathObjectPtr res;

	/* the DOM's shared context may hold another source's prefixes (a join's parent) */
	if (r->doc->xpath_ctx == r->xpath_ctx && r->doc->xpath_ns != r->ls)
	{
		if (!rml_same_namespaces(r->doc->xpath_ns, r->ls))
			declare_namespaces(r->xpath_ctx, r->ls, r->where);
		r->doc->xpath_ns = r->ls;
	}
	r->errors->message[0] = '\0';
	r->xpath_ctx->node = node;
	r->xpath_ctx->opCount = 0;
	res = xmlXPathCompiledEval(ref->xpath, r->xpath_ctx);
	if (res == NULL && r->xpath_ctx->opCount >= r->xpath_ctx->opLimit)
		oslo_error(OSLO_ERR_LIMIT,
		           "%s: XPath \"%s\" on source \"%s\" needs more than %lu operations for one "
		           "evaluation",
		           r->where, ref->text, r->doc->name, r->xpath_ctx->opLimit);
	if (res == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "%s: XPath \"%s\" could not be evaluated on source \"%s\": %s (namespace "
		           "prefixes are declared with rml:namespace)",
		           r->where, ref->text, r->doc->name,
		           r->errors->message[0] ? r->errors->message : "evaluation failed");
	return res;
}

/* the nodes expr selects from node, added to set */
static void
add_iterated(const rml_records *r, const rml_logical_source *ls, const rml_ref *expr,
             xmlNodePtr node, xmlNodeSetPtr set)
{
	xmlXPathObjectPtr res = xpath_eval(r, expr, node);

	r->result_guard->resource = res;
	if (res->type != XPATH_NODESET)
		oslo_error(OSLO_ERR_PARAMETER, "%s: the iterator \"%s\" does not select nodes", r->where,
		           ls->iterator);
	if (xmlXPathNodeSetMerge(set, res->nodesetval) == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory evaluating an iterator");
	oslo_guard_release(r->result_guard);
}

/*
 * The records of ls's iterator on the DOM, evaluated once per document: an
 * iterator that extends another one on the same source (rml_compile.c,
 * iterator_base) is evaluated below each of that one's records instead of
 * from the root again.
 */
static const rml_iterated *
iterated_of(const rml_records *r, const rml_logical_source *ls)
{
	rml_doc *doc = r->doc;
	const rml_iterated *found = find_iterated(ls, doc);
	xmlNodeSetPtr set;
	oslo_guard *set_guard;
	rml_iterated *it;

	if (found)
		return found;
	set = xmlXPathNodeSetCreate(NULL);
	if (set == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory evaluating an iterator");
	set_guard = oslo_guard_new(free_node_set, set);
	if (ls->iterator_base)
	{
		const rml_iterated *base = iterated_of(r, ls->iterator_base);

		for (size_t i = 0; i < base->n; i++)
			add_iterated(r, ls, ls->iterator_rest, base->items[i], set);
		xmlXPathNodeSetSort(set); /* document order, as the whole path gives it */
	}
	else
		add_iterated(r, ls, ls->iterator_ref, (xmlNodePtr)doc->xml, set);
	doc->iterated = oslo_realloc(doc->iterated, (doc->niterated + 1) * sizeof(rml_iterated));
	it = &doc->iterated[doc->niterated];
	it->ls = ls;
	it->items = oslo_alloc(((size_t)set->nodeNr + 1) * sizeof(void *));
	it->n = 0;
	/* namespace nodes in a node-set are copies freed with it: they cannot be records */
	for (int i = 0; i < set->nodeNr; i++)
		if (set->nodeTab[i]->type != XML_NAMESPACE_DECL)
			it->items[it->n++] = set->nodeTab[i];
	oslo_guard_release(set_guard);
	return &doc->iterated[doc->niterated++];
}

void
rml_records_open(rml_records *r, const rml_logical_source *ls, rml_doc *doc, const char *where)
{
	memset(r, 0, sizeof(*r));
	r->ls = ls;
	r->doc = doc;
	r->where = where;
	if (ls->formulation == RML_XPATH)
	{
		/*
		 * The DOM's one context, shared by the triples maps reading it; a
		 * streamed record's document is set per record (rml_records_next),
		 * so each stream has its own.
		 */
		if (doc->xml && doc->xpath_ctx == NULL)
			doc->xpath_ctx = new_xpath_ctx(doc->xml, &doc->xpath_ctx_guard);
		r->xpath_ctx = doc->xml ? doc->xpath_ctx : new_xpath_ctx(NULL, &r->ctx_guard);
		r->result_guard = oslo_guard_new(release_xpath_obj, NULL);
		/* once per records, not per evaluation: setting it costs a thread lookup */
		r->errors = oslo_alloc0(sizeof(rml_xpath_errors));
		r->errors->saved_ctx = xmlStructuredErrorContext;
		r->errors->saved_fn = xmlStructuredError;
		r->errors->guard = oslo_guard_new(restore_handler, r->errors);
		xmlSetStructuredErrorFunc(r->errors->message, capture_xml_error);
		if (doc->xml == NULL || doc->xpath_ns == NULL || !rml_same_namespaces(doc->xpath_ns, ls))
			declare_namespaces(r->xpath_ctx, ls, where);
		if (doc->xml)
			doc->xpath_ns = ls;
		if (doc->xml == NULL)
		{
			r->stream = rml_xml_stream_open(doc, ls, where);
			r->items = oslo_alloc(sizeof(void *));
			return;
		}
		{
			const rml_iterated *it = iterated_of(r, ls);

			r->n = it->n;
			r->items = oslo_alloc((it->n + 1) * sizeof(void *));
			memcpy(r->items, it->items, it->n * sizeof(void *));
		}
	}
	else if (ls->formulation == RML_JSONPATH)
	{
		rml_json_nodes nodes = {0};

		rml_jsonpath_eval(ls->iterator_ref->jsonpath, doc->json, &nodes);
		r->n = nodes.n;
		r->items = (void **)nodes.items;
	}
	else
	{
		r->n = doc->csv->nrows;
		r->items = oslo_alloc((r->n + 1) * sizeof(void *));
		for (size_t i = 0; i < r->n; i++)
			r->items[i] = doc->csv->rows[i];
	}
}

bool
rml_records_next(rml_records *r, size_t *i)
{
	if (r->stream)
	{
		xmlNodePtr record = rml_xml_stream_next(r->stream);

		if (record == NULL)
			return false;
		r->items[0] = record;
		r->xpath_ctx->doc = record->doc;
		*i = 0;
		return true;
	}
	if (r->next >= r->n)
		return false;
	*i = r->next++;
	return true;
}

void
rml_records_close(rml_records *r)
{
	if (r->errors)
	{
		oslo_guard_release(r->errors->guard);
		oslo_free(r->errors);
	}
	if (r->result_guard)
		oslo_guard_release(r->result_guard);
	if (r->ctx_guard)
		oslo_guard_release(r->ctx_guard);
	if (r->stream)
		rml_xml_stream_close(r->stream);
	oslo_free(r->items);
	memset(r, 0, sizeof(*r));
}

/* ---- references ---- */

static void
push_xml_string(rml_values *out, xmlChar *s)
{
	if (s == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory evaluating XPath");
	rml_values_push(out, (const char *)s, strlen((const char *)s), NULL);
	xmlFree(s);
}

/* the string value of a node that is one text node's parent (the usual field), or NULL */
static const xmlChar *
single_text(xmlNodePtr node)
{
	xmlNodePtr child = node->children;

	if (child && child->next == NULL &&
	    (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE))
		return child->content;
	return NULL;
}

static void
push_node_value(rml_values *out, xmlNodePtr node)
{
	const xmlChar *text = single_text(node);
	xmlNodePtr element = node->type == XML_ATTRIBUTE_NODE ? node->parent : node;

	if (text)
		rml_values_push(out, (const char *)text, strlen((const char *)text), NULL);
	else
		push_xml_string(out, xmlXPathCastNodeToString(node));
	/* functions name the element a bad value came from */
	out->items[out->n - 1].line = element ? (int)xmlGetLineNo(element) : 0;
	out->items[out->n - 1].node = node;
}

/*
 * A reference that is one unprefixed name ("Naam") or attribute ("@id"):
 * the matching children of the record, found without the XPath machinery,
 * which costs more than the rest of the record. Same values in the same
 * (document) order as XPath. False when the reference is anything else.
 */
static bool
eval_simple_name(xmlNodePtr record, const char *text, rml_values *out)
{
	bool attribute = text[0] == '@';
	const char *name = attribute ? text + 1 : text;

	if (!(name[0] >= 'A' && name[0] <= 'Z') && !(name[0] >= 'a' && name[0] <= 'z') &&
	    name[0] != '_')
		return false;
	for (const char *p = name + 1; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '-' || *p == '.'))
			return false;
	if (record->type != XML_ELEMENT_NODE && record->type != XML_DOCUMENT_NODE)
		return false;
	if (attribute)
	{
		if (record->type != XML_ELEMENT_NODE)
			return true;
		for (xmlAttrPtr a = record->properties; a; a = a->next)
			if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
				push_node_value(out, (xmlNodePtr)a);
		return true;
	}
	for (xmlNodePtr c = record->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && c->ns == NULL &&
		    strcmp((const char *)c->name, name) == 0)
			push_node_value(out, c);
	return true;
}

static void
eval_xpath(const rml_records *r, size_t i, const rml_ref *ref, rml_values *out)
{
	xmlXPathObjectPtr res;

	if (eval_simple_name(r->items[i], ref->text, out))
		return;
	res = xpath_eval(r, ref, r->items[i]);
	r->result_guard->resource = res; /* re-armed: a guard per evaluation would pile up */
	if (res->type == XPATH_NODESET)
	{
		xmlNodeSetPtr set = res->nodesetval;

		for (int k = 0; set && k < set->nodeNr; k++)
			push_node_value(out, set->nodeTab[k]);
	}
	else
	{
		/*
		 * A string, number or boolean: one value, or none when it is the
		 * empty string, so that XPath 1.0 conditionals (substring(x, 1,
		 * n * (test))) can leave a value out.
		 */
		xmlChar *s = xmlXPathCastToString(res);

		if (s && s[0] == '\0')
			xmlFree(s);
		else
			push_xml_string(out, s);
	}
	oslo_guard_release(r->result_guard);
}

static void
eval_json(const rml_records *r, size_t i, const rml_ref *ref, rml_values *out)
{
	rml_json_nodes nodes = {0};

	rml_jsonpath_eval(ref->jsonpath, r->items[i], &nodes);
	for (size_t k = 0; k < nodes.n; k++)
	{
		struct json_object *o = nodes.items[k];
		const char *dt = NULL;
		const char *s;

		switch (json_object_get_type(o))
		{
			case json_type_string:
				rml_values_push(out, json_object_get_string(o),
				                (size_t)json_object_get_string_len(o), NULL);
				continue;
			case json_type_int:
				dt = XSD_INTEGER;
				break;
			case json_type_double:
				dt = XSD_DOUBLE;
				break;
			case json_type_boolean:
				dt = XSD_BOOLEAN;
				break;
			default:
				oslo_error(OSLO_ERR_DATA,
				           "%s: reference \"%s\" selects a JSON %s on source \"%s\", not a value "
				           "(select its items, e.g. with [*])",
				           r->where, ref->text,
				           json_object_is_type(o, json_type_array) ? "array" : "object",
				           r->doc->name);
		}
		s = json_object_get_string(o);
		rml_values_push(out, s, strlen(s), dt);
	}
	rml_json_nodes_free(&nodes);
}

static void
eval_csv(const rml_records *r, size_t i, const rml_ref *ref, rml_values *out)
{
	const rml_csv *t = r->doc->csv;
	char **row = r->items[i];

	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->header[c], ref->text) == 0)
		{
			rml_values_push(out, row[c], strlen(row[c]), NULL);
			return;
		}
	oslo_error(OSLO_ERR_DATA, "%s: reference \"%s\" is not a column of CSV source \"%s\"", r->where,
	           ref->text, r->doc->name);
}

void
rml_eval_ref(const rml_records *r, size_t i, const rml_ref *ref, rml_values *out)
{
	switch (r->ls->formulation)
	{
		case RML_XPATH:
			eval_xpath(r, i, ref, out);
			break;
		case RML_JSONPATH:
			eval_json(r, i, ref, out);
			break;
		case RML_CSV:
			eval_csv(r, i, ref, out);
			break;
	}
}
