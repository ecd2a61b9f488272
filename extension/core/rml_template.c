/*
 * rml_template.c
 *	  RML string templates ("http://ex.org/{ID}"), IRI-safe encoding and the
 *	  syntax checks of generated IRIs and language tags.
 */
#include "rml_plan.h"

#include <ctype.h>
#include <string.h>

void
rml_template_split(rml_mapping *m, const char *tmpl, const char *where,
                   rml_template_part **parts_out, size_t *nparts_out)
{
	size_t n = 0;
	/* a template of L bytes has at most L + 1 parts */
	rml_template_part *parts = rml_plan_alloc(m, (strlen(tmpl) + 1) * sizeof(*parts));
	oslo_buf piece;
	bool in_ref = false;

	oslo_buf_init(&piece);
	for (const char *p = tmpl;; p++)
	{
		bool end = *p == '\0';

		if (*p == '\\' && (p[1] == '{' || p[1] == '}' || p[1] == '\\'))
		{
			oslo_buf_putc(&piece, *++p);
			continue;
		}
		if (end || *p == '{' || *p == '}')
		{
			if (*p == '{' && in_ref)
				oslo_error(OSLO_ERR_PARAMETER,
				           "%s: template \"%s\" has a '{' inside a reference at offset %d "
				           "(escape it as \\{)",
				           where, tmpl, (int)(p - tmpl));
			if (*p == '}' && !in_ref)
				oslo_error(OSLO_ERR_PARAMETER,
				           "%s: template \"%s\" has an unbalanced '}' at offset %d", where, tmpl,
				           (int)(p - tmpl));
			if (end && in_ref)
				oslo_error(OSLO_ERR_PARAMETER, "%s: template \"%s\" has an unclosed '{'", where,
				           tmpl);
			if (in_ref && piece.len == 0)
				oslo_error(OSLO_ERR_PARAMETER, "%s: template \"%s\" has an empty reference {}",
				           where, tmpl);
			if (piece.len > 0 || in_ref)
			{
				parts[n].text = rml_plan_strdup(m, piece.data ? piece.data : "");
				parts[n].len = piece.len;
				parts[n].ref = in_ref ? (rml_ref *)1 : NULL; /* marked; compiled by the caller */
				n++;
			}
			oslo_buf_reset(&piece);
			if (end)
				break;
			in_ref = *p == '{';
			continue;
		}
		oslo_buf_putc(&piece, *p);
	}
	oslo_buf_free(&piece);
	*parts_out = parts;
	*nparts_out = n;
}

static bool
unreserved(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

void
rml_append_iri_safe(oslo_buf *out, const char *value, size_t len, bool keep_ucschar)
{
	static const char hex[] = "0123456789ABCDEF";

	oslo_buf_reserve(out, len);
	for (size_t i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char)value[i];

		/* UTF-8 bytes of non-ASCII characters: ucschar is iunreserved (RFC 3987) */
		if (unreserved(c) || (keep_ucschar && c >= 0x80))
			oslo_buf_putc(out, (char)c);
		else
		{
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};

			oslo_buf_append(out, esc, 3);
		}
	}
}

bool
rml_iri_chars_valid(const char *iri)
{
	for (const unsigned char *p = (const unsigned char *)iri; *p; p++)
		switch (*p)
		{
			case '<':
			case '>':
			case '"':
			case '{':
			case '}':
			case '|':
			case '^':
			case '`':
			case '\\':
				return false;
			default:
				if (*p <= 0x20)
					return false;
		}
	return true;
}

bool
rml_language_tag_valid(const char *tag)
{
	size_t sub = 0, first = 0;
	bool in_first = true;

	if (*tag == '\0')
		return false;
	for (const char *p = tag;; p++)
	{
		if (*p == '-' || *p == '\0')
		{
			if (sub == 0 || sub > 8 || (in_first && (first < 2)))
				return false;
			if (*p == '\0')
				return true;
			in_first = false;
			sub = 0;
			continue;
		}
		if (in_first ? !isalpha((unsigned char)*p) : !isalnum((unsigned char)*p))
			return false;
		sub++;
		if (in_first)
			first++;
	}
}
