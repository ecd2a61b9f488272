/*
 * rdf_iri.c
 *	  Relative IRI resolution per RFC 3986 section 5.2.
 *
 * serd 0.30's serd_uri_resolve keeps "." and ".." segments, which Turtle
 * (and JSON-LD) require removed, so resolution is done here.
 */
#include "rdf_syntax.h"

#include <string.h>

typedef struct iri_part
{
	const char *s;
	size_t len;
	bool defined;
} iri_part;

typedef struct iri_parts
{
	iri_part scheme, authority, path, query, fragment;
} iri_parts;

static bool
is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static size_t
scheme_length(const char *s)
{
	size_t i = 0;

	if (!is_alpha(s[0]))
		return 0;
	while (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
	       s[i] == '.')
		i++;
	return s[i] == ':' ? i : 0;
}

bool
oslo_iri_is_absolute(const char *iri)
{
	return scheme_length(iri) > 0;
}

static size_t
span_until(const char *s, const char *stops)
{
	size_t i = 0;

	while (s[i] && !strchr(stops, s[i]))
		i++;
	return i;
}

static void
split_iri(const char *s, iri_parts *p)
{
	size_t n = scheme_length(s);

	memset(p, 0, sizeof(*p));
	if (n > 0)
	{
		p->scheme = (iri_part){s, n, true};
		s += n + 1;
	}
	if (s[0] == '/' && s[1] == '/')
	{
		s += 2;
		n = span_until(s, "/?#");
		p->authority = (iri_part){s, n, true};
		s += n;
	}
	n = span_until(s, "?#");
	p->path = (iri_part){s, n, true};
	s += n;
	if (*s == '?')
	{
		s++;
		n = span_until(s, "#");
		p->query = (iri_part){s, n, true};
		s += n;
	}
	if (*s == '#')
	{
		s++;
		p->fragment = (iri_part){s, strlen(s), true};
	}
}

/* RFC 3986 5.2.4, appending the result to out */
static void
remove_dot_segments(const char *in, size_t len, oslo_buf *out)
{
	size_t start = out->len;
	size_t i = 0;

	while (i < len)
	{
		const char *r = in + i;
		size_t left = len - i;

		if (left >= 3 && strncmp(r, "../", 3) == 0)
			i += 3;
		else if (left >= 2 && strncmp(r, "./", 2) == 0)
			i += 2;
		else if (left >= 3 && strncmp(r, "/./", 3) == 0)
			i += 2;
		else if (left == 2 && strncmp(r, "/.", 2) == 0)
		{
			/* "/." at the end becomes "/" */
			oslo_buf_putc(out, '/');
			i += 2;
		}
		else if ((left >= 4 && strncmp(r, "/../", 4) == 0) ||
		         (left == 3 && strncmp(r, "/..", 3) == 0))
		{
			/* drop the last output segment */
			while (out->len > start && out->data[out->len - 1] != '/')
				out->len--;
			if (out->len > start)
				out->len--;
			out->data[out->len] = '\0';
			if (left == 3)
			{
				oslo_buf_putc(out, '/');
				i += 3;
			}
			else
				i += 3; /* keep the trailing '/' as the next input */
		}
		else if ((left == 1 && r[0] == '.') || (left == 2 && strncmp(r, "..", 2) == 0))
			i += left;
		else
		{
			/* move the first segment, with its leading '/', to the output */
			size_t n = (r[0] == '/') ? 1 : 0;

			while (n < left && r[n] != '/')
				n++;
			oslo_buf_append(out, r, n);
			i += n;
		}
	}
}

static void
put_part(oslo_buf *out, const char *before, const iri_part *p)
{
	if (!p->defined)
		return;
	oslo_buf_puts(out, before);
	oslo_buf_append(out, p->s, p->len);
}

void
oslo_iri_resolve(const char *base, const char *ref, oslo_buf *out)
{
	iri_parts b, r;
	const iri_part *authority, *query;

	split_iri(ref, &r);
	if (r.scheme.defined)
	{
		oslo_buf_append(out, r.scheme.s, r.scheme.len);
		oslo_buf_putc(out, ':');
		put_part(out, "//", &r.authority);
		remove_dot_segments(r.path.s, r.path.len, out);
		put_part(out, "?", &r.query);
		put_part(out, "#", &r.fragment);
		return;
	}
	split_iri(base, &b);
	oslo_buf_append(out, b.scheme.s, b.scheme.len);
	oslo_buf_putc(out, ':');
	authority = r.authority.defined ? &r.authority : &b.authority;
	put_part(out, "//", authority);
	query = &r.query;
	if (r.authority.defined)
		remove_dot_segments(r.path.s, r.path.len, out);
	else if (r.path.len == 0)
	{
		oslo_buf_append(out, b.path.s, b.path.len);
		if (!r.query.defined)
			query = &b.query;
	}
	else if (r.path.s[0] == '/')
		remove_dot_segments(r.path.s, r.path.len, out);
	else
	{
		/* merge: the base path up to its last '/', then the reference path */
		oslo_buf merged;
		size_t keep = b.path.len;

		oslo_buf_init(&merged);
		while (keep > 0 && b.path.s[keep - 1] != '/')
			keep--;
		if (b.authority.defined && b.path.len == 0)
			oslo_buf_putc(&merged, '/');
		else
			oslo_buf_append(&merged, b.path.s, keep);
		oslo_buf_append(&merged, r.path.s, r.path.len);
		remove_dot_segments(merged.data, merged.len, out);
		oslo_buf_free(&merged);
	}
	put_part(out, "?", query);
	put_part(out, "#", &r.fragment);
}
