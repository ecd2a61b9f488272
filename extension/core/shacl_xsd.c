/*
 * shacl_xsd.c
 *	  Lexical-form validity and value comparison of XSD literals, for
 *	  sh:datatype and the sh:min/maxExclusive/Inclusive family.
 *
 * Follows XML Schema 1.1 Part 2 lexical spaces as Jena (Xerces) applies them:
 * calendar-correct dates ("1980-02-30" is not a date), integer subtypes with
 * their ranges, time zones up to +-14:00.
 */
#include "shacl.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef enum xsd_kind
{
	XSD_UNKNOWN = 0,
	XSD_STRING,
	XSD_NORMALIZED_STRING,
	XSD_TOKEN,
	XSD_LANGUAGE,
	XSD_BOOLEAN,
	XSD_DECIMAL,
	XSD_INTEGER, /* and its subtypes: ranges in int_ranges */
	XSD_FLOAT,
	XSD_DOUBLE,
	XSD_DATE_TIME,
	XSD_DATE_TIME_STAMP,
	XSD_DATE,
	XSD_TIME,
	XSD_GYEAR,
	XSD_GYEAR_MONTH,
	XSD_GMONTH,
	XSD_GDAY,
	XSD_GMONTH_DAY,
	XSD_DURATION,
	XSD_DAY_TIME_DURATION,
	XSD_YEAR_MONTH_DURATION,
	XSD_ANY_URI,
	XSD_HEX_BINARY,
	XSD_BASE64_BINARY,
	XSD_LANG_STRING
} xsd_kind;

typedef struct xsd_type
{
	const char *local; /* local name in xsd: (or rdf: for langString) */
	xsd_kind kind;
	const char *min; /* integer subtypes: inclusive bounds, NULL: none */
	const char *max;
} xsd_type;

static const xsd_type xsd_types[] = {
    {"string", XSD_STRING, NULL, NULL},
    {"normalizedString", XSD_NORMALIZED_STRING, NULL, NULL},
    {"token", XSD_TOKEN, NULL, NULL},
    {"language", XSD_LANGUAGE, NULL, NULL},
    {"boolean", XSD_BOOLEAN, NULL, NULL},
    {"decimal", XSD_DECIMAL, NULL, NULL},
    {"integer", XSD_INTEGER, NULL, NULL},
    {"nonPositiveInteger", XSD_INTEGER, NULL, "0"},
    {"negativeInteger", XSD_INTEGER, NULL, "-1"},
    {"nonNegativeInteger", XSD_INTEGER, "0", NULL},
    {"positiveInteger", XSD_INTEGER, "1", NULL},
    {"long", XSD_INTEGER, "-9223372036854775808", "9223372036854775807"},
    {"int", XSD_INTEGER, "-2147483648", "2147483647"},
    {"short", XSD_INTEGER, "-32768", "32767"},
    {"byte", XSD_INTEGER, "-128", "127"},
    {"unsignedLong", XSD_INTEGER, "0", "18446744073709551615"},
    {"unsignedInt", XSD_INTEGER, "0", "4294967295"},
    {"unsignedShort", XSD_INTEGER, "0", "65535"},
    {"unsignedByte", XSD_INTEGER, "0", "255"},
    {"float", XSD_FLOAT, NULL, NULL},
    {"double", XSD_DOUBLE, NULL, NULL},
    {"dateTime", XSD_DATE_TIME, NULL, NULL},
    {"dateTimeStamp", XSD_DATE_TIME_STAMP, NULL, NULL},
    {"date", XSD_DATE, NULL, NULL},
    {"time", XSD_TIME, NULL, NULL},
    {"gYear", XSD_GYEAR, NULL, NULL},
    {"gYearMonth", XSD_GYEAR_MONTH, NULL, NULL},
    {"gMonth", XSD_GMONTH, NULL, NULL},
    {"gDay", XSD_GDAY, NULL, NULL},
    {"gMonthDay", XSD_GMONTH_DAY, NULL, NULL},
    {"duration", XSD_DURATION, NULL, NULL},
    {"dayTimeDuration", XSD_DAY_TIME_DURATION, NULL, NULL},
    {"yearMonthDuration", XSD_YEAR_MONTH_DURATION, NULL, NULL},
    {"anyURI", XSD_ANY_URI, NULL, NULL},
    {"hexBinary", XSD_HEX_BINARY, NULL, NULL},
    {"base64Binary", XSD_BASE64_BINARY, NULL, NULL},
};

static const xsd_type lang_string_type = {"langString", XSD_LANG_STRING, NULL, NULL};

static const xsd_type *
xsd_lookup(const char *iri)
{
	size_t n = strlen(OSLO_XSD);

	if (strcmp(iri, OSLO_RDF_LANGSTRING) == 0)
		return &lang_string_type;
	if (strncmp(iri, OSLO_XSD, n) != 0)
		return NULL;
	for (size_t i = 0; i < sizeof(xsd_types) / sizeof(xsd_types[0]); i++)
		if (strcmp(iri + n, xsd_types[i].local) == 0)
			return &xsd_types[i];
	return NULL;
}

/* --- small lexical scanners ---------------------------------------------- */

typedef struct cursor
{
	const char *p;
	const char *end;
} cursor;

static int
digits(cursor *c, int min, int max, long long *out)
{
	int n = 0;
	long long v = 0;

	while (c->p < c->end && isdigit((unsigned char)*c->p) && (max == 0 || n < max))
	{
		if (v < 100000000000000LL)
			v = v * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	if (n < min)
		return -1;
	if (out)
		*out = v;
	return n;
}

static bool
eat(cursor *c, char ch)
{
	if (c->p < c->end && *c->p == ch)
	{
		c->p++;
		return true;
	}
	return false;
}

/* a parsed date/time value; absent fields are filled with the reference date */
typedef struct xsd_moment
{
	long long year;
	int month, day, hour, minute;
	long double second;
	bool has_tz;
	int tz_minutes;
} xsd_moment;

static bool
leap(long long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(long long y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* -?YYYY, no leading zero beyond four digits; 0000 is 1 BCE as in XSD 1.1 (and Jena) */
static bool
scan_year(cursor *c, long long *year)
{
	bool neg = eat(c, '-');
	const char *start = c->p;
	int n = digits(c, 4, 0, year);

	if (n < 0 || (n > 4 && *start == '0') || n > 12)
		return false;
	if (neg)
		*year = -*year;
	return true;
}

static bool
scan_month(cursor *c, int *month)
{
	long long v;

	if (digits(c, 2, 2, &v) != 2 || v < 1 || v > 12)
		return false;
	*month = (int)v;
	return true;
}

static bool
scan_day(cursor *c, int *day)
{
	long long v;

	if (digits(c, 2, 2, &v) != 2 || v < 1 || v > 31)
		return false;
	*day = (int)v;
	return true;
}

static bool
scan_time(cursor *c, xsd_moment *m)
{
	long long h, mi, s;
	long double frac = 0, scale = 0.1L;

	if (digits(c, 2, 2, &h) != 2 || !eat(c, ':') || digits(c, 2, 2, &mi) != 2 || !eat(c, ':') ||
	    digits(c, 2, 2, &s) != 2)
		return false;
	if (eat(c, '.'))
	{
		int n = 0;

		while (c->p < c->end && isdigit((unsigned char)*c->p))
		{
			frac += (*c->p - '0') * scale;
			scale /= 10;
			c->p++;
			n++;
		}
		if (n == 0)
			return false;
	}
	if (mi > 59 || s > 59)
		return false;
	if (h > 24 || (h == 24 && (mi != 0 || s != 0 || frac != 0)))
		return false;
	m->hour = (int)h;
	m->minute = (int)mi;
	m->second = s + frac;
	return true;
}

/* optional Z or +-hh:mm (at most 14:00); must end the input */
static bool
scan_tz_end(cursor *c, xsd_moment *m)
{
	if (c->p == c->end)
		return true;
	m->has_tz = true;
	if (eat(c, 'Z'))
		return c->p == c->end;
	if (*c->p == '+' || *c->p == '-')
	{
		int sign = *c->p == '-' ? -1 : 1;
		long long h, mi;

		c->p++;
		if (digits(c, 2, 2, &h) != 2 || !eat(c, ':') || digits(c, 2, 2, &mi) != 2)
			return false;
		if (h > 14 || mi > 59 || (h == 14 && mi != 0))
			return false;
		m->tz_minutes = sign * (int)(h * 60 + mi);
		return c->p == c->end;
	}
	return false;
}

static bool
parse_moment(xsd_kind kind, const char *lex, size_t len, xsd_moment *m)
{
	cursor c = {lex, lex + len};

	memset(m, 0, sizeof(*m));
	/* the reference date for types without a year/month/day */
	m->year = 1972;
	m->month = 12;
	m->day = 31;
	switch (kind)
	{
		case XSD_DATE_TIME:
		case XSD_DATE_TIME_STAMP:
			if (!scan_year(&c, &m->year) || !eat(&c, '-') || !scan_month(&c, &m->month) ||
			    !eat(&c, '-') || !scan_day(&c, &m->day) || !eat(&c, 'T') || !scan_time(&c, m))
				return false;
			break;
		case XSD_DATE:
			if (!scan_year(&c, &m->year) || !eat(&c, '-') || !scan_month(&c, &m->month) ||
			    !eat(&c, '-') || !scan_day(&c, &m->day))
				return false;
			break;
		case XSD_TIME:
			if (!scan_time(&c, m))
				return false;
			break;
		case XSD_GYEAR:
			if (!scan_year(&c, &m->year))
				return false;
			m->month = 1;
			m->day = 1;
			break;
		case XSD_GYEAR_MONTH:
			if (!scan_year(&c, &m->year) || !eat(&c, '-') || !scan_month(&c, &m->month))
				return false;
			m->day = 1;
			break;
		case XSD_GMONTH:
			if (!eat(&c, '-') || !eat(&c, '-') || !scan_month(&c, &m->month))
				return false;
			m->day = 1;
			break;
		case XSD_GDAY:
			if (!eat(&c, '-') || !eat(&c, '-') || !eat(&c, '-') || !scan_day(&c, &m->day))
				return false;
			break;
		case XSD_GMONTH_DAY:
			if (!eat(&c, '-') || !eat(&c, '-') || !scan_month(&c, &m->month) || !eat(&c, '-') ||
			    !scan_day(&c, &m->day))
				return false;
			/* --02-29 is a valid gMonthDay: check against a leap year */
			if (m->day > days_in_month(2000, m->month))
				return false;
			m->year = 2000;
			break;
		default:
			return false;
	}
	if (m->day > days_in_month(m->year, m->month))
		return false;
	if (!scan_tz_end(&c, m))
		return false;
	if (kind == XSD_DATE_TIME_STAMP && !m->has_tz)
		return false;
	return true;
}

/* days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm) */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* seconds on the UTC time line, the local time taken as UTC when there is no zone */
static long double
moment_seconds(const xsd_moment *m)
{
	return (long double)days_from_civil(m->year, m->month, m->day) * 86400.0L + m->hour * 3600.0L +
	       m->minute * 60.0L + m->second - m->tz_minutes * 60.0L;
}

static bool
valid_number(xsd_kind kind, const char *s, size_t len)
{
	cursor c = {s, s + len};
	int before, after = 0;

	if (kind == XSD_FLOAT || kind == XSD_DOUBLE)
	{
		/* XSD 1.0's forms: Jena refuses 1.1's "+INF" */
		if ((len == 3 && memcmp(s, "INF", 3) == 0) || (len == 4 && memcmp(s, "-INF", 4) == 0) ||
		    (len == 3 && memcmp(s, "NaN", 3) == 0))
			return true;
	}
	if (!eat(&c, '+'))
		eat(&c, '-');
	before = digits(&c, 0, 0, NULL);
	if (kind != XSD_INTEGER && eat(&c, '.'))
		after = digits(&c, 0, 0, NULL);
	if (before + after == 0)
		return false;
	if ((kind == XSD_FLOAT || kind == XSD_DOUBLE) && (eat(&c, 'e') || eat(&c, 'E')))
	{
		if (!eat(&c, '+'))
			eat(&c, '-');
		if (digits(&c, 1, 0, NULL) < 0)
			return false;
	}
	return c.p == c.end;
}

/* compare two integers given as decimal strings ([+-]?digits) */
static int
compare_integer_strings(const char *a, size_t alen, const char *b, size_t blen)
{
	bool aneg = false, bneg = false;
	int sign, cmp;

	if (alen && (*a == '+' || *a == '-'))
		aneg = *a == '-', a++, alen--;
	if (blen && (*b == '+' || *b == '-'))
		bneg = *b == '-', b++, blen--;
	while (alen > 1 && *a == '0')
		a++, alen--;
	while (blen > 1 && *b == '0')
		b++, blen--;
	if (alen == 1 && *a == '0')
		aneg = false;
	if (blen == 1 && *b == '0')
		bneg = false;
	if (aneg != bneg)
		return aneg ? -1 : 1;
	sign = aneg ? -1 : 1;
	if (alen != blen)
		return alen < blen ? -sign : sign;
	cmp = memcmp(a, b, alen);
	return cmp < 0 ? -sign : cmp > 0 ? sign : 0;
}

static bool
valid_duration(xsd_kind kind, const char *s, size_t len)
{
	cursor c = {s, s + len};
	const char *designators = "YMDHMS";
	int next = 0, parts = 0;
	bool in_time = false, time_parts = 0;

	eat(&c, '-');
	if (!eat(&c, 'P'))
		return false;
	while (c.p < c.end)
	{
		int n;

		if (!in_time && eat(&c, 'T'))
		{
			in_time = true;
			next = 3;
			if (c.p == c.end)
				return false;
			continue;
		}
		n = digits(&c, 1, 0, NULL);
		if (n < 0)
			return false;
		if (eat(&c, '.'))
		{
			if (digits(&c, 1, 0, NULL) < 0 || c.p == c.end || *c.p != 'S' || !in_time)
				return false;
		}
		if (c.p == c.end)
			return false;
		{
			const char *d = strchr(designators + next, *c.p);
			int idx;

			if (!d || *c.p == '\0')
				return false;
			idx = (int)(d - designators);
			/* 'M' is months before T and minutes after it */
			if (*c.p == 'M' && in_time)
				idx = 4;
			if (idx < next || (in_time && idx < 3) || (!in_time && idx >= 3))
				return false;
			next = idx + 1;
			if (kind == XSD_DAY_TIME_DURATION && idx < 2)
				return false;
			if (kind == XSD_YEAR_MONTH_DURATION && idx > 1)
				return false;
			c.p++;
			parts++;
			if (in_time)
				time_parts = true;
		}
	}
	if (in_time && !time_parts)
		return false;
	return parts > 0;
}

static bool
valid_language_tag(const char *s, size_t len)
{
	size_t i = 0, part = 0;

	if (len == 0)
		return false;
	for (i = 0; i <= len; i++)
	{
		if (i == len || s[i] == '-')
		{
			if (part == 0 || part > 8)
				return false;
			part = 0;
			continue;
		}
		if (!isalnum((unsigned char)s[i]))
			return false;
		part++;
	}
	return true;
}

static bool
xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * XSD's whiteSpace facet: types other than string and normalizedString
 * collapse whitespace before the lexical mapping, so " 5" is an integer
 * (Jena agrees); inner whitespace stays and makes dates and numbers invalid.
 */
static void
trim(const char **lex, size_t *len)
{
	while (*len && xml_space(**lex))
		(*lex)++, (*len)--;
	while (*len && xml_space((*lex)[*len - 1]))
		(*len)--;
}

/* an absolute IRI needs a valid scheme; a relative one has no ':' before '/', '?' or '#' */
static bool
valid_any_uri(const char *s, size_t len)
{
	size_t colon = 0;

	while (colon < len && s[colon] != ':' && s[colon] != '/' && s[colon] != '?' && s[colon] != '#')
		colon++;
	if (colon == len || s[colon] != ':')
		return true;
	if (colon == 0 || !isalpha((unsigned char)s[0]))
		return false;
	for (size_t i = 1; i < colon; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.')
			return false;
	return true;
}

bool
oslo_xsd_valid(const char *datatype_iri, const char *lex, size_t len, bool *known)
{
	const xsd_type *t = xsd_lookup(datatype_iri);
	xsd_moment m;

	if (known)
		*known = t != NULL;
	if (!t)
		return true;
	if (t->kind != XSD_STRING && t->kind != XSD_LANG_STRING)
		trim(&lex, &len);
	switch (t->kind)
	{
		case XSD_STRING:
		case XSD_LANG_STRING:
		case XSD_UNKNOWN:
		/* whitespace normalization makes every string a valid one of these */
		case XSD_NORMALIZED_STRING:
		case XSD_TOKEN:
			return true;
		case XSD_ANY_URI:
			return valid_any_uri(lex, len);
		case XSD_LANGUAGE:
			return valid_language_tag(lex, len);
		case XSD_BOOLEAN:
			return (len == 4 && memcmp(lex, "true", 4) == 0) ||
			       (len == 5 && memcmp(lex, "false", 5) == 0) ||
			       (len == 1 && (lex[0] == '0' || lex[0] == '1'));
		case XSD_DECIMAL:
		case XSD_FLOAT:
		case XSD_DOUBLE:
			return valid_number(t->kind, lex, len);
		case XSD_INTEGER:
			if (!valid_number(XSD_INTEGER, lex, len))
				return false;
			if (t->min && compare_integer_strings(lex, len, t->min, strlen(t->min)) < 0)
				return false;
			if (t->max && compare_integer_strings(lex, len, t->max, strlen(t->max)) > 0)
				return false;
			return true;
		case XSD_DATE_TIME:
		case XSD_DATE_TIME_STAMP:
		case XSD_DATE:
		case XSD_TIME:
		case XSD_GYEAR:
		case XSD_GYEAR_MONTH:
		case XSD_GMONTH:
		case XSD_GDAY:
		case XSD_GMONTH_DAY:
			return parse_moment(t->kind, lex, len, &m);
		case XSD_DURATION:
		case XSD_DAY_TIME_DURATION:
		case XSD_YEAR_MONTH_DURATION:
			return valid_duration(t->kind, lex, len);
		case XSD_HEX_BINARY:
			if (len % 2)
				return false;
			for (size_t i = 0; i < len; i++)
				if (!isxdigit((unsigned char)lex[i]))
					return false;
			return true;
		case XSD_BASE64_BINARY:
		{
			size_t n = 0, pad = 0;

			for (size_t i = 0; i < len; i++)
			{
				char ch = lex[i];

				if (ch == ' ')
					continue;
				if (ch == '=')
					pad++;
				else if (pad || !(isalnum((unsigned char)ch) || ch == '+' || ch == '/'))
					return false;
				n++;
			}
			return n % 4 == 0 && pad <= 2;
		}
	}
	return true;
}

/* --- comparison ----------------------------------------------------------- */

typedef enum value_space
{
	SPACE_NONE = 0,
	SPACE_NUMBER,
	SPACE_STRING,
	SPACE_BOOLEAN,
	SPACE_DATE_TIME,
	SPACE_DATE,
	SPACE_TIME,
	SPACE_GYEAR,
	SPACE_GYEAR_MONTH,
	SPACE_GMONTH,
	SPACE_GDAY,
	SPACE_GMONTH_DAY
} value_space;

typedef struct xsd_value
{
	value_space space;
	long double number; /* numbers, booleans, seconds of moments */
	bool has_tz;
	const char *str;
	size_t len;
} xsd_value;

static bool
literal_value(const oslo_graph *g, oslo_term_id id, xsd_value *v)
{
	const oslo_term *t = oslo_graph_term(g, id);
	const xsd_type *type;
	xsd_moment m;
	const char *lex;
	size_t len;

	memset(v, 0, sizeof(*v));
	if (!t || t->kind != OSLO_TERM_LITERAL || t->lang)
		return false;
	type = xsd_lookup(oslo_graph_term(g, t->datatype)->value);
	if (!type || !oslo_xsd_valid(oslo_graph_term(g, t->datatype)->value, t->value, t->len, NULL))
		return false;
	lex = t->value;
	len = t->len;
	if (type->kind != XSD_STRING)
		trim(&lex, &len);
	switch (type->kind)
	{
		case XSD_STRING:
		case XSD_NORMALIZED_STRING:
		case XSD_TOKEN:
		case XSD_LANGUAGE:
			v->space = SPACE_STRING;
			v->str = lex;
			v->len = len;
			return true;
		case XSD_BOOLEAN:
			v->space = SPACE_BOOLEAN;
			v->number = lex[0] == 't' || lex[0] == '1';
			return true;
		case XSD_DECIMAL:
		case XSD_INTEGER:
		case XSD_FLOAT:
		case XSD_DOUBLE:
			v->space = SPACE_NUMBER;
			/* strtold stops at trailing whitespace; huge integers keep their magnitude */
			if (len == 3 && memcmp(lex, "INF", 3) == 0)
				v->number = INFINITY;
			else if (len == 4 && memcmp(lex, "-INF", 4) == 0)
				v->number = -INFINITY;
			else
				v->number = strtold(lex, NULL);
			if (type->kind == XSD_FLOAT)
				v->number = (float)v->number;
			else if (type->kind == XSD_DOUBLE)
				v->number = (double)v->number;
			return !isnan(v->number);
		case XSD_DATE_TIME:
		case XSD_DATE_TIME_STAMP:
		case XSD_DATE:
		case XSD_TIME:
		case XSD_GYEAR:
		case XSD_GYEAR_MONTH:
		case XSD_GMONTH:
		case XSD_GDAY:
		case XSD_GMONTH_DAY:
			parse_moment(type->kind, lex, len, &m);
			v->number = moment_seconds(&m);
			v->has_tz = m.has_tz;
			v->space = type->kind == XSD_DATE_TIME_STAMP ? SPACE_DATE_TIME
			           : type->kind == XSD_DATE_TIME     ? SPACE_DATE_TIME
			           : type->kind == XSD_DATE          ? SPACE_DATE
			           : type->kind == XSD_TIME          ? SPACE_TIME
			           : type->kind == XSD_GYEAR         ? SPACE_GYEAR
			           : type->kind == XSD_GYEAR_MONTH   ? SPACE_GYEAR_MONTH
			           : type->kind == XSD_GMONTH        ? SPACE_GMONTH
			           : type->kind == XSD_GDAY          ? SPACE_GDAY
			                                             : SPACE_GMONTH_DAY;
			return true;
		default:
			return false;
	}
}

bool
oslo_xsd_compare(const oslo_graph *ga, oslo_term_id a, const oslo_graph *gb, oslo_term_id b,
                 int *cmp)
{
	xsd_value va, vb;

	if (!literal_value(ga, a, &va) || !literal_value(gb, b, &vb) || va.space != vb.space)
		return false;
	if (va.space == SPACE_STRING)
	{
		/* UTF-8 byte order is code point order */
		size_t n = va.len < vb.len ? va.len : vb.len;
		int c = memcmp(va.str, vb.str, n);

		*cmp = c != 0 ? c : va.len < vb.len ? -1 : va.len > vb.len ? 1 : 0;
		return true;
	}
	if (va.space >= SPACE_DATE_TIME && va.has_tz != vb.has_tz)
	{
		/* XSD: a value without a zone stands for the range -14:00 .. +14:00 */
		const long double span = 14 * 3600.0L;
		long double point = va.has_tz ? va.number : vb.number;
		long double local = va.has_tz ? vb.number : va.number;
		int sign = va.has_tz ? 1 : -1;

		if (point < local - span)
			*cmp = -sign;
		else if (point > local + span)
			*cmp = sign;
		else
			return false;
		return true;
	}
	*cmp = va.number < vb.number ? -1 : va.number > vb.number ? 1 : 0;
	return true;
}
