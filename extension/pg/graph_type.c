/*
 * graph_type.c
 *	  The oslo.graph type: a varlena around the core's binary graph encoding,
 *	  with N-Quads as its text form.
 */
#include "pg_host.h"

#include "libpq/pqformat.h"
#include "utils/memutils.h"
#include "rdf_syntax.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(graph_in);
PG_FUNCTION_INFO_V1(graph_out);
PG_FUNCTION_INFO_V1(graph_recv);
PG_FUNCTION_INFO_V1(graph_send);

oslo_graph *
oslo_pg_graph_from_datum(Datum d)
{
	struct varlena *v = PG_DETOAST_DATUM(d);

	/* a stored value may be corrupt: the decoder checks every byte */
	return oslo_graph_decode(VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v));
}

Datum
oslo_pg_graph_to_datum(const oslo_graph *g)
{
	oslo_buf b;
	struct varlena *v;

	oslo_buf_init(&b);
	oslo_graph_encode(g, &b);
	if (b.len > MaxAllocSize - VARHDRSZ)
		ereport(ERROR,
		        (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
		         errmsg("graph of %zu statements is too large for a single value (%zu bytes)",
		                oslo_graph_size(g), b.len)));
	v = palloc(VARHDRSZ + b.len);
	SET_VARSIZE(v, VARHDRSZ + b.len);
	memcpy(VARDATA(v), b.data, b.len);
	oslo_buf_free(&b);
	return PointerGetDatum(v);
}

Datum
graph_in(PG_FUNCTION_ARGS)
{
	char *text = PG_GETARG_CSTRING(0);
	size_t len = strlen(text);
	oslo_graph *g;

	oslo_pg_check_input_size(len, "N-Quads text");
	g = oslo_graph_new();
	oslo_rdf_parse(g, text, len, OSLO_SYNTAX_NQUADS, NULL);
	PG_RETURN_OSLO_GRAPH(g);
}

Datum
graph_out(PG_FUNCTION_ARGS)
{
	oslo_graph *g = PG_GETARG_OSLO_GRAPH(0);
	oslo_buf b;

	oslo_buf_init(&b);
	oslo_rdf_write(g, OSLO_SYNTAX_NQUADS, NULL, 0, &b);
	PG_RETURN_CSTRING(b.data);
}

Datum
graph_recv(PG_FUNCTION_ARGS)
{
	StringInfo buf = (StringInfo)PG_GETARG_POINTER(0);
	int len = buf->len - buf->cursor;
	const char *data = pq_getmsgbytes(buf, len);
	oslo_graph *g;

	/* validate fully, then re-encode so the stored form is canonical */
	g = oslo_graph_decode(data, (size_t)len);
	PG_RETURN_OSLO_GRAPH(g);
}

Datum
graph_send(PG_FUNCTION_ARGS)
{
	struct varlena *v = PG_GETARG_VARLENA_PP(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbytes(&buf, VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}
