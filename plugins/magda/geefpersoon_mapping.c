/*
 * geefpersoon_mapping.c
 *	  GeefPersoon 02.02 and 02.00 responses -> OSLO graph through the RML
 *	  mapping magda/geefpersoon (mappings/magda/geefpersoon.rml.ttl), which
 *	  the host keeps (oslo.mapping in the database, mappings/MANIFEST in the
 *	  CLI): the message type is data, not code.
 *
 * What stays here is what a mapping cannot say: recognising the service
 * and version (magda_envelope.c raises for anything else), refusing a
 * Persoon without INSZ, and telling about an Antwoord without Persoon. A
 * code missing from its code list comes back from the mapping's
 * ofn:concept as a warning, which becomes a warning Uitzondering 99983 in
 * the graph, where the IM writer lists it in warning[].
 */
#include "magda.h"
#include "magda_xml.h"
#include "oslo_terms.h"
#include "rml.h"

#include <string.h>

#define GEEFPERSOON_MAPPING "magda/geefpersoon"
/* the logical source the mapping's triples maps read */
#define GEEFPERSOON_SOURCE "response"

static void
unknown_code_warning(const char *message, void *arg)
{
	oslo_graph *g = arg;
	char *iri = oslo_psprintf("%s%s", CL_UITZONDERING, UITZONDERING_ONBEKENDE_BRONCODE);
	oslo_term_id id = oslo_graph_iri_cstr(g, iri);
	oslo_term_id rdf_type = oslo_graph_iri_cstr(g, OSLO_RDF_TYPE);

	oslo_graph_add(g, id, rdf_type, oslo_graph_iri_cstr(g, T_UITZONDERING), 0);
	oslo_graph_add(g, id, oslo_graph_iri_cstr(g, T_TYPE),
	               oslo_graph_iri_cstr(g, CL_UITZONDERING_TYPE "WAARSCHUWING"), 0);
	oslo_graph_add(g, id, oslo_graph_iri_cstr(g, T_DIAGNOSE),
	               oslo_graph_literal(g, message, strlen(message), NULL, NULL), 0);
	oslo_free(iri);
}

int
magda_geefpersoon_to_graph(xmlDocPtr doc, oslo_graph *g)
{
	magda_geefpersoon_version version;
	xmlNodePtr repliek = magda_geefpersoon_repliek(doc, &version);
	int persons = 0;

	for (xmlNodePtr a = magda_path(repliek, "Antwoorden/Antwoord"); a;
	     a = magda_next(a, "Antwoord"))
	{
		xmlNodePtr persoon = magda_path(a, "Inhoud/Persoon");
		const char *t;
		size_t n;

		if (persoon && !magda_path_text(persoon, "INSZ", &t, &n))
			oslo_error(OSLO_ERR_XML_CONTENT, "Inhoud/Persoon (line %d) has no INSZ",
			           magda_line(persoon));
		if (persoon)
			persons++;
		else
		{
			oslo_buf why;

			oslo_buf_init(&why);
			magda_describe_uitzonderingen(magda_child(a, "Uitzonderingen"), &why);
			oslo_notice("GeefPersoon Antwoord (line %d) holds no Persoon: %s", magda_line(a),
			            why.data);
			oslo_buf_free(&why);
		}
	}
	rml_apply_xml(oslo_mapping(GEEFPERSOON_MAPPING), GEEFPERSOON_SOURCE, doc, g,
	              unknown_code_warning, g);
	return persons;
}
