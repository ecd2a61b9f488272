/*
 * shacl_result_text.c
 *	  One validation result as strings (see shacl_text.h).
 */
#include "shacl_internal.h"
#include "shacl_text.h"

#include <string.h>

static char *
term_text(const oslo_graph *g, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(g, id);

	if (t == NULL)
		return NULL;
	if (t->kind == OSLO_TERM_BLANK)
		return oslo_psprintf("_:%s", t->value);
	return oslo_strndup(t->value, t->len);
}

void
oslo_shacl_result_text_get(const oslo_shacl_report *r, size_t i, oslo_shacl_result_text *out)
{
	const oslo_shacl_result *res = &r->results[i];
	const oslo_graph *sg = oslo_shacl_shapes_graph(r->shapes);

	memset(out, 0, sizeof(*out));
	out->focus_node = term_text(r->terms, res->focus);
	if (res->path)
	{
		oslo_buf ps;

		oslo_buf_init(&ps);
		oslo_shacl_path_to_string(r->shapes, res->path, &ps);
		out->result_path = ps.data;
	}
	else if (res->path_predicate)
		out->result_path = term_text(r->terms, res->path_predicate);
	if (res->value)
		out->value = term_text(r->terms, res->value);
	out->source_constraint_component =
	    oslo_psprintf(OSLO_SH "%s", oslo_shacl_component_name(res->component));
	out->source_shape = term_text(sg, oslo_shacl_shape_term(res->shape));
	out->result_severity = term_text(sg, oslo_shacl_shape_severity(res->shape));
	if (res->shape->nmessages)
		out->result_message = term_text(sg, res->shape->messages[0]);
	else if (res->message)
		out->result_message = oslo_strdup(res->message);
}
