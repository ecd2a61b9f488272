/*
 * pg_host.h
 *	  The PostgreSQL side of the core library: handlers, limits, helpers.
 */
#ifndef OSLO_PG_HOST_H
#define OSLO_PG_HOST_H

#include "postgres.h"

#include "fmgr.h"
#include "oslo_core.h"
#include "rdf_graph.h"

/* GUCs */
extern int oslo_max_input_size_kb;
extern bool oslo_xml_huge;

extern void oslo_pg_install_handlers(void);
/* SQLSTATE of a core error class */
extern int oslo_pg_sqlstate(oslo_errcode code);
/* ERROR 54000 when len exceeds oslo.max_input_size */
extern void oslo_pg_check_input_size(size_t len, const char *what);
/* SPI_connect, or an error naming the catalog that was to be read */
extern void oslo_pg_spi_connect(const char *catalog);
/* make sure the plugins of $pkglibdir/oslo_interop are loaded */
extern void oslo_pg_load_plugins(void);
/* install the XML parser and context resolver used by plugin transforms */
extern void oslo_pg_install_format_host(void);
/* the "semic:" prefix of oslo.transform (pg_align.c) */
extern void oslo_pg_install_align_hook(void);

/* the JSON text of a context in oslo.context, cached per backend (pg_context.c) */
extern const char *oslo_pg_resolve_context(const char *iri);
/* a concept of oslo.codelist, cached per backend (pg_codelist.c) */
extern const char *oslo_pg_codelist_concept(const char *scheme_iri, const char *code,
                                            bool *scheme_known);
/* a registered RML mapping, compiled once per backend (rml_functions.c) */
struct rml_mapping;
extern const struct rml_mapping *oslo_pg_mapping(const char *name);

/* oslo.graph values (graph_type.c) */
extern oslo_graph *oslo_pg_graph_from_datum(Datum d);
extern Datum oslo_pg_graph_to_datum(const oslo_graph *g);

#define PG_GETARG_OSLO_GRAPH(n) oslo_pg_graph_from_datum(PG_GETARG_DATUM(n))
#define PG_RETURN_OSLO_GRAPH(g) return oslo_pg_graph_to_datum(g)

#endif
