/*
 * magda_request_subject.c
 *	  Check digits of the subjects a MAGDA request names: the INSZ
 *	  (identificatienummer van de sociale zekerheid: a rijksregisternummer or a
 *	  BIS number) and the KBO ondernemingsnummer. A wrong number is refused
 *	  here rather than by MAGDA, after a round trip and a log entry.
 */
#include "magda_request.h"

#include <string.h>

static bool
all_digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static unsigned long long
number(const char *s, size_t n)
{
	unsigned long long v = 0;

	for (size_t i = 0; i < n; i++)
		v = v * 10 + (unsigned long long)(s[i] - '0');
	return v;
}

/*
 * The last two digits are 97 minus the first nine, mod 97. For people born
 * in 2000 or later the first nine digits are read with a 2 in front
 * (2000000000 + n): the date part has only two year digits. BIS numbers
 * (month + 20 or + 40) and the MAGDA-Mock test numbers (month + 60) use the
 * same rule, so the date part is not checked.
 */
bool
magda_insz_valid(const char *s, const char **why)
{
	unsigned long long base, check;

	if (!all_digits(s, 11))
	{
		*why = "an INSZ is 11 digits, without dots, dashes or spaces";
		return false;
	}
	base = number(s, 9);
	check = number(s + 9, 2);
	if (97 - base % 97 == check || 97 - (2000000000ULL + base) % 97 == check)
		return true;
	*why = "its check digits (the last two) are not 97 minus the first nine digits modulo 97, "
	       "for a birth before or after 2000";
	return false;
}

/* 0 or 1, then 7 digits; the last two are 97 minus the first eight, mod 97 */
bool
magda_kbo_valid(const char *s, const char **why)
{
	if (!all_digits(s, 10))
	{
		*why = "a KBO ondernemingsnummer is 10 digits, without dots or spaces";
		return false;
	}
	if (s[0] != '0' && s[0] != '1')
	{
		*why = "a KBO ondernemingsnummer starts with 0 or 1 (2 to 8 are vestigingseenheden)";
		return false;
	}
	if (97 - number(s, 8) % 97 != number(s + 8, 2))
	{
		*why = "its check digits (the last two) are not 97 minus the first eight digits modulo 97";
		return false;
	}
	return true;
}
