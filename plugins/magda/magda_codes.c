/*
 * magda_codes.c
 *	  MAGDA codes -> concept IRIs of the MAGDA-Persoon code lists, with the
 *	  list's UITZONDERING concept for a code the list lacks.
 *
 * The code-list contents are not compiled in: which codes a list holds is
 * the business of the host's code-list catalog (SKOS lists an administrator
 * loads, oslo.codelist). A list that is not loaded gives <base><code> for
 * every well-formed code; a loaded one gives its own concept, or its
 * UITZONDERING concept and a warning for a code it lacks.
 */
#include "magda.h"
#include "magda_xml.h"
#include "oslo_terms.h"

#include <string.h>

bool
magda_safe_code(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= 'a' && s[i] <= 'z') || s[i] == '-' || s[i] == '_' || s[i] == '.'))
			return false;
	return len > 0;
}

/*
 * CODE-LIST HOOK: the single place that asks the host's code lists
 * (oslo_codelist_concept, oslo_plugin.h; PostgreSQL: oslo.codelist).
 * The concept of code in scheme_iri; NULL with *missing when the list is
 * loaded but lacks the code (its UITZONDERING concept, if it has one, in
 * *exception); NULL without *missing when the list is not loaded.
 */
static const char *
codelist_lookup(const char *scheme_iri, const char *code, bool *missing, const char **exception)
{
	bool known = false;
	const char *concept = oslo_codelist_concept(scheme_iri, code, &known);
	const char *exception_concept;

	*missing = false;
	*exception = NULL;
	if (!known)
		return NULL;
	/* the core answers a missing code with the list's exception concept */
	exception_concept = oslo_codelist_concept(scheme_iri, OSLO_CODELIST_EXCEPTION, NULL);
	if (concept == NULL || (exception_concept && strcmp(concept, exception_concept) == 0 &&
	                        strcmp(code, OSLO_CODELIST_EXCEPTION) != 0))
	{
		*missing = true;
		*exception = exception_concept;
		return NULL;
	}
	return concept;
}

/* .../id/concept/X/Y/ -> .../id/conceptscheme/X/Y, the inScheme of codelijsten/<list>.csv */
static char *
scheme_of(const char *concept_base)
{
	size_t n = strlen(concept_base);
	size_t prefix = strlen(IRI_CONCEPT);

	if (n > 0 && concept_base[n - 1] == '/')
		n--;
	if (strncmp(concept_base, IRI_CONCEPT, prefix) != 0)
		return oslo_strndup(concept_base, n);
	return oslo_psprintf("https://data.vlaanderen.be/id/conceptscheme/%.*s", (int)(n - prefix),
	                     concept_base + prefix);
}

static oslo_term_id
uitzondering_concept(oslo_graph *g, const char *concept_base, const char *exception,
                     const char *scheme, xmlNodePtr e, const char *code, size_t len,
                     const char *why)
{
	char *iri = exception ? oslo_strdup(exception)
	                      : oslo_psprintf("%s" OSLO_CODELIST_EXCEPTION, concept_base);
	char *diagnose =
	    oslo_psprintf("%s/%s (line %d): code \"%.*s\" %s %s; written as %s",
	                  e->parent ? (const char *)e->parent->name : "", (const char *)e->name,
	                  magda_line(e), (int)len, code, why, scheme, iri);
	oslo_term_id id;

	magda_add_warning(g, UITZONDERING_ONBEKENDE_BRONCODE, diagnose);
	id = oslo_graph_iri_cstr(g, iri);
	oslo_free(diagnose);
	oslo_free(iri);
	return id;
}

oslo_term_id
magda_concept(oslo_graph *g, const char *concept_base, xmlNodePtr code_element)
{
	const char *code;
	size_t len;
	char *scheme = scheme_of(concept_base);
	char *code_z;
	bool missing = false;
	const char *exception = NULL;
	const char *found;
	oslo_term_id id;

	if (code_element == NULL)
		oslo_error(OSLO_ERR_XML_CONTENT, "no Code element for a code of %s", concept_base);
	if (!magda_text(code_element, &code, &len))
		code = "", len = 0; /* an empty Code is no code of the list either */
	if (!magda_safe_code(code, len))
	{
		/* mock data has placeholders; an IRI cannot carry them */
		id = uitzondering_concept(g, concept_base, NULL, scheme, code_element, code, len,
		                          "cannot be a concept of");
		oslo_free(scheme);
		return id;
	}
	code_z = oslo_strndup(code, len);
	found = codelist_lookup(scheme, code_z, &missing, &exception);
	if (missing)
		id = uitzondering_concept(g, concept_base, exception, scheme, code_element, code, len,
		                          "is not in code list");
	else if (found)
		id = oslo_graph_iri_cstr(g, found); /* the loaded list's own IRI for it */
	else
	{
		/* list not loaded: the IRI pattern of codelijsten/ */
		char *iri = oslo_psprintf("%s%s", concept_base, code_z);

		id = oslo_graph_iri_cstr(g, iri);
		oslo_free(iri);
	}
	oslo_free(code_z);
	oslo_free(scheme);
	return id;
}

void
magda_add_concept(oslo_graph *g, oslo_term_id s, const char *p, const char *concept_base,
                  xmlNodePtr code_element)
{
	if (code_element == NULL)
		return;
	oslo_graph_add(g, s, oslo_graph_iri_cstr(g, p), magda_concept(g, concept_base, code_element),
	               0);
}
