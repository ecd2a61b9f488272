/*
 * magda_envelope.c
 *	  Find the Repliek of a GeefPersoon 02.02 or 02.00 response, or say
 *	  precisely why the document is not one: SOAP Fault, another service or
 *	  version, a level-2 refusal, or not MAGDA at all.
 */
#include "magda.h"
#include "magda_xml.h"

#include <string.h>

#define SUPPORTED                                                                                  \
	"the magda format reads GeefPersoon 02.02 and 02.00 responses (GeefPersoonResponse "           \
	"in " GEEFPERSOON_0202_NS " or " GEEFPERSOON_0200_NS ")"

/* "{ns}name" of an element, for messages (host memory) */
static char *
qualified_name(xmlNodePtr n)
{
	if (n->ns && n->ns->href)
		return oslo_psprintf("{%s}%s", (const char *)n->ns->href, (const char *)n->name);
	return oslo_strdup((const char *)n->name);
}

static bool
is_soap(xmlNodePtr n, const char *name)
{
	return magda_is(n, SOAP11_NS, name) || magda_is(n, SOAP12_NS, name);
}

static const char *
text_or(xmlNodePtr parent, const char *path, const char *fallback)
{
	char *s = magda_path_strdup(parent, path);

	return s ? s : fallback;
}

static void
append_text_or(oslo_buf *out, xmlNodePtr parent, const char *path, const char *fallback)
{
	const char *t;
	size_t len;

	if (magda_path_text(parent, path, &t, &len))
		oslo_buf_append(out, t, len);
	else
		oslo_buf_puts(out, fallback);
}

static void
raise_fault(xmlNodePtr fault)
{
	/* SOAP 1.1: faultcode/faultstring; SOAP 1.2: Code/Value, Reason/Text */
	const char *code = text_or(fault, "faultcode", text_or(fault, "Code/Value", "?"));
	const char *string = text_or(fault, "faultstring", text_or(fault, "Reason/Text", ""));
	const char *detail = text_or(fault, "detail/message", NULL);

	oslo_error_detail(OSLO_ERR_DATA, detail, "MAGDA answered with a SOAP Fault (line %d): %s: %s",
	                  magda_line(fault), code, string);
}

void
magda_describe_uitzonderingen(xmlNodePtr uitzonderingen, oslo_buf *out)
{
	int n = 0;

	for (xmlNodePtr u = magda_child(uitzonderingen, "Uitzondering"); u;
	     u = magda_next(u, "Uitzondering"))
	{
		/* appended in place: a notice path must not leave copies behind */
		oslo_buf_puts(out, n++ ? "; Uitzondering " : "Uitzondering ");
		append_text_or(out, u, "Identificatie", "?");
		oslo_buf_puts(out, " (");
		append_text_or(out, u, "Oorsprong", "?");
		oslo_buf_puts(out, ", ");
		append_text_or(out, u, "Type", "?");
		oslo_buf_puts(out, "): ");
		append_text_or(out, u, "Diagnose", "");
	}
	if (n == 0)
		oslo_buf_puts(out, "no Uitzondering given");
}

/* the service element: the Body's first element, or the root itself */
static xmlNodePtr
service_element(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr body;
	xmlNodePtr service;

	if (root == NULL)
		oslo_error(OSLO_ERR_XML_CONTENT, "not a MAGDA response: the document has no root element");
	if (!is_soap(root, "Envelope"))
		return root;
	body = NULL;
	for (xmlNodePtr c = root->children; c && !body; c = c->next)
		if (is_soap(c, "Body"))
			body = c;
	if (body == NULL)
		oslo_error(OSLO_ERR_XML_CONTENT, "SOAP Envelope (line %d) has no Body", magda_line(root));
	service = magda_first_element(body);
	if (service == NULL)
		oslo_error(OSLO_ERR_XML_CONTENT, "SOAP Body (line %d) is empty", magda_line(body));
	if (is_soap(service, "Fault"))
		raise_fault(service);
	return service;
}

/*
 * The version is the service element's namespace; the Context's Versie
 * must agree with it, so a mislabelled document is refused, not misread.
 */
static magda_geefpersoon_version
check_service(xmlNodePtr service)
{
	xmlNodePtr context = magda_path(service, "Repliek/Context");
	char *naam_found = magda_path_strdup(context, "Naam");
	char *versie_found = magda_path_strdup(context, "Versie");
	const char *naam = naam_found ? naam_found : (const char *)service->name;
	const char *versie = versie_found ? versie_found : "(no Context/Versie)";
	bool geefpersoon = strcmp(naam, "GeefPersoon") == 0 || strcmp(naam, "Persoon.GeefPersoon") == 0;
	magda_geefpersoon_version version;
	const char *versie_prefix;

	if (magda_child(service, "Repliek") == NULL)
	{
		if (magda_child(service, "Verzoek"))
			oslo_error(OSLO_ERR_XML_CONTENT,
			           "not a MAGDA response: %s (line %d) is a request (it holds a Verzoek)",
			           qualified_name(service), magda_line(service));
		oslo_error(OSLO_ERR_XML_CONTENT, "not a MAGDA response: found root element %s; %s",
		           qualified_name(service), SUPPORTED);
	}
	if (magda_is(service, GEEFPERSOON_0202_NS, "GeefPersoonResponse"))
		version = MAGDA_GEEFPERSOON_0202, versie_prefix = "02.02.";
	else if (magda_is(service, GEEFPERSOON_0200_NS, "GeefPersoonResponse"))
		version = MAGDA_GEEFPERSOON_0200, versie_prefix = "02.00.";
	else
		version = MAGDA_GEEFPERSOON_0202, versie_prefix = NULL;
	if (versie_prefix == NULL || !geefpersoon || strncmp(versie, versie_prefix, 6) != 0)
		oslo_error(OSLO_ERR_UNSUPPORTED,
		           "MAGDA service %s version %s is not supported (element %s); %s", naam, versie,
		           qualified_name(service), SUPPORTED);
	oslo_free(naam_found);
	oslo_free(versie_found);
	return version;
}

xmlNodePtr
magda_geefpersoon_repliek(xmlDocPtr doc, magda_geefpersoon_version *version)
{
	xmlNodePtr service = service_element(doc);
	xmlNodePtr repliek;

	*version = check_service(service);
	repliek = magda_child(service, "Repliek");
	if (magda_child(repliek, "Antwoorden") == NULL)
	{
		xmlNodePtr level2 = magda_child(repliek, "Uitzonderingen");
		oslo_buf why;

		if (level2 == NULL)
			oslo_error(OSLO_ERR_XML_CONTENT,
			           "GeefPersoonResponse/Repliek (line %d) has neither Antwoorden nor "
			           "Uitzonderingen",
			           magda_line(repliek));
		oslo_buf_init(&why);
		magda_describe_uitzonderingen(level2, &why);
		/* DETAIL as for a level-3 FOUT (persoon_im.c): the codes and diagnoses */
		oslo_error_detail(OSLO_ERR_DATA, why.data,
		                  "MAGDA refused the GeefPersoon request (Repliek/Uitzonderingen): %s",
		                  why.data);
	}
	return repliek;
}
