/*
 * rml_compile_terms.c
 *	  Compile term maps (constant, reference, template; term types,
 *	  languages, datatypes) and the references in them.
 */
#include "rml_compiler.h"
#include "rdf_syntax.h"

#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- references ---- */

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

static xmlXPathCompExprPtr
compile_xpath(compiler *c, const char *expr)
{
	void *saved_ctx = xmlStructuredErrorContext;
	xmlStructuredErrorFunc saved = xmlStructuredError;
	xmlXPathCompExprPtr comp;
	rml_xpath_list *list = c->m->xpaths;
	char message[200] = "";

	xmlSetStructuredErrorFunc(message, capture_xml_error);
	comp = xmlXPathCompile((const xmlChar *)expr);
	xmlSetStructuredErrorFunc(saved_ctx, saved);
	if (comp == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "%s: XPath \"%s\" does not compile: %s", c->where, expr,
		           message[0] ? message : "invalid expression");
	if (list->n == list->cap)
	{
		size_t cap = list->cap ? list->cap * 2 : 16;
		xmlXPathCompExprPtr *items = realloc(list->items, cap * sizeof(*items));

		if (items == NULL)
		{
			xmlXPathFreeCompExpr(comp);
			oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory compiling XPath");
		}
		list->items = items;
		list->cap = cap;
	}
	list->items[list->n++] = comp; /* the mapping's guard frees it from now on */
	return comp;
}

rml_ref *
rml_compile_ref(compiler *c, const rml_logical_source *ls, const char *text)
{
	rml_ref *ref = rml_plan_alloc(c->m, sizeof(rml_ref));

	ref->text = rml_plan_strdup(c->m, text);
	if (ls->formulation == RML_XPATH)
		ref->xpath = compile_xpath(c, text);
	else if (ls->formulation == RML_JSONPATH)
	{
		rml_mapping *m = c->m;

		if (m->njsonpaths == m->jsonpaths_cap)
		{
			m->jsonpaths_cap = m->jsonpaths_cap ? m->jsonpaths_cap * 2 : 16;
			m->jsonpaths = oslo_realloc(m->jsonpaths, m->jsonpaths_cap * sizeof(rml_jsonpath *));
		}
		ref->jsonpath = rml_jsonpath_compile(text, c->where);
		m->jsonpaths[m->njsonpaths++] = ref->jsonpath;
	}
	return ref;
}

/* ---- term maps ---- */

static const char *const role_names[] = {"subject map", "predicate map",  "object map",
                                         "graph map",   "datatype map",   "language map",
                                         "join map",    "input value map"};

static rml_term_type
term_type_of(compiler *c, oslo_term_id tt, term_role role)
{
	if (rml_is_vocab(c->g, tt, "IRI"))
		return RML_IRI;
	if (rml_is_vocab(c->g, tt, "URI"))
		return RML_URI;
	if (rml_is_vocab(c->g, tt, "UnsafeIRI"))
		return RML_UNSAFE_IRI;
	if (rml_is_vocab(c->g, tt, "BlankNode"))
		return RML_BLANK;
	if (rml_is_vocab(c->g, tt, "Literal"))
		return RML_LITERAL;
	oslo_error(OSLO_ERR_PARAMETER, "%s: %s has an unknown rml:termType %s", c->where,
	           role_names[role], rml_term_name(c->g, tt));
}

/* a shortcut (rml:predicate ex:p) is a constant-valued term map */
rml_term_map *
rml_constant_map(compiler *c, oslo_term_id value, term_role role)
{
	rml_term_map *tm = rml_plan_alloc(c->m, sizeof(rml_term_map));
	const oslo_term *t = oslo_graph_term(c->g, value);

	tm->kind = RML_CONSTANT;
	tm->constant = rml_plan_strdup(c->m, t->value);
	if (t->kind == OSLO_TERM_LITERAL)
	{
		const oslo_term *dt = oslo_graph_term(c->g, t->datatype);

		tm->type = RML_LITERAL;
		if (t->lang)
			tm->constant_lang = rml_plan_strdup(c->m, t->lang);
		else if (strcmp(dt->value, OSLO_XSD_STRING) != 0)
			tm->constant_datatype = rml_plan_strdup(c->m, dt->value);
	}
	else if (t->kind == OSLO_TERM_BLANK)
		oslo_error(OSLO_ERR_PARAMETER, "%s: a constant %s cannot be a blank node", c->where,
		           role_names[role]);
	else
		tm->type = RML_IRI;
	if (tm->type == RML_LITERAL && role != ROLE_OBJECT && role != ROLE_DATATYPE &&
	    role != ROLE_LANGUAGE && role != ROLE_JOIN && role != ROLE_INPUT)
		oslo_error(OSLO_ERR_PARAMETER, "%s: the constant %s \"%s\" must be an IRI", c->where,
		           role_names[role], t->value);
	return tm;
}

static void
compile_literal_modifiers(compiler *c, const rml_logical_source *ls, oslo_term_id node,
                          rml_term_map *tm)
{
	oslo_term_id lang = rml_prop(c, node, "language");
	oslo_term_id lang_map = rml_prop(c, node, "languageMap");
	oslo_term_id dt = rml_prop(c, node, "datatype");
	oslo_term_id dt_map = rml_prop(c, node, "datatypeMap");

	if ((lang || lang_map) && (dt || dt_map))
		oslo_error(OSLO_ERR_PARAMETER, "%s: an object map has both a language and a datatype",
		           c->where);
	if (lang)
	{
		tm->language = rml_plan_strdup(c->m, rml_string_value(c, lang, "language"));
		if (!rml_language_tag_valid(tm->language))
			oslo_error(OSLO_ERR_PARAMETER, "%s: rml:language \"%s\" is not a valid language tag",
			           c->where, tm->language);
	}
	if (lang_map)
		tm->language_map = rml_compile_term_map(c, ls, lang_map, ROLE_LANGUAGE);
	if (dt)
	{
		const oslo_term *t = oslo_graph_term(c->g, dt);

		if (t->kind != OSLO_TERM_IRI)
			oslo_error(OSLO_ERR_PARAMETER, "%s: rml:datatype must be an IRI", c->where);
		tm->datatype = rml_plan_strdup(c->m, t->value);
	}
	if (dt_map)
		tm->datatype_map = rml_compile_term_map(c, ls, dt_map, ROLE_DATATYPE);
	if (tm->language || tm->language_map || tm->datatype || tm->datatype_map)
	{
		if (tm->type != RML_LITERAL && tm->kind != RML_CONSTANT)
			oslo_error(OSLO_ERR_PARAMETER,
			           "%s: a language or datatype on an object map that is not a literal",
			           c->where);
	}
}

/* an IRI term's value, or an error naming what it should have been */
static const char *
iri_value(compiler *c, oslo_term_id id, const char *what)
{
	const oslo_term *t = id ? oslo_graph_term(c->g, id) : NULL;

	if (t == NULL || t->kind != OSLO_TERM_IRI)
		oslo_error(OSLO_ERR_PARAMETER, "%s: %s must be an IRI", c->where, what);
	return t->value;
}

/*
 * rml:functionExecution [ rml:function F ; rml:input [ rml:parameter P ;
 * rml:inputValueMap M ] ... ]: the function must be one of ours, each
 * parameter one of its own and given once, the required ones given.
 */
static rml_function_call *
compile_function_call(compiler *c, const rml_logical_source *ls, oslo_term_id execution,
                      oslo_term_id node)
{
	const char *fname = iri_value(c, rml_prop(c, execution, "function"), "rml:function");
	const rml_function *f = rml_function_find(fname);
	oslo_term_id ret = rml_prop(c, node, "return");
	rml_function_call *call;
	oslo_term_id *inputs;
	size_t ninputs, nparams;

	if (f == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "%s: unknown function <%s> (the built-in functions are in <" RML_FN_NS
		           ">; docs/rml.md lists them)",
		           c->where, fname);
	if (ret && strcmp(iri_value(c, ret, "rml:return"), RML_FN_NS "output") != 0)
		oslo_error(OSLO_ERR_PARAMETER, "%s: <%s> has one output, <" RML_FN_NS "output>", c->where,
		           fname);
	nparams = rml_function_nparams(f);
	call = rml_plan_alloc(c->m, sizeof(rml_function_call));
	call->function = f;
	call->inputs = rml_plan_alloc(c->m, RML_FN_MAX_PARAMS * sizeof(rml_term_map *));
	inputs = rml_props_all(c, execution, "input", &ninputs);
	for (size_t i = 0; i < ninputs; i++)
	{
		const char *pname = iri_value(c, rml_prop(c, inputs[i], "parameter"), "rml:parameter");
		int k = rml_function_param(f, pname);
		oslo_term_id value_map = rml_prop(c, inputs[i], "inputValueMap");
		oslo_term_id value = rml_prop(c, inputs[i], "inputValue");

		if (k < 0)
			oslo_error(OSLO_ERR_PARAMETER, "%s: <%s> has no parameter <%s>", c->where, fname,
			           pname);
		if (call->inputs[k])
			oslo_error(OSLO_ERR_PARAMETER, "%s: parameter <%s> of <%s> is given twice", c->where,
			           pname, fname);
		if ((value_map != 0) == (value != 0))
			oslo_error(OSLO_ERR_PARAMETER,
			           "%s: input <%s> of <%s> needs one of rml:inputValueMap, rml:inputValue",
			           c->where, pname, fname);
		call->inputs[k] = value ? rml_constant_map(c, value, ROLE_INPUT)
		                        : rml_compile_term_map(c, ls, value_map, ROLE_INPUT);
	}
	for (size_t k = 0; k < nparams; k++)
		if ((f->required & (1u << k)) && call->inputs[k] == NULL)
			oslo_error(OSLO_ERR_PARAMETER, "%s: <%s> needs its parameter <" RML_FN_NS "%s>",
			           c->where, fname, f->params[k]);
	return call;
}

rml_term_map *
rml_compile_term_map(compiler *c, const rml_logical_source *ls, oslo_term_id node, term_role role)
{
	oslo_term_id constant = rml_prop(c, node, "constant");
	oslo_term_id reference = rml_prop(c, node, "reference");
	oslo_term_id template = rml_prop(c, node, "template");
	oslo_term_id tt = rml_prop(c, node, "termType");
	oslo_term_id execution = rml_prop(c, node, "functionExecution");
	rml_term_map *tm;
	int nvalues;

	if (reference == 0)
		reference = rml_prop(c, node, "column"); /* R2RML */
	nvalues = (constant != 0) + (reference != 0) + (template != 0) + (execution != 0);
	if (nvalues == 0 && tt && rml_is_vocab(c->g, tt, "BlankNode") &&
	    (role == ROLE_SUBJECT || role == ROLE_OBJECT))
	{
		tm = rml_plan_alloc(c->m, sizeof(rml_term_map));
		tm->kind = RML_FRESH_BLANK;
		tm->type = RML_BLANK;
		return tm;
	}
	if (nvalues != 1)
		oslo_error(OSLO_ERR_PARAMETER,
		           "%s: a %s needs exactly one of rml:constant, rml:reference, rml:template, "
		           "rml:functionExecution (it has %d)",
		           c->where, role_names[role], nvalues);
	if (constant)
	{
		tm = rml_constant_map(c, constant, role);
		if (tt)
		{
			rml_term_type want = term_type_of(c, tt, role);
			bool iri_like = want == RML_IRI || want == RML_URI || want == RML_UNSAFE_IRI;

			if ((tm->type == RML_IRI) != iri_like)
				oslo_error(OSLO_ERR_PARAMETER,
				           "%s: the rml:termType of the constant %s \"%s\" does not match it",
				           c->where, role_names[role], tm->constant);
		}
	}
	else
	{
		tm = rml_plan_alloc(c->m, sizeof(rml_term_map));
		if (reference)
		{
			tm->kind = RML_REFERENCE;
			tm->ref = rml_compile_ref(c, ls, rml_string_value(c, reference, "reference"));
		}
		else if (execution)
		{
			tm->kind = RML_FUNCTION;
			tm->call = compile_function_call(c, ls, execution, node);
		}
		else
		{
			char *where = oslo_psprintf("%s: %s", c->where, role_names[role]);

			tm->kind = RML_TEMPLATE;
			rml_template_split(c->m, rml_string_value(c, template, "template"), where, &tm->parts,
			                   &tm->nparts);
			oslo_free(where);
			tm->template_iri_safe =
			    tm->nparts > 0 && !tm->parts[0].ref && oslo_iri_is_absolute(tm->parts[0].text);
			for (size_t i = 0; i < tm->nparts; i++)
				if (tm->parts[i].ref)
					tm->parts[i].ref = rml_compile_ref(c, ls, tm->parts[i].text);
				else if (!rml_iri_chars_valid(tm->parts[i].text))
					tm->template_iri_safe = false;
		}
		/* defaults: literals for referenced objects (and with a language or datatype) */
		if (tt)
			tm->type = term_type_of(c, tt, role);
		else if (role == ROLE_OBJECT &&
		         (reference || execution || rml_prop(c, node, "language") ||
		          rml_prop(c, node, "languageMap") || rml_prop(c, node, "datatype") ||
		          rml_prop(c, node, "datatypeMap")))
			tm->type = RML_LITERAL;
		else if (role == ROLE_DATATYPE || role == ROLE_LANGUAGE || role == ROLE_JOIN ||
		         role == ROLE_INPUT)
			tm->type = RML_LITERAL; /* plain values: a template's values are not IRI-encoded */
		else
			tm->type = RML_IRI;
	}
	switch (role)
	{
		case ROLE_SUBJECT:
			if (tm->type == RML_LITERAL)
				oslo_error(OSLO_ERR_PARAMETER, "%s: a subject map cannot generate literals",
				           c->where);
			break;
		case ROLE_PREDICATE:
		case ROLE_GRAPH:
			if (tm->type == RML_LITERAL || tm->type == RML_BLANK)
				oslo_error(OSLO_ERR_PARAMETER, "%s: a %s must generate IRIs", c->where,
				           role_names[role]);
			break;
		case ROLE_OBJECT:
			compile_literal_modifiers(c, ls, node, tm);
			break;
		default:
			break;
	}
	return tm;
}

/* a term map given as a node or as its shortcut property (rml:predicate ex:p) */
rml_term_map **
rml_term_maps(compiler *c, const rml_logical_source *ls, oslo_term_id node, const char *map_prop,
              const char *shortcut, term_role role, size_t *n)
{
	size_t nmaps, nshort;
	oslo_term_id *maps = rml_props_all(c, node, map_prop, &nmaps);
	oslo_term_id *shorts = rml_props_all(c, node, shortcut, &nshort);
	rml_term_map **out = rml_plan_alloc(c->m, (nmaps + nshort + 1) * sizeof(rml_term_map *));

	*n = 0;
	for (size_t i = 0; i < nmaps; i++)
		out[(*n)++] = rml_compile_term_map(c, ls, maps[i], role);
	for (size_t i = 0; i < nshort; i++)
		out[(*n)++] = rml_constant_map(c, shorts[i], role);
	return out;
}
