/*
 * test_magda.c
 *	  The magda plugin, loaded as the host loads it (dlopen): its descriptor,
 *	  GeefPersoon 02.02 -> graph -> oslo-persoon-im against the official
 *	  MAGDA-Persoon examples (field by field here; test/t/007 compares the
 *	  whole documents), all MAGDA-Mock GeefPersoon responses, the IM blocks,
 *	  Uitzonderingen and code-list fallbacks, and the error cases on small
 *	  fixtures written here; GeefPersoon 02.00 on the fixtures of
 *	  test/fixtures/magda/geefpersoon-02.00 (schema-checked against MAGDA's
 *	  XSDs here, and mapped to the same document as their 02.02 twin).
 */
#include "unit.h"

#include "jsonld_writer.h"
#include "oslo_formats.h"
#include "oslo_plugin.h"
#include "rml.h"
#include "../../plugins/magda/oslo_terms.h"

#include <dirent.h>
#include <dlfcn.h>
#include <json-c/json.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>
#include <strings.h>

#define MOCK_DIR "magda/examples/Persoon/GeefPersoon/02.02.0000"
#define IM_DIR   "magda/oslo-mapping/OSLO-Persoon-MAGDA-IM"

static const oslo_plugin_def *plugin;
static const char *plugin_error;

static void
load_plugin(void)
{
	char path[4096];
	const char *dir = getenv("OSLO_PLUGIN_DIR");
	const char *src = getenv("OSLO_SOURCE_DIR");
	void *h;
	oslo_plugin_describe_fn describe;

	if (dir)
		snprintf(path, sizeof(path), "%s/magda.so", dir);
	else
		snprintf(path, sizeof(path), "%s/plugins/magda/magda.so", src ? src : ".");
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL)
	{
		plugin_error = strdup(dlerror());
		return;
	}
	describe = (oslo_plugin_describe_fn)dlsym(h, OSLO_PLUGIN_DESCRIBE_SYMBOL);
	if (describe == NULL)
	{
		plugin_error = "no oslo_plugin_describe symbol";
		return;
	}
	plugin = describe();
}

/*
 * The host's mapping catalog: the plugin's message types are RML mappings
 * (mappings/MANIFEST), compiled on first use into a cache entry, as a
 * backend does once per session.
 */
static rml_mapping *geefpersoon_mapping;

static const struct rml_mapping *
registered_mapping(const char *name)
{
	const char *src = getenv("OSLO_SOURCE_DIR");
	char path[4096];
	FILE *f;
	oslo_buf body;
	char chunk[8192];
	size_t n;
	oslo_persist *p;

	if (strcmp(name, "magda/geefpersoon") != 0)
		return NULL;
	if (geefpersoon_mapping)
		return geefpersoon_mapping;
	snprintf(path, sizeof(path), "%s/mappings/magda/geefpersoon.rml.ttl", src ? src : ".");
	f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	p = oslo_persist_begin();
	oslo_buf_init(&body);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		oslo_buf_append(&body, chunk, n);
	fclose(f);
	geefpersoon_mapping =
	    rml_compile(body.data, body.len, "urn:oslo-interop:mapping/magda/geefpersoon");
	oslo_buf_free(&body);
	oslo_persist_commit(p);
	return geefpersoon_mapping;
}

static void
install_mapping_host(void)
{
	oslo_format_host host = {NULL, NULL, NULL, NULL, NULL, registered_mapping};

	oslo_formats_set_host(&host);
}

static const oslo_transform_def *
transform(const char *from, const char *to)
{
	for (uint32_t i = 0; plugin && i < plugin->ntransforms; i++)
		if (strcmp(plugin->transforms[i].from_format, from) == 0 &&
		    strcmp(plugin->transforms[i].to_format, to) == 0)
			return &plugin->transforms[i];
	return NULL;
}

/* ---- running the transforms ---- */

static void
free_doc(void *doc)
{
	xmlFreeDoc((xmlDocPtr)doc);
}

/* magda -> graph; the document is freed even when the transform raises */
static oslo_graph *
read_magda(const char *xml, size_t len)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, NULL, "UTF-8", XML_PARSE_NONET);
	oslo_guard *guard;
	oslo_data in = {0}, out = {0};

	if (doc == NULL)
		oslo_error(OSLO_ERR_XML, "test fixture is not well-formed XML");
	guard = oslo_guard_new(free_doc, doc);
	in.kind = OSLO_DATA_XML;
	in.xml = doc;
	transform("magda", "graph")->fn(&in, "{}", &out);
	oslo_guard_release(guard);
	return out.graph;
}

static oslo_graph *
read_fixture(const char *xml)
{
	return read_magda(xml, strlen(xml));
}

static char *context_options; /* {"context": <persoon-im.context.jsonld>} */

static json_object *jget(json_object *o, const char *key);
static const char *jstr(json_object *o);

static void
load_context_options(void)
{
	char path[4096];
	const char *src = getenv("OSLO_SOURCE_DIR");
	char *ctx;

	snprintf(path, sizeof(path), "%s/mappings/magda/persoon-im.context.jsonld", src ? src : ".");
	ctx = unit_read_file(path, NULL);
	if (ctx == NULL)
		return;
	context_options = malloc(strlen(ctx) + 16);
	sprintf(context_options, "{\"context\": %s}", ctx);
	free(ctx);
}

static char *
write_im(oslo_graph *g, const char *options)
{
	oslo_data in = {0}, out = {0};

	in.kind = OSLO_DATA_GRAPH;
	in.graph = g;
	transform("graph", "oslo-persoon-im")->fn(&in, options, &out);
	return oslo_strndup(out.bytes, out.len);
}

/* ---- looking into graphs ---- */

static oslo_term_id
iri(const oslo_graph *g, const char *s)
{
	return oslo_graph_find_iri(g, s, strlen(s));
}

static oslo_term_id
object(const oslo_graph *g, oslo_term_id s, const char *p)
{
	return s && iri(g, p) ? oslo_graph_object(g, s, iri(g, p)) : 0;
}

static const char *
value(const oslo_graph *g, oslo_term_id t)
{
	return t ? oslo_graph_term(g, t)->value : NULL;
}

/* the GeregistreerdPersoon nodes (up to max), returns how many */
static int
persons(const oslo_graph *g, oslo_term_id *out, int max)
{
	oslo_match m;
	oslo_quad q;
	int n = 0;

	if (!iri(g, OSLO_RDF_TYPE) || !iri(g, T_GEREGISTREERD_PERSOON))
		return 0;
	oslo_match_init(&m, g, 0, iri(g, OSLO_RDF_TYPE), iri(g, T_GEREGISTREERD_PERSOON),
	                OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
	{
		if (n < max)
			out[n] = q.s;
		n++;
	}
	return n;
}

static bool
referenced(const oslo_graph *g, oslo_term_id id)
{
	oslo_match m;
	oslo_quad q;

	oslo_match_init(&m, g, 0, 0, id, OSLO_ANY_GRAPH);
	return oslo_match_next(&m, &q);
}

/* the one GeregistreerdPersoon no statement points to (related persons are nested) */
static oslo_term_id
the_person(const oslo_graph *g)
{
	oslo_term_id all[64], found = 0;
	int n = persons(g, all, 64), top = 0;

	for (int i = 0; i < n && i < 64; i++)
		if (!referenced(g, all[i]))
		{
			found = all[i];
			top++;
		}
	return top == 1 ? found : 0;
}

/* how many Uitzondering nodes the graph holds */
static int
uitzonderingen(const oslo_graph *g)
{
	oslo_match m;
	oslo_quad q;
	int n = 0;

	if (!iri(g, OSLO_RDF_TYPE) || !iri(g, T_UITZONDERING))
		return 0;
	oslo_match_init(&m, g, 0, iri(g, OSLO_RDF_TYPE), iri(g, T_UITZONDERING), OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
		n++;
	return n;
}

static const char *
insz_of(const oslo_graph *g, oslo_term_id person)
{
	return value(g, object(g, object(g, person, T_REGISTRATIE), T_IDENTIFICATOR_WAARDE));
}

/* ---- the fixtures ---- */

#define GEEF_NS "http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02"

static char fixture_buf[16384];

/* a bare GeefPersoonResponse with the given Context and Repliek body */
static const char *
response(const char *ns, const char *naam, const char *versie, const char *body)
{
	snprintf(fixture_buf, sizeof(fixture_buf),
	         "<m:GeefPersoonResponse xmlns:m=\"%s\"><Repliek><Context><Naam>%s</Naam>"
	         "<Versie>%s</Versie><Bericht><Type>ANTWOORD</Type></Bericht></Context>%s</Repliek>"
	         "</m:GeefPersoonResponse>",
	         ns, naam, versie, body);
	return fixture_buf;
}

static const char *
with_persoon(const char *persoon_attrs, const char *persoon_body)
{
	static char body[12000];

	snprintf(body, sizeof(body),
	         "<Antwoorden><Antwoord><Referte>r1</Referte><Inhoud><Persoon %s>%s</Persoon>"
	         "</Inhoud></Antwoord></Antwoorden>",
	         persoon_attrs, persoon_body);
	return response(GEEF_NS, "GeefPersoon", "02.02.0000", body);
}

#define NAAM_JAN                                                                                   \
	"<Naam><Achternamen><Achternaam>Peeters</Achternaam></Achternamen>"                            \
	"<Voornamen><Voornaam>Jan</Voornaam><Voornaam>Karel</Voornaam></Voornamen></Naam>"

/* ---- tests ---- */

TEST(descriptor)
{
	CHECK(plugin != NULL);
	if (!plugin)
		return;
	CHECK(plugin->abi_version == OSLO_PLUGIN_ABI_VERSION);
	CHECK_STREQ(plugin->name, "magda");
	CHECK_STREQ(plugin->version, "0.1.0");
	/* the request formats of magda_request*.c come after these two */
	CHECK(plugin->nformats >= 2);
	CHECK_STREQ(plugin->formats[0].name, "magda");
	CHECK_STREQ(plugin->formats[1].name, "oslo-persoon-im");
	CHECK(plugin->formats[1].jsonld_context != NULL);
	CHECK_STREQ(plugin->reads[0], "magda");
	CHECK_STREQ(plugin->writes[0], "oslo-persoon-im");
	CHECK(transform("magda", "graph") && transform("magda", "graph")->input_kind == OSLO_DATA_XML &&
	      transform("magda", "graph")->output_kind == OSLO_DATA_GRAPH);
	CHECK(transform("graph", "oslo-persoon-im") &&
	      transform("graph", "oslo-persoon-im")->input_kind == OSLO_DATA_GRAPH &&
	      transform("graph", "oslo-persoon-im")->output_kind == OSLO_DATA_BYTES);
}

TEST(person_in_soap_envelope)
{
	/* SOAP 1.1 envelope, default namespace reset with xmlns="", "Persoon.GeefPersoon" */
	static const char xml[] =
	    "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>"
	    "<GeefPersoonResponse xmlns=\"" GEEF_NS "\"><Repliek xmlns=\"\"><Context>"
	    "<Naam>Persoon.GeefPersoon</Naam><Versie>02.02.0000</Versie></Context>"
	    "<Antwoorden><Antwoord><Inhoud><Persoon Bron=\"RR\" DatumCreatie=\"2001-02-03\">"
	    "<INSZ xmlns:x=\"urn:stray\">85010112345</INSZ>" NAAM_JAN
	    "<Geslacht><Code>1</Code></Geslacht>"
	    "<Geboorte><Datum>1985-01-01</Datum></Geboorte>"
	    "<Adressen><Hoofdverblijfplaats><Straatnaam><String>Kerkstraat</String><Taal>nl</Taal>"
	    "</Straatnaam><Huisnummer>8</Huisnummer><Busnummer>2</Busnummer>"
	    "<Gemeentenaam><String>Leuven</String><Taal>nl</Taal></Gemeentenaam>"
	    "<Land><String>BELGIE</String><Taal>nl</Taal></Land><Postcode>3000</Postcode>"
	    "<ISOCodeLand>BEL</ISOCodeLand></Hoofdverblijfplaats></Adressen>"
	    "</Persoon></Inhoud></Antwoord></Antwoorden></Repliek></GeefPersoonResponse>"
	    "</s:Body></s:Envelope>";
	oslo_graph *g = read_fixture(xml);
	oslo_term_id p = the_person(g);
	oslo_term_id moment = object(g, object(g, p, T_HEEFT_GEBOORTE), T_DATUM);
	oslo_term_id desc = object(g, moment, T_IN_DATUM_TIJD);
	oslo_term_id inw = object(g, p, T_HEEFT_INWONERSCHAP);
	oslo_term_id adres = object(g, object(g, inw, T_HEEFT_VERBLIJFPLAATS), T_VERBLIJFSADRES);

	CHECK(p != 0);
	CHECK_STREQ(insz_of(g, p), "85010112345");
	CHECK_STREQ(value(g, object(g, p, T_BRON)), IRI_BRON_RR);
	CHECK_STREQ(value(g, object(g, p, T_CREATIEDATUM)), "2001-02-03");
	CHECK(object(g, p, T_MODIFICATIEDATUM) == 0);
	CHECK_STREQ(value(g, object(g, p, T_GESLACHT)), IRI_GESLACHT_PREFIX "1");
	CHECK(oslo_graph_contains(g, p, iri(g, T_VOORNAAM),
	                          oslo_graph_literal_cstr(g, "Karel", NULL, NULL), 0));
	CHECK_STREQ(value(g, object(g, moment, T_IN_XSD_DATUM)), "1985-01-01");
	CHECK_STREQ(value(g, object(g, desc, T_JAAR)), "1985");
	CHECK_STREQ(value(g, object(g, desc, T_MAAND)), "01");
	CHECK_STREQ(value(g, object(g, object(g, inw, T_JURISDICTIE_PROP), T_PLAATS)),
	            IRI_COUNTRY_PREFIX "BEL");
	CHECK_STREQ(value(g, object(g, adres, T_VOLLEDIG_ADRES)),
	            "Kerkstraat 8 bus 2 3000 Leuven BELGIE");
	CHECK_STREQ(oslo_graph_term(g, object(g, adres, T_STRAATNAAM))->lang, "nl");
	CHECK_STREQ(value(g, object(g, adres, T_BUSNUMMER)), "2");
}

TEST(incomplete_date_keeps_year)
{
	oslo_graph *g = read_fixture(with_persoon(
	    "", "<INSZ>00600099536</INSZ>" NAAM_JAN "<Geboorte><Datum>2000-00-00</Datum></Geboorte>"));
	oslo_term_id moment = object(g, object(g, the_person(g), T_HEEFT_GEBOORTE), T_DATUM);
	oslo_term_id desc = object(g, moment, T_IN_DATUM_TIJD);

	CHECK(moment != 0);
	CHECK(object(g, moment, T_IN_XSD_DATUM) == 0);
	CHECK_STREQ(value(g, object(g, desc, T_JAAR)), "2000");
	CHECK(object(g, desc, T_MAAND) == 0);
	CHECK(object(g, desc, T_DAG) == 0);

	/* not a calendar date, though every part is given: parts only */
	g = read_fixture(
	    with_persoon("", "<INSZ>1</INSZ><Geboorte><Datum>1999-02-29</Datum></Geboorte>"));
	moment = object(g, object(g, the_person(g), T_HEEFT_GEBOORTE), T_DATUM);
	CHECK(object(g, moment, T_IN_XSD_DATUM) == 0);
	CHECK_STREQ(value(g, object(g, object(g, moment, T_IN_DATUM_TIJD), T_DAG)), "29");
}

TEST(missing_hoofdverblijfplaats)
{
	oslo_graph *g = read_fixture(with_persoon("Bron=\"KSZ\"", "<INSZ>12345678901</INSZ>" NAAM_JAN));
	oslo_term_id p = the_person(g);

	CHECK(p != 0);
	CHECK(object(g, p, T_HEEFT_INWONERSCHAP) == 0);
	CHECK(object(g, p, T_HEEFT_GEBOORTE) == 0);
	CHECK_STREQ(value(g, object(g, p, T_BRON)), IRI_BRON_KSZ);

	/* a source the IM gives no organisation for: left out */
	g = read_fixture(with_persoon("Bron=\"XY\"", "<INSZ>12345678901</INSZ>"));
	CHECK(object(g, the_person(g), T_BRON) == 0);
}

/*
 * "not found" is a level-3 FOUT: the graph holds the Uitzondering and no
 * person; the writer raises (the IM's API answers 404), DETAIL naming it.
 */
TEST(not_found_is_a_fout)
{
	oslo_graph *g = read_fixture(
	    response(GEEF_NS, "GeefPersoon", "02.02.0000",
	             "<Antwoorden><Antwoord><Referte>r</Referte><Uitzonderingen><Uitzondering>"
	             "<Identificatie>30001</Identificatie><Oorsprong>RR</Oorsprong><Type>FOUT</Type>"
	             "<Diagnose>Geen gegevens gevonden</Diagnose></Uitzondering></Uitzonderingen>"
	             "</Antwoord></Antwoorden>"));
	oslo_term_id u = iri(g, CL_UITZONDERING "30001");

	CHECK(persons(g, NULL, 0) == 0);
	CHECK(uitzonderingen(g) == 1);
	CHECK_STREQ(value(g, object(g, u, T_TYPE)), CL_UITZONDERING_TYPE "FOUT");
	CHECK_STREQ(value(g, object(g, u, T_OORSPRONG)), CL_UITZONDERING_OORSPRONG "RR");
	CHECK_STREQ(value(g, object(g, u, T_DIAGNOSE)), "Geen gegevens gevonden");
	CHECK_ERROR(OSLO_ERR_DATA, write_im(g, context_options));
	CHECK_CONTAINS(unit_err.message, "FOUT");
	CHECK_CONTAINS(unit_err.detail, "Uitzondering 30001 (RR, FOUT): Geen gegevens gevonden");
}

#define WAARSCHUWING_30004                                                                         \
	"<Uitzondering><Identificatie>30004</Identificatie><Oorsprong>MAGDA</Oorsprong>"               \
	"<Type>WAARSCHUWING</Type><Tijdstip><Datum>2025-12-15</Datum><Tijd>17:07:03.633</Tijd>"        \
	"</Tijdstip><Diagnose>Persoon heeft een nieuw INSZ verkregen</Diagnose>"                       \
	"<Omstandigheid>100</Omstandigheid><Annotaties><Annotatie><Naam>Oud INSZ</Naam>"               \
	"<Waarde>85010112345</Waarde></Annotatie><Annotatie><Naam>Nieuw INSZ</Naam>"                   \
	"<Waarde>00004135311</Waarde></Annotatie></Annotaties></Uitzondering>"

static const char *
with_persoon_and_uitzonderingen(const char *persoon_body, const char *uitzonderingen_body)
{
	static char body[12000];

	snprintf(body, sizeof(body),
	         "<Antwoorden><Antwoord><Referte>r1</Referte><Inhoud><Persoon>%s</Persoon>"
	         "</Inhoud><Uitzonderingen>%s</Uitzonderingen></Antwoord></Antwoorden>",
	         persoon_body, uitzonderingen_body);
	return response(GEEF_NS, "GeefPersoon", "02.02.0000", body);
}

/* WAARSCHUWING and INFORMATIE travel with the person, in warning[] */
TEST(warnings_travel_in_warning_array)
{
	oslo_graph *g = read_fixture(with_persoon_and_uitzonderingen(
	    "<INSZ>85010112345</INSZ>",
	    WAARSCHUWING_30004 "<Uitzondering><Identificatie>30042</Identificatie><Oorsprong>MAGDA"
	                       "</Oorsprong><Type>INFORMATIE</Type><Diagnose>Meerdere voorkomens"
	                       "</Diagnose></Uitzondering>"));
	oslo_term_id u = iri(g, CL_UITZONDERING "30004");
	char *json;
	json_object *doc, *warning;

	CHECK(the_person(g) != 0);
	CHECK(uitzonderingen(g) == 2);
	CHECK_STREQ(value(g, object(g, u, T_DATUM)), "2025-12-15T17:07:03.633");
	CHECK_STREQ(value(g, object(g, u, T_OMSTANDIGHEID)), CL_OMSTANDIGHEID "100");
	json = write_im(g, context_options);
	doc = json_tokener_parse(json);
	warning = jget(doc, "warning");
	CHECK(warning && json_object_array_length(warning) == 2);
	CHECK_CONTAINS(json, "\"@id\":\"" CL_UITZONDERING "30004\"");
	CHECK_CONTAINS(json, "\"@id\":\"" CL_UITZONDERING_TYPE "INFORMATIE\"");
	CHECK_CONTAINS(json, "{\"@type\":\"DateTime\",\"@value\":\"2025-12-15T17:07:03.633\"}");
	CHECK_CONTAINS(json, "\"naam\":{\"@value\":\"Nieuw INSZ\"}");
	CHECK_STREQ(jstr(jget(jget(jget(doc, "data"), "registratie"), "identificator")), "85010112345");
	json_object_put(doc);

	/* a FOUT next to the person: no envelope */
	g = read_fixture(with_persoon_and_uitzonderingen(
	    "<INSZ>85010112345</INSZ>",
	    WAARSCHUWING_30004 "<Uitzondering><Identificatie>60009</Identificatie><Oorsprong>KSZ"
	                       "</Oorsprong><Type>FOUT</Type><Diagnose>Technisch probleem</Diagnose>"
	                       "</Uitzondering>"));
	CHECK_ERROR(OSLO_ERR_DATA, write_im(g, context_options));
	CHECK_CONTAINS(unit_err.detail, "Uitzondering 60009 (KSZ, FOUT): Technisch probleem");
}

/* a code that cannot be a concept IRI: the list's UITZONDERING and a 99983 warning */
TEST(unusable_code_becomes_uitzondering)
{
	oslo_graph *g = read_fixture(with_persoon(
	    "", "<INSZ>85010112345</INSZ><Geslacht><Code>M?</Code></Geslacht>"
	        "<Statussen><Status><Code>99990</Code></Status><Status><Code>9 9</Code></Status>"
	        "</Statussen><BurgerlijkeStaten><BurgerlijkeStaat><Code/></BurgerlijkeStaat>"
	        "</BurgerlijkeStaten>"));
	oslo_term_id p = the_person(g);
	oslo_term_id w = iri(g, CL_UITZONDERING UITZONDERING_ONBEKENDE_BRONCODE);
	oslo_term_id reg = object(g, p, T_REGISTRATIEDETAIL);

	CHECK_STREQ(value(g, object(g, p, T_GESLACHT)), IRI_GESLACHT_PREFIX "UITZONDERING");
	CHECK(
	    oslo_graph_contains(g, reg, iri(g, T_DOSSIERSTATUS), iri(g, CL_DOSSIERSTATUS "99990"), 0));
	CHECK(oslo_graph_contains(g, reg, iri(g, T_DOSSIERSTATUS),
	                          iri(g, CL_DOSSIERSTATUS "UITZONDERING"), 0));
	/* an empty Code is no code of the list either */
	CHECK_STREQ(value(g, object(g, object(g, p, T_HEEFT_BURGERLIJKE_STAAT), T_TYPE)),
	            CL_BURGERLIJKE_STAAT "UITZONDERING");
	CHECK(w != 0);
	CHECK_STREQ(value(g, object(g, w, T_TYPE)), CL_UITZONDERING_TYPE "WAARSCHUWING");
	CHECK_CONTAINS(write_im(g, context_options), "code \\\"M?\\\" cannot be a concept");
}

/* a code list the host has loaded: IT000 with its exception, IT001 Dossierstatus without */
static const char *
fake_codelist(const char *scheme, const char *code, bool *scheme_known)
{
	static const char *const rows[][3] = {
	    {"https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht", "1",
	     "https://example.org/loaded/Geslacht/1"},
	    {"https://data.vlaanderen.be/id/conceptscheme/IT000/Geslacht", "UITZONDERING",
	     "https://example.org/loaded/Geslacht/UITZONDERING"},
	    {"https://data.vlaanderen.be/id/conceptscheme/IT001/Dossierstatus", "99990",
	     "https://example.org/loaded/Dossierstatus/99990"},
	};

	*scheme_known = false;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (strcmp(rows[i][0], scheme) == 0)
		{
			*scheme_known = true;
			if (strcmp(rows[i][1], code) == 0)
				return rows[i][2];
		}
	return NULL;
}

static void
set_codelists(const char *(*fn)(const char *, const char *, bool *))
{
	oslo_format_host host = {NULL, NULL, NULL, fn, NULL, registered_mapping};

	oslo_formats_set_host(&host);
}

/* with the list loaded: its concepts, and UITZONDERING for a code it lacks */
TEST(loaded_code_lists)
{
	oslo_graph *g, *g2;
	oslo_term_id p, p2, reg;

	set_codelists(fake_codelist);
	g = read_fixture(with_persoon("", "<INSZ>85010112345</INSZ><Geslacht><Code>1</Code></Geslacht>"
	                                  "<Statussen><Status><Code>99990</Code></Status><Status>"
	                                  "<Code>12345</Code></Status></Statussen>"));
	g2 = read_fixture(with_persoon("", "<INSZ>85010112345</INSZ><Geslacht><Code>7</Code></Geslacht>"
	                                   "<BurgerlijkeStaten><BurgerlijkeStaat><Code>20</Code>"
	                                   "</BurgerlijkeStaat></BurgerlijkeStaten>"));
	set_codelists(NULL);
	p = the_person(g);
	reg = object(g, p, T_REGISTRATIEDETAIL);
	CHECK_STREQ(value(g, object(g, p, T_GESLACHT)), "https://example.org/loaded/Geslacht/1");
	CHECK(oslo_graph_contains(g, reg, iri(g, T_DOSSIERSTATUS),
	                          iri(g, "https://example.org/loaded/Dossierstatus/99990"), 0));
	/* Dossierstatus is loaded without an exception concept: the pattern's */
	CHECK(oslo_graph_contains(g, reg, iri(g, T_DOSSIERSTATUS),
	                          iri(g, CL_DOSSIERSTATUS "UITZONDERING"), 0));
	CHECK(iri(g, CL_UITZONDERING UITZONDERING_ONBEKENDE_BRONCODE) != 0);
	CHECK_CONTAINS(write_im(g, context_options), "code \\\"12345\\\" is not in code list");

	p2 = the_person(g2);
	CHECK_STREQ(value(g2, object(g2, p2, T_GESLACHT)),
	            "https://example.org/loaded/Geslacht/UITZONDERING");
	/* IT120 is not loaded: the IRI pattern, no warning */
	CHECK_STREQ(value(g2, object(g2, object(g2, p2, T_HEEFT_BURGERLIJKE_STAAT), T_TYPE)),
	            CL_BURGERLIJKE_STAAT "20");
	CHECK(uitzonderingen(g2) == 1);
}

/* the relations: afstamming both ways, gezin, partner, samenwoning; history left out */
TEST(relations)
{
	oslo_graph *g = read_fixture(with_persoon(
	    "",
	    "<INSZ>85010112345</INSZ>"
	    "<Overlijden><Datum>2020-00-00</Datum></Overlijden>"
	    "<BurgerlijkeStaten><BurgerlijkeStaat DatumBegin=\"2010-01-01\"><Code>20</Code><Partner>"
	    "<INSZ>86020212345</INSZ>" NAAM_JAN "</Partner></BurgerlijkeStaat></BurgerlijkeStaten>"
	    "<Afstammingen><Afstamming DatumBegin=\"1985-01-01\"><Type><Code>00</Code></Type><Ouders>"
	    "<Ouder><INSZ>00000199900</INSZ>" NAAM_JAN "</Ouder><Ouder>" NAAM_JAN "</Ouder>"
	    "</Ouders></Afstamming></Afstammingen>"
	    "<Gezinsleden><Gezinslid DatumEinde=\"2000-01-01\"><INSZ>1</INSZ></Gezinslid>"
	    "<Gezinslid><Positie><Code>01</Code></Positie></Gezinslid></Gezinsleden>"
	    "<WettelijkeSamenwoning><Partner><INSZ>86020212345</INSZ></Partner>"
	    "</WettelijkeSamenwoning>"
	    "<Referentiepersoon DatumEinde=\"2001-01-01\"><INSZ>1</INSZ></Referentiepersoon>"));
	oslo_term_id p = the_person(g);
	oslo_term_id overlijden = object(g, p, T_HEEFT_OVERLIJDEN);
	oslo_match m;
	oslo_quad q;
	int afstamming = 0, huwelijk = 0, samenwonen = 0, other = 0;

	CHECK(p != 0);
	CHECK_STREQ(
	    value(g, object(g, object(g, object(g, overlijden, T_DATUM), T_IN_DATUM_TIJD), T_JAAR)),
	    "2020");
	oslo_match_init(&m, g, p, iri(g, T_HEEFT_PERSOONSRELATIE), 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
	{
		const char *type = value(g, object(g, q.o, OSLO_RDF_TYPE));
		oslo_term_id with = object(g, q.o, T_MET_PERSOON);

		if (strcmp(type, T_AFSTAMMING) == 0)
		{
			afstamming++;
			/* parents are a Persoon, without the placeholder INSZ */
			CHECK_STREQ(value(g, object(g, with, OSLO_RDF_TYPE)), T_PERSOON);
			CHECK(object(g, with, T_REGISTRATIE) == 0);
			CHECK_STREQ(value(g, object(g, q.o, T_AFSTAMMINGSTYPE)), CL_AFSTAMMING_STIJGEND "00");
			CHECK_STREQ(value(g, object(g, q.o, T_DATUM_VAN_AFSTAMMING)), "1985-01-01");
		}
		else if (strcmp(type, T_HUWELIJK) == 0)
		{
			huwelijk++;
			CHECK_STREQ(insz_of(g, with), "86020212345");
		}
		else if (strcmp(type, T_SAMENWONEN) == 0)
			samenwonen++;
		else
			other++;
	}
	CHECK(afstamming == 2);
	CHECK(huwelijk == 1);
	CHECK(samenwonen == 1);
	/* the ended Gezinslid, the one naming nobody and the ended Referentiepersoon */
	CHECK(other == 0);
	CHECK(object(g, p, T_IS_LID_VAN) == 0);
	CHECK_STREQ(value(g, object(g, object(g, p, T_HEEFT_BURGERLIJKE_STAAT), T_TYPE)),
	            CL_BURGERLIJKE_STAAT "20");
}

TEST(wrong_root)
{
	CHECK_ERROR(OSLO_ERR_XML_CONTENT, read_fixture("<html><body/></html>"));
	CHECK_CONTAINS(unit_err.message, "html");
	CHECK_ERROR(OSLO_ERR_XML_CONTENT,
	            read_fixture("<m:GeefPersoon xmlns:m=\"" GEEF_NS "\"><Verzoek/></m:GeefPersoon>"));
	CHECK_CONTAINS(unit_err.message, "request");
}

TEST(other_service_or_version)
{
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED,
	            read_fixture("<w:GeefOndernemingResponse xmlns:w=\"http://webservice."
	                         "geefondernemingdienst-02_00.onderneming-02_00.vip.vlaanderen.be\">"
	                         "<Repliek><Context><Naam>GeefOnderneming</Naam><Versie>02.00.0000"
	                         "</Versie></Context></Repliek></w:GeefOndernemingResponse>"));
	CHECK_CONTAINS(unit_err.message, "GeefOnderneming");
	CHECK_CONTAINS(unit_err.message, "02.00.0000");
	CHECK_CONTAINS(unit_err.message, "GeefPersoon 02.02");

	/* GeefPersoon 02.00 is read (geefpersoon_0200_*), but not under the 02.02 element */
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED,
	            read_fixture(response(GEEF_NS, "GeefPersoon", "02.00.0000", "<Antwoorden/>")));
	CHECK_CONTAINS(unit_err.message, "GeefPersoon version 02.00.0000");

	/* the right element, but the Context names another version */
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED,
	            read_fixture(response(GEEF_NS, "GeefPersoon", "02.03.0000", "<Antwoorden/>")));
}

TEST(soap_fault)
{
	CHECK_ERROR(OSLO_ERR_DATA,
	            read_fixture("<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\">"
	                         "<e:Body><e:Fault><faultcode>Server</faultcode>"
	                         "<faultstring>Throttled, try later</faultstring>"
	                         "<detail><message>rate 10/s</message></detail></e:Fault></e:Body>"
	                         "</e:Envelope>"));
	CHECK_CONTAINS(unit_err.message, "SOAP Fault");
	CHECK_CONTAINS(unit_err.message, "Throttled, try later");
	CHECK_CONTAINS(unit_err.detail, "rate 10/s");
}

TEST(level2_uitzondering)
{
	CHECK_ERROR(OSLO_ERR_DATA,
	            read_fixture(response(GEEF_NS, "GeefPersoon", "02.02.0000",
	                                  "<Uitzonderingen><Uitzondering><Identificatie>13001"
	                                  "</Identificatie><Oorsprong>MAGDA</Oorsprong><Type>FOUT"
	                                  "</Type><Diagnose>Geen machtiging</Diagnose>"
	                                  "</Uitzondering></Uitzonderingen>")));
	CHECK_CONTAINS(unit_err.message, "Uitzondering 13001 (MAGDA, FOUT): Geen machtiging");
}

TEST(malformed_structure)
{
	CHECK_ERROR(OSLO_ERR_XML_CONTENT,
	            read_fixture(response(GEEF_NS, "GeefPersoon", "02.02.0000", "")));
	CHECK_CONTAINS(unit_err.message, "neither Antwoorden nor Uitzonderingen");
	CHECK_ERROR(OSLO_ERR_XML_CONTENT, read_fixture(with_persoon("", NAAM_JAN)));
	CHECK_CONTAINS(unit_err.message, "has no INSZ");
	CHECK_ERROR(OSLO_ERR_DATA,
	            read_fixture(with_persoon("", "<INSZ>1</INSZ><Geboorte>"
	                                          "<Datum>1990-1-1</Datum></Geboorte>")));
	CHECK_CONTAINS(unit_err.message,
	               "Geboorte (line 1): normalize-space(Datum): \"1990-1-1\" is not a date");
	CHECK_ERROR(OSLO_ERR_DATA,
	            read_fixture(with_persoon("", "<INSZ>1</INSZ><Overlijden>"
	                                          "<Datum>morgen</Datum></Overlijden>")));
	CHECK_CONTAINS(unit_err.message,
	               "Overlijden (line 1): normalize-space(Datum): \"morgen\" is not a date");
}

TEST(writer_options_and_person_count)
{
	static char two[12000];
	oslo_graph *g;

	g = read_fixture(with_persoon("", "<INSZ>1</INSZ>"));
	CHECK_ERROR(OSLO_ERR_PARAMETER, write_im(g, "{}"));
	CHECK_CONTAINS(unit_err.message, "context");
	CHECK_ERROR(OSLO_ERR_PARAMETER, write_im(g, "{\"context\": \"urn:x\"}"));
	CHECK_ERROR(OSLO_ERR_SYNTAX, write_im(g, "{\"context\" 1}"));

	CHECK_ERROR(OSLO_ERR_DATA, write_im(oslo_graph_new(), context_options));
	CHECK_CONTAINS(unit_err.message, "has none");

	/* two Antwoorden with a Persoon each: two persons; the writer wants one */
	snprintf(two, sizeof(two), "%s",
	         response(GEEF_NS, "GeefPersoon", "02.02.0000",
	                  "<Antwoorden><Antwoord><Inhoud><Persoon><INSZ>1</INSZ></Persoon></Inhoud>"
	                  "</Antwoord><Antwoord><Inhoud><Persoon><INSZ>2</INSZ></Persoon></Inhoud>"
	                  "</Antwoord></Antwoorden>"));
	g = read_fixture(two);
	CHECK(persons(g, NULL, 0) == 2);
	CHECK_ERROR(OSLO_ERR_DATA, write_im(g, context_options));
	CHECK_CONTAINS(unit_err.message, "2 top-level");
}

/* ---- comparing with the official JSON ---- */

static json_object *
jget(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (o && json_object_get_type(o) == json_type_array)
		o = json_object_array_length(o) > 0 ? json_object_array_get_idx(o, 0) : NULL;
	if (o == NULL || !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

/* the string of "x", {"@value": "x"} or {"@id": "x"} (first of an array) */
static const char *
jstr(json_object *o)
{
	json_object *v;

	if (o && json_object_get_type(o) == json_type_array)
		o = json_object_array_length(o) > 0 ? json_object_array_get_idx(o, 0) : NULL;
	if (o == NULL)
		return NULL;
	if (json_object_get_type(o) == json_type_string)
		return json_object_get_string(o);
	if ((v = jget(o, "@value")) || (v = jget(o, "@id")))
		return json_object_get_string(v);
	return NULL;
}

/* the values of a set, sorted and joined with "|" */
static char *
jset(json_object *o)
{
	const char *items[64];
	size_t n = 0;
	static char buf[4][1024];
	static int which;
	char *out = buf[which++ % 4];

	out[0] = '\0';
	if (o && json_object_get_type(o) == json_type_array)
		for (size_t i = 0; i < json_object_array_length(o) && n < 64; i++)
			items[n++] = jstr(json_object_array_get_idx(o, i));
	else if (o)
		items[n++] = jstr(o);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (strcmp(items[j], items[i]) < 0)
			{
				const char *t = items[i];

				items[i] = items[j];
				items[j] = t;
			}
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), 1024 - strlen(out), "%s%s", i ? "|" : "", items[i]);
	return out;
}

/* heeftVerblijfplaats entry of the given @type */
static json_object *
verblijfplaats(json_object *person, const char *type)
{
	json_object *list = jget(jget(person, "heeftInwonerschap"), "heeftVerblijfplaats");

	for (size_t i = 0; list && i < json_object_array_length(list); i++)
	{
		json_object *e = json_object_array_get_idx(list, i);

		if (jstr(jget(e, "@type")) && strcmp(jstr(jget(e, "@type")), type) == 0)
			return e;
	}
	return NULL;
}

#define CHECK_SAME(ours, theirs, path)                                                             \
	do                                                                                             \
	{                                                                                              \
		const char *o_ = jstr(jget_path(ours, path));                                              \
		const char *t_ = jstr(jget_path(theirs, path));                                            \
		if (t_ != NULL || o_ != NULL)                                                              \
			CHECK_STREQ(o_, t_);                                                                   \
	} while (0)

static json_object *
jget_path(json_object *o, const char *path)
{
	char key[64];

	while (o && *path)
	{
		size_t n = strcspn(path, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		o = jget(o, key);
		path += n + (path[n] == '.');
	}
	return o;
}

static void
compare_with_official(const char *xml_path, const char *json_path)
{
	size_t len;
	char *xml = unit_read_file(xml_path, &len);
	char *expected = unit_read_file(json_path, NULL);
	oslo_graph *g = read_magda(xml, len);
	char *ours_text = write_im(g, context_options);
	json_object *ours_doc = json_tokener_parse(ours_text);
	json_object *theirs_doc = json_tokener_parse(expected);
	json_object *ours = jget(ours_doc, "data");
	json_object *theirs = jget(theirs_doc, "data");
	json_object *our_adres = jget(verblijfplaats(ours, "Domicilie"), "verblijfsadres");
	json_object *their_adres = jget(verblijfplaats(theirs, "Domicilie"), "verblijfsadres");

	printf("  comparing with %s\n", json_path);
	CHECK(ours != NULL && theirs != NULL);
	CHECK_STREQ(jstr(jget(ours_doc, "@type")), "PersonEnvelope");
	CHECK_STREQ(jstr(jget(ours, "@type")), "GeregistreerdPersoon");
	CHECK_STREQ(jset(jget(ours, "voornaam")), jset(jget(theirs, "voornaam")));
	CHECK_STREQ(jset(jget(ours, "achternaam")), jset(jget(theirs, "achternaam")));
	CHECK(json_object_get_type(jget(ours, "voornaam")) == json_type_array);
	CHECK_SAME(ours, theirs, "geslacht");
	CHECK_SAME(ours, theirs, "registratie.identificator");
	CHECK_SAME(ours, theirs, "registratie.@type");
	CHECK_SAME(ours, theirs, "bron");
	CHECK_SAME(ours, theirs, "creatiedatum");
	CHECK_SAME(ours, theirs, "creatiedatum.@type");
	CHECK_SAME(ours, theirs, "modificatiedatum");
	CHECK_SAME(ours, theirs, "heeftGeboorte.@type");
	CHECK_SAME(ours, theirs, "heeftGeboorte.datum.@type");
	CHECK_SAME(ours, theirs, "heeftGeboorte.datum.inXSDdatum");
	CHECK_SAME(ours, theirs, "heeftGeboorte.datum.inXSDdatum.@type");
	CHECK_SAME(ours, theirs, "heeftGeboorte.datum.inDatumTijd.@type");
	CHECK_SAME(ours, theirs, "heeftGeboorte.datum.inDatumTijd.jaar");
	CHECK_SAME(ours, theirs, "heeftGeboorte.datum.inDatumTijd.maand");
	CHECK_SAME(ours, theirs, "heeftGeboorte.datum.inDatumTijd.dag");
	if (their_adres == NULL)
	{
		/* e.g. only a VerblijfplaatsBuitenland, which is not mapped yet */
		printf("  %s: no Domicilie in the official example\n", json_path);
		CHECK(our_adres == NULL);
		goto done;
	}
	CHECK_SAME(ours, theirs, "heeftInwonerschap.@type");
	CHECK_SAME(ours, theirs, "heeftInwonerschap.jurisdictie.@type");
	CHECK_SAME(ours, theirs, "heeftInwonerschap.jurisdictie.plaats");
	CHECK(our_adres != NULL);
	CHECK_SAME(our_adres, their_adres, "@type");
	CHECK_SAME(our_adres, their_adres, "straatnaam");
	CHECK_SAME(our_adres, their_adres, "straatnaam.@language");
	CHECK_SAME(our_adres, their_adres, "huisnummer");
	CHECK_SAME(our_adres, their_adres, "busnummer");
	CHECK_SAME(our_adres, their_adres, "postcode");
	CHECK_SAME(our_adres, their_adres, "gemeentenaam");
	CHECK_SAME(our_adres, their_adres, "volledigAdres");
	/*
	 * land: the example writes "Belgie" where its own XML (and its own
	 * volledigAdres) has "BELGIE"; we follow the XML.
	 */
	CHECK(jstr(jget(our_adres, "land")) && jstr(jget(their_adres, "land")) &&
	      strcasecmp(jstr(jget(our_adres, "land")), jstr(jget(their_adres, "land"))) == 0);

done:
	json_object_put(ours_doc);
	json_object_put(theirs_doc);
	free(xml);
	free(expected);
}

TEST(official_examples)
{
	const char *shared = unit_shared_dir();
	char dir[4200], xml_path[4500], json_path[4500];
	DIR *d;
	struct dirent *e;
	int pairs = 0;

	if (!shared)
	{
		printf("  skip official_examples: /work/shared (../shared) is absent\n");
		return;
	}
	CHECK(context_options != NULL);
	snprintf(dir, sizeof(dir), "%s/" IM_DIR "/xml-voorbeelden", shared);
	d = opendir(dir);
	CHECK(d != NULL);
	while (d && (e = readdir(d)) != NULL)
	{
		size_t n = strlen(e->d_name);
		FILE *f;

		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		snprintf(xml_path, sizeof(xml_path), "%s/%s", dir, e->d_name);
		snprintf(json_path, sizeof(json_path), "%s/" IM_DIR "/datavoorbeelden/%.*s.json", shared,
		         (int)n - 4, e->d_name);
		if ((f = fopen(json_path, "r")) == NULL)
			continue;
		fclose(f);
		compare_with_official(xml_path, json_path);
		pairs++;
	}
	if (d)
		closedir(d);
	printf("  %d official xml/json pair(s) compared\n", pairs);
	CHECK(pairs >= 1);
}

/* ---- every MAGDA-Mock GeefPersoon response ---- */

typedef struct mock_counts
{
	int files;
	int with_person;
	int empty;
	int errors[OSLO_ERR_DATA + 1];
	int partial_birth;
	int with_address;
	int json_written;
} mock_counts;

/* what the file holds, read independently of the plugin */
static void
expected_from_xml(const char *xml, size_t len, char *insz, size_t inszlen, bool *refused)
{
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, NULL, "UTF-8", XML_PARSE_NONET);
	xmlNodePtr n = doc ? xmlDocGetRootElement(doc) : NULL;

	insz[0] = '\0';
	*refused = false;
	/* depth-first search for the first Persoon/INSZ and Repliek/Uitzonderingen */
	while (n)
	{
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "INSZ") == 0 &&
		    n->parent && strcmp((const char *)n->parent->name, "Persoon") == 0 && !insz[0] &&
		    n->children && n->children->content)
			snprintf(insz, inszlen, "%s", (const char *)n->children->content);
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "Uitzonderingen") == 0 &&
		    n->parent && strcmp((const char *)n->parent->name, "Repliek") == 0)
			*refused = true;
		if (n->children && n->type == XML_ELEMENT_NODE)
			n = n->children;
		else
		{
			while (n && n->next == NULL)
				n = n->parent;
			if (n)
				n = n->next;
		}
	}
	if (doc)
		xmlFreeDoc(doc);
}

static void
run_mock(const char *path, mock_counts *c)
{
	size_t len;
	char *xml = unit_read_file(path, &len);
	char insz[64];
	bool refused;
	oslo_run_frame f;
	oslo_captured_error err;

	CHECK(xml != NULL);
	if (!xml)
		return;
	c->files++;
	expected_from_xml(xml, len, insz, sizeof(insz), &refused);
	oslo_standalone_enter(&f, &err);
	if (setjmp(f.jmp) == 0)
	{
		oslo_graph *g = read_magda(xml, len);
		oslo_term_id p = the_person(g);

		if (insz[0])
		{
			c->with_person++;
			if (!p || !insz_of(g, p) || strcmp(insz_of(g, p), insz) != 0)
			{
				fprintf(stderr, "  %s: expected one person with INSZ %s\n", path, insz);
				unit_current_failed = 1;
			}
			if (object(g, p, T_HEEFT_INWONERSCHAP))
				c->with_address++;
			if (object(g, object(g, p, T_HEEFT_GEBOORTE), T_DATUM) &&
			    !object(g, object(g, object(g, p, T_HEEFT_GEBOORTE), T_DATUM), T_IN_XSD_DATUM))
				c->partial_birth++;
			if (context_options)
			{
				char *json = write_im(g, context_options);

				CHECK_CONTAINS(json, insz);
				c->json_written++;
			}
		}
		else
		{
			/* "not found" and other FOUT answers: their Uitzondering only */
			CHECK(persons(g, NULL, 0) == 0);
			CHECK(uitzonderingen(g) > 0);
			c->empty++;
		}
		oslo_standalone_leave(&f, true);
	}
	else
	{
		oslo_standalone_leave(&f, false);
		c->errors[err.code]++;
		/* only a level-2 refusal may fail, and as a data exception */
		if (!refused || err.code != OSLO_ERR_DATA || insz[0])
		{
			fprintf(stderr, "  %s: unexpected error %d: %s\n", path, (int)err.code, err.message);
			unit_current_failed = 1;
		}
	}
	free(xml);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

TEST(mock_responses)
{
	const char *shared = unit_shared_dir();
	char dir[4200], path[4500];
	char *names[1024];
	size_t n = 0;
	DIR *d;
	struct dirent *e;
	mock_counts c;

	if (!shared)
	{
		printf("  skip mock_responses: /work/shared (../shared) is absent\n");
		return;
	}
	memset(&c, 0, sizeof(c));
	snprintf(dir, sizeof(dir), "%s/" MOCK_DIR, shared);
	d = opendir(dir);
	CHECK(d != NULL);
	while (d && (e = readdir(d)) != NULL && n < 1024)
		if (strlen(e->d_name) > 4 && strcmp(e->d_name + strlen(e->d_name) - 4, ".xml") == 0)
			names[n++] = strdup(e->d_name);
	if (d)
		closedir(d);
	qsort(names, n, sizeof(char *), name_cmp);
	for (size_t i = 0; i < n; i++)
	{
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		run_mock(path, &c);
		free(names[i]);
	}
	printf("  %d responses: %d with a person (%d with an address, %d with an "
	       "incomplete birth date, %d written as JSON), %d without a person (Uitzondering only), "
	       "%d refused (OSLO_ERR_DATA), %d other errors\n",
	       c.files, c.with_person, c.with_address, c.partial_birth, c.json_written, c.empty,
	       c.errors[OSLO_ERR_DATA], c.files - c.with_person - c.empty - c.errors[OSLO_ERR_DATA]);
	CHECK(c.files == 422);
	CHECK(c.with_person + c.empty + c.errors[OSLO_ERR_DATA] == c.files);
	CHECK(c.with_person > 400);
	CHECK(c.partial_birth > 0);
}

/* ---- GeefPersoon 02.00 (fixtures in test/fixtures/magda/geefpersoon-02.00) ---- */

#define GEEF_0200_NS  "http://webservice.geefpersoondienst-02_00.persoon-02_00.vip.vlaanderen.be"
#define FIXTURES_0200 "test/fixtures/magda/geefpersoon-02.00"
#define XSD_0200_RESPONSE                                                                          \
	"magda/xsd/Persoon.GeefPersoonDienst-02.00/WebService/GeefPersoonResponse.xsd"
#define XSD_0202_RESPONSE                                                                          \
	"magda/xsd/Persoon.GeefPersoonDienst-02.02/WebService/GeefPersoonResponse.xsd"

/* a fixture file of the repository, malloc'd; NULL (and a failed CHECK) when unreadable */
static char *
read_0200_fixture(const char *name, size_t *len)
{
	char path[4200];
	const char *src = getenv("OSLO_SOURCE_DIR");
	char *xml;

	snprintf(path, sizeof(path), "%s/" FIXTURES_0200 "/%s", src ? src : ".", name);
	xml = unit_read_file(path, len);
	if (xml == NULL)
		fprintf(stderr, "  cannot read %s\n", path);
	CHECK(xml != NULL);
	return xml;
}

static oslo_graph *
read_0200_graph(const char *name)
{
	size_t len;
	char *xml = read_0200_fixture(name, &len);
	oslo_graph *g;
	oslo_run_frame f;
	oslo_captured_error err;

	if (xml == NULL)
		return oslo_graph_new();
	/* the file is freed whether the mapping raises or not */
	oslo_standalone_enter(&f, &err);
	if (setjmp(f.jmp) == 0)
	{
		g = read_magda(xml, len);
		oslo_standalone_leave(&f, true);
		free(xml);
		return g;
	}
	oslo_standalone_leave(&f, false);
	free(xml);
	oslo_error_detail(err.code, err.detail[0] ? err.detail : NULL, "%s", err.message);
	return NULL;
}

/* ---- XSD validation of the fixtures (libxml2 xmlschemas, files of ../shared) ---- */

typedef struct schema_errors
{
	int count;
	char first[512];
} schema_errors;

static void
collect_schema_error(void *ctx, const xmlError *e)
{
	schema_errors *errors = ctx;

	if (errors->count++ == 0)
		snprintf(errors->first, sizeof(errors->first), "line %d: %s", e->line,
		         e->message ? e->message : "?");
}

/* the service element: the SOAP Body's first element child, or the root */
static xmlNodePtr
service_of(xmlDocPtr doc)
{
	xmlNodePtr n = xmlDocGetRootElement(doc);

	if (n && strcmp((const char *)n->name, "Envelope") == 0)
	{
		for (n = n->children;
		     n && !(n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "Body") == 0);
		     n = n->next)
			;
		for (n = n ? n->children : NULL; n && n->type != XML_ELEMENT_NODE; n = n->next)
			;
	}
	return n;
}

/*
 * Validate the service element of doc against the WebService XSD at
 * xsd_path (its imports resolved next to it, never over the network);
 * returns the number of schema errors, -1 when the XSD does not load.
 */
static int
validate_service(const char *xsd_path, xmlDocPtr doc, schema_errors *errors)
{
	xmlExternalEntityLoader previous = xmlGetExternalEntityLoader();
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vc;
	int rc;

	memset(errors, 0, sizeof(*errors));
	xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader);
	pc = xmlSchemaNewParserCtxt(xsd_path);
	xmlSchemaSetParserStructuredErrors(pc, (xmlStructuredErrorFunc)collect_schema_error, errors);
	schema = xmlSchemaParse(pc);
	xmlSchemaFreeParserCtxt(pc);
	xmlSetExternalEntityLoader(previous);
	if (schema == NULL)
		return -1;
	errors->count = 0;
	vc = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSetValidStructuredErrors(vc, (xmlStructuredErrorFunc)collect_schema_error, errors);
	rc = service_of(doc) ? xmlSchemaValidateOneElement(vc, service_of(doc)) : -1;
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	return rc == 0 && errors->count == 0 ? 0 : (errors->count ? errors->count : 1);
}

static void
check_fixture_valid(const char *shared, const char *xsd_rel, const char *name)
{
	char xsd[4500];
	size_t len;
	char *xml = read_0200_fixture(name, &len);
	xmlDocPtr doc = xml ? xmlReadMemory(xml, (int)len, name, "UTF-8", XML_PARSE_NONET) : NULL;
	schema_errors errors;
	int rc;

	snprintf(xsd, sizeof(xsd), "%s/%s", shared, xsd_rel);
	CHECK(doc != NULL);
	if (doc)
	{
		rc = validate_service(xsd, doc, &errors);
		if (rc != 0)
			fprintf(stderr, "  %s against %s: %d error(s), first: %s\n", name, xsd, rc,
			        errors.first);
		else
			printf("  %s validates against %s\n", name, xsd_rel);
		CHECK(rc == 0);
		xmlFreeDoc(doc);
	}
	free(xml);
}

/*
 * The fixtures are GeefPersoon 02.00 responses by MAGDA's own schema (and
 * the 02.02 twin by the 02.02 one); the same validator rejects a Persoon
 * without its INSZ, so it is not a rubber stamp.
 */
TEST(geefpersoon_0200_fixtures_schema_valid)
{
	static const char *const fixtures_0200[] = {"full.xml", "minimal.xml", "abroad.xml",
	                                            "notfound.xml", "refused.xml"};
	const char *shared = unit_shared_dir();
	char xsd[4500];
	size_t len;
	char *xml;
	xmlDocPtr doc;
	schema_errors errors;

	if (!shared)
	{
		printf("  skip geefpersoon_0200_fixtures_schema_valid: /work/shared (../shared) is "
		       "absent\n");
		return;
	}
	for (size_t i = 0; i < sizeof(fixtures_0200) / sizeof(fixtures_0200[0]); i++)
		check_fixture_valid(shared, XSD_0200_RESPONSE, fixtures_0200[i]);
	check_fixture_valid(shared, XSD_0202_RESPONSE, "full-02.02.xml");

	/* negative controls: no INSZ; the 02.02 twin against the 02.00 schema */
	snprintf(xsd, sizeof(xsd), "%s/" XSD_0200_RESPONSE, shared);
	xml = read_0200_fixture("minimal.xml", &len);
	doc = xml ? xmlReadMemory(xml, (int)len, NULL, "UTF-8", XML_PARSE_NONET) : NULL;
	CHECK(doc != NULL);
	if (doc)
	{
		xmlNodePtr insz = xmlDocGetRootElement(doc);

		/* GeefPersoonResponse/Repliek/Antwoorden/Antwoord/Inhoud/Persoon/INSZ */
		while (insz && strcmp((const char *)insz->name, "INSZ") != 0)
		{
			xmlNodePtr c = insz->children;

			while (c && c->type != XML_ELEMENT_NODE)
				c = c->next;
			if (c == NULL)
				break;
			/* the last element child leads to the INSZ at each level */
			for (xmlNodePtr n = c; n; n = n->next)
				if (n->type == XML_ELEMENT_NODE)
					c = n;
			insz = c;
		}
		CHECK(insz && strcmp((const char *)insz->name, "INSZ") == 0);
		if (insz && strcmp((const char *)insz->name, "INSZ") == 0)
		{
			xmlUnlinkNode(insz);
			xmlFreeNode(insz);
		}
		CHECK(validate_service(xsd, doc, &errors) > 0);
		CHECK_CONTAINS(errors.first, "Persoon");
		xmlFreeDoc(doc);
	}
	free(xml);
	xml = read_0200_fixture("full-02.02.xml", &len);
	doc = xml ? xmlReadMemory(xml, (int)len, NULL, "UTF-8", XML_PARSE_NONET) : NULL;
	CHECK(doc != NULL && validate_service(xsd, doc, &errors) > 0);
	if (doc)
		xmlFreeDoc(doc);
	free(xml);
}

/* the full 02.00 fixture, field by field: the values are those of full.xml */
TEST(geefpersoon_0200_full)
{
	oslo_graph *g = read_0200_graph("full.xml");
	oslo_term_id p = the_person(g);
	oslo_term_id geboorte = object(g, object(g, p, T_HEEFT_GEBOORTE), T_DATUM);
	oslo_term_id overlijden = object(g, object(g, p, T_HEEFT_OVERLIJDEN), T_DATUM);
	oslo_term_id inw = object(g, p, T_HEEFT_INWONERSCHAP);
	oslo_term_id domicilie = 0, aangegeven = 0, adres;
	oslo_match m;
	oslo_quad q;
	int verblijfplaatsen = 0, relaties = 0;

	CHECK(p != 0);
	CHECK_STREQ(insz_of(g, p), "00721999337");
	/* Persoon2_0Type has no @Bron: nothing to say where the data came from */
	CHECK(object(g, p, T_BRON) == 0);
	CHECK_STREQ(value(g, object(g, p, T_CREATIEDATUM)), "2000-03-23");
	CHECK_STREQ(value(g, object(g, p, T_MODIFICATIEDATUM)), "2024-03-20");
	CHECK(oslo_graph_contains(g, p, iri(g, T_VOORNAAM),
	                          oslo_graph_literal_cstr(g, "Jean-Louis", NULL, NULL), 0));
	CHECK(oslo_graph_contains(g, p, iri(g, T_VOORNAAM),
	                          oslo_graph_literal_cstr(g, "Désiré", NULL, NULL), 0));
	CHECK_STREQ(value(g, object(g, p, T_ACHTERNAAM)), "Janssens");
	CHECK_STREQ(value(g, object(g, p, T_GESLACHT)), IRI_GESLACHT_PREFIX "1");
	CHECK_STREQ(value(g, object(g, geboorte, T_IN_XSD_DATUM)), "2000-12-19");
	CHECK_STREQ(value(g, object(g, overlijden, T_IN_XSD_DATUM)), "2024-03-18");
	CHECK_STREQ(value(g, object(g, object(g, p, T_REGISTRATIEDETAIL), T_DOSSIERSTATUS)),
	            CL_DOSSIERSTATUS "99990");
	/* the current BurgerlijkeStaat (20), not the ended one (10) */
	CHECK_STREQ(value(g, object(g, object(g, p, T_HEEFT_BURGERLIJKE_STAAT), T_TYPE)),
	            CL_BURGERLIJKE_STAAT "20");
	CHECK_STREQ(value(g, object(g, object(g, p, T_BEHEERDER), T_VOORKEURSNAAM)), "Kortenberg");

	CHECK_STREQ(value(g, object(g, object(g, inw, T_JURISDICTIE_PROP), T_PLAATS)), IRI_BELGIE);
	oslo_match_init(&m, g, inw, iri(g, T_HEEFT_VERBLIJFPLAATS), 0, OSLO_ANY_GRAPH);
	while (inw && oslo_match_next(&m, &q))
	{
		const char *type = value(g, object(g, q.o, OSLO_RDF_TYPE));

		verblijfplaatsen++;
		if (type && strcmp(type, T_DOMICILIE) == 0)
			domicilie = q.o;
		else if (type && strcmp(type, T_AANGEGEVEN_ADRES) == 0)
			aangegeven = q.o;
	}
	CHECK(verblijfplaatsen == 2);
	adres = object(g, domicilie, T_VERBLIJFSADRES);
	CHECK_STREQ(value(g, object(g, adres, T_STRAATNAAM)), "Dorpsstraat");
	CHECK_STREQ(oslo_graph_term(g, object(g, adres, T_STRAATNAAM))->lang, "nl");
	CHECK_STREQ(value(g, object(g, adres, T_HUISNUMMER)), "1");
	CHECK_STREQ(value(g, object(g, adres, T_BUSNUMMER)), "0002");
	CHECK_STREQ(value(g, object(g, adres, T_POSTCODE)), "3070");
	CHECK_STREQ(value(g, object(g, adres, T_GEMEENTENAAM)), "Kortenberg");
	CHECK_STREQ(value(g, object(g, adres, T_LAND)), "BELGIE");
	CHECK_STREQ(value(g, object(g, adres, T_VOLLEDIG_ADRES)),
	            "Dorpsstraat 1 bus 0002 3070 Kortenberg BELGIE");
	/* the codes of the nested elements (Straat/Code, NISCode, ISOCode) are no text */
	CHECK(!oslo_graph_contains(g, adres, iri(g, T_STRAATNAAM),
	                           oslo_graph_literal_cstr(g, "0060", NULL, "nl"), 0));
	CHECK_STREQ(value(g, object(g, object(g, aangegeven, T_VERBLIJFSADRES), T_VOLLEDIG_ADRES)),
	            "En Ville");

	/* 1 parent, 1 child, 2 household members, 1 marriage */
	oslo_match_init(&m, g, p, iri(g, T_HEEFT_PERSOONSRELATIE), 0, OSLO_ANY_GRAPH);
	while (oslo_match_next(&m, &q))
		relaties++;
	CHECK(relaties == 5);
	CHECK_STREQ(value(g, object(g, object(g, p, T_IS_LID_VAN), T_WOONVORM)), CL_WOONVORM "00");
}

/*
 * The same person as GeefPersoon 02.00 (full.xml) and as 02.02
 * (full-02.02.xml) gives the same oslo-persoon-im document, whole: every
 * field both versions carry, with nothing extra on either side.
 */
static int
by_serialization(const void *a, const void *b)
{
	return strcmp(json_object_to_json_string(*(json_object *const *)a),
	              json_object_to_json_string(*(json_object *const *)b));
}

/*
 * Sort every array by its members' serializations: the IM's arrays are sets,
 * and the order of nested blank nodes follows their labels, which the
 * mapping derives from element positions that differ between versions.
 */
static void
sort_arrays(json_object *j)
{
	if (json_object_is_type(j, json_type_object))
	{
		json_object_object_foreach(j, key, value)
		{
			(void)key;
			sort_arrays(value);
		}
	}
	else if (json_object_is_type(j, json_type_array))
	{
		for (size_t i = 0; i < json_object_array_length(j); i++)
			sort_arrays(json_object_array_get_idx(j, i));
		json_object_array_sort(j, by_serialization);
	}
}

TEST(geefpersoon_0200_same_as_0202)
{
	oslo_graph *g0200 = read_0200_graph("full.xml");
	oslo_graph *g0202 = read_0200_graph("full-02.02.xml");
	oslo_graph *gmin = read_0200_graph("minimal.xml");
	char *json0200 = context_options ? write_im(g0200, context_options) : NULL;
	char *json0202 = context_options ? write_im(g0202, context_options) : NULL;
	char *jsonmin = context_options ? write_im(gmin, context_options) : NULL;
	json_object *d0200 = json0200 ? json_tokener_parse(json0200) : NULL;
	json_object *d0202 = json0202 ? json_tokener_parse(json0202) : NULL;
	json_object *dmin = jsonmin ? json_tokener_parse(jsonmin) : NULL;

	CHECK(context_options != NULL);
	CHECK(d0200 != NULL && d0202 != NULL && dmin != NULL);
	CHECK(oslo_graph_size(g0200) == oslo_graph_size(g0202));
	CHECK(oslo_graph_isomorphic(g0200, g0202));
	sort_arrays(d0200);
	sort_arrays(d0202);
	sort_arrays(dmin);
	if (!json_object_equal(d0200, d0202))
	{
		fprintf(stderr, "  02.00: %s\n  02.02: %s\n", json0200, json0202);
		unit_current_failed = 1;
	}
	/* the comparison sees a difference where there is one */
	CHECK(!json_object_equal(d0200, dmin));
	CHECK_STREQ(jstr(jget(jget(jget(d0200, "data"), "registratie"), "identificator")),
	            "00721999337");
	CHECK_STREQ(
	    jstr(jget(verblijfplaats(jget(d0200, "data"), "Domicilie"), "verblijfsadres")
	             ? jget(jget(verblijfplaats(jget(d0200, "data"), "Domicilie"), "verblijfsadres"),
	                    "volledigAdres")
	             : NULL),
	    "Dorpsstraat 1 bus 0002 3070 Kortenberg BELGIE");
	json_object_put(d0200);
	json_object_put(d0202);
	json_object_put(dmin);
}

TEST(geefpersoon_0200_minimal)
{
	oslo_graph *g = read_0200_graph("minimal.xml");
	oslo_term_id p = the_person(g);

	CHECK(p != 0);
	CHECK_STREQ(insz_of(g, p), "00641999774");
	CHECK(object(g, p, T_HEEFT_INWONERSCHAP) == 0);
	CHECK(object(g, p, T_VOORNAAM) == 0);
	CHECK(object(g, p, T_HEEFT_GEBOORTE) == 0);
	CHECK(uitzonderingen(g) == 0);
}

/* the Uitzonderingen of 02.00 answers take the 02.02 paths */
TEST(geefpersoon_0200_uitzonderingen)
{
	oslo_graph *g = read_0200_graph("notfound.xml");
	oslo_term_id u = iri(g, CL_UITZONDERING "30001");

	CHECK(persons(g, NULL, 0) == 0);
	CHECK(uitzonderingen(g) == 1);
	CHECK_STREQ(value(g, object(g, u, T_TYPE)), CL_UITZONDERING_TYPE "FOUT");
	CHECK_STREQ(value(g, object(g, u, T_OORSPRONG)), CL_UITZONDERING_OORSPRONG "MAGDA");
	CHECK_ERROR(OSLO_ERR_DATA, write_im(g, context_options));
	CHECK_CONTAINS(unit_err.detail, "Uitzondering 30001 (MAGDA, FOUT): Geen gegevens gevonden");

	/* level 2: refused as a whole, in a SOAP envelope with xmlns="" resets */
	CHECK_ERROR(OSLO_ERR_DATA, read_0200_graph("refused.xml"));
	CHECK_CONTAINS(unit_err.message, "Uitzondering 13001 (MAGDA, FOUT): Geen machtiging");
}

/* free-text addresses abroad, history left out, a warning with the person */
TEST(geefpersoon_0200_abroad)
{
	oslo_graph *g = read_0200_graph("abroad.xml");
	oslo_term_id p = the_person(g);
	oslo_term_id inw = object(g, p, T_HEEFT_INWONERSCHAP);
	oslo_term_id vp = object(g, inw, T_HEEFT_VERBLIJFPLAATS);
	oslo_term_id desc =
	    object(g, object(g, object(g, p, T_HEEFT_GEBOORTE), T_DATUM), T_IN_DATUM_TIJD);
	oslo_match m;
	oslo_quad q;
	int verblijfplaatsen = 0;

	CHECK(p != 0);
	CHECK_STREQ(value(g, object(g, vp, OSLO_RDF_TYPE)), T_VERBLIJFPLAATS_BUITENLAND);
	CHECK_STREQ(value(g, object(g, object(g, vp, T_VERBLIJFSADRES), T_VOLLEDIG_ADRES)),
	            "Tutle Rock- Marsh Harbour Abaco");
	/* the AangifteAdresBuitenland has a DatumEinde */
	oslo_match_init(&m, g, inw, iri(g, T_HEEFT_VERBLIJFPLAATS), 0, OSLO_ANY_GRAPH);
	while (inw && oslo_match_next(&m, &q))
		verblijfplaatsen++;
	CHECK(verblijfplaatsen == 1);
	CHECK_STREQ(value(g, object(g, desc, T_JAAR)), "2002");
	CHECK_STREQ(value(g, object(g, desc, T_MAAND)), "08");
	CHECK(object(g, desc, T_DAG) == 0);
	CHECK(uitzonderingen(g) == 1);
	CHECK_STREQ(value(g, object(g, iri(g, CL_UITZONDERING "30004"), T_TYPE)),
	            CL_UITZONDERING_TYPE "WAARSCHUWING");
}

static const char *
with_persoon_0200(const char *persoon_body)
{
	static char body[12000];

	snprintf(body, sizeof(body),
	         "<Antwoorden><Antwoord><Referte>r1</Referte><Inhoud><Persoon>%s</Persoon>"
	         "</Inhoud></Antwoord></Antwoorden>",
	         persoon_body);
	return response(GEEF_0200_NS, "GeefPersoon", "02.00.0000", body);
}

/* whether any statement's object has the value v */
static bool
object_anywhere(const oslo_graph *g, const char *v)
{
	const oslo_quad *quads = oslo_graph_quads(g);

	for (size_t i = 0; i < oslo_graph_size(g); i++)
		if (strcmp(oslo_graph_term(g, quads[i].o)->value, v) == 0)
			return true;
	return false;
}

#define LAND_BELGIE_0200                                                                           \
	"<Land><NISCode>150</NISCode><ISOCode>BEL</ISOCode><Naam>BELGIE</Naam></Land>"

/* the nested address's variants, on small fixtures written here */
TEST(geefpersoon_0200_address_variants)
{
	/* CRABStraat stands in for a missing RR Straat/Naam; no Gemeente/Naam; stray namespaces */
	oslo_graph *g = read_fixture(with_persoon_0200(
	    "<INSZ>00641999774</INSZ><Adressen xmlns:x=\"urn:stray\">"
	    "<Hoofdverblijfplaats><Straat><Code>0103</Code></Straat>"
	    "<CRABStraat><Code>12345</Code><Naam>Kerkstraat</Naam></CRABStraat>"
	    "<Huisnummer>8A</Huisnummer><Gemeente><NISCode>24062</NISCode><PostCode>3000</PostCode>"
	    "</Gemeente>" LAND_BELGIE_0200 "</Hoofdverblijfplaats>"
	    "<AdresUitbetaling><Straat><Naam>Bankstraat</Naam></Straat>" LAND_BELGIE_0200
	    "</AdresUitbetaling></Adressen>"));
	oslo_term_id p = the_person(g);
	oslo_term_id vp = object(g, object(g, p, T_HEEFT_INWONERSCHAP), T_HEEFT_VERBLIJFPLAATS);
	oslo_term_id adres = object(g, vp, T_VERBLIJFSADRES);

	CHECK_STREQ(value(g, object(g, vp, OSLO_RDF_TYPE)), T_DOMICILIE);
	CHECK_STREQ(value(g, object(g, adres, T_STRAATNAAM)), "Kerkstraat");
	CHECK_STREQ(value(g, object(g, adres, T_POSTCODE)), "3000");
	CHECK(object(g, adres, T_GEMEENTENAAM) == 0);
	CHECK(object(g, adres, T_BUSNUMMER) == 0);
	CHECK_STREQ(value(g, object(g, adres, T_VOLLEDIG_ADRES)), "Kerkstraat 8A 3000 BELGIE");
	/* AdresUitbetaling has no class in the IM */
	CHECK(!object_anywhere(g, "Bankstraat"));
	CHECK(object_anywhere(g, "Kerkstraat"));

	/* an OpgegevenAdres is an AangegevenAdres; an ended Hoofdverblijfplaats is history */
	g = read_fixture(with_persoon_0200(
	    "<INSZ>00641999774</INSZ><Adressen>"
	    "<Hoofdverblijfplaats DatumBegin=\"2001-01-01\" DatumEinde=\"2002-01-01\">"
	    "<Straat><Naam>Oudstraat</Naam></Straat>" LAND_BELGIE_0200 "</Hoofdverblijfplaats>"
	    "<OpgegevenAdres><Straat><Naam>Nieuwstraat</Naam></Straat><Huisnummer>3</Huisnummer>"
	    "<Busnummer>b</Busnummer><Gemeente><Naam>Gent</Naam></Gemeente>" LAND_BELGIE_0200
	    "<Inrichting><Code>1</Code></Inrichting></OpgegevenAdres></Adressen>"));
	p = the_person(g);
	vp = object(g, object(g, p, T_HEEFT_INWONERSCHAP), T_HEEFT_VERBLIJFPLAATS);
	adres = object(g, vp, T_VERBLIJFSADRES);
	CHECK_STREQ(value(g, object(g, vp, OSLO_RDF_TYPE)), T_AANGEGEVEN_ADRES);
	CHECK_STREQ(value(g, object(g, adres, T_VOLLEDIG_ADRES)), "Nieuwstraat 3 bus b Gent BELGIE");
	CHECK(!object_anywhere(g, "Oudstraat"));

	/* an address of nothing but codes gives an empty Adresvoorstelling, no volledigAdres */
	g = read_fixture(with_persoon_0200(
	    "<INSZ>00641999774</INSZ><Adressen><Hoofdverblijfplaats><Straat><Code>1</Code></Straat>"
	    "<Gemeente><NISCode>24062</NISCode></Gemeente><Land><NISCode>150</NISCode><Naam></Naam>"
	    "</Land></Hoofdverblijfplaats></Adressen>"));
	adres =
	    object(g, object(g, object(g, the_person(g), T_HEEFT_INWONERSCHAP), T_HEEFT_VERBLIJFPLAATS),
	           T_VERBLIJFSADRES);
	CHECK(adres != 0);
	CHECK(object(g, adres, T_VOLLEDIG_ADRES) == 0);
	CHECK(object(g, adres, T_LAND) == 0);
}

/* 02.00 and 02.02 are told apart by the service namespace, which the Versie must match */
TEST(geefpersoon_0200_version_checks)
{
	oslo_graph *g = read_fixture(response(GEEF_0200_NS, "Persoon.GeefPersoon", "02.00.0001",
	                                      "<Antwoorden><Antwoord><Inhoud><Persoon><INSZ>"
	                                      "00641999774</INSZ></Persoon></Inhoud></Antwoord>"
	                                      "</Antwoorden>"));

	CHECK_STREQ(insz_of(g, the_person(g)), "00641999774");
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED,
	            read_fixture(response(GEEF_0200_NS, "GeefPersoon", "02.02.0000", "<Antwoorden/>")));
	CHECK_CONTAINS(unit_err.message, "GeefPersoon version 02.02.0000");
	CHECK_CONTAINS(unit_err.message, "GeefPersoon 02.02 and 02.00 responses");
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED,
	            read_fixture(response(GEEF_NS, "GeefPersoon", "02.00.0000", "<Antwoorden/>")));
	/* the Service (not WebService) variant's namespace is another element */
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED,
	            read_fixture(response("http://service.geefpersoondienst-02_00.persoon-02_00."
	                                  "vip.vlaanderen.be",
	                                  "GeefPersoon", "02.00.0000", "<Antwoorden/>")));
	/* GeefHistoriekPersoon 02.00 shares the Persoon types, not the service */
	CHECK_ERROR(OSLO_ERR_UNSUPPORTED,
	            read_fixture("<w:GeefHistoriekPersoonResponse xmlns:w=\"http://webservice."
	                         "geefhistoriekpersoondienst-02_00.persoon-02_00.vip.vlaanderen.be\">"
	                         "<Repliek><Context><Naam>GeefHistoriekPersoon</Naam><Versie>02.00.0000"
	                         "</Versie></Context></Repliek></w:GeefHistoriekPersoonResponse>"));
	CHECK_CONTAINS(unit_err.message, "GeefHistoriekPersoon");
}

int
main(void)
{
	xmlInitParser();
	load_plugin();
	install_mapping_host();
	if (plugin_error)
		fprintf(stderr, "cannot load the magda plugin: %s\n", plugin_error);
	load_context_options();
	RUN(descriptor);
	if (plugin)
	{
		RUN(person_in_soap_envelope);
		RUN(incomplete_date_keeps_year);
		RUN(missing_hoofdverblijfplaats);
		RUN(not_found_is_a_fout);
		RUN(warnings_travel_in_warning_array);
		RUN(unusable_code_becomes_uitzondering);
		RUN(loaded_code_lists);
		RUN(relations);
		RUN(wrong_root);
		RUN(other_service_or_version);
		RUN(soap_fault);
		RUN(level2_uitzondering);
		RUN(malformed_structure);
		RUN(writer_options_and_person_count);
		RUN(official_examples);
		RUN(mock_responses);
		RUN(geefpersoon_0200_fixtures_schema_valid);
		RUN(geefpersoon_0200_full);
		RUN(geefpersoon_0200_same_as_0202);
		RUN(geefpersoon_0200_minimal);
		RUN(geefpersoon_0200_uitzonderingen);
		RUN(geefpersoon_0200_abroad);
		RUN(geefpersoon_0200_address_variants);
		RUN(geefpersoon_0200_version_checks);
	}
	return unit_report();
}
