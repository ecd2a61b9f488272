/*
 * shacl_constraints.c
 *	  The SHACL Core constraint components (section 4), each checked on the
 *	  value nodes of one focus node.
 */
#include "shacl_validator.h"

#include <string.h>
#include <strings.h>
#include <unicode/utext.h>

static size_t
utf8_length(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static bool
pattern_matches(const shacl_constraint *k, const oslo_term *t)
{
	UErrorCode status = U_ZERO_ERROR;
	UText ut = UTEXT_INITIALIZER;
	UBool found;

	utext_openUTF8(&ut, t->value, t->len, &status);
	uregex_setUText(k->regex, &ut, &status);
	found = uregex_find(k->regex, 0, &status);
	utext_close(&ut);
	if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW)
		oslo_error(OSLO_ERR_LIMIT, "sh:pattern took too long on the value \"%.80s\"", t->value);
	return U_SUCCESS(status) && found;
}

/* RFC 4647 basic filtering: range "*" or a prefix ending at a subtag boundary */
static bool
language_matches(const char *tag, const char *range)
{
	size_t n = strlen(range);

	if (strcmp(range, "*") == 0)
		return tag[0] != '\0';
	return strncasecmp(tag, range, n) == 0 && (tag[n] == '\0' || tag[n] == '-');
}

static bool
node_kind_ok(vctx *ctx, oslo_term_id kind, oslo_term_id v)
{
	oslo_term_kind k = oslo_graph_term(ctx->w, v)->kind;
	/* BlankNode, IRI, Literal, BlankNodeOrIRI, BlankNodeOrLiteral, IRIOrLiteral */
	static const int allowed[6] = {1 << OSLO_TERM_BLANK,
	                               1 << OSLO_TERM_IRI,
	                               1 << OSLO_TERM_LITERAL,
	                               (1 << OSLO_TERM_BLANK) | (1 << OSLO_TERM_IRI),
	                               (1 << OSLO_TERM_BLANK) | (1 << OSLO_TERM_LITERAL),
	                               (1 << OSLO_TERM_IRI) | (1 << OSLO_TERM_LITERAL)};

	for (int i = 0; i < 6; i++)
		if (ctx->node_kinds[i] == kind)
			return (allowed[i] & (1 << k)) != 0;
	return false;
}

static void
objects_of(vctx *ctx, oslo_term_id s, oslo_term_id p, shacl_idset *out)
{
	oslo_match m;
	oslo_quad q;

	oslo_match_init(&m, ctx->w, s, p, 0, 0);
	while (oslo_match_next(&m, &q))
		shacl_idset_add(out, q.o);
}

static bool
range_ok(vctx *ctx, oslo_shacl_component comp, oslo_term_id v, oslo_term_id bound)
{
	int cmp;

	if (!oslo_xsd_compare(ctx->w, v, ctx->w, bound, &cmp))
		return false;
	switch (comp)
	{
		case OSLO_SH_MIN_EXCLUSIVE:
			return cmp > 0;
		case OSLO_SH_MIN_INCLUSIVE:
			return cmp >= 0;
		case OSLO_SH_MAX_EXCLUSIVE:
			return cmp < 0;
		default:
			return cmp <= 0;
	}
}

static const char *const range_words[] = {"greater than", "greater than or equal to", "less than",
                                          "less than or equal to"};

/* the pairwise property constraints: equals, disjoint, lessThan, lessThanOrEquals */
static void
check_pair_constraint(vctx *ctx, const oslo_shacl_shape *sh, const shacl_constraint *k,
                      oslo_term_id focus, const shacl_idset *values)
{
	oslo_term_id pred = ctx->cmap[k->term];
	const char *pname = shacl_term_str(ctx, pred);
	shacl_idset others;

	shacl_idset_init(&others);
	objects_of(ctx, focus, pred, &others);
	switch (k->component)
	{
		case OSLO_SH_EQUALS:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
				if (!shacl_idset_has(&others, values->items[i]))
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Value is not a value of <%s>", pname);
			for (uint32_t i = 0; i < others.n && !STOP(ctx); i++)
				if (!shacl_idset_has(values, others.items[i]))
					EMIT(ctx, sh, k->component, focus, others.items[i],
					     "Value of <%s> is missing from the values", pname);
			break;
		case OSLO_SH_DISJOINT:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
				if (shacl_idset_has(&others, values->items[i]))
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Value is also a value of <%s>", pname);
			break;
		default:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
				for (uint32_t j = 0; j < others.n && !STOP(ctx); j++)
				{
					int cmp;
					bool ok =
					    oslo_xsd_compare(ctx->w, values->items[i], ctx->w, others.items[j], &cmp) &&
					    (k->component == OSLO_SH_LESS_THAN ? cmp < 0 : cmp <= 0);

					if (!ok)
						EMIT(ctx, sh, k->component, focus, values->items[i],
						     "Value is not %s the value of <%s>",
						     k->component == OSLO_SH_LESS_THAN ? "less than"
						                                       : "less than or equal to",
						     pname);
				}
			break;
	}
	shacl_idset_free(&others);
}

static void
check_unique_lang(vctx *ctx, const oslo_shacl_shape *sh, const shacl_constraint *k,
                  oslo_term_id focus, const shacl_idset *values)
{
	const char **langs = oslo_alloc(sizeof(char *) * (values->n + 1));
	uint32_t nlangs = 0;

	for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
	{
		const oslo_term *t = oslo_graph_term(ctx->w, values->items[i]);
		bool seen_before = false, reported = false;

		if (t->kind != OSLO_TERM_LITERAL || !t->lang || !t->lang[0])
			continue;
		for (uint32_t j = 0; j < i; j++)
		{
			const oslo_term *u = oslo_graph_term(ctx->w, values->items[j]);

			if (u->kind == OSLO_TERM_LITERAL && u->lang && strcmp(u->lang, t->lang) == 0)
				seen_before = true;
		}
		for (uint32_t j = 0; j < nlangs; j++)
			reported = reported || strcmp(langs[j], t->lang) == 0;
		if (seen_before && !reported)
		{
			langs[nlangs++] = t->lang;
			EMIT(ctx, sh, k->component, focus, 0, "Language \"%s\" used more than once", t->lang);
		}
	}
	oslo_free(langs);
}

static void
check_qualified(vctx *ctx, const oslo_shacl_shape *sh, const shacl_constraint *k,
                oslo_term_id focus, const shacl_idset *values)
{
	int64_t n = 0;

	for (uint32_t i = 0; i < values->n; i++)
	{
		bool ok = shacl_conforms(ctx, k->shapes[0], values->items[i]);

		for (uint32_t j = 0; ok && j < k->nsiblings; j++)
			ok = !shacl_conforms(ctx, k->siblings[j], values->items[i]);
		n += ok;
	}
	if (k->component == OSLO_SH_QUALIFIED_MIN_COUNT && n < k->count)
		EMIT(ctx, sh, k->component, focus, 0,
		     "Less than %lld values conform to the qualified value shape", (long long)k->count);
	else if (k->component == OSLO_SH_QUALIFIED_MAX_COUNT && n > k->count)
		EMIT(ctx, sh, k->component, focus, 0,
		     "More than %lld values conform to the qualified value shape", (long long)k->count);
}

static void
check_closed(vctx *ctx, const oslo_shacl_shape *sh, const shacl_constraint *k,
             const shacl_idset *values, oslo_term_id focus)
{
	for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
	{
		oslo_match m;
		oslo_quad q;

		oslo_match_init(&m, ctx->w, values->items[i], 0, 0, 0);
		while (oslo_match_next(&m, &q) && !STOP(ctx))
		{
			bool allowed = false;

			for (uint32_t j = 0; j < k->nterms && !allowed; j++)
				allowed = ctx->cmap[k->terms[j]] == q.p;
			if (allowed)
				continue;
			if (ctx->probe)
				ctx->probe_failed = true;
			else
			{
				char *msg = oslo_psprintf("Predicate <%s> is not allowed (closed shape)",
				                          shacl_term_str(ctx, q.p));

				shacl_emit(ctx, sh, OSLO_SH_CLOSED, focus, q.o, q.p, msg);
				oslo_free(msg);
			}
		}
	}
}

/* --- one constraint on the value nodes ------------------------------------- */

void
shacl_check_constraint(vctx *ctx, const oslo_shacl_shape *sh, const shacl_constraint *k,
                       oslo_term_id focus, const shacl_idset *values)
{
	oslo_term_id term = k->term ? ctx->cmap[k->term] : 0;

	switch (k->component)
	{
		case OSLO_SH_CLASS:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
				if (!shacl_instance_of(ctx, values->items[i], term))
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Value does not have class <%s>", shacl_term_str(ctx, term));
			break;
		case OSLO_SH_DATATYPE:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
			{
				const oslo_term *t = oslo_graph_term(ctx->w, values->items[i]);
				bool ok = t->kind == OSLO_TERM_LITERAL && t->datatype == term &&
				          oslo_xsd_valid(shacl_term_str(ctx, term), t->value, t->len, NULL);

				if (!ok)
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     t->kind == OSLO_TERM_LITERAL && t->datatype == term
					         ? "Value is not a valid lexical form of datatype <%s>"
					         : "Value does not have datatype <%s>",
					     shacl_term_str(ctx, term));
			}
			break;
		case OSLO_SH_NODE_KIND:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
				if (!node_kind_ok(ctx, k->term, values->items[i]))
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Value does not have node kind <%s>", shacl_term_str(ctx, term));
			break;
		case OSLO_SH_MIN_COUNT:
			if ((int64_t)values->n < k->count)
				EMIT(ctx, sh, k->component, focus, 0, "Less than %lld values (found %u)",
				     (long long)k->count, values->n);
			break;
		case OSLO_SH_MAX_COUNT:
			if ((int64_t)values->n > k->count)
				EMIT(ctx, sh, k->component, focus, 0, "More than %lld values (found %u)",
				     (long long)k->count, values->n);
			break;
		case OSLO_SH_MIN_EXCLUSIVE:
		case OSLO_SH_MIN_INCLUSIVE:
		case OSLO_SH_MAX_EXCLUSIVE:
		case OSLO_SH_MAX_INCLUSIVE:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
				if (!range_ok(ctx, k->component, values->items[i], term))
					EMIT(ctx, sh, k->component, focus, values->items[i], "Value is not %s \"%s\"",
					     range_words[k->component - OSLO_SH_MIN_EXCLUSIVE],
					     shacl_term_str(ctx, term));
			break;
		case OSLO_SH_MIN_LENGTH:
		case OSLO_SH_MAX_LENGTH:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
			{
				const oslo_term *t = oslo_graph_term(ctx->w, values->items[i]);
				size_t n = utf8_length(t->value, t->len);
				bool ok = t->kind != OSLO_TERM_BLANK &&
				          (k->component == OSLO_SH_MIN_LENGTH ? (int64_t)n >= k->count
				                                              : (int64_t)n <= k->count);

				if (!ok)
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Value has %s than %lld characters",
					     k->component == OSLO_SH_MIN_LENGTH ? "less" : "more", (long long)k->count);
			}
			break;
		case OSLO_SH_PATTERN:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
			{
				const oslo_term *t = oslo_graph_term(ctx->w, values->items[i]);

				if (t->kind == OSLO_TERM_BLANK || !pattern_matches(k, t))
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Value does not match pattern \"%s\"", shacl_term_str(ctx, term));
			}
			break;
		case OSLO_SH_LANGUAGE_IN:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
			{
				const oslo_term *t = oslo_graph_term(ctx->w, values->items[i]);
				bool ok = false;

				for (uint32_t j = 0;
				     j < k->nterms && !ok && t->kind == OSLO_TERM_LITERAL && t->lang; j++)
					ok = language_matches(t->lang, shacl_term_str(ctx, ctx->cmap[k->terms[j]]));
				if (!ok)
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Language tag is not one of the allowed languages");
			}
			break;
		case OSLO_SH_UNIQUE_LANG:
			check_unique_lang(ctx, sh, k, focus, values);
			break;
		case OSLO_SH_EQUALS:
		case OSLO_SH_DISJOINT:
		case OSLO_SH_LESS_THAN:
		case OSLO_SH_LESS_THAN_OR_EQUALS:
			check_pair_constraint(ctx, sh, k, focus, values);
			break;
		case OSLO_SH_NOT:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
				if (shacl_conforms(ctx, k->shapes[0], values->items[i]))
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Value conforms to the shape of sh:not");
			break;
		case OSLO_SH_NODE:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
				if (!shacl_conforms(ctx, k->shapes[0], values->items[i]))
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Value does not conform to the shape of sh:node");
			break;
		case OSLO_SH_AND:
		case OSLO_SH_OR:
		case OSLO_SH_XONE:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
			{
				uint32_t n = 0;
				bool ok;

				for (uint32_t j = 0; j < k->nshapes; j++)
				{
					n += shacl_conforms(ctx, k->shapes[j], values->items[i]);
					/* and/or are decided early; xone needs the count */
					if ((k->component == OSLO_SH_AND && n != j + 1) ||
					    (k->component == OSLO_SH_OR && n > 0))
						break;
				}
				ok = k->component == OSLO_SH_AND  ? n == k->nshapes
				     : k->component == OSLO_SH_OR ? n > 0
				                                  : n == 1;
				if (!ok)
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Value does not conform to %s of the shapes",
					     k->component == OSLO_SH_AND  ? "all"
					     : k->component == OSLO_SH_OR ? "any"
					                                  : "exactly one");
			}
			break;
		case OSLO_SH_PROPERTY:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
				shacl_validate_shape(ctx, k->shapes[0], values->items[i]);
			break;
		case OSLO_SH_QUALIFIED_MIN_COUNT:
		case OSLO_SH_QUALIFIED_MAX_COUNT:
			check_qualified(ctx, sh, k, focus, values);
			break;
		case OSLO_SH_CLOSED:
			check_closed(ctx, sh, k, values, focus);
			break;
		case OSLO_SH_HAS_VALUE:
			if (!shacl_idset_has(values, term))
				EMIT(ctx, sh, k->component, focus, 0, "Missing expected value %s",
				     shacl_term_str(ctx, term));
			break;
		case OSLO_SH_IN:
			for (uint32_t i = 0; i < values->n && !STOP(ctx); i++)
			{
				bool found = false;

				for (uint32_t j = 0; j < k->nterms && !found; j++)
					found = ctx->cmap[k->terms[j]] == values->items[i];
				if (!found)
					EMIT(ctx, sh, k->component, focus, values->items[i],
					     "Value is not in the list of allowed values");
			}
			break;
		case OSLO_SH_COMPONENT_COUNT:
			break;
	}
}
