/*
 * oots_response.c
 *	  oots-response -> graph: an EDM evidence response (query:QueryResponse)
 *	  as SEMIC Core Vocabulary RDF; an error response raises its exception.
 *
 * Each sdg:Evidence (EvidenceMetadata slot of a RegistryObject, also inside
 * a v2.0 RegistryPackage) becomes a cv:Evidence (CCCEV as CPSV-AP 3.2 uses
 * it) named urn:uuid:<its identifier>:
 *   dct:identifier, dct:issued (IssuingDate), dct:subject (the person or
 *   legal entity it is about), dct:publisher (IssuingAuthority, a
 *   foaf:Agent), dct:conformsTo (a cv:EvidenceType with
 *   cv:evidenceTypeClassification, dct:title, dct:description),
 *   dcat:distribution (dcat:mediaType, dct:conformsTo, dcat:accessURL =
 *   the cid: reference of the AS4 MIME part holding the evidence itself),
 *   dct:temporal (ValidityPeriod as dcat:startDate / dcat:endDate).
 * The natural person is a person:Person in Core Person 2.1 terms
 * (foaf:familyName, foaf:givenName, person:birthName, cv:birthDate,
 * person:placeOfBirth -> dct:Location, cv:domicile -> locn:Address,
 * cv:sex, adms:identifier); a legal person is a legal:LegalEntity (Core
 * Business 2.x). docs/oots.md has the full table and what is left out.
 */
#include "oots_params.h"

#include <string.h>

#define RDF_TYPE   "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define XSD_DATE   "http://www.w3.org/2001/XMLSchema#date"
#define DCT        "http://purl.org/dc/terms/"
#define DCAT       "http://www.w3.org/ns/dcat#"
#define CV         "http://data.europa.eu/m8g/"
#define FOAF       "http://xmlns.com/foaf/0.1/"
#define PERSON     "http://www.w3.org/ns/person#"
#define LOCN       "http://www.w3.org/ns/locn#"
#define ADMS       "http://www.w3.org/ns/adms#"
#define SKOS       "http://www.w3.org/2004/02/skos/core#"
#define LEGAL      "http://www.w3.org/ns/legal#"
#define HUMAN_SEX  "http://publications.europa.eu/resource/authority/human-sex/"
#define IANA_MEDIA "http://www.iana.org/assignments/media-types/"

typedef struct mapper
{
	oslo_graph *g;
} mapper;

static oslo_term_id
iri(mapper *m, const char *s)
{
	return oslo_graph_iri_cstr(m->g, s);
}

static void
add(mapper *m, oslo_term_id s, const char *p, oslo_term_id o)
{
	oslo_graph_add(m->g, s, iri(m, p), o, 0);
}

static void
add_type(mapper *m, oslo_term_id s, const char *cls)
{
	add(m, s, RDF_TYPE, iri(m, cls));
}

static oslo_term_id
node(mapper *m, oslo_term_id s, const char *p, const char *cls)
{
	oslo_term_id n = oslo_graph_fresh_blank(m->g);

	add(m, s, p, n);
	add_type(m, n, cls);
	return n;
}

/* a language tag from an EDM lang attribute ("EN" -> "en"), or NULL when it is none */
static char *
lang_tag(const char *lang)
{
	size_t n = lang ? strlen(lang) : 0;
	char *t;

	if (n < 2 || n > 8)
		return NULL;
	t = oslo_strdup(lang);
	for (char *p = t; *p; p++)
	{
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		else if (*p < 'a' || *p > 'z')
		{
			oslo_free(t);
			return NULL;
		}
	}
	return t;
}

/* the text of child `name` of e as a literal (language from its lang attribute when asked) */
static bool
add_text(mapper *m, oslo_term_id s, const char *p, xmlNodePtr e, bool with_lang)
{
	char *text = oots_text(e);
	char *lang;

	if (text == NULL)
		return false;
	lang = with_lang ? lang_tag(oots_attr(e, NULL, "lang")) : NULL;
	add(m, s, p, oslo_graph_literal(m->g, text, strlen(text), NULL, lang));
	oslo_free(lang);
	oslo_free(text);
	return true;
}

static void
add_child_text(mapper *m, oslo_term_id s, const char *p, xmlNodePtr parent, const char *name)
{
	add_text(m, s, p, oots_child(parent, NS_SDG, name), false);
}

/* every child `name` of parent, each with its language */
static void
add_all_lang(mapper *m, oslo_term_id s, const char *p, xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr e = oots_child(parent, NS_SDG, name); e; e = oots_next(e, NS_SDG, name))
		add_text(m, s, p, e, true);
}

static void
add_date(mapper *m, oslo_term_id s, const char *p, xmlNodePtr e)
{
	char *text = oots_text(e);

	if (text == NULL)
		return;
	if (oots_is_date(text))
		add(m, s, p, oslo_graph_literal(m->g, text, strlen(text), XSD_DATE, NULL));
	else
		oslo_notice("OOTS sdg:%s (line %d) \"%s\" is not a date YYYY-MM-DD; left out",
		            (const char *)e->name, oots_line(e), text);
	oslo_free(text);
}

/* an IRI from the text of e when it is an absolute http(s), urn or cid IRI; else a notice */
static void
add_iri_text(mapper *m, oslo_term_id s, const char *p, xmlNodePtr e)
{
	char *text = oots_text(e);

	if (text == NULL)
		return;
	if ((strncmp(text, "https://", 8) == 0 || strncmp(text, "http://", 7) == 0 ||
	     strncmp(text, "urn:", 4) == 0) &&
	    strpbrk(text, " \t\r\n<>\"{}|\\^`") == NULL)
		add(m, s, p, iri(m, text));
	else
		oslo_notice("OOTS sdg:%s (line %d) \"%s\" is not an absolute IRI; left out",
		            (const char *)e->name, oots_line(e), text);
	oslo_free(text);
}

/* adms:identifier [a adms:Identifier; skos:notation; adms:schemaAgency schemeID] */
static void
add_identifier(mapper *m, oslo_term_id s, xmlNodePtr id)
{
	oslo_term_id n;
	const char *scheme;
	char *text = oots_text(id);

	if (text == NULL)
		return;
	n = node(m, s, ADMS "identifier", ADMS "Identifier");
	add(m, n, SKOS "notation", oslo_graph_literal(m->g, text, strlen(text), NULL, NULL));
	oslo_free(text);
	scheme = oots_attr(id, NULL, "schemeID");
	if (scheme && *scheme)
		add(m, n, ADMS "schemaAgency",
		    oslo_graph_literal(m->g, scheme, strlen(scheme), NULL, NULL));
}

static void
add_address(mapper *m, oslo_term_id s, const char *p, xmlNodePtr a)
{
	oslo_term_id n;

	if (a == NULL)
		return;
	n = node(m, s, p, LOCN "Address");
	add_child_text(m, n, LOCN "fullAddress", a, "FullAddress");
	add_child_text(m, n, LOCN "locatorDesignator", a, "LocatorDesignator");
	add_child_text(m, n, LOCN "postCode", a, "PostCode");
	add_child_text(m, n, LOCN "postName", a, "PostCityName");
	add_child_text(m, n, LOCN "thoroughfare", a, "Thoroughfare");
	/* codes as EDM gives them: ISO 3166-1 alpha-2 and NUTS, not labels */
	add_child_text(m, n, LOCN "adminUnitL1", a, "AdminUnitLevel1");
	add_child_text(m, n, LOCN "adminUnitL2", a, "AdminUnitLevel2");
}

static oslo_term_id
natural_person(mapper *m, xmlNodePtr p)
{
	oslo_term_id n = oslo_graph_fresh_blank(m->g);
	xmlNodePtr place = oots_child(p, NS_SDG, "PlaceOfBirth");
	char *gender = oots_text(oots_child(p, NS_SDG, "Gender"));
	char *place_text = oots_text(place);

	add_type(m, n, PERSON "Person");
	add_identifier(m, n, oots_child(p, NS_SDG, "Identifier"));
	add_child_text(m, n, FOAF "familyName", p, "FamilyName");
	add_child_text(m, n, FOAF "givenName", p, "GivenName");
	add_child_text(m, n, PERSON "birthName", p, "BirthName");
	add_date(m, n, CV "birthDate", oots_child(p, NS_SDG, "DateOfBirth"));
	if (place_text)
		add_text(m, node(m, n, PERSON "placeOfBirth", DCT "Location"), LOCN "geographicName", place,
		         false);
	oslo_free(place_text);
	add_address(m, n, CV "domicile", oots_child(p, NS_SDG, "CurrentAddress"));
	/* eIDAS Male/Female as EU human-sex concepts; Unspecified has no counterpart */
	if (gender && strcmp(gender, "Male") == 0)
		add(m, n, CV "sex", iri(m, HUMAN_SEX "MALE"));
	else if (gender && strcmp(gender, "Female") == 0)
		add(m, n, CV "sex", iri(m, HUMAN_SEX "FEMALE"));
	oslo_free(gender);
	return n;
}

static oslo_term_id
legal_person(mapper *m, xmlNodePtr p)
{
	oslo_term_id n = oslo_graph_fresh_blank(m->g);

	add_type(m, n, LEGAL "LegalEntity");
	for (xmlNodePtr id = oots_child(p, NS_SDG, "Identifier"); id;
	     id = oots_next(id, NS_SDG, "Identifier"))
		add_identifier(m, n, id);
	add_identifier(m, n, oots_child(p, NS_SDG, "LegalPersonIdentifier"));
	add_child_text(m, n, LEGAL "legalName", p, "LegalName");
	add_address(m, n, LEGAL "registeredAddress", oots_child(p, NS_SDG, "RegisteredAddress"));
	return n;
}

static void
agent(mapper *m, oslo_term_id s, const char *p, xmlNodePtr a)
{
	oslo_term_id n;

	if (a == NULL)
		return;
	n = node(m, s, p, FOAF "Agent");
	add_identifier(m, n, oots_child(a, NS_SDG, "Identifier"));
	add_all_lang(m, n, FOAF "name", a, "Name");
	add_address(m, n, LOCN "address", oots_child(a, NS_SDG, "Address"));
}

static void
evidence_type(mapper *m, oslo_term_id s, xmlNodePtr t)
{
	oslo_term_id n;

	if (t == NULL)
		return;
	n = node(m, s, DCT "conformsTo", CV "EvidenceType");
	add_iri_text(m, n, CV "evidenceTypeClassification",
	             oots_child(t, NS_SDG, "EvidenceTypeClassification"));
	add_all_lang(m, n, DCT "title", t, "Title");
	add_all_lang(m, n, DCT "description", t, "Description");
}

static void
distribution(mapper *m, oslo_term_id s, xmlNodePtr d, xmlNodePtr item_ref)
{
	oslo_term_id n;
	char *format;
	const char *href;

	if (d == NULL && item_ref == NULL)
		return;
	n = node(m, s, DCAT "distribution", DCAT "Distribution");
	format = oots_text(oots_child(d, NS_SDG, "Format"));
	if (format && strchr(format, '/') && strpbrk(format, " \t\r\n<>\"") == NULL)
	{
		char *media = oslo_psprintf(IANA_MEDIA "%s", format);

		add(m, n, DCAT "mediaType", iri(m, media));
		oslo_free(media);
	}
	oslo_free(format);
	add_iri_text(m, n, DCT "conformsTo", oots_child(d, NS_SDG, "ConformsTo"));
	href = oots_attr(item_ref, NS_XLINK, "href");
	if (href && strncmp(href, "cid:", 4) == 0 && strpbrk(href, " \t\r\n<>\"") == NULL)
		add(m, n, DCAT "accessURL", iri(m, href));
}

static void
evidence(mapper *m, xmlNodePtr ev, xmlNodePtr registry_object)
{
	char *id = oots_text(oots_child(ev, NS_SDG, "Identifier"));
	oslo_term_id n;
	xmlNodePtr about = oots_child(ev, NS_SDG, "IsAbout"), period;

	if (id && oots_is_uuid(id))
	{
		char *name = oslo_psprintf("urn:uuid:%s", id);

		for (char *p = name; *p; p++)
			if (*p >= 'A' && *p <= 'F')
				*p = (char)(*p - 'A' + 'a');
		n = iri(m, name);
		oslo_free(name);
	}
	else
		n = oslo_graph_fresh_blank(m->g);
	add_type(m, n, CV "Evidence");
	if (id)
		add(m, n, DCT "identifier", oslo_graph_literal(m->g, id, strlen(id), NULL, NULL));
	oslo_free(id);
	if (oots_child(about, NS_SDG, "NaturalPerson"))
		add(m, n, DCT "subject", natural_person(m, oots_child(about, NS_SDG, "NaturalPerson")));
	else if (oots_child(about, NS_SDG, "LegalPerson"))
		add(m, n, DCT "subject", legal_person(m, oots_child(about, NS_SDG, "LegalPerson")));
	agent(m, n, DCT "publisher", oots_child(ev, NS_SDG, "IssuingAuthority"));
	evidence_type(m, n, oots_child(ev, NS_SDG, "IsConformantTo"));
	add_date(m, n, DCT "issued", oots_child(ev, NS_SDG, "IssuingDate"));
	distribution(m, n, oots_child(ev, NS_SDG, "Distribution"),
	             oots_child(registry_object, NS_RIM, "RepositoryItemRef"));
	if ((period = oots_child(ev, NS_SDG, "ValidityPeriod")) != NULL)
	{
		oslo_term_id t = node(m, n, DCT "temporal", DCT "PeriodOfTime");

		add_date(m, t, DCAT "startDate", oots_child(period, NS_SDG, "StartDate"));
		add_date(m, t, DCAT "endDate", oots_child(period, NS_SDG, "EndDate"));
	}
}

/* every RegistryObject of a list, and those of nested lists (v2.0 RegistryPackage) */
static size_t
registry_objects(mapper *m, xmlNodePtr list, int depth)
{
	size_t found = 0;

	if (depth > 8)
		oslo_error(OSLO_ERR_LIMIT, "OOTS response: rim:RegistryObjectList nested deeper than 8");
	for (xmlNodePtr ro = oots_child(list, NS_RIM, "RegistryObject"); ro;
	     ro = oots_next(ro, NS_RIM, "RegistryObject"))
	{
		xmlNodePtr ev = oots_child(oots_slot_value(ro, "EvidenceMetadata"), NS_SDG, "Evidence");

		oslo_check_interrupts();
		if (ev)
		{
			evidence(m, ev, ro);
			found++;
		}
		found += registry_objects(m, oots_child(ro, NS_RIM, "RegistryObjectList"), depth + 1);
	}
	return found;
}

typedef enum checks_mode
{
	CHECKS_OFF,
	CHECKS_NOTICE,
	CHECKS_ERROR
} checks_mode;

/* options {"checks": "notice" (default) | "error" | "off"} */
static checks_mode
read_checks_option(const char *options_json)
{
	oots_json o;
	const char *v;
	checks_mode mode = CHECKS_NOTICE;

	if (options_json == NULL || strstr(options_json, "\"checks\"") == NULL)
		return mode;
	oots_json_parse(&o, options_json, strlen(options_json));
	if (json_object_is_type(o.root, json_type_object) &&
	    (v = oots_string(o.root, "checks", "options", false)) != NULL)
	{
		if (strcmp(v, "off") == 0)
			mode = CHECKS_OFF;
		else if (strcmp(v, "error") == 0)
			mode = CHECKS_ERROR;
		else if (strcmp(v, "notice") != 0)
			oslo_error(OSLO_ERR_PARAMETER,
			           "option \"checks\" is \"%s\"; expected \"notice\", \"error\" or \"off\"", v);
	}
	oots_json_free(&o);
	return mode;
}

void
oots_response_to_graph(const oslo_data *input, const char *options_json, oslo_data *output)
{
	xmlNodePtr root = xmlDocGetRootElement(input->xml);
	oots_message_kind kind = oots_message_kind_of(input->xml);
	checks_mode checks = read_checks_option(options_json);
	mapper m;

	if (kind == OOTS_REQUEST)
		oslo_error(OSLO_ERR_XML_CONTENT,
		           "an OOTS evidence request (query:QueryRequest) is not a response; "
		           "oots-response reads query:QueryResponse");
	if (kind == OOTS_ERROR_RESPONSE)
		oots_raise_exception(root, oots_child(root, NS_RS, "Exception"));
	if (checks != CHECKS_OFF)
	{
		oots_findings f;

		memset(&f, 0, sizeof(f));
		oots_check_doc(input->xml, kind, &f);
		if (f.count > 0 && checks == CHECKS_ERROR)
			oslo_error(OSLO_ERR_XML_CONTENT, "OOTS evidence response fails %s at %s: %s",
			           f.items[0].rule, f.items[0].location, f.items[0].message);
		for (size_t i = 0; i < f.count; i++)
			oslo_notice("OOTS evidence response: %s at %s: %s", f.items[i].rule,
			            f.items[i].location, f.items[i].message);
		oots_findings_free(&f);
	}
	m.g = oslo_graph_new();
	output->kind = OSLO_DATA_GRAPH;
	output->graph = m.g;
	if (registry_objects(&m, oots_child(root, NS_RIM, "RegistryObjectList"), 0) == 0)
		oslo_error(OSLO_ERR_XML_CONTENT,
		           "OOTS evidence response without evidence: no rim:RegistryObject with an "
		           "EvidenceMetadata slot holding sdg:Evidence");
}
