/*
 * magda_date.c
 *	  MAGDA's incomplete dates: YYYY-MM-DD where an unknown part is zeros.
 */
#include "magda.h"

#include <string.h>

static bool
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* copy a part, or leave it empty when it is all zeros (unknown) */
static void
part(char *dst, const char *src, size_t n)
{
	dst[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (src[i] != '0')
		{
			memcpy(dst, src, n);
			dst[n] = '\0';
			return;
		}
}

bool
magda_date_parse(const char *s, size_t len, magda_date *d)
{
	int y, m, day;

	if (len != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) || !digits(s + 5, 2) ||
	    !digits(s + 8, 2))
		return false;
	part(d->year, s, 4);
	part(d->month, s + 5, 2);
	part(d->day, s + 8, 2);
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	d->complete = y > 0 && m >= 1 && m <= 12 && day >= 1 && day <= days_in_month(y, m);
	return true;
}
