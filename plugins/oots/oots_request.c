/*
 * oots_request.c
 *	  oots-request-params (JSON) -> oots-request: an EDM v1.0 evidence
 *	  request, a RegRep 4 query:QueryRequest.
 *
 * Every parameter is read and checked first -- unknown members, code lists,
 * UUIDs, dates, the URI patterns the EDM Schematron asks for -- and only
 * then is the document built with libxml2's tree API (text nodes, so every
 * value is escaped). The shape follows the official EDM v1.0 example
 * "2.1 Step 1 Evidence Request - Birth - full example" and the SDG XSD
 * (element order is significant). The built document then goes through
 * the native Schematron checks (oots_check.c): a finding there is raised,
 * so a request that comes out passes them.
 */
#include "oots_params.h"

#include <string.h>

#define EAS_PREFIX          "urn:cef.eu:names:identifier:EAS:"
#define UNREGISTERED_PREFIX "urn:oasis:names:tc:ebcore:partyid-type:unregistered"
#define MAX_AGENTS          8
#define MAX_REQUIREMENTS    32
#define MAX_ATTRIBUTES      32

typedef struct address
{
	bool present;
	const char *full, *locator, *post_code, *post_city, *thoroughfare, *admin1, *admin2;
} address;

typedef struct agent
{
	const char *identifier, *scheme, *name, *lang, *classification;
	address addr;
} agent;

typedef struct requirement
{
	const char *identifier, *name, *lang;
} requirement;

typedef struct attribute
{
	const char *name, *uri, *value;
} attribute;

typedef struct request
{
	xmlDocPtr doc;
	xmlNsPtr rim, sdg, xsi, query;
	char id[46];
	const char *issued, *procedure, *procedure_lang, *preview_location;
	bool possibility_for_preview, explicit_request_given;
	requirement requirements[MAX_REQUIREMENTS];
	size_t nrequirements;
	agent requesters[MAX_AGENTS];
	size_t nrequesters;
	agent provider;
	/* the evidence type (DataServiceEvidenceType) */
	const char *et_identifier, *et_classification, *et_title, *et_description, *et_lang, *et_format,
	    *et_conforms_to, *et_transformation;
	/* the natural person */
	const char *loa, *person_id, *family_name, *given_name, *date_of_birth, *birth_name,
	    *place_of_birth, *gender;
	address current_address;
	attribute attributes[MAX_ATTRIBUTES];
	size_t nattributes;
} request;

/* ---- reading and checking ---- */

static void
check_lang(const char *where, const char *key, const char *lang)
{
	if (!oots_is_upper_code(lang, 2))
		oslo_error(OSLO_ERR_PARAMETER,
		           "%s.%s \"%s\" is not a language code of the EDM LanguageCode list: two "
		           "upper-case letters (ISO 639-1), e.g. \"EN\", \"NL\"",
		           where, key, lang);
}

static const char *
lang_or_default(json_object *obj, const char *where)
{
	const char *lang = oots_string(obj, "lang", where, false);

	if (lang == NULL)
		return "EN";
	check_lang(where, "lang", lang);
	return lang;
}

/* name: the parameter as messages name it ("preview_location", "requirements[0].identifier") */
static void
check_https(const char *name, const char *v)
{
	if (strncmp(v, "https://", 8) != 0 || strlen(v) == 8 || strpbrk(v, " \t\r\n<>\"") != NULL)
		oslo_error(OSLO_ERR_PARAMETER, "%s \"%s\" is not an https:// URI", name, v);
}

static void
read_address(json_object *v, const char *where, address *a)
{
	static const char *const keys[] = {
	    "full_address", "locator_designator", "post_code",          "post_city_name",
	    "thoroughfare", "admin_unit_level_1", "admin_unit_level_2", NULL};

	oots_expect_object(v, where);
	oots_check_keys(v, where, keys);
	a->present = true;
	a->full = oots_string(v, "full_address", where, false);
	a->locator = oots_string(v, "locator_designator", where, false);
	a->post_code = oots_string(v, "post_code", where, false);
	a->post_city = oots_string(v, "post_city_name", where, false);
	a->thoroughfare = oots_string(v, "thoroughfare", where, false);
	a->admin1 = oots_string(v, "admin_unit_level_1", where, false);
	if (a->admin1 == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "%s.admin_unit_level_1 is missing: the country code (ISO 3166-1 alpha-2, e.g. "
		           "\"BE\") that sdg:AddressType requires",
		           where);
	if (!oots_is_upper_code(a->admin1, 2))
		oslo_error(OSLO_ERR_PARAMETER,
		           "%s.admin_unit_level_1 \"%s\" is not a country code: two upper-case letters "
		           "(ISO 3166-1 alpha-2), e.g. \"BE\"",
		           where, a->admin1);
	a->admin2 = oots_string(v, "admin_unit_level_2", where, false);
	if (a->admin2 &&
	    (strlen(a->admin2) < 3 || strlen(a->admin2) > 5 || strncmp(a->admin2, a->admin1, 2) != 0))
		oslo_error(OSLO_ERR_PARAMETER,
		           "%s.admin_unit_level_2 \"%s\" is not a NUTS code of country %s (e.g. \"%s1\", "
		           "\"%s10\")",
		           where, a->admin2, a->admin1, a->admin1, a->admin1);
}

/* the schemeID: an EAS code ("0208"), urn:cef.eu:names:identifier:EAS:<code>, or unregistered */
static const char *
read_scheme(json_object *v, const char *where)
{
	const char *s = oots_string(v, "scheme", where, true);
	const char *code = s;

	if (strncmp(s, UNREGISTERED_PREFIX, strlen(UNREGISTERED_PREFIX)) == 0)
		return s;
	if (strncmp(s, EAS_PREFIX, strlen(EAS_PREFIX)) == 0)
		code = s + strlen(EAS_PREFIX);
	if (!oots_is_eas_code(code))
		oslo_error(OSLO_ERR_PARAMETER,
		           "%s.scheme \"%s\" is not in the EAS code list (Electronic Address Scheme, e.g. "
		           "\"0208\" for the Belgian enterprise number) nor an \"%s...\" party type",
		           where, s, UNREGISTERED_PREFIX);
	return code == s ? oslo_psprintf("%s%s", EAS_PREFIX, code) : s;
}

static void
read_agent(json_object *v, const char *where, agent *a, bool is_requester)
{
	static const char *const requester_keys[] = {"identifier",     "scheme",  "name", "lang",
	                                             "classification", "address", NULL};
	static const char *const provider_keys[] = {"identifier", "scheme", "name", "lang", NULL};
	json_object *addr;

	oots_expect_object(v, where);
	/* R-EDM-REQ-S043: the provider agent holds only Identifier and Name */
	oots_check_keys(v, where, is_requester ? requester_keys : provider_keys);
	a->identifier = oots_string(v, "identifier", where, true);
	a->scheme = read_scheme(v, where);
	a->name = oots_string(v, "name", where, true);
	a->lang = lang_or_default(v, where);
	if (!is_requester)
		return;
	a->classification = oots_string(v, "classification", where, false);
	if (a->classification == NULL)
		a->classification = "ER";
	/* AgentClassification: EP and ERRP belong to responses */
	if (strcmp(a->classification, "ER") != 0 && strcmp(a->classification, "IP") != 0)
		oslo_error(OSLO_ERR_PARAMETER,
		           "%s.classification \"%s\" is not an evidence requester's AgentClassification: "
		           "\"ER\" (evidence requester) or \"IP\" (intermediary platform)",
		           where, a->classification);
	if ((addr = oots_member(v, "address")) != NULL)
	{
		char *w = oslo_psprintf("%s.address", where);

		read_address(addr, w, &a->addr);
	}
}

static void
read_requesters(request *rq, json_object *v)
{
	bool has_er = false;

	if (v == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "requester is missing: the evidence requester (an agent "
		                               "{\"identifier\", \"scheme\", \"name\"})");
	if (json_object_is_type(v, json_type_array))
	{
		size_t n = json_object_array_length(v);

		if (n == 0 || n > MAX_AGENTS)
			oslo_error(OSLO_ERR_PARAMETER,
			           "requester must hold 1 to %d agents (the requester, and an intermediary "
			           "platform if any), not %zu",
			           MAX_AGENTS, n);
		for (size_t i = 0; i < n; i++)
		{
			char *w = oslo_psprintf("requester[%zu]", i);

			read_agent(json_object_array_get_idx(v, i), w, &rq->requesters[i], true);
		}
		rq->nrequesters = n;
	}
	else
	{
		read_agent(v, "requester", &rq->requesters[0], true);
		rq->nrequesters = 1;
	}
	for (size_t i = 0; i < rq->nrequesters; i++)
		has_er |= strcmp(rq->requesters[i].classification, "ER") == 0;
	if (!has_er)
		oslo_error(OSLO_ERR_PARAMETER,
		           "requester has no agent classified \"ER\": an intermediary platform (\"IP\") "
		           "requests on behalf of an evidence requester, which must be listed too");
}

static void
read_requirement(json_object *v, const char *where, requirement *r)
{
	static const char *const keys[] = {"identifier", "name", "lang", NULL};

	oots_expect_object(v, where);
	oots_check_keys(v, where, keys);
	r->identifier = oots_string(v, "identifier", where, true);
	check_https(oslo_psprintf("%s.identifier", where), r->identifier);
	r->name = oots_string(v, "name", where, true);
	r->lang = lang_or_default(v, where);
}

static void
read_requirements(request *rq, json_object *v)
{
	if (v == NULL)
		return;
	if (!json_object_is_type(v, json_type_array))
	{
		read_requirement(v, "requirements", &rq->requirements[0]);
		rq->nrequirements = 1;
		return;
	}
	if (json_object_array_length(v) > MAX_REQUIREMENTS)
		oslo_error(OSLO_ERR_PARAMETER, "requirements holds more than %d requirements",
		           MAX_REQUIREMENTS);
	for (size_t i = 0; i < json_object_array_length(v); i++)
	{
		char *w = oslo_psprintf("requirements[%zu]", i);

		read_requirement(json_object_array_get_idx(v, i), w, &rq->requirements[i]);
	}
	rq->nrequirements = json_object_array_length(v);
}

static void
read_evidence_type(request *rq, json_object *v)
{
	static const char *const keys[] = {"identifier",  "classification", "title",
	                                   "description", "lang",           "format",
	                                   "conforms_to", "transformation", NULL};
	const char *w = "evidence_type";
	char *media;

	if (v == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "evidence_type is missing: the DataServiceEvidenceType from the Data Service "
		           "Directory ({\"identifier\", \"classification\", \"title\", \"format\"})");
	oots_expect_object(v, w);
	oots_check_keys(v, w, keys);
	rq->et_identifier = oots_string(v, "identifier", w, true);
	if (!oots_is_uuid(rq->et_identifier))
		oslo_error(OSLO_ERR_PARAMETER,
		           "evidence_type.identifier \"%s\" is not a UUID: the DataServiceEvidenceType "
		           "identifier from the Data Service Directory (R-EDM-REQ-C026)",
		           rq->et_identifier);
	rq->et_classification = oots_string(v, "classification", w, true);
	if (!oots_test_passes(T_SR_EVIDENCE_TYPE, rq->et_classification))
		oslo_error(OSLO_ERR_PARAMETER,
		           "evidence_type.classification \"%s\" is not a Semantic Repository evidence type "
		           "classification "
		           "https://sr.oots.tech.europa.eu/evidencetypeclassifications/<country>/<uuid> "
		           "(R-EDM-REQ-C027)",
		           rq->et_classification);
	rq->et_title = oots_string(v, "title", w, true);
	rq->et_description = oots_string(v, "description", w, false);
	rq->et_lang = lang_or_default(v, w);
	rq->et_format = oots_string(v, "format", w, true);
	if (!oots_in_list(rq->et_format, oots_media_types))
	{
		media = oots_list_text(oots_media_types);
		oslo_error(OSLO_ERR_PARAMETER,
		           "evidence_type.format \"%s\" is not in the OOTSMediaTypes code list (%s)",
		           rq->et_format, media);
	}
	rq->et_conforms_to = oots_string(v, "conforms_to", w, false);
	if (rq->et_conforms_to && !oots_test_passes(T_SR_DISTRIBUTION, rq->et_conforms_to))
		oslo_error(OSLO_ERR_PARAMETER,
		           "evidence_type.conforms_to \"%s\" does not start with "
		           "https://sr.oots.tech.europa.eu/distributions/ (R-EDM-REQ-C034)",
		           rq->et_conforms_to);
	rq->et_transformation = oots_string(v, "transformation", w, false);
	if (rq->et_transformation && !oots_test_passes(T_SR_DISTRIBUTION, rq->et_transformation))
		oslo_error(OSLO_ERR_PARAMETER,
		           "evidence_type.transformation \"%s\" does not start with "
		           "https://sr.oots.tech.europa.eu/distributions/ (R-EDM-REQ-C035)",
		           rq->et_transformation);
	if (rq->et_transformation && rq->et_conforms_to == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "evidence_type.transformation needs conforms_to: a "
		                               "transformation is a subset of a data model");
}

static void
read_attributes(request *rq, json_object *v)
{
	static const char *const keys[] = {"name", "uri", "value", NULL};

	if (!json_object_is_type(v, json_type_array))
		oslo_error(OSLO_ERR_PARAMETER,
		           "person.sector_specific_attributes must be an array of {\"name\", \"uri\", "
		           "\"value\"}, not %s",
		           oots_json_kind(v));
	if (json_object_array_length(v) > MAX_ATTRIBUTES)
		oslo_error(OSLO_ERR_PARAMETER,
		           "person.sector_specific_attributes holds more than %d attributes",
		           MAX_ATTRIBUTES);
	for (size_t i = 0; i < json_object_array_length(v); i++)
	{
		char *w = oslo_psprintf("person.sector_specific_attributes[%zu]", i);
		json_object *a = json_object_array_get_idx(v, i);
		attribute *at = &rq->attributes[i];

		oots_expect_object(a, w);
		oots_check_keys(a, w, keys);
		at->name = oots_string(a, "name", w, true);
		at->uri = oots_string(a, "uri", w, true);
		if (strstr(at->uri, "://") == NULL || strpbrk(at->uri, " \t\r\n<>\"") != NULL)
			oslo_error(OSLO_ERR_PARAMETER, "%s.uri \"%s\" is not an absolute URI", w, at->uri);
		at->value = oots_string(a, "value", w, true);
	}
	rq->nattributes = json_object_array_length(v);
}

/* XX/YY/ZZZ...: country of the identifier, destination country, and at least 9 letters or digits */
static bool
eidas_identifier(const char *s)
{
	const char *third = s + 6;
	size_t run = 0, best = 0;

	if (strlen(s) < 7 || s[2] != '/' || s[5] != '/')
		return false;
	for (int i = 0; i < 5; i += 3)
		if (s[i] < 'A' || s[i] > 'Z' || s[i + 1] < 'A' || s[i + 1] > 'Z')
			return false;
	for (const char *p = third; *p; p++)
	{
		bool alnum =
		    (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9');

		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			return false;
		run = alnum ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best >= 9;
}

static void
read_person(request *rq, json_object *v)
{
	static const char *const keys[] = {"level_of_assurance",
	                                   "identifier",
	                                   "family_name",
	                                   "given_name",
	                                   "date_of_birth",
	                                   "birth_name",
	                                   "place_of_birth",
	                                   "current_address",
	                                   "gender",
	                                   "sector_specific_attributes",
	                                   NULL};
	const char *w = "person";
	json_object *m;
	char *list;

	if (v == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "person is missing: the natural person's eIDAS attributes "
		                               "({\"level_of_assurance\", \"family_name\", \"given_name\", "
		                               "\"date_of_birth\", ...})");
	oots_expect_object(v, w);
	oots_check_keys(v, w, keys);
	/* R-EDM-REQ-C036: required with a NaturalPerson */
	rq->loa = oots_string(v, "level_of_assurance", w, false);
	list = oots_list_text(oots_levels_of_assurance);
	if (rq->loa == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "person.level_of_assurance is missing: the eIDAS level of assurance of the "
		           "user's authentication (%s; R-EDM-REQ-C036)",
		           list);
	if (!oots_in_list(rq->loa, oots_levels_of_assurance))
		oslo_error(OSLO_ERR_PARAMETER,
		           "person.level_of_assurance \"%s\" is not an eIDAS level of assurance (%s)",
		           rq->loa, list);
	rq->person_id = oots_string(v, "identifier", w, false);
	if (rq->person_id && !eidas_identifier(rq->person_id))
		oslo_error(OSLO_ERR_PARAMETER,
		           "person.identifier \"%s\" is not an eIDAS person identifier XX/YY/ZZZZZZZZZ: "
		           "issuing and destination country in upper case, then at least 9 letters or "
		           "digits (e.g. \"BE/DE/850101123456\"; R-EDM-REQ-C039)",
		           rq->person_id);
	rq->family_name = oots_string(v, "family_name", w, true);
	rq->given_name = oots_string(v, "given_name", w, true);
	rq->date_of_birth = oots_string(v, "date_of_birth", w, true);
	if (!oots_is_date(rq->date_of_birth))
		oslo_error(OSLO_ERR_PARAMETER,
		           "person.date_of_birth \"%s\" is not a date YYYY-MM-DD (R-EDM-REQ-C043)",
		           rq->date_of_birth);
	rq->birth_name = oots_string(v, "birth_name", w, false);
	rq->place_of_birth = oots_string(v, "place_of_birth", w, false);
	if ((m = oots_member(v, "current_address")) != NULL)
		read_address(m, "person.current_address", &rq->current_address);
	rq->gender = oots_string(v, "gender", w, false);
	if (rq->gender && !oots_in_list(rq->gender, oots_genders))
		oslo_error(OSLO_ERR_PARAMETER,
		           "person.gender \"%s\" is not an eIDAS gender: Male, Female or Unspecified",
		           rq->gender);
	if ((m = oots_member(v, "sector_specific_attributes")) != NULL)
		read_attributes(rq, m);
}

static void
read_id(request *rq, const char *id)
{
	const char *uuid = strncmp(id, "urn:uuid:", 9) == 0 ? id + 9 : id;

	if (!oots_is_uuid(uuid))
		oslo_error(OSLO_ERR_PARAMETER,
		           "request_id \"%s\" is not a UUID (the request id is urn:uuid:<uuid>; "
		           "R-EDM-REQ-S004)",
		           id);
	snprintf(rq->id, sizeof(rq->id), "urn:uuid:%s", uuid);
	/* RFC 4122 output is lower case */
	for (char *p = rq->id + 9; *p; p++)
		if (*p >= 'A' && *p <= 'F')
			*p = (char)(*p - 'A' + 'a');
}

static void
read_params(request *rq, json_object *root)
{
	static const char *const keys[] = {"id",
	                                   "issued",
	                                   "specification",
	                                   "procedure",
	                                   "procedure_lang",
	                                   "possibility_for_preview",
	                                   "explicit_request_given",
	                                   "preview_location",
	                                   "requirements",
	                                   "requester",
	                                   "provider",
	                                   "evidence_type",
	                                   "person",
	                                   NULL};
	const char *w = "request parameters", *spec;
	json_object *provider;

	oots_expect_object(root, w);
	oots_check_keys(root, w, keys);
	read_id(rq, oots_string(root, "id", w, true));
	rq->issued = oots_string(root, "issued", w, true);
	if (!oots_is_datetime(rq->issued))
		oslo_error(OSLO_ERR_PARAMETER,
		           "issued \"%s\" is not an xsd:dateTime YYYY-MM-DDThh:mm:ss[.fff][Z|+hh:mm] "
		           "(R-EDM-REQ-C002)",
		           rq->issued);
	spec = oots_string(root, "specification", w, false);
	if (spec && strcmp(spec, OOTS_SPECIFICATION) != 0)
		oslo_error(OSLO_ERR_UNSUPPORTED,
		           "specification \"%s\" is not supported: requests are built for %s, the EDM "
		           "version whose XSDs and Schematron are published",
		           spec, OOTS_SPECIFICATION);
	rq->procedure = oots_string(root, "procedure", w, false);
	if (rq->procedure && !oots_in_list(rq->procedure, oots_procedures))
	{
		char *list = oots_list_text(oots_procedures);

		oslo_error(OSLO_ERR_PARAMETER,
		           "procedure \"%s\" is not in the OOTS Procedures code list (Annex II of the SDG "
		           "Regulation: %s)",
		           rq->procedure, list);
	}
	rq->procedure_lang = oots_string(root, "procedure_lang", w, false);
	if (rq->procedure_lang)
		check_lang(w, "procedure_lang", rq->procedure_lang);
	else
		rq->procedure_lang = "EN";
	rq->possibility_for_preview = oots_bool(root, "possibility_for_preview", w, false);
	rq->explicit_request_given = oots_bool(root, "explicit_request_given", w, true);
	rq->preview_location = oots_string(root, "preview_location", w, false);
	if (rq->preview_location)
		check_https("preview_location", rq->preview_location);
	read_requirements(rq, oots_member(root, "requirements"));
	read_requesters(rq, oots_member(root, "requester"));
	provider = oots_member(root, "provider");
	if (provider == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "provider is missing: the evidence provider (an agent "
		                               "{\"identifier\", \"scheme\", \"name\"} from the DSD)");
	read_agent(provider, "provider", &rq->provider, false);
	read_evidence_type(rq, oots_member(root, "evidence_type"));
	read_person(rq, oots_member(root, "person"));
}

/* ---- building ---- */

static void
out_of_memory(void)
{
	oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not allocate the XML of an OOTS evidence request");
}

static xmlNodePtr
add(request *rq, xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewDocNode(rq->doc, ns, (const xmlChar *)name, NULL);

	if (n == NULL)
		out_of_memory();
	xmlAddChild(parent, n);
	if (text)
	{
		xmlNodePtr t = xmlNewDocText(rq->doc, (const xmlChar *)text);

		if (t == NULL)
			out_of_memory();
		xmlAddChild(n, t);
	}
	return n;
}

static void
set_attr(xmlNodePtr n, xmlNsPtr ns, const char *name, const char *value)
{
	if ((ns ? xmlNewNsProp(n, ns, (const xmlChar *)name, (const xmlChar *)value)
	        : xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value)) == NULL)
		out_of_memory();
}

/* rim:Slot name=... / rim:SlotValue xsi:type=rim:<type>; returns the SlotValue */
static xmlNodePtr
add_slot(request *rq, xmlNodePtr parent, const char *name, const char *type)
{
	xmlNodePtr slot = add(rq, parent, rq->rim, "Slot", NULL);
	xmlNodePtr value = add(rq, slot, rq->rim, "SlotValue", NULL);
	char qname[64];

	set_attr(slot, NULL, "name", name);
	snprintf(qname, sizeof(qname), "rim:%s", type);
	set_attr(value, rq->xsi, "type", qname);
	return value;
}

/* a collection element: rim:Element xsi:type=rim:AnyValueType */
static xmlNodePtr
add_element(request *rq, xmlNodePtr collection)
{
	xmlNodePtr e = add(rq, collection, rq->rim, "Element", NULL);

	set_attr(e, rq->xsi, "type", "rim:AnyValueType");
	return e;
}

static void
add_lang_text(request *rq, xmlNodePtr parent, const char *name, const char *text, const char *lang)
{
	set_attr(add(rq, parent, rq->sdg, name, text), NULL, "lang", lang);
}

static void
add_opt(request *rq, xmlNodePtr parent, const char *name, const char *text)
{
	if (text)
		add(rq, parent, rq->sdg, name, text);
}

static void
add_address(request *rq, xmlNodePtr parent, const char *name, const address *a)
{
	xmlNodePtr n;

	if (!a->present)
		return;
	n = add(rq, parent, rq->sdg, name, NULL);
	add_opt(rq, n, "FullAddress", a->full);
	add_opt(rq, n, "LocatorDesignator", a->locator);
	add_opt(rq, n, "PostCode", a->post_code);
	add_opt(rq, n, "PostCityName", a->post_city);
	add_opt(rq, n, "Thoroughfare", a->thoroughfare);
	add_opt(rq, n, "AdminUnitLevel1", a->admin1);
	add_opt(rq, n, "AdminUnitLevel2", a->admin2);
}

static void
add_agent(request *rq, xmlNodePtr parent, const agent *a)
{
	xmlNodePtr n = add(rq, parent, rq->sdg, "Agent", NULL);

	set_attr(add(rq, n, rq->sdg, "Identifier", a->identifier), NULL, "schemeID", a->scheme);
	add_lang_text(rq, n, "Name", a->name, a->lang);
	add_address(rq, n, "Address", &a->addr);
	add_opt(rq, n, "Classification", a->classification);
}

static void
add_person(request *rq, xmlNodePtr query)
{
	xmlNodePtr p =
	    add(rq, add_slot(rq, query, "NaturalPerson", "AnyValueType"), rq->sdg, "Person", NULL);

	add(rq, p, rq->sdg, "LevelOfAssurance", rq->loa);
	if (rq->person_id)
		set_attr(add(rq, p, rq->sdg, "Identifier", rq->person_id), NULL, "schemeID", "eidas");
	add(rq, p, rq->sdg, "FamilyName", rq->family_name);
	add(rq, p, rq->sdg, "GivenName", rq->given_name);
	add(rq, p, rq->sdg, "DateOfBirth", rq->date_of_birth);
	add_opt(rq, p, "BirthName", rq->birth_name);
	add_opt(rq, p, "PlaceOfBirth", rq->place_of_birth);
	add_address(rq, p, "CurrentAddress", &rq->current_address);
	add_opt(rq, p, "Gender", rq->gender);
	for (size_t i = 0; i < rq->nattributes; i++)
	{
		xmlNodePtr a = add(rq, p, rq->sdg, "SectorSpecificAttribute", NULL);

		add(rq, a, rq->sdg, "AttributeName", rq->attributes[i].name);
		add(rq, a, rq->sdg, "AttributeURI", rq->attributes[i].uri);
		add(rq, a, rq->sdg, "AttributeValue", rq->attributes[i].value);
	}
}

static void
add_evidence_request(request *rq, xmlNodePtr query)
{
	xmlNodePtr t = add(rq, add_slot(rq, query, "EvidenceRequest", "AnyValueType"), rq->sdg,
	                   "DataServiceEvidenceType", NULL);
	xmlNodePtr d;

	add(rq, t, rq->sdg, "Identifier", rq->et_identifier);
	add(rq, t, rq->sdg, "EvidenceTypeClassification", rq->et_classification);
	add_lang_text(rq, t, "Title", rq->et_title, rq->et_lang);
	if (rq->et_description)
		add_lang_text(rq, t, "Description", rq->et_description, rq->et_lang);
	d = add(rq, t, rq->sdg, "DistributedAs", NULL);
	add(rq, d, rq->sdg, "Format", rq->et_format);
	add_opt(rq, d, "ConformsTo", rq->et_conforms_to);
	add_opt(rq, d, "Transformation", rq->et_transformation);
}

static xmlNsPtr
new_ns(xmlNodePtr root, const char *href, const char *prefix)
{
	xmlNsPtr ns = xmlNewNs(root, (const xmlChar *)href, (const xmlChar *)prefix);

	if (ns == NULL)
		out_of_memory();
	return ns;
}

static void
free_doc(void *doc)
{
	xmlFreeDoc((xmlDocPtr)doc);
}

static void
free_buffer(void *buf)
{
	xmlBufferFree((xmlBufferPtr)buf);
}

static void
build(request *rq)
{
	xmlNodePtr root, v, query;

	root = xmlNewDocNode(rq->doc, NULL, (const xmlChar *)"QueryRequest", NULL);
	if (root == NULL)
		out_of_memory();
	xmlDocSetRootElement(rq->doc, root);
	rq->query = new_ns(root, NS_QUERY, "query");
	rq->rim = new_ns(root, NS_RIM, "rim");
	rq->sdg = new_ns(root, NS_SDG, "sdg");
	rq->xsi = new_ns(root, NS_XSI, "xsi");
	xmlSetNs(root, rq->query);
	set_attr(root, NULL, "id", rq->id);

	add(rq, add_slot(rq, root, "SpecificationIdentifier", "StringValueType"), rq->rim, "Value",
	    OOTS_SPECIFICATION);
	add(rq, add_slot(rq, root, "IssueDateTime", "DateTimeValueType"), rq->rim, "Value", rq->issued);
	if (rq->procedure)
	{
		xmlNodePtr ls = add(rq,
		                    add(rq, add_slot(rq, root, "Procedure", "InternationalStringValueType"),
		                        rq->rim, "Value", NULL),
		                    rq->rim, "LocalizedString", NULL);
		xmlNsPtr xml = xmlSearchNsByHref(rq->doc, root, (const xmlChar *)NS_XML);

		if (xml == NULL)
			out_of_memory();
		set_attr(ls, xml, "lang", rq->procedure_lang);
		set_attr(ls, NULL, "value", rq->procedure);
	}
	if (rq->preview_location)
		add(rq, add_slot(rq, root, "PreviewLocation", "StringValueType"), rq->rim, "Value",
		    rq->preview_location);
	add(rq, add_slot(rq, root, "PossibilityForPreview", "BooleanValueType"), rq->rim, "Value",
	    rq->possibility_for_preview ? "true" : "false");
	add(rq, add_slot(rq, root, "ExplicitRequestGiven", "BooleanValueType"), rq->rim, "Value",
	    rq->explicit_request_given ? "true" : "false");
	if (rq->nrequirements)
	{
		v = add_slot(rq, root, "Requirements", "CollectionValueType");
		set_attr(v, NULL, "collectionType", "urn:oasis:names:tc:ebxml-regrep:CollectionType:Set");
		for (size_t i = 0; i < rq->nrequirements; i++)
		{
			xmlNodePtr r = add(rq, add_element(rq, v), rq->sdg, "Requirement", NULL);

			add(rq, r, rq->sdg, "Identifier", rq->requirements[i].identifier);
			add_lang_text(rq, r, "Name", rq->requirements[i].name, rq->requirements[i].lang);
		}
	}
	v = add_slot(rq, root, "EvidenceRequester", "CollectionValueType");
	for (size_t i = 0; i < rq->nrequesters; i++)
		add_agent(rq, add_element(rq, v), &rq->requesters[i]);
	add_agent(rq, add_slot(rq, root, "EvidenceProvider", "AnyValueType"), &rq->provider);

	set_attr(add(rq, root, rq->query, "ResponseOption", NULL), NULL, "returnType",
	         "LeafClassWithRepositoryItem");
	query = add(rq, root, rq->query, "Query", NULL);
	set_attr(query, NULL, "queryDefinition", "DocumentQuery");
	add_person(rq, query);
	add_evidence_request(rq, query);
}

/* the native Schematron checks must pass on what we built */
static void
self_check(request *rq)
{
	oots_findings f;

	memset(&f, 0, sizeof(f));
	oots_check_doc(rq->doc, OOTS_REQUEST, &f);
	if (f.count > 0)
		oslo_error(OSLO_ERR_PARAMETER, "the evidence request fails %s at %s: %s", f.items[0].rule,
		           f.items[0].location, f.items[0].message);
	oots_findings_free(&f);
}

void
oots_write_request(const oslo_data *input, const char *options_json, oslo_data *output)
{
	oots_json params;
	request *rq = oslo_alloc0(sizeof(request));
	oslo_guard *guard, *buf_guard;
	xmlBufferPtr buf;

	oots_json_parse(&params, input->bytes, input->len);
	read_params(rq, params.root);

	rq->doc = xmlNewDoc((const xmlChar *)"1.0");
	if (rq->doc == NULL)
		out_of_memory();
	guard = oslo_guard_new(free_doc, rq->doc);
	build(rq);
	self_check(rq);

	buf = xmlBufferCreate();
	if (buf == NULL)
		out_of_memory();
	buf_guard = oslo_guard_new(free_buffer, buf);
	if (xmlNodeDump(buf, rq->doc, xmlDocGetRootElement(rq->doc), 0, 0) < 0)
		out_of_memory();
	output->kind = OSLO_DATA_BYTES;
	output->len = (size_t)xmlBufferLength(buf);
	output->bytes = oslo_strndup((const char *)xmlBufferContent(buf), output->len);
	oslo_guard_release(buf_guard);
	oslo_guard_release(guard);
	oots_json_free(&params);
	oslo_free(rq);
}
