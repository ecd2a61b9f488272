/*
 * magda_request.h
 *	  Building MAGDA request envelopes (SOAP 1.1, Verzoek with Context and
 *	  one Vraag) for GeefPersoon, GeefOnderneming and RegistreerInschrijving.
 *
 * The parameters arrive as JSON bytes (format "magda-request-params"):
 *
 *	{"service": "GeefPersoon" | "GeefPersoon-02.02" | ...,
 *	 "version": "02.02" (optional, instead of the suffix),
 *	 "subject": "INSZ or KBO number",
 *	 "context": {"identificatie": ..., "hoedanigheid": ..., "referte": ...,
 *	             "tijdstip": "YYYY-MM-DDTHH:MM:SS[.mmm]", ...}}
 *
 * docs/functions.md lists the context keys. Every value is checked before
 * any XML is built, so a request that comes out is valid against the
 * service's WebService XSD.
 */
#ifndef MAGDA_REQUEST_H
#define MAGDA_REQUEST_H

#include "magda.h"

/* ---- a small JSON reader (magda_request_json.c) ---- */

typedef enum mrj_kind
{
	MRJ_NULL,
	MRJ_BOOL,
	MRJ_NUMBER,
	MRJ_STRING,
	MRJ_ARRAY,
	MRJ_OBJECT
} mrj_kind;

typedef struct mrj_value mrj_value;
struct mrj_value
{
	mrj_kind kind;
	char *text;       /* MRJ_STRING: unescaped, NUL-terminated */
	size_t count;     /* MRJ_ARRAY, MRJ_OBJECT: number of members */
	char **keys;      /* MRJ_OBJECT */
	mrj_value *items; /* MRJ_ARRAY, MRJ_OBJECT */
	bool *taken;      /* MRJ_OBJECT: member already read by mrj_take */
};

/*
 * Parse len bytes of JSON (what = "request parameters" for messages). A
 * syntax error is OSLO_ERR_SYNTAX; a duplicate member name, a NUL or a lone
 * surrogate is OSLO_ERR_PARAMETER. The tree is host memory: mrj_free().
 */
extern mrj_value *mrj_parse(const char *json, size_t len, const char *what);
extern void mrj_free(mrj_value *v);
/* the member key of obj, marked as read; NULL when absent */
extern mrj_value *mrj_take(mrj_value *obj, const char *key);
/* the name of the first member of obj that mrj_take did not read, or NULL */
extern const char *mrj_untaken(const mrj_value *obj);
/* "a string", "an object", ... for messages */
extern const char *mrj_kind_name(mrj_kind kind);

/* ---- subject numbers (magda_request_subject.c) ---- */

/* an INSZ (rijksregisternummer or BIS number): 11 digits, mod 97 with the 2000+ rule */
extern bool magda_insz_valid(const char *s, const char **why);
/* a KBO ondernemingsnummer: 10 digits starting with 0 or 1, mod 97 */
extern bool magda_kbo_valid(const char *s, const char **why);

/* ---- the transform (magda_request.c) ---- */

/* magda-request-params (JSON bytes) -> magda-request (XML bytes) */
extern void magda_write_request(const oslo_data *input, const char *options_json,
                                oslo_data *output);

#endif
