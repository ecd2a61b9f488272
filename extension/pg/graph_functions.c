/*
 * graph_functions.c
 *	  SQL functions on oslo.graph: parse, serialize, inspect, combine, compare.
 */
#include "pg_host.h"

#include "funcapi.h"
#include "oslo_formats.h"
#include "rdf_syntax.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

PG_FUNCTION_INFO_V1(graph_from_ntriples);
PG_FUNCTION_INFO_V1(graph_from_nquads);
PG_FUNCTION_INFO_V1(graph_from_turtle);
PG_FUNCTION_INFO_V1(graph_to_ntriples);
PG_FUNCTION_INFO_V1(graph_to_nquads);
PG_FUNCTION_INFO_V1(graph_to_turtle);
PG_FUNCTION_INFO_V1(graph_to_jsonld);
PG_FUNCTION_INFO_V1(graph_triples);
PG_FUNCTION_INFO_V1(graph_triple_count);
PG_FUNCTION_INFO_V1(graph_union);
PG_FUNCTION_INFO_V1(graph_agg_transfn);
PG_FUNCTION_INFO_V1(graph_agg_finalfn);
PG_FUNCTION_INFO_V1(graph_isomorphic);

static Datum
parse_text(text *t, oslo_rdf_syntax syntax, const char *what, const char *base)
{
	oslo_graph *g;
	size_t len = VARSIZE_ANY_EXHDR(t);

	oslo_pg_check_input_size(len, what);
	g = oslo_graph_new();
	oslo_rdf_parse(g, VARDATA_ANY(t), len, syntax, base);
	return oslo_pg_graph_to_datum(g);
}

Datum
graph_from_ntriples(PG_FUNCTION_ARGS)
{
	return parse_text(PG_GETARG_TEXT_PP(0), OSLO_SYNTAX_NTRIPLES, "N-Triples text", NULL);
}

Datum
graph_from_nquads(PG_FUNCTION_ARGS)
{
	return parse_text(PG_GETARG_TEXT_PP(0), OSLO_SYNTAX_NQUADS, "N-Quads text", NULL);
}

/* graph_from_turtle(text [, base text]): a NULL base means none */
Datum
graph_from_turtle(PG_FUNCTION_ARGS)
{
	const char *base = NULL;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_NARGS() > 1 && !PG_ARGISNULL(1))
		base = text_to_cstring(PG_GETARG_TEXT_PP(1));
	return parse_text(PG_GETARG_TEXT_PP(0), OSLO_SYNTAX_TURTLE, "Turtle text", base);
}

static text *
write_graph(oslo_graph *g, oslo_rdf_syntax syntax)
{
	oslo_buf b;

	oslo_buf_init(&b);
	oslo_rdf_write(g, syntax, NULL, 0, &b);
	return cstring_to_text_with_len(b.data, (int)b.len);
}

Datum
graph_to_ntriples(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(write_graph(PG_GETARG_OSLO_GRAPH(0), OSLO_SYNTAX_NTRIPLES));
}

Datum
graph_to_nquads(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(write_graph(PG_GETARG_OSLO_GRAPH(0), OSLO_SYNTAX_NQUADS));
}

/* {"<member>": <jsonb argument>} as options text, or NULL when the argument is NULL */
static char *
options_with_member(FunctionCallInfo fcinfo, int argno, const char *member)
{
	Jsonb *j;

	if (PG_NARGS() <= argno || PG_ARGISNULL(argno))
		return NULL;
	j = PG_GETARG_JSONB_P(argno);
	return psprintf("{\"%s\": %s}", member, JsonbToCString(NULL, &j->root, VARSIZE(j)));
}

Datum
graph_to_turtle(PG_FUNCTION_ARGS)
{
	oslo_buf b;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	oslo_buf_init(&b);
	oslo_formats_write(PG_GETARG_OSLO_GRAPH(0), "turtle",
	                   options_with_member(fcinfo, 1, "prefixes"), &b);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(b.data, (int)b.len));
}

Datum
graph_to_jsonld(PG_FUNCTION_ARGS)
{
	oslo_buf b;
	char *options = NULL;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	/* a context object, or the IRI of a registered one */
	options = options_with_member(fcinfo, 1, "context");
	oslo_buf_init(&b);
	oslo_formats_write(PG_GETARG_OSLO_GRAPH(0), "jsonld", options, &b);
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(b.data)));
}

static text *
term_text(const oslo_graph *g, oslo_term_id id)
{
	const oslo_term *t = oslo_graph_term(g, id);

	if (t->kind == OSLO_TERM_BLANK)
		return cstring_to_text(psprintf("_:%s", t->value));
	return cstring_to_text_with_len(t->value, (int)t->len);
}

/* one row per statement, in the order to_nquads prints them */
Datum
graph_triples(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
	oslo_graph *g;
	uint32_t *order;
	const oslo_quad *quads;
	size_t n;

	InitMaterializedSRF(fcinfo, 0);
	g = PG_GETARG_OSLO_GRAPH(0);
	order = oslo_graph_sorted_order(g);
	quads = oslo_graph_quads(g);
	n = oslo_graph_size(g);
	for (size_t i = 0; i < n; i++)
	{
		const oslo_quad *q = &quads[order[i]];
		const oslo_term *o = oslo_graph_term(g, q->o);
		Datum values[6];
		bool nulls[6] = {false, false, false, true, true, true};

		values[0] = PointerGetDatum(term_text(g, q->s));
		values[1] = PointerGetDatum(term_text(g, q->p));
		values[2] = PointerGetDatum(term_text(g, q->o));
		if (o->kind == OSLO_TERM_LITERAL)
		{
			values[3] = PointerGetDatum(term_text(g, o->datatype));
			nulls[3] = false;
			if (o->lang)
			{
				values[4] = CStringGetTextDatum(o->lang);
				nulls[4] = false;
			}
		}
		if (q->g)
		{
			values[5] = PointerGetDatum(term_text(g, q->g));
			nulls[5] = false;
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum)0;
}

Datum
graph_triple_count(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64((int64)oslo_graph_size(PG_GETARG_OSLO_GRAPH(0)));
}

Datum
graph_union(PG_FUNCTION_ARGS)
{
	oslo_graph *a = PG_GETARG_OSLO_GRAPH(0);
	oslo_graph *b = PG_GETARG_OSLO_GRAPH(1);

	oslo_graph_merge(a, b);
	PG_RETURN_OSLO_GRAPH(a);
}

/*
 * graph_agg: the state is a core graph in the aggregate's memory context;
 * each input is decoded in a short-lived context and merged in.
 */
Datum
graph_agg_transfn(PG_FUNCTION_ARGS)
{
	MemoryContext aggcontext;
	MemoryContext old;
	oslo_graph *state;

	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
		                errmsg("graph_agg_transfn called in a non-aggregate context")));
	old = MemoryContextSwitchTo(aggcontext);
	state = PG_ARGISNULL(0) ? oslo_graph_new() : (oslo_graph *)PG_GETARG_POINTER(0);
	MemoryContextSwitchTo(old);
	if (!PG_ARGISNULL(1))
	{
		oslo_graph *in = PG_GETARG_OSLO_GRAPH(1);

		old = MemoryContextSwitchTo(aggcontext);
		oslo_graph_merge(state, in);
		MemoryContextSwitchTo(old);
	}
	PG_RETURN_POINTER(state);
}

Datum
graph_agg_finalfn(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	PG_RETURN_OSLO_GRAPH((oslo_graph *)PG_GETARG_POINTER(0));
}

Datum
graph_isomorphic(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(oslo_graph_isomorphic(PG_GETARG_OSLO_GRAPH(0), PG_GETARG_OSLO_GRAPH(1)));
}
