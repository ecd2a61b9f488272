/*
 * magda_request.c
 *	  magda-request-params (JSON) -> magda-request (a SOAP 1.1 envelope with
 *	  the Verzoek of one MAGDA service).
 *
 * Every parameter is read and checked first -- unknown keys, lengths and
 * patterns of the WebService XSDs, check digits of the subject -- and only
 * then is the document built, with libxml2's tree API (text nodes, so every
 * value is escaped on output). The shape follows MAGDA-Mock's request
 * templates and the XSDs in shared/magda; the service element carries a
 * prefix and everything below it is unqualified, as MAGDA asks.
 */
#include "magda_request.h"

#include <libxml/tree.h>
#include <string.h>

typedef enum subject_kind
{
	SUBJECT_INSZ,
	SUBJECT_KBO,
	SUBJECT_INSZ_OR_KBO
} subject_kind;

/* context keys that only some services take */
#define KEY_BRON           (1u << 0)
#define KEY_TAAL           (1u << 1)
#define KEY_OPVRAGINGENKSZ (1u << 2)
#define KEY_PERIODE        (1u << 3)

typedef struct request request;
typedef void (*inhoud_fn)(const request *rq, xmlNodePtr inhoud);

typedef struct service_def
{
	const char *name;
	const char *version; /* MM.mm; Context/Versie is MM.mm.0000 */
	const char *ns;      /* of the service element */
	bool is_default;     /* the version used when the caller names none */
	subject_kind subject;
	unsigned keys; /* KEY_* it takes */
	bool periode_required;
	inhoud_fn inhoud;
} service_def;

/* OpvragingenKSZ flags of GeefPersoon 02.02, in XSD order */
static const char *const ksz_flags[] = {"BasisPersoonsgegevens", "Afstamming",
                                        "AfstammingDalendeLijn", "Identiteitsbewijs",
                                        "Beroepskaart",          "Arbeidskaart",
                                        "WettigVerblijf",        "AdministratieveToestand",
                                        "PlaatsInschrijving",    "WettelijkeVertegenwoordiging"};
#define N_KSZ_FLAGS (sizeof(ksz_flags) / sizeof(ksz_flags[0]))

struct request
{
	const service_def *svc;
	xmlDocPtr doc;
	const char *subject;
	bool subject_is_kbo;
	const char *identificatie, *naam, *referte, *organisatieeenheid, *hoedanigheid, *gebruiker;
	char datum[11], tijd[13];
	const char *vraagreferte;
	const char *bron, *taal;
	bool ksz_asked, ksz[N_KSZ_FLAGS];
	bool has_periode, has_einde;
	char begin[11], einde[11];
};

/* ---- building ---- */

static void
out_of_memory(void)
{
	oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not allocate the XML of a MAGDA request");
}

/* an element without namespace (xmlNewChild would inherit the parent's) */
static xmlNodePtr
add(const request *rq, xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr n = xmlNewDocNode(rq->doc, NULL, (const xmlChar *)name, NULL);

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
inhoud_geefpersoon(const request *rq, xmlNodePtr inhoud)
{
	xmlNodePtr criteria = add(rq, inhoud, "Criteria", NULL);

	add(rq, criteria, "INSZ", rq->subject);
	if (rq->ksz_asked)
	{
		xmlNodePtr flags = add(rq, criteria, "OpvragingenKSZ", NULL);

		for (size_t i = 0; i < N_KSZ_FLAGS; i++)
			if (rq->ksz[i])
				add(rq, flags, ksz_flags[i], "1");
	}
	add(rq, inhoud, "Bron", rq->bron);
	add(rq, inhoud, "Taal", rq->taal);
}

static void
inhoud_geefonderneming(const request *rq, xmlNodePtr inhoud)
{
	xmlNodePtr criteria = add(rq, inhoud, "Criteria", NULL);

	add(rq, criteria, "Ondernemingsnummer", rq->subject);
	add(rq, criteria, "Basisgegevens", "1");
	add(rq, inhoud, "Taal", rq->taal);
}

static void
add_periode(const request *rq, xmlNodePtr inschrijving)
{
	xmlNodePtr periode;

	if (!rq->has_periode)
		return;
	periode = add(rq, inschrijving, "Periode", NULL);
	add(rq, periode, "Begin", rq->begin);
	if (rq->has_einde)
		add(rq, periode, "Einde", rq->einde);
}

/* the afnemer registers its own (Identificatie, Hoedanigheid) pair */
static void
inhoud_inschrijving_0201(const request *rq, xmlNodePtr inhoud)
{
	xmlNodePtr inschrijving = add(rq, inhoud, "Inschrijving", NULL);
	const char *type = rq->subject_is_kbo ? "OND" : "PERS";
	xmlNodePtr betrokken, subject;

	add(rq, inschrijving, "Identificatie", rq->identificatie);
	add(rq, inschrijving, "Hoedanigheid", rq->hoedanigheid);
	betrokken = add(rq, inschrijving, "BetrokkenSubject", NULL);
	add(rq, betrokken, "Type", type);
	subject = add(rq, add(rq, betrokken, "Subjecten", NULL), "Subject", NULL);
	add(rq, subject, "Type", type);
	add(rq, subject, "Sleutel", rq->subject);
	add_periode(rq, inschrijving);
}

static void
inhoud_inschrijving_0200(const request *rq, xmlNodePtr inhoud)
{
	xmlNodePtr inschrijving = add(rq, inhoud, "Inschrijving", NULL);

	add(rq, inschrijving, "Identificatie", rq->identificatie);
	add(rq, inschrijving, "Hoedanigheid", rq->hoedanigheid);
	add(rq, inschrijving, "INSZ", rq->subject);
	add_periode(rq, inschrijving);
}

static const service_def services[] = {
    {"GeefPersoon", "02.02", "http://magda.vlaanderen.be/persoon/soap/geefpersoon/v02_02", true,
     SUBJECT_INSZ, KEY_BRON | KEY_TAAL | KEY_OPVRAGINGENKSZ, false, inhoud_geefpersoon},
    {"GeefPersoon", "02.00",
     "http://webservice.geefpersoondienst-02_00.persoon-02_00.vip.vlaanderen.be", false,
     SUBJECT_INSZ, KEY_BRON | KEY_TAAL, false, inhoud_geefpersoon},
    {"GeefOnderneming", "02.00",
     "http://webservice.geefondernemingdienst-02_00.onderneming-02_00.vip.vlaanderen.be", true,
     SUBJECT_KBO, KEY_TAAL, false, inhoud_geefonderneming},
    {"RegistreerInschrijving", "02.01",
     "http://webservice.registreerinschrijvingdienst-02_01.repertorium-02_01.vip.vlaanderen.be",
     true, SUBJECT_INSZ_OR_KBO, KEY_PERIODE, false, inhoud_inschrijving_0201},
    {"RegistreerInschrijving", "02.00",
     "http://webservice.registreerinschrijvingdienst-02_00.repertorium-02_00.vip.vlaanderen.be",
     false, SUBJECT_INSZ, KEY_PERIODE, true, inhoud_inschrijving_0200},
};
#define N_SERVICES (sizeof(services) / sizeof(services[0]))

static void
free_doc(void *doc)
{
	xmlFreeDoc((xmlDocPtr)doc);
}

static void
build(request *rq, oslo_data *output)
{
	oslo_guard *guard;
	xmlNodePtr envelope, body, service, verzoek, context, bericht, tijdstip, afzender, vraag;
	xmlNsPtr soap, web;
	xmlBufferPtr buf;
	char versie[11];

	rq->doc = xmlNewDoc((const xmlChar *)"1.0");
	if (rq->doc == NULL)
		out_of_memory();
	guard = oslo_guard_new(free_doc, rq->doc);

	envelope = xmlNewDocNode(rq->doc, NULL, (const xmlChar *)"Envelope", NULL);
	if (envelope == NULL)
		out_of_memory();
	xmlDocSetRootElement(rq->doc, envelope);
	soap = xmlNewNs(envelope, (const xmlChar *)SOAP11_NS, (const xmlChar *)"soapenv");
	if (soap == NULL)
		out_of_memory();
	xmlSetNs(envelope, soap);
	xmlSetNs(add(rq, envelope, "Header", NULL), soap);
	body = add(rq, envelope, "Body", NULL);
	xmlSetNs(body, soap);
	service = add(rq, body, rq->svc->name, NULL);
	web = xmlNewNs(service, (const xmlChar *)rq->svc->ns, (const xmlChar *)"web");
	if (web == NULL)
		out_of_memory();
	xmlSetNs(service, web);

	verzoek = add(rq, service, "Verzoek", NULL);
	context = add(rq, verzoek, "Context", NULL);
	add(rq, context, "Naam", rq->svc->name);
	snprintf(versie, sizeof(versie), "%s.0000", rq->svc->version);
	add(rq, context, "Versie", versie);
	bericht = add(rq, context, "Bericht", NULL);
	add(rq, bericht, "Type", "VRAAG");
	tijdstip = add(rq, bericht, "Tijdstip", NULL);
	add(rq, tijdstip, "Datum", rq->datum);
	add(rq, tijdstip, "Tijd", rq->tijd);
	afzender = add(rq, bericht, "Afzender", NULL);
	add(rq, afzender, "Identificatie", rq->identificatie);
	if (rq->naam)
		add(rq, afzender, "Naam", rq->naam);
	add(rq, afzender, "Referte", rq->referte);
	if (rq->organisatieeenheid)
		add(rq, afzender, "OrganisatieEenheid", rq->organisatieeenheid);
	add(rq, afzender, "Hoedanigheid", rq->hoedanigheid);
	if (rq->gebruiker)
		add(rq, afzender, "Gebruiker", rq->gebruiker);

	vraag = add(rq, add(rq, verzoek, "Vragen", NULL), "Vraag", NULL);
	add(rq, vraag, "Referte", rq->vraagreferte);
	rq->svc->inhoud(rq, add(rq, vraag, "Inhoud", NULL));

	buf = xmlBufferCreate();
	if (buf == NULL)
		out_of_memory();
	if (xmlNodeDump(buf, rq->doc, envelope, 0, 0) < 0)
	{
		xmlBufferFree(buf);
		out_of_memory();
	}
	output->kind = OSLO_DATA_BYTES;
	output->len = (size_t)xmlBufferLength(buf);
	output->bytes = oslo_strndup((const char *)xmlBufferContent(buf), output->len);
	xmlBufferFree(buf);
	oslo_guard_release(guard);
	rq->doc = NULL;
}

/* ---- reading and checking the parameters ---- */

static const char *
take_string(mrj_value *obj, const char *key, const char *where, bool required)
{
	mrj_value *v = mrj_take(obj, key);

	if (v == NULL)
	{
		if (required)
			oslo_error(OSLO_ERR_PARAMETER, "%s: \"%s\" is missing", where, key);
		return NULL;
	}
	if (v->kind != MRJ_STRING)
		oslo_error(OSLO_ERR_PARAMETER, "%s: \"%s\" must be a string, not %s", where, key,
		           mrj_kind_name(v->kind));
	return v->text;
}

/*
 * A text value of the XSDs: minimum and maximum length in characters (as
 * XSD counts them), and only characters XML 1.0 allows. Empty values are
 * refused: MAGDA has no use for them, and an absent key says "none".
 */
static void
check_text(const char *key, const char *s, size_t max_chars)
{
	size_t chars = 0;

	if (*s == '\0')
		oslo_error(OSLO_ERR_PARAMETER, "context key \"%s\" is empty; leave it out or give a value",
		           key);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
	{
		if ((*p & 0xC0) != 0x80)
			chars++;
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			oslo_error(OSLO_ERR_PARAMETER,
			           "context key \"%s\" holds control character U+%04X, which XML 1.0 does not "
			           "allow",
			           key, *p);
		/* U+FFFE and U+FFFF are not XML characters either */
		if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
			oslo_error(OSLO_ERR_PARAMETER, "context key \"%s\" holds U+FFFE or U+FFFF", key);
	}
	if (chars > max_chars)
		oslo_error(OSLO_ERR_PARAMETER,
		           "context key \"%s\" has %zu characters; the MAGDA schema allows at most %zu",
		           key, chars, max_chars);
}

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* YYYY-MM-DD, a real Gregorian date */
static bool
calendar_date(const char *s)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int year, month, day, last;

	if (!(digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2)))
		return false;
	year = two(s) * 100 + two(s + 2);
	month = two(s + 5);
	day = two(s + 8);
	if (year < 1000 || month < 1 || month > 12)
		return false;
	last = days[month - 1] + (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
	return day >= 1 && day <= last;
}

/*
 * "YYYY-MM-DDTHH:MM[:SS[.mmm]]" (or a space for T): Belgian local time, as
 * MAGDA's Tijdstip has no zone. The SQL wrapper sends now() in
 * Europe/Brussels.
 */
static void
read_tijdstip(request *rq, const char *s)
{
	size_t n = strlen(s);
	size_t tn = n > 11 ? n - 11 : 0;
	const char *t = s + (n > 11 ? 11 : n);
	bool ok = n >= 16 && (s[10] == 'T' || s[10] == ' ');

	ok = ok && digits(t, 2) && t[2] == ':' && digits(t + 3, 2) && two(t) <= 23 && two(t + 3) <= 59;
	if (ok && tn > 5)
		ok = (tn == 8 || tn == 12) && t[5] == ':' && digits(t + 6, 2) && two(t + 6) <= 59 &&
		     (tn == 8 || (t[8] == '.' && digits(t + 9, 3)));
	if (ok)
	{
		memcpy(rq->datum, s, 10);
		rq->datum[10] = '\0';
		/* DatumType: the year starts with 0-2 (or 9) */
		ok = calendar_date(rq->datum) && (s[0] == '1' || s[0] == '2');
	}
	if (!ok)
		oslo_error(OSLO_ERR_PARAMETER,
		           "context key \"tijdstip\" is \"%s\"; expected local time as "
		           "YYYY-MM-DDTHH:MM[:SS[.mmm]] (a real date from year 1000 to 2999, no time zone)",
		           s);
	memcpy(rq->tijd, t, tn);
	rq->tijd[tn] = '\0';
}

static void
read_date(const char *key, const char *s, char out[11])
{
	if (strlen(s) != 10 || !calendar_date(s))
		oslo_error(OSLO_ERR_PARAMETER,
		           "periode member \"%s\" is \"%s\"; expected a date YYYY-MM-DD", key, s);
	memcpy(out, s, 11);
}

static void
read_periode(request *rq, mrj_value *v)
{
	const char *begin, *einde, *unknown;

	if (v->kind != MRJ_OBJECT)
		oslo_error(
		    OSLO_ERR_PARAMETER,
		    "context key \"periode\" must be an object {\"begin\": ..., \"einde\": ...}, not %s",
		    mrj_kind_name(v->kind));
	begin = take_string(v, "begin", "context key \"periode\"", true);
	einde = take_string(v, "einde", "context key \"periode\"", false);
	if ((unknown = mrj_untaken(v)) != NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "context key \"periode\" has unknown member \"%s\"; it takes \"begin\" and "
		           "\"einde\"",
		           unknown);
	read_date("begin", begin, rq->begin);
	rq->has_periode = true;
	if (einde)
	{
		read_date("einde", einde, rq->einde);
		if (strcmp(rq->einde, rq->begin) < 0)
			oslo_error(OSLO_ERR_PARAMETER, "periode ends (%s) before it begins (%s)", rq->einde,
			           rq->begin);
		rq->has_einde = true;
	}
}

static void
read_opvragingen(request *rq, mrj_value *v)
{
	if (v->kind != MRJ_ARRAY)
		oslo_error(OSLO_ERR_PARAMETER,
		           "context key \"opvragingenksz\" must be an array of OpvragingenKSZ element "
		           "names, not %s",
		           mrj_kind_name(v->kind));
	rq->ksz_asked = true;
	for (size_t i = 0; i < v->count; i++)
	{
		const mrj_value *item = &v->items[i];
		size_t k;

		if (item->kind != MRJ_STRING)
			oslo_error(OSLO_ERR_PARAMETER,
			           "context key \"opvragingenksz\" holds %s; expected element names such as "
			           "\"BasisPersoonsgegevens\"",
			           mrj_kind_name(item->kind));
		for (k = 0; k < N_KSZ_FLAGS; k++)
			if (strcmp(item->text, ksz_flags[k]) == 0)
				break;
		if (k == N_KSZ_FLAGS)
			oslo_error(OSLO_ERR_PARAMETER,
			           "context key \"opvragingenksz\" names \"%s\", which is no OpvragingenKSZ "
			           "element of GeefPersoon 02.02 (BasisPersoonsgegevens, Afstamming, "
			           "AfstammingDalendeLijn, Identiteitsbewijs, Beroepskaart, Arbeidskaart, "
			           "WettigVerblijf, AdministratieveToestand, PlaatsInschrijving, "
			           "WettelijkeVertegenwoordiging)",
			           item->text);
		if (rq->ksz[k])
			oslo_error(OSLO_ERR_PARAMETER, "context key \"opvragingenksz\" names \"%s\" twice",
			           item->text);
		rq->ksz[k] = true;
	}
}

/* "MM.mm" or "MM.mm.0000" into out as "MM.mm" */
static void
read_version(const char *v, char out[6])
{
	size_t n = strlen(v);

	if (!((n == 5 || (n == 10 && strcmp(v + 5, ".0000") == 0)) && digits(v, 2) && v[2] == '.' &&
	      digits(v + 3, 2)))
		oslo_error(OSLO_ERR_PARAMETER,
		           "MAGDA service version \"%s\" is not of the form MM.mm (or MM.mm.0000)", v);
	memcpy(out, v, 5);
	out[5] = '\0';
}

/* the name and, when given, the version of "GeefPersoon" or "GeefPersoon-02.02[.0000]" */
static const service_def *
find_service(const char *service, const char *version)
{
	const char *dash = strchr(service, '-');
	size_t name_len = dash ? (size_t)(dash - service) : strlen(service);
	bool name_known = false;
	char wanted[6] = "", from_member[6] = "";

	if (dash)
		read_version(dash + 1, wanted);
	if (version)
	{
		read_version(version, from_member);
		if (dash && strcmp(wanted, from_member) != 0)
			oslo_error(OSLO_ERR_PARAMETER, "service \"%s\" and version \"%s\" disagree", service,
			           version);
		memcpy(wanted, from_member, sizeof(wanted));
	}
	for (size_t i = 0; i < N_SERVICES; i++)
	{
		const service_def *s = &services[i];

		if (strlen(s->name) != name_len || strncmp(s->name, service, name_len) != 0)
			continue;
		name_known = true;
		if (wanted[0] ? strcmp(s->version, wanted) == 0 : s->is_default)
			return s;
	}
	if (name_known)
		oslo_error(OSLO_ERR_UNSUPPORTED,
		           "MAGDA service %.*s version %s is not supported: requests are built for "
		           "GeefPersoon 02.02 and 02.00, GeefOnderneming 02.00, RegistreerInschrijving "
		           "02.01 and 02.00",
		           (int)name_len, service, wanted);
	oslo_error(OSLO_ERR_UNSUPPORTED,
	           "MAGDA service \"%.*s\" is not supported: requests are built for GeefPersoon, "
	           "GeefOnderneming and RegistreerInschrijving",
	           (int)name_len, service);
	return NULL;
}

static void
check_subject(request *rq, const char *subject)
{
	const char *why = NULL;
	subject_kind kind = rq->svc->subject;
	size_t n = strlen(subject);
	bool ok;

	if (kind == SUBJECT_INSZ_OR_KBO && n != 10 && n != 11)
		oslo_error(OSLO_ERR_PARAMETER,
		           "subject \"%s\" is not a valid subject for %s %s: it takes an INSZ (11 digits) "
		           "or a KBO ondernemingsnummer (10 digits), without dots or spaces",
		           subject, rq->svc->name, rq->svc->version);
	if (kind == SUBJECT_INSZ_OR_KBO)
		kind = n == 10 ? SUBJECT_KBO : SUBJECT_INSZ;
	if (kind == SUBJECT_KBO)
		ok = magda_kbo_valid(subject, &why);
	else
		ok = magda_insz_valid(subject, &why);
	if (!ok)
		oslo_error(OSLO_ERR_PARAMETER, "subject \"%s\" is not a valid %s for %s %s: %s", subject,
		           kind == SUBJECT_KBO ? "KBO ondernemingsnummer" : "INSZ", rq->svc->name,
		           rq->svc->version, why);
	rq->subject = subject;
	rq->subject_is_kbo = kind == SUBJECT_KBO;
}

static const struct
{
	const char *key;
	unsigned only; /* KEY_* bit, or 0 for every service */
} context_keys[] = {
    {"identificatie", 0},
    {"naam", 0},
    {"referte", 0},
    {"organisatieeenheid", 0},
    {"hoedanigheid", 0},
    {"gebruiker", 0},
    {"tijdstip", 0},
    {"vraagreferte", 0},
    {"bron", KEY_BRON},
    {"taal", KEY_TAAL},
    {"opvragingenksz", KEY_OPVRAGINGENKSZ},
    {"periode", KEY_PERIODE},
};

/* every key of the context is known and applies to this service */
static void
check_context_keys(const request *rq, const mrj_value *context)
{
	for (size_t i = 0; i < context->count; i++)
	{
		const char *key = context->keys[i];
		size_t k;

		for (k = 0; k < sizeof(context_keys) / sizeof(context_keys[0]); k++)
			if (strcmp(context_keys[k].key, key) == 0)
				break;
		if (k == sizeof(context_keys) / sizeof(context_keys[0]))
			oslo_error(OSLO_ERR_PARAMETER,
			           "unknown context key \"%s\"; known keys: identificatie, naam, referte, "
			           "organisatieeenheid, hoedanigheid, gebruiker, tijdstip, vraagreferte, bron, "
			           "taal, opvragingenksz, periode",
			           key);
		if (context_keys[k].only && !(rq->svc->keys & context_keys[k].only))
			oslo_error(OSLO_ERR_PARAMETER, "context key \"%s\" does not apply to %s %s", key,
			           rq->svc->name, rq->svc->version);
	}
}

static void
read_context(request *rq, mrj_value *context)
{
	const char *w = "context";
	const char *tijdstip, *why;
	mrj_value *v;

	check_context_keys(rq, context);

	rq->identificatie = take_string(context, "identificatie", w, false);
	if (rq->identificatie == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "context key \"identificatie\" is missing: the afnemer's application URI "
		           "(Afzender/Identificatie)");
	check_text("identificatie", rq->identificatie, 120);
	rq->hoedanigheid = take_string(context, "hoedanigheid", w, false);
	if (rq->hoedanigheid == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "context key \"hoedanigheid\" is missing: MAGDA grants data for a purpose, the "
		           "hoedanigheid code (Afzender/Hoedanigheid)");
	check_text("hoedanigheid", rq->hoedanigheid, 24);
	rq->referte = take_string(context, "referte", w, false);
	if (rq->referte == NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "context key \"referte\" is missing: the message reference (Afzender/Referte; "
		           "oslo.magda_request makes a fresh UUID)");
	check_text("referte", rq->referte, 36);
	tijdstip = take_string(context, "tijdstip", w, false);
	if (tijdstip == NULL)
		oslo_error(
		    OSLO_ERR_PARAMETER,
		    "context key \"tijdstip\" is missing: the time of the request (Bericht/Tijdstip; "
		    "oslo.magda_request uses now())");
	read_tijdstip(rq, tijdstip);

	if ((rq->naam = take_string(context, "naam", w, false)) != NULL)
		check_text("naam", rq->naam, 24);
	if ((rq->organisatieeenheid = take_string(context, "organisatieeenheid", w, false)) != NULL)
		check_text("organisatieeenheid", rq->organisatieeenheid, 24);
	if ((rq->gebruiker = take_string(context, "gebruiker", w, false)) != NULL &&
	    !magda_insz_valid(rq->gebruiker, &why))
		oslo_error(OSLO_ERR_PARAMETER,
		           "context key \"gebruiker\" (the civil servant's INSZ) \"%s\" is not valid: %s",
		           rq->gebruiker, why);
	rq->vraagreferte = take_string(context, "vraagreferte", w, false);
	if (rq->vraagreferte)
		check_text("vraagreferte", rq->vraagreferte, 36);
	else
		rq->vraagreferte = rq->referte;

	rq->bron = take_string(context, "bron", w, false);
	if (rq->bron == NULL)
		rq->bron = "RR";
	else if (strcmp(rq->bron, "RR") != 0 && strcmp(rq->bron, "KSZ") != 0)
		oslo_error(OSLO_ERR_PARAMETER,
		           "context key \"bron\" is \"%s\"; GeefPersoon reads from \"RR\" (rijksregister) "
		           "or \"KSZ\" (Kruispuntbank)",
		           rq->bron);
	rq->taal = take_string(context, "taal", w, false);
	if (rq->taal == NULL)
		rq->taal = "nl";
	else if (strcmp(rq->taal, "nl") != 0 && strcmp(rq->taal, "fr") != 0 &&
	         strcmp(rq->taal, "de") != 0 && strcmp(rq->taal, "en") != 0)
		oslo_error(OSLO_ERR_PARAMETER, "context key \"taal\" is \"%s\"; expected nl, fr, de or en",
		           rq->taal);
	if ((v = mrj_take(context, "opvragingenksz")) != NULL)
		read_opvragingen(rq, v);
	if ((v = mrj_take(context, "periode")) != NULL)
		read_periode(rq, v);
	else if (rq->svc->periode_required)
		oslo_error(OSLO_ERR_PARAMETER,
		           "context key \"periode\" is missing: %s %s requires the period of the "
		           "registration ({\"begin\": \"YYYY-MM-DD\", \"einde\": ...})",
		           rq->svc->name, rq->svc->version);
}

void
magda_write_request(const oslo_data *input, const char *options_json, oslo_data *output)
{
	const char *w = "request parameters";
	mrj_value *params = mrj_parse(input->bytes, input->len, w);
	mrj_value *context;
	const char *service, *version, *subject, *unknown;
	request rq;

	memset(&rq, 0, sizeof(rq));
	if (params->kind != MRJ_OBJECT)
		oslo_error(OSLO_ERR_PARAMETER,
		           "request parameters must be an object {\"service\", \"subject\", \"context\"}, "
		           "not %s",
		           mrj_kind_name(params->kind));
	service = take_string(params, "service", w, true);
	version = take_string(params, "version", w, false);
	subject = take_string(params, "subject", w, true);
	context = mrj_take(params, "context");
	if (context == NULL)
		oslo_error(OSLO_ERR_PARAMETER, "request parameters: \"context\" is missing");
	if (context->kind != MRJ_OBJECT)
		oslo_error(OSLO_ERR_PARAMETER, "request parameter \"context\" must be an object, not %s",
		           mrj_kind_name(context->kind));
	if ((unknown = mrj_untaken(params)) != NULL)
		oslo_error(OSLO_ERR_PARAMETER,
		           "unknown request parameter \"%s\"; expected service, version, subject, context",
		           unknown);

	rq.svc = find_service(service, version);
	check_subject(&rq, subject);
	read_context(&rq, context);
	build(&rq, output);
	mrj_free(params);
}
