/*
 * align_emit.c
 *	  An alignment direction as plain SPARQL 1.1 CONSTRUCT queries, so that
 *	  another engine (Apache Jena's arq) runs the very same alignment.
 */
#include "align_internal.h"

#include <string.h>

static void
end_query(oslo_buf *out)
{
	oslo_buf_puts(out, "\n" OSLO_ALIGN_QUERY_SEPARATOR "\n");
}

static void
put_iri_list(oslo_buf *out, const align_read_term *terms, size_t n, bool is_class)
{
	bool first = true;

	for (size_t i = 0; i < n; i++)
		if (terms[i].is_class == is_class)
		{
			oslo_buf_printf(out, "%s\n    <%s>", first ? "" : ",", terms[i].iri);
			first = false;
		}
}

static bool
any(const align_read_term *terms, size_t n, bool is_class)
{
	for (size_t i = 0; i < n; i++)
		if (terms[i].is_class == is_class)
			return true;
	return false;
}

void
oslo_alignment_emit_sparql(const oslo_alignment *a, oslo_align_direction dir, oslo_buf *out)
{
	size_t nexcl, nrules;
	align_read_term *excl = align_excluded(a, dir, &nexcl);
	align_rule *rules = align_rules(a, dir, &nrules);

	oslo_buf_printf(out, "# alignment %s, %s: every other triple passes through\n", a->name,
	                oslo_align_direction_name(dir));
	oslo_buf_puts(out, "CONSTRUCT { ?s ?p ?o }\nWHERE {\n  ?s ?p ?o .\n");
	if (any(excl, nexcl, false))
	{
		oslo_buf_puts(out, "  FILTER(?p NOT IN (");
		put_iri_list(out, excl, nexcl, false);
		oslo_buf_puts(out, "))\n");
	}
	if (any(excl, nexcl, true))
	{
		oslo_buf_puts(out, "  FILTER(?p != <" OSLO_RDF_TYPE "> || ?o NOT IN (");
		put_iri_list(out, excl, nexcl, true);
		oslo_buf_puts(out, "))\n");
	}
	oslo_buf_puts(out, "}");
	end_query(out);

	for (size_t i = 0; i < nrules; i++)
	{
		const align_rule *r = &rules[i];

		if (r->is_class)
			oslo_buf_printf(out, "CONSTRUCT { ?s a <%s> }\nWHERE { ?s a <%s> }", r->to, r->from);
		else if (r->inverse)
			oslo_buf_printf(out,
			                "CONSTRUCT { ?o <%s> ?s }\nWHERE { ?s <%s> ?o FILTER(!isLiteral(?o)) }",
			                r->to, r->from);
		else
			oslo_buf_printf(out, "CONSTRUCT { ?s <%s> ?o }\nWHERE { ?s <%s> ?o }", r->to, r->from);
		end_query(out);
	}
	for (size_t i = 0; i < a->nqueries; i++)
		if (a->queries[i].dir == dir)
		{
			oslo_buf_printf(out, "# %s\n", a->queries[i].part);
			oslo_buf_puts(out, a->queries[i].text);
			end_query(out);
		}
	oslo_free(excl);
	oslo_free(rules);
}
