/*
 * rml_functions.c
 *	  The built-in functions of function-valued term maps (RML-FNML,
 *	  rml:functionExecution), in the namespace urn:oslo-interop:function:.
 *
 * A closed set, compiled in: a mapping names a function, it cannot bring
 * code. Each function receives every value of each input (an input may
 * give several) and says itself how it treats them; docs/rml.md lists them.
 */
#include "rml_source.h"
#include "oslo_plugin.h"

#include <libxml/tree.h>

#include <stdio.h>
#include <string.h>

/* ---- codes and concepts ---- */

/* a code that can be the last segment of a concept IRI as it stands */
static bool
safe_code(const char *s)
{
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      *p == '-' || *p == '_' || *p == '.'))
			return false;
	return s[0] != '\0';
}

#define VL_CONCEPT       "https://data.vlaanderen.be/id/concept/"
#define VL_CONCEPTSCHEME "https://data.vlaanderen.be/id/conceptscheme/"

/*
 * The scheme of a concept base: given, or by the convention of the Flemish
 * code lists (.../id/concept/X/Y/ is in .../id/conceptscheme/X/Y), or the
 * base itself without its last '/'.
 */
static char *
scheme_of(const char *base, const rml_values *given)
{
	size_t n = strlen(base);

	if (given && given->n > 0)
		return oslo_strdup(given->items[0].text);
	if (n > 0 && base[n - 1] == '/')
		n--;
	if (strncmp(base, VL_CONCEPT, strlen(VL_CONCEPT)) == 0)
		return oslo_psprintf(VL_CONCEPTSCHEME "%.*s", (int)(n - strlen(VL_CONCEPT)),
		                     base + strlen(VL_CONCEPT));
	return oslo_strndup(base, n);
}

static void
warn(const rml_fn_env *env, const char *message)
{
	if (env->warn)
		env->warn(message, env->warn_arg);
	else
		oslo_notice("%s", message);
}

/*
 * Where a value came from: "Geslacht/Code (line 12)" for a node, else the
 * record and the expression, "Geboorte (line 9): normalize-space(Datum)".
 */
static char *
origin(const rml_fn_input *in, const rml_value *v, const rml_fn_env *env)
{
	const char *what = in->source ? in->source : "value";

	const xmlNode *node = v->node;

	/* the element as the document names it: Geslacht/Code, Persoon/@Bron */
	if (node && node->type == XML_ATTRIBUTE_NODE && node->parent)
		return oslo_psprintf("%s/@%s (line %d)", (const char *)node->parent->name,
		                     (const char *)node->name, v->line);
	if (node && node->type == XML_ELEMENT_NODE)
		return oslo_psprintf("%s%s%s (line %d)",
		                     node->parent && node->parent->type == XML_ELEMENT_NODE
		                         ? (const char *)node->parent->name
		                         : "",
		                     node->parent && node->parent->type == XML_ELEMENT_NODE ? "/" : "",
		                     (const char *)node->name, v->line);
	if (v->line > 0)
		return oslo_psprintf("%s (line %d)", what, v->line);
	if (env->record && env->record->type == XML_ELEMENT_NODE)
		return oslo_psprintf("%s (line %ld): %s", (const char *)env->record->name,
		                     xmlGetLineNo(env->record), what);
	return oslo_strdup(what);
}

/*
 * ofn:concept(base, code[, scheme]): the concept of code in the code list of
 * base. A list the host has not loaded gives base + code; a loaded list its
 * own concept, or its exception concept (UITZONDERING) and a warning for a
 * code it lacks. A code that cannot be an IRI segment gets the exception
 * concept and a warning too: never a silent drop.
 */
static void
fn_concept(const rml_fn_input *in, const rml_fn_env *env, rml_values *out)
{
	const char *base = in[0].values->n ? in[0].values->items[0].text : "";
	char *scheme = scheme_of(base, in[2].values);

	for (size_t k = 0; in[1].values && k < in[1].values->n; k++)
	{
		const rml_value *v = &in[1].values->items[k];
		const char *why = NULL;
		char *iri = NULL;

		if (!safe_code(v->text))
			why = "cannot be a concept of";
		else
		{
			bool known = false;
			const char *found = oslo_codelist_concept(scheme, v->text, &known);
			char *concept = found ? oslo_strdup(found) : NULL;
			const char *exception =
			    known ? oslo_codelist_concept(scheme, OSLO_CODELIST_EXCEPTION, NULL) : NULL;

			/* the host answers a code its list lacks with the list's exception concept */
			if (known && (concept == NULL || (exception && strcmp(concept, exception) == 0 &&
			                                  strcmp(v->text, OSLO_CODELIST_EXCEPTION) != 0)))
			{
				why = "is not in code list";
				iri = exception ? oslo_strdup(exception) : NULL;
			}
			else if (known)
				iri = oslo_strdup(concept);
			else
				iri = oslo_psprintf("%s%s", base, v->text);
			oslo_free(concept);
		}
		if (why)
		{
			char *where = origin(&in[1], v, env);
			char *message;

			if (iri == NULL)
				iri = oslo_psprintf("%s" OSLO_CODELIST_EXCEPTION, base);
			message = oslo_psprintf("%s: code \"%s\" %s %s; written as %s", where, v->text, why,
			                        scheme, iri);
			warn(env, message);
			oslo_free(message);
			oslo_free(where);
		}
		rml_values_push(out, iri, strlen(iri), NULL);
		oslo_free(iri);
	}
	oslo_free(scheme);
}

/* ---- dates with unknown parts (YYYY-MM-DD, an unknown part as zeros) ---- */

typedef struct partial_date
{
	int year, month, day;
} partial_date;

static bool
parse_partial_date(const char *s, partial_date *d)
{
	static const int at[] = {0, 1, 2, 3, 5, 6, 8, 9};

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		if (s[at[i]] < '0' || s[at[i]] > '9')
			return false;
	d->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	d->month = (s[5] - '0') * 10 + (s[6] - '0');
	d->day = (s[8] - '0') * 10 + (s[9] - '0');
	return true;
}

static bool
calendar_date(const partial_date *d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (d->year % 4 == 0 && d->year % 100 != 0) || d->year % 400 == 0;

	if (d->year <= 0 || d->month < 1 || d->month > 12 || d->day < 1)
		return false;
	return d->day <= (d->month == 2 && leap ? 29 : days[d->month - 1]);
}

/* ofn:completeDate(value): value when it is a calendar date, else nothing */
static void
fn_complete_date(const rml_fn_input *in, const rml_fn_env *env, rml_values *out)
{
	(void)env;
	for (size_t k = 0; k < in[0].values->n; k++)
	{
		const char *s = in[0].values->items[k].text;
		partial_date d;

		if (parse_partial_date(s, &d) && calendar_date(&d))
			rml_values_push(out, s, strlen(s), NULL);
	}
}

/* ofn:datePart(value, part): the year, month or day unless unknown (zeros) */
static void
fn_date_part(const rml_fn_input *in, const rml_fn_env *env, rml_values *out)
{
	const char *part = in[1].values->n ? in[1].values->items[0].text : "";
	size_t offset, len;

	if (strcmp(part, "year") == 0)
		offset = 0, len = 4;
	else if (strcmp(part, "month") == 0)
		offset = 5, len = 2;
	else if (strcmp(part, "day") == 0)
		offset = 8, len = 2;
	else
		oslo_error(OSLO_ERR_PARAMETER,
		           "%s: ofn:datePart's part is \"%s\"; it must be year, month or day", env->where,
		           part);
	for (size_t k = 0; k < in[0].values->n; k++)
	{
		const rml_value *v = &in[0].values->items[k];
		partial_date d;

		if (!parse_partial_date(v->text, &d))
		{
			char *where = origin(&in[0], v, env);

			oslo_error(OSLO_ERR_DATA,
			           "%s: %s: \"%s\" is not a date YYYY-MM-DD (unknown parts as zeros)",
			           env->where, where, v->text);
		}
		if (strspn(v->text + offset, "0") < len)
			rml_values_push(out, v->text + offset, len, NULL);
	}
}

/* ---- text ---- */

static bool
xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* ofn:trim(value): every value without the white space around it; empty ones give nothing */
static void
fn_trim(const rml_fn_input *in, const rml_fn_env *env, rml_values *out)
{
	(void)env;
	for (size_t k = 0; k < in[0].values->n; k++)
	{
		const char *s = in[0].values->items[k].text;
		size_t len = strlen(s);

		while (len > 0 && xml_space(s[len - 1]))
			len--;
		while (len > 0 && xml_space(*s))
			s++, len--;
		if (len > 0)
			rml_values_push(out, s, len, NULL);
	}
}

/* ---- choosing and joining ---- */

/* ofn:coalesce(value1..value9): the values of the first input that has any */
static void
fn_coalesce(const rml_fn_input *in, const rml_fn_env *env, rml_values *out)
{
	(void)env;
	for (int p = 0; p < 9; p++)
		if (in[p].values && in[p].values->n > 0)
		{
			for (size_t k = 0; k < in[p].values->n; k++)
				rml_values_push(out, in[p].values->items[k].text,
				                strlen(in[p].values->items[k].text), NULL);
			return;
		}
}

/* ofn:join(separator, value1..value9): every value, in parameter order, joined */
static void
fn_join(const rml_fn_input *in, const rml_fn_env *env, rml_values *out)
{
	const char *sep = in[0].values && in[0].values->n ? in[0].values->items[0].text : " ";
	oslo_buf b;
	bool any = false;

	(void)env;
	oslo_buf_init(&b);
	for (int p = 1; p <= 9; p++)
		for (size_t k = 0; in[p].values && k < in[p].values->n; k++)
		{
			if (any)
				oslo_buf_puts(&b, sep);
			oslo_buf_puts(&b, in[p].values->items[k].text);
			any = true;
		}
	if (any)
		rml_values_push(out, b.data, b.len, NULL);
	oslo_buf_free(&b);
}

#define VALUES_1_9                                                                                 \
	"value1", "value2", "value3", "value4", "value5", "value6", "value7", "value8", "value9"

static const rml_function functions[] = {
    {"concept", {"base", "code", "scheme", NULL}, 0x3, fn_concept},
    {"completeDate", {"value", NULL}, 0x1, fn_complete_date},
    {"datePart", {"value", "part", NULL}, 0x3, fn_date_part},
    {"trim", {"value", NULL}, 0x1, fn_trim},
    {"coalesce", {VALUES_1_9, NULL}, 0, fn_coalesce},
    {"join", {"separator", VALUES_1_9}, 0, fn_join},
};

const rml_function *
rml_function_find(const char *iri)
{
	if (strncmp(iri, RML_FN_NS, strlen(RML_FN_NS)) != 0)
		return NULL;
	for (size_t i = 0; i < sizeof(functions) / sizeof(functions[0]); i++)
		if (strcmp(iri + strlen(RML_FN_NS), functions[i].name) == 0)
			return &functions[i];
	return NULL;
}

int
rml_function_param(const rml_function *f, const char *iri)
{
	if (strncmp(iri, RML_FN_NS, strlen(RML_FN_NS)) != 0)
		return -1;
	for (int k = 0; k < RML_FN_MAX_PARAMS && f->params[k]; k++)
		if (strcmp(iri + strlen(RML_FN_NS), f->params[k]) == 0)
			return k;
	return -1;
}

size_t
rml_function_nparams(const rml_function *f)
{
	size_t n = 0;

	while (n < RML_FN_MAX_PARAMS && f->params[n])
		n++;
	return n;
}
