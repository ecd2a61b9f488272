/*
 * jsonld_iri_compaction.c
 *	  Term selection and IRI compaction against a parsed JSON-LD context.
 *
 * This mirrors the JSON-LD 1.1 API "IRI Compaction" and "Term Selection"
 * algorithms (and jsonld.js, which the tests use as an oracle) for the
 * containers a context may have here (@set or none): the inverse context is
 * not built; the terms of one IRI are found by binary search in by_iri and
 * tried in term selection order (shortest, then least name).
 *
 * One deliberate difference: an xsd:string literal also selects a term with
 * "@type": xsd:string (OSLO contexts coerce most text properties that way),
 * and is then written as a plain string; both read back as the same literal.
 */
#include "jsonld_writer.h"

#include <string.h>

typedef enum
{
	MAP_TYPE,
	MAP_LANGUAGE
} map_kind;

typedef struct preference
{
	map_kind map;
	const char *key;
} preference;

/* first index in ctx->by_iri of the terms mapping to iri; *count of them */
static size_t
terms_of_iri(const oslo_jsonld_context *ctx, const char *iri, size_t *count)
{
	size_t lo = 0, hi = ctx->nterms, first;

	while (lo < hi)
	{
		size_t mid = (lo + hi) / 2;
		const char *m = ctx->terms[ctx->by_iri[mid]].iri;

		if (strcmp(m ? m : "", iri) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < ctx->nterms && ctx->terms[ctx->by_iri[lo]].iri &&
	       strcmp(ctx->terms[ctx->by_iri[lo]].iri, iri) == 0)
		lo++;
	*count = lo - first;
	return first;
}

/* is t an entry of the inverse context's type or language map under key? */
static bool
in_map(const oslo_jsonld_context *ctx, const oslo_jsonld_term *t, preference pref)
{
	if (t->type)
		return pref.map == MAP_TYPE && strcmp(t->type, pref.key) == 0;
	if (t->has_language)
		return pref.map == MAP_LANGUAGE &&
		       strcmp(t->language ? t->language : "@null", pref.key) == 0;
	if (pref.map == MAP_TYPE)
		return strcmp(pref.key, "@none") == 0;
	return strcmp(pref.key, "@none") == 0 ||
	       strcmp(pref.key, ctx->language ? ctx->language : "@none") == 0;
}

static const oslo_jsonld_term *
select_among(const oslo_jsonld_context *ctx, const char *iri, const preference *prefs, int nprefs)
{
	size_t count;
	size_t first = terms_of_iri(ctx, iri, &count);

	if (count == 0)
		return NULL;
	/* containers in order of preference: @set, then none */
	for (int set = 1; set >= 0; set--)
		for (int p = 0; p < nprefs; p++)
			for (size_t i = first; i < first + count; i++)
			{
				const oslo_jsonld_term *t = &ctx->terms[ctx->by_iri[i]];

				if (t->set_container == (bool)set && in_map(ctx, t, prefs[p]))
					return t;
			}
	return NULL;
}

const oslo_jsonld_term *
oslo_jsonld_select_term(const oslo_jsonld_context *ctx, const char *iri,
                        const oslo_jsonld_value_info *value)
{
	preference prefs[4];
	int n = 0;

	if (ctx == NULL || iri[0] == '@')
		return NULL;
	switch (value ? value->kind : OSLO_JSONLD_NO_VALUE)
	{
		case OSLO_JSONLD_NO_VALUE:
		case OSLO_JSONLD_NODE_EMBEDDED:
			prefs[n++] = (preference){MAP_TYPE, "@id"};
			break;
		case OSLO_JSONLD_NODE_REF:
		{
			/* a node that compacts to a term prefers @vocab coercion */
			const oslo_jsonld_term *as_term = oslo_jsonld_select_term(ctx, value->iri, NULL);

			prefs[n++] = (preference){MAP_TYPE, as_term ? "@vocab" : "@id"};
			prefs[n++] = (preference){MAP_TYPE, as_term ? "@id" : "@vocab"};
			break;
		}
		case OSLO_JSONLD_STRING:
			prefs[n++] = (preference){MAP_TYPE, OSLO_XSD_STRING};
			prefs[n++] = (preference){MAP_LANGUAGE, "@null"};
			prefs[n++] = (preference){MAP_LANGUAGE, "@none"};
			return select_among(ctx, iri, prefs, n);
		case OSLO_JSONLD_LANG_STRING:
			prefs[n++] = (preference){MAP_LANGUAGE, value->language};
			prefs[n++] = (preference){MAP_LANGUAGE, "@none"};
			return select_among(ctx, iri, prefs, n);
		case OSLO_JSONLD_TYPED:
			prefs[n++] = (preference){MAP_TYPE, value->datatype};
			break;
	}
	prefs[n++] = (preference){MAP_TYPE, "@none"};
	return select_among(ctx, iri, prefs, n);
}

static bool
starts_with(const char *s, const char *prefix, size_t len)
{
	return strncmp(s, prefix, len) == 0;
}

/* shorter first, then lexicographically least (JSON-LD term selection) */
int
oslo_jsonld_compare_shortest_least(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

/* "prefix:suffix" with the shortest result, or NULL */
static char *
compact_with_prefix(const oslo_jsonld_context *ctx, const char *iri,
                    const oslo_jsonld_value_info *value)
{
	char *best = NULL;

	for (size_t i = 0; i < ctx->nterms; i++)
	{
		const oslo_jsonld_term *t = &ctx->terms[i];
		size_t len;
		const oslo_jsonld_term *clash;
		char *curie;

		if (!t->prefix || t->iri == NULL || strchr(t->name, ':') != NULL)
			continue;
		len = strlen(t->iri);
		if (strlen(iri) <= len || !starts_with(iri, t->iri, len))
			continue;
		/* "p://x" would read back as an absolute IRI */
		if (starts_with(iri + len, "//", 2))
			continue;
		curie = oslo_psprintf("%s:%s", t->name, iri + len);
		clash = oslo_jsonld_context_term(ctx, curie);
		if ((clash == NULL ||
		     (value == NULL && clash->iri != NULL && strcmp(clash->iri, iri) == 0)) &&
		    (best == NULL || oslo_jsonld_compare_shortest_least(curie, best) < 0))
		{
			if (best)
				oslo_free(best);
			best = curie;
		}
		else
			oslo_free(curie);
	}
	return best;
}

char *
oslo_jsonld_compact_iri(const oslo_jsonld_context *ctx, const char *iri, bool vocab,
                        const oslo_jsonld_value_info *value)
{
	char *curie;

	if (ctx == NULL)
		return oslo_strdup(iri);
	if (vocab)
	{
		const oslo_jsonld_term *t = oslo_jsonld_select_term(ctx, iri, value);

		if (t)
			return oslo_strdup(t->name);
		if (ctx->vocab)
		{
			size_t len = strlen(ctx->vocab);
			const char *suffix = iri + len;

			/*
			 * Unlike jsonld.js, never a suffix that would read back as a
			 * compact IRI, an absolute IRI or a keyword.
			 */
			if (strlen(iri) > len && starts_with(iri, ctx->vocab, len) &&
			    oslo_jsonld_context_term(ctx, suffix) == NULL && strchr(suffix, ':') == NULL &&
			    suffix[0] != '@')
				return oslo_strdup(suffix);
		}
	}
	curie = compact_with_prefix(ctx, iri, value);
	if (curie)
		return curie;
	return oslo_strdup(iri);
}

const char *
oslo_jsonld_keyword(const oslo_jsonld_context *ctx, const char *keyword)
{
	size_t count;
	size_t first;

	if (ctx == NULL)
		return keyword;
	first = terms_of_iri(ctx, keyword, &count);
	for (size_t i = first; i < first + count; i++)
	{
		const oslo_jsonld_term *t = &ctx->terms[ctx->by_iri[i]];

		if (!t->set_container && t->type == NULL && !t->has_language)
			return t->name;
	}
	return keyword;
}
