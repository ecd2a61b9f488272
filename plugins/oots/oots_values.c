/*
 * oots_values.c
 *	  Value checks for EDM fields and the OOTS code lists they draw from.
 *
 * The lists are those of the EDM v1.0 code lists (the .gc files under
 * codelists/OOTS and codelists/External/EAS.gc of the TDD), the values the EDM-REQ-C Schematron
 * accepts. They are short and versioned with the EDM, so they live here
 * rather than in a catalog table.
 */
#include "oots.h"

#include <string.h>

/* Procedures-CodeList (Annex II of Regulation (EU) 2018/1724) */
const char *const oots_procedures[] = {"R1", "S1", "T1", "T2", "T3", "U1", "U2", "U3",
                                       "U4", "V1", "V2", "V3", "V4", "W1", "W2", "X1",
                                       "X2", "X3", "X4", "X5", "X6", NULL};
/* LevelsOfAssurance-CodeList (eIDAS) */
const char *const oots_levels_of_assurance[] = {"Low", "Substantial", "High", NULL};
/* OOTSMediaTypes-CodeList */
const char *const oots_media_types[] = {"application/pdf",
                                        "application/xml",
                                        "application/json",
                                        "image/jpeg",
                                        "image/png",
                                        "image/svg+xml",
                                        NULL};
/* sdg:GenderType (eIDAS) */
const char *const oots_genders[] = {"Male", "Female", "Unspecified", NULL};

/* EAS code list (CEF Electronic Address Scheme), as EDM v1.0 ships it */
static const char *const eas_codes[] = {
    "0002", "0007", "0009", "0037", "0060", "0088", "0096", "0097", "0106", "0130", "0135", "0142",
    "0147", "0151", "0170", "0183", "0184", "0188", "0190", "0191", "0192", "0193", "0194", "0195",
    "0196", "0198", "0199", "0200", "0201", "0202", "0203", "0204", "0205", "0208", "0209", "0210",
    "0211", "0212", "0213", "0215", "0216", "9901", "9906", "9907", "9910", "9913", "9914", "9915",
    "9918", "9919", "9920", "9922", "9923", "9924", "9925", "9926", "9927", "9928", "9929", "9930",
    "9931", "9932", "9933", "9934", "9935", "9936", "9937", "9938", "9939", "9940", "9941", "9942",
    "9943", "9944", "9945", "9946", "9947", "9948", "9949", "9950", "9951", "9952", "9953", "9955",
    "9957", "AN",   "AQ",   "AS",   "AU",   "EM",   NULL};

bool
oots_in_list(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

bool
oots_is_eas_code(const char *code)
{
	return oots_in_list(code, eas_codes);
}

char *
oots_list_text(const char *const *list)
{
	oslo_buf b;

	oslo_buf_init(&b);
	for (const char *const *p = list; *p; p++)
		oslo_buf_printf(&b, "%s%s", p == list ? "" : ", ", *p);
	return b.data;
}

static bool
hex_run(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return true;
}

bool
oots_is_uuid(const char *s)
{
	return strlen(s) == 36 && hex_run(s, 8) && s[8] == '-' && hex_run(s + 9, 4) && s[13] == '-' &&
	       hex_run(s + 14, 4) && s[18] == '-' && hex_run(s + 19, 4) && s[23] == '-' &&
	       hex_run(s + 24, 12);
}

bool
oots_is_upper_code(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return true;
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
num(const char *s, size_t n)
{
	int v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* YYYY-MM-DD at s (10 characters), a real Gregorian date from year 1000 */
static bool
date_at(const char *s)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int year, month, day;

	if (!(digits(s, 4) && s[4] == '-' && digits(s + 5, 2) && s[7] == '-' && digits(s + 8, 2)))
		return false;
	year = num(s, 4);
	month = num(s + 5, 2);
	day = num(s + 8, 2);
	if (year < 1000 || month < 1 || month > 12 || day < 1)
		return false;
	return day <=
	       days[month - 1] + (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0));
}

bool
oots_is_date(const char *s)
{
	return strlen(s) == 10 && date_at(s);
}

bool
oots_is_datetime(const char *s)
{
	const char *t = s + 11, *z;

	if (strlen(s) < 19 || !date_at(s) || s[10] != 'T')
		return false;
	if (!(digits(t, 2) && t[2] == ':' && digits(t + 3, 2) && t[5] == ':' && digits(t + 6, 2) &&
	      num(t, 2) <= 23 && num(t + 3, 2) <= 59 && num(t + 6, 2) <= 59))
		return false;
	z = t + 8;
	if (*z == '.')
	{
		if (!digits(++z, 1))
			return false;
		while (digits(z, 1))
			z++;
	}
	if (*z == '\0' || strcmp(z, "Z") == 0)
		return true;
	return (z[0] == '+' || z[0] == '-') && strlen(z) == 6 && digits(z + 1, 2) && z[3] == ':' &&
	       digits(z + 4, 2) && num(z + 1, 2) <= 14 && num(z + 4, 2) <= 59;
}
