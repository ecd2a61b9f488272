/*
 * shacl_report.c
 *	  The validation report as an sh:ValidationReport graph and as JSON.
 */
#include "shacl_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const component_names[OSLO_SH_COMPONENT_COUNT] = {
    "ClassConstraintComponent",
    "DatatypeConstraintComponent",
    "NodeKindConstraintComponent",
    "MinCountConstraintComponent",
    "MaxCountConstraintComponent",
    "MinExclusiveConstraintComponent",
    "MinInclusiveConstraintComponent",
    "MaxExclusiveConstraintComponent",
    "MaxInclusiveConstraintComponent",
    "MinLengthConstraintComponent",
    "MaxLengthConstraintComponent",
    "PatternConstraintComponent",
    "LanguageInConstraintComponent",
    "UniqueLangConstraintComponent",
    "EqualsConstraintComponent",
    "DisjointConstraintComponent",
    "LessThanConstraintComponent",
    "LessThanOrEqualsConstraintComponent",
    "NotConstraintComponent",
    "AndConstraintComponent",
    "OrConstraintComponent",
    "XoneConstraintComponent",
    "NodeConstraintComponent",
    "PropertyConstraintComponent",
    "QualifiedMinCountConstraintComponent",
    "QualifiedMaxCountConstraintComponent",
    "ClosedConstraintComponent",
    "HasValueConstraintComponent",
    "InConstraintComponent",
};

const char *
oslo_shacl_component_name(oslo_shacl_component c)
{
	return c < OSLO_SH_COMPONENT_COUNT ? component_names[c] : "UnknownConstraintComponent";
}

/* --- RDF ------------------------------------------------------------------ */

typedef struct report_builder
{
	oslo_graph *out;
	const oslo_graph *sg;   /* compiled shapes graph */
	shacl_map shape_blanks; /* shapes-graph blank id -> report blank */
} report_builder;

static oslo_term_id
sh(report_builder *b, const char *local)
{
	char buf[128];

	snprintf(buf, sizeof(buf), OSLO_SH "%s", local);
	return oslo_graph_iri_cstr(b->out, buf);
}

/* shapes-graph terms: blank nodes get report blank nodes of their own */
static oslo_term_id
shape_term(report_builder *b, oslo_term_id id)
{
	oslo_term_id mapped;

	if (oslo_graph_term(b->sg, id)->kind != OSLO_TERM_BLANK)
		return oslo_graph_import_term(b->out, b->sg, id);
	mapped = shacl_map_get(&b->shape_blanks, id);
	if (!mapped)
	{
		mapped = oslo_graph_fresh_blank(b->out);
		shacl_map_put(&b->shape_blanks, id, mapped);
	}
	return mapped;
}

static oslo_term_id write_path(report_builder *b, const oslo_shacl_path *p);

static oslo_term_id
write_list(report_builder *b, oslo_shacl_path *const *items, uint32_t n)
{
	oslo_term_id first = oslo_graph_iri_cstr(b->out, OSLO_RDF "first");
	oslo_term_id rest = oslo_graph_iri_cstr(b->out, OSLO_RDF "rest");
	oslo_term_id head = oslo_graph_iri_cstr(b->out, OSLO_RDF "nil");

	for (uint32_t i = n; i-- > 0;)
	{
		oslo_term_id cell = oslo_graph_fresh_blank(b->out);

		oslo_graph_add(b->out, cell, first, write_path(b, items[i]), 0);
		oslo_graph_add(b->out, cell, rest, head, 0);
		head = cell;
	}
	return head;
}

static oslo_term_id
write_path(report_builder *b, const oslo_shacl_path *p)
{
	static const char *const keyword[] = {
	    NULL,           "inversePath", NULL, "alternativePath", "zeroOrMorePath", "oneOrMorePath",
	    "zeroOrOnePath"};
	oslo_term_id node;

	switch (p->kind)
	{
		case SHACL_PATH_PREDICATE:
			return shape_term(b, p->predicate);
		case SHACL_PATH_SEQUENCE:
			return write_list(b, p->items, p->nitems);
		case SHACL_PATH_ALTERNATIVE:
			node = oslo_graph_fresh_blank(b->out);
			oslo_graph_add(b->out, node, sh(b, keyword[p->kind]),
			               write_list(b, p->items, p->nitems), 0);
			return node;
		default:
			node = oslo_graph_fresh_blank(b->out);
			oslo_graph_add(b->out, node, sh(b, keyword[p->kind]), write_path(b, p->sub), 0);
			return node;
	}
}

oslo_graph *
oslo_shacl_report_graph(const oslo_shacl_report *r)
{
	report_builder b;
	oslo_term_id report, type, result_pred;
	oslo_term_id *focus = oslo_alloc(sizeof(oslo_term_id) * (r->nresults + 1));
	oslo_term_id *value = oslo_alloc(sizeof(oslo_term_id) * (r->nresults + 1));
	oslo_term_id *pred = oslo_alloc(sizeof(oslo_term_id) * (r->nresults + 1));

	b.out = oslo_graph_new();
	b.sg = oslo_shacl_shapes_graph(r->shapes);
	shacl_map_init(&b.shape_blanks);
	/* data terms first, keeping their labels; fresh labels come after */
	for (size_t i = 0; i < r->nresults; i++)
	{
		const oslo_shacl_result *res = &r->results[i];

		focus[i] = oslo_graph_import_term(b.out, r->terms, res->focus);
		value[i] = res->value ? oslo_graph_import_term(b.out, r->terms, res->value) : 0;
		pred[i] =
		    res->path_predicate ? oslo_graph_import_term(b.out, r->terms, res->path_predicate) : 0;
	}
	type = oslo_graph_iri_cstr(b.out, OSLO_RDF_TYPE);
	report = oslo_graph_fresh_blank(b.out);
	oslo_graph_add(b.out, report, type, sh(&b, "ValidationReport"), 0);
	oslo_graph_add(
	    b.out, report, sh(&b, "conforms"),
	    oslo_graph_literal_cstr(b.out, r->conforms ? "true" : "false", OSLO_XSD "boolean", NULL),
	    0);
	result_pred = sh(&b, "result");
	for (size_t i = 0; i < r->nresults; i++)
	{
		const oslo_shacl_result *res = &r->results[i];
		oslo_term_id node = oslo_graph_fresh_blank(b.out);

		if ((i & 0xFFF) == 0)
			oslo_check_interrupts();
		oslo_graph_add(b.out, report, result_pred, node, 0);
		oslo_graph_add(b.out, node, type, sh(&b, "ValidationResult"), 0);
		oslo_graph_add(b.out, node, sh(&b, "focusNode"), focus[i], 0);
		if (res->path)
			oslo_graph_add(b.out, node, sh(&b, "resultPath"), write_path(&b, res->path), 0);
		else if (pred[i])
			oslo_graph_add(b.out, node, sh(&b, "resultPath"), pred[i], 0);
		if (value[i])
			oslo_graph_add(b.out, node, sh(&b, "value"), value[i], 0);
		oslo_graph_add(b.out, node, sh(&b, "sourceConstraintComponent"),
		               sh(&b, oslo_shacl_component_name(res->component)), 0);
		oslo_graph_add(b.out, node, sh(&b, "sourceShape"), shape_term(&b, res->shape->id), 0);
		oslo_graph_add(b.out, node, sh(&b, "resultSeverity"), shape_term(&b, res->shape->severity),
		               0);
		if (res->shape->nmessages)
			for (uint32_t m = 0; m < res->shape->nmessages; m++)
				oslo_graph_add(b.out, node, sh(&b, "resultMessage"),
				               shape_term(&b, res->shape->messages[m]), 0);
		else if (res->message)
			oslo_graph_add(b.out, node, sh(&b, "resultMessage"),
			               oslo_graph_literal_cstr(b.out, res->message, NULL, NULL), 0);
	}
	shacl_map_free(&b.shape_blanks);
	oslo_free(focus);
	oslo_free(value);
	oslo_free(pred);
	return b.out;
}

/* --- JSON ------------------------------------------------------------------ */

static void
json_string(oslo_buf *out, const char *s)
{
	oslo_buf_putc(out, '"');
	oslo_buf_json_escaped(out, s, strlen(s));
	oslo_buf_putc(out, '"');
}

static void
json_term(oslo_buf *out, const char *key, const oslo_graph *g, oslo_term_id id, bool with_type)
{
	const oslo_term *t = oslo_graph_term(g, id);

	oslo_buf_printf(out, ", \"%s\": ", key);
	if (t->kind == OSLO_TERM_BLANK)
	{
		oslo_buf_puts(out, "\"_:");
		oslo_buf_json_escaped(out, t->value, t->len);
		oslo_buf_putc(out, '"');
		return;
	}
	oslo_buf_putc(out, '"');
	oslo_buf_json_escaped(out, t->value, t->len);
	oslo_buf_putc(out, '"');
	if (t->kind == OSLO_TERM_LITERAL && with_type)
	{
		oslo_buf_printf(out, ", \"%sDatatype\": ", key);
		json_string(out, oslo_graph_term(g, t->datatype)->value);
		if (t->lang)
		{
			oslo_buf_printf(out, ", \"%sLanguage\": ", key);
			json_string(out, t->lang);
		}
	}
}

static bool
path_is_simple(const oslo_shacl_path *p)
{
	return p->kind == SHACL_PATH_PREDICATE;
}

static void
path_string(const oslo_graph *g, const oslo_shacl_path *p, bool nested, oslo_buf *out)
{
	static const char *const suffix[] = {"", "", "", "", "*", "+", "?"};
	bool group = nested && (p->kind == SHACL_PATH_SEQUENCE || p->kind == SHACL_PATH_ALTERNATIVE);

	if (group)
		oslo_buf_putc(out, '(');
	switch (p->kind)
	{
		case SHACL_PATH_PREDICATE:
			oslo_buf_printf(out, "<%s>", oslo_graph_term(g, p->predicate)->value);
			break;
		case SHACL_PATH_INVERSE:
			oslo_buf_putc(out, '^');
			path_string(g, p->sub, true, out);
			break;
		case SHACL_PATH_SEQUENCE:
		case SHACL_PATH_ALTERNATIVE:
			for (uint32_t i = 0; i < p->nitems; i++)
			{
				if (i)
					oslo_buf_putc(out, p->kind == SHACL_PATH_SEQUENCE ? '/' : '|');
				path_string(g, p->items[i], true, out);
			}
			break;
		default:
			path_string(g, p->sub, true, out);
			oslo_buf_puts(out, suffix[p->kind]);
			break;
	}
	if (group)
		oslo_buf_putc(out, ')');
}

void
oslo_shacl_path_to_string(const oslo_shacl_shapes *s, const oslo_shacl_path *p, oslo_buf *out)
{
	if (path_is_simple(p))
		oslo_buf_puts(out, oslo_graph_term(s->g, p->predicate)->value);
	else
		path_string(s->g, p, false, out);
}

void
oslo_shacl_report_json(const oslo_shacl_report *r, oslo_buf *out)
{
	const oslo_graph *sg = oslo_shacl_shapes_graph(r->shapes);

	oslo_buf_printf(out, "{\"conforms\": %s, \"sparqlShapesSkipped\": %u, \"results\": [",
	                r->conforms ? "true" : "false", r->sparql_shapes_skipped);
	for (size_t i = 0; i < r->nresults; i++)
	{
		const oslo_shacl_result *res = &r->results[i];

		if ((i & 0xFFF) == 0)
			oslo_check_interrupts();
		oslo_buf_puts(out, i ? ",\n  {" : "\n  {");
		/* the first key has no leading comma: write it by hand */
		{
			oslo_buf key;

			oslo_buf_init(&key);
			json_term(&key, "focusNode", r->terms, res->focus, false);
			oslo_buf_append(out, key.data + 2, key.len - 2);
			oslo_buf_free(&key);
		}
		if (res->path)
		{
			oslo_buf ps;

			oslo_buf_init(&ps);
			oslo_shacl_path_to_string(r->shapes, res->path, &ps);
			oslo_buf_puts(out, ", \"resultPath\": ");
			json_string(out, ps.data);
			oslo_buf_free(&ps);
		}
		else if (res->path_predicate)
			json_term(out, "resultPath", r->terms, res->path_predicate, false);
		if (res->value)
			json_term(out, "value", r->terms, res->value, true);
		oslo_buf_puts(out, ", \"sourceConstraintComponent\": ");
		oslo_buf_printf(out, "\"" OSLO_SH "%s\"", oslo_shacl_component_name(res->component));
		json_term(out, "sourceShape", sg, res->shape->id, false);
		json_term(out, "resultSeverity", sg, res->shape->severity, false);
		if (res->shape->nmessages)
			json_term(out, "resultMessage", sg, res->shape->messages[0], false);
		else if (res->message)
		{
			oslo_buf_puts(out, ", \"resultMessage\": ");
			json_string(out, res->message);
		}
		oslo_buf_putc(out, '}');
	}
	oslo_buf_puts(out, r->nresults ? "\n]}" : "]}");
}
