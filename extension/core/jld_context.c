/*
 * jld_context.c
 *	  JSON-LD 1.1 Context Processing, Create Term Definition and IRI
 *	  Expansion (https://www.w3.org/TR/json-ld11-api/#context-processing-algorithms).
 *
 * Remote contexts come only from the caller's loader; a chain of remote
 * contexts longer than MAX_REMOTE_CONTEXTS is a "context overflow".
 */
#include "jld_internal.h"

#include <stdio.h>
#include <string.h>

#define MAX_REMOTE_CONTEXTS 32

/* state of one Create Term Definition pass over a local context */
typedef struct term_pass
{
	jld_context *active;
	const jld_value *local;
	jld_map defined; /* term -> DEFINING or DEFINED */
	const char *base_url;
	jld_map *remote_contexts;
	bool override_protected;
	bool validate_scoped;
	bool protected_default;
} term_pass;

#define DEFINING ((void *)1)
#define DEFINED  ((void *)2)

static const char *expand_iri(jld_state *st, jld_context *active, const char *value,
                              bool document_relative, bool vocab, term_pass *tp);
static void create_term(jld_state *st, term_pass *tp, const char *term);

jld_context *
jld_context_new(jld_state *st)
{
	jld_context *c = jld_arena_alloc(st->a, sizeof(jld_context));

	c->base = st->opts->base ? jld_arena_strdup(st->a, st->opts->base) : NULL;
	c->original_base = c->base;
	return c;
}

static jld_context *
context_copy(jld_state *st, const jld_context *src)
{
	jld_context *c = jld_arena_alloc(st->a, sizeof(jld_context));

	*c = *src;
	c->inverse = NULL;
	jld_map_copy(st->a, &c->terms, &src->terms);
	return c;
}

static const char *
resolve(jld_state *st, const char *base, const char *ref)
{
	oslo_buf b;
	const char *r;

	if (!base)
		return ref;
	oslo_buf_init(&b);
	oslo_iri_resolve(base, ref, &b);
	r = jld_arena_strndup(st->a, b.data, b.len);
	oslo_buf_free(&b);
	return r;
}

/* a remote document of this call (st->remote) */
typedef struct remote_doc
{
	const jld_value *doc;
	const jld_cached_doc *cached; /* NULL: parsed for this call only */
} remote_doc;

/*
 * The parsed document at iri, through the caller's loader only: per call in
 * st->remote, per process in the remote cache (jld_remote_cache.c).
 */
static const jld_value *
load_remote(jld_state *st, const char *iri)
{
	remote_doc *r = jld_map_get(&st->remote, iri);
	const char *text;
	char reason[256];
	size_t len;

	if (r)
	{
		if (st->recording)
			jld_deps_add(st, st->recording, r->cached);
		return r->doc;
	}
	if (!st->opts->load_document)
		CTX_FAIL(st, "loading remote context failed",
		         "%s: no document loader is configured, and contexts are never fetched from the "
		         "network",
		         iri);
	text = st->opts->load_document(iri, st->opts->loader_arg);
	if (!text)
		CTX_FAIL(st, "loading remote context failed",
		         "%s: not in the context catalog (contexts are never fetched from the network)",
		         iri);
	len = strlen(text);
	r = jld_arena_alloc(st->a, sizeof(remote_doc));
	reason[0] = '\0';
	r->cached = jld_remote_cache_document(iri, text, len, reason, sizeof(reason));
	if (r->cached)
		r->doc = r->cached->doc;
	else if (!reason[0])
	{
		/* the cache is full: this call's own parse */
		jld_remote_cache_count_parse();
		r->doc = jld_try_parse_reason(st->a, text, len, reason, sizeof(reason));
	}
	if (!r->doc)
		CTX_FAIL(st, "loading remote context failed", "%s: %s", iri, reason);
	if (st->recording)
		jld_deps_add(st, st->recording, r->cached);
	jld_map_put(st->a, &st->remote, jld_arena_strdup(st->a, iri), r);
	return r->doc;
}

/*
 * The result of processing a remote context on active depends on nothing
 * of active but its base when active is an initial context (or one reset
 * by null), which is what the cache keeps it under.
 */
static bool
initial_context(const jld_context *c)
{
	return c->terms.count == 0 && !c->vocab && !c->default_language && !c->default_direction &&
	       !c->previous && !c->has_protected &&
	       (c->base == c->original_base ||
	        (c->base && c->original_base && strcmp(c->base, c->original_base) == 0));
}

static const char *
clone_str(jld_arena *a, const char *s)
{
	return s ? jld_arena_strdup(a, s) : NULL;
}

/* jld_copy, but strings and keys copied too */
static jld_value *
clone_value(jld_arena *a, const jld_value *v)
{
	jld_value *c = jld_arena_alloc(a, sizeof(jld_value));

	*c = *v;
	c->items = NULL;
	c->members = NULL;
	c->count = c->cap = 0;
	if (v->str)
		c->str = jld_arena_strndup(a, v->str, v->kind == JLD_STRING ? v->len : strlen(v->str));
	if (v->kind == JLD_ARRAY)
		for (size_t i = 0; i < v->count; i++)
			jld_push(a, c, clone_value(a, v->items[i]));
	else if (v->kind == JLD_OBJECT)
		for (size_t i = 0; i < v->count; i++)
			jld_append_member(a, c, jld_arena_strdup(a, v->members[i].key),
			                  clone_value(a, v->members[i].value));
	return c;
}

jld_context *
jld_context_clone(jld_arena *a, const jld_context *src)
{
	jld_context *c = jld_arena_alloc(a, sizeof(jld_context));

	c->base = clone_str(a, src->base);
	c->original_base = src->original_base == src->base ? c->base : clone_str(a, src->original_base);
	c->vocab = clone_str(a, src->vocab);
	c->default_language = clone_str(a, src->default_language);
	c->default_direction = clone_str(a, src->default_direction);
	c->has_protected = src->has_protected;
	for (size_t i = 0; i < src->terms.count; i++)
	{
		const jld_term *t = src->terms.vals[i];
		jld_term *copy = NULL;

		if (t)
		{
			copy = jld_arena_alloc(a, sizeof(jld_term));
			*copy = *t;
			copy->iri = clone_str(a, t->iri);
			copy->type_mapping = clone_str(a, t->type_mapping);
			copy->language = clone_str(a, t->language);
			copy->direction = clone_str(a, t->direction);
			copy->context = t->context ? clone_value(a, t->context) : NULL;
			copy->context_base = clone_str(a, t->context_base);
			copy->nest = clone_str(a, t->nest);
			copy->index = clone_str(a, t->index);
		}
		jld_map_put(a, &c->terms, jld_arena_strdup(a, src->terms.keys[i]), copy);
	}
	return c;
}

static bool
has_protected_terms(const jld_context *c)
{
	for (size_t i = 0; i < c->terms.count; i++)
	{
		const jld_term *t = c->terms.vals[i];

		if (t && t->protected_)
			return true;
	}
	return false;
}

jld_context *
jld_process_context(jld_state *st, jld_context *active, const jld_value *local,
                    const char *base_url, jld_map *remote_contexts, bool override_protected,
                    bool propagate, bool validate_scoped)
{
	jld_context *result = context_copy(st, active);
	jld_map remote_local;
	const jld_value *p;
	const void *ident;
	bool shared = false; /* result is in the cache: copy before changing it */

	if (!remote_contexts)
	{
		memset(&remote_local, 0, sizeof(remote_local));
		remote_contexts = &remote_local;
	}
	if (local && local->kind == JLD_OBJECT && (p = jld_get(local, "@propagate")) != NULL)
	{
		if (p->kind != JLD_BOOL)
			CTX_FAIL(st, "invalid @propagate value", "@propagate must be true or false");
		propagate = p->boolean;
	}
	if (!propagate && !result->previous)
		result->previous = active;
	if (!local)
		return result;
	/* what result is equal to, for the processed-context cache: a copy of active so far */
	ident = active;
	for (size_t i = 0; i < (local->kind == JLD_ARRAY ? local->count : 1); i++)
	{
		const jld_value *ctx = local->kind == JLD_ARRAY ? local->items[i] : local;
		const jld_value *v;

		if (ctx->kind == JLD_NULL)
		{
			jld_context *fresh;

			if (!override_protected && has_protected_terms(result))
				CTX_FAIL(st, "invalid context nullification",
				         "a context with protected terms cannot be set to null");
			fresh = jld_arena_alloc(st->a, sizeof(jld_context));
			fresh->base = active->original_base;
			fresh->original_base = active->original_base;
			if (!propagate)
				fresh->previous = result;
			result = fresh;
			ident = result;
			continue;
		}
		if (ctx->kind == JLD_STRING)
		{
			const char *iri = resolve(st, base_url, ctx->str);
			const jld_value *doc, *remote_ctx;
			jld_map rc_copy;

			if (!jld_is_absolute_iri(iri))
				CTX_FAIL(st, "loading document failed", "cannot resolve context IRI \"%s\"",
				         ctx->str);
			if (!validate_scoped && jld_map_has(remote_contexts, iri))
				continue;
			/* a depth, not the set size: a cycle a -> b -> a must hit the limit too */
			if (st->remote_depth >= MAX_REMOTE_CONTEXTS)
				oslo_error_detail(OSLO_ERR_LIMIT, iri,
				                  "context overflow: more than %d nested remote contexts",
				                  MAX_REMOTE_CONTEXTS);
			/*
			 * the same remote context on the same active context: processed
			 * once per call (st->processed); on an initial active context,
			 * once per process (the remote cache)
			 */
			{
				char key[64];
				char *cache_key;
				jld_context *cached;
				const jld_context *kept;
				bool cacheable = remote_contexts->count == 0 && st->remote_depth == 0 &&
				                 !st->recording && initial_context(result);
				unsigned flags = (override_protected ? JLD_CACHE_OVERRIDE_PROTECTED : 0) |
				                 (validate_scoped ? JLD_CACHE_VALIDATE_SCOPED : 0) |
				                 (propagate ? JLD_CACHE_PROPAGATE : 0) |
				                 (st->mode10 ? JLD_CACHE_MODE10 : 0);
				const char *active_base = result->base;
				jld_deps deps = {0};

				jld_map_put(st->a, remote_contexts, iri, DEFINED);
				snprintf(key, sizeof(key), "%p|%d%d%d|", ident, override_protected, validate_scoped,
				         propagate);
				cache_key = jld_arena_alloc(st->a, strlen(key) + strlen(iri) + 1);
				strcpy(cache_key, key);
				strcat(cache_key, iri);
				/* while recording, every document must be loaded to be recorded */
				if (!st->recording && (cached = jld_map_get(&st->processed, cache_key)) != NULL)
				{
					result = cached;
					ident = result;
					shared = true;
					continue;
				}
				if (cacheable &&
				    (kept = jld_remote_cache_context(st, iri, active_base, flags)) != NULL)
				{
					/* a copy of this call's own: compaction adds its inverse to it */
					result = context_copy(st, kept);
					jld_map_put(st->a, &st->processed, cache_key, result);
					ident = result;
					shared = true;
					continue;
				}
				if (cacheable)
					st->recording = &deps;
				doc = load_remote(st, iri);
				remote_ctx = jld_get(doc, "@context");
				if (doc->kind != JLD_OBJECT || !remote_ctx)
					CTX_FAIL(st, "invalid remote context", "%s has no top-level @context", iri);
				jld_map_copy(st->a, &rc_copy, remote_contexts);
				st->remote_depth++;
				jld_remote_cache_count_process();
				result = jld_process_context(st, result, remote_ctx, iri, &rc_copy,
				                             override_protected, true, validate_scoped);
				st->remote_depth--;
				if (cacheable)
				{
					st->recording = NULL;
					jld_remote_cache_add_context(iri, active_base, flags, result, &deps);
				}
				jld_map_put(st->a, &st->processed, cache_key, result);
				ident = result;
				shared = true;
			}
			continue;
		}
		if (ctx->kind != JLD_OBJECT)
			CTX_FAIL(st, "invalid local context", "a context must be an object, IRI or null");
		if (shared)
		{
			result = context_copy(st, result);
			shared = false;
		}

		if ((v = jld_get(ctx, "@version")) != NULL)
		{
			if (v->kind != JLD_NUMBER || v->number != 1.1)
				CTX_FAIL(st, "invalid @version value", "@version must be 1.1");
			if (st->mode10)
				CTX_FAIL(st, "processing mode conflict",
				         "@version 1.1 in json-ld-1.0 processing mode");
		}
		if ((v = jld_get(ctx, "@import")) != NULL)
		{
			const char *iri;
			const jld_value *doc, *imported;
			jld_value *merged;

			if (st->mode10)
				CTX_FAIL(st, "invalid context entry", "@import in json-ld-1.0 processing mode");
			if (v->kind != JLD_STRING)
				CTX_FAIL(st, "invalid @import value", "@import must be a string");
			iri = resolve(st, base_url, v->str);
			doc = load_remote(st, iri);
			imported = jld_get(doc, "@context");
			if (doc->kind != JLD_OBJECT || !imported || imported->kind != JLD_OBJECT)
				CTX_FAIL(st, "invalid remote context", "%s has no @context object", iri);
			if (jld_get(imported, "@import"))
				CTX_FAIL(st, "invalid context entry", "%s: an imported context cannot @import",
				         iri);
			merged = jld_copy(st->a, imported);
			for (size_t k = 0; k < ctx->count; k++)
				jld_set(st->a, merged, ctx->members[k].key, ctx->members[k].value);
			ctx = merged;
		}
		if ((v = jld_get(ctx, "@base")) != NULL && remote_contexts->count == 0)
		{
			if (v->kind == JLD_NULL)
				result->base = NULL;
			else if (v->kind != JLD_STRING)
				CTX_FAIL(st, "invalid base IRI", "@base must be a string or null");
			else if (jld_is_absolute_iri(v->str))
				result->base = v->str;
			else if (result->base)
				result->base = resolve(st, result->base, v->str);
			else
				CTX_FAIL(st, "invalid base IRI", "relative @base \"%s\" without a base IRI",
				         v->str);
		}
		if ((v = jld_get(ctx, "@vocab")) != NULL)
		{
			if (v->kind == JLD_NULL)
				result->vocab = NULL;
			else if (v->kind != JLD_STRING)
				CTX_FAIL(st, "invalid vocab mapping", "@vocab must be a string or null");
			else
			{
				const char *vocab = expand_iri(st, result, v->str, true, true, NULL);

				if (!vocab || (!jld_is_absolute_iri(vocab) && !jld_is_blank(vocab) &&
				               (st->mode10 || vocab[0] == '@')))
					CTX_FAIL(st, "invalid vocab mapping", "\"%s\" is not an IRI", v->str);
				result->vocab = vocab;
			}
		}
		if ((v = jld_get(ctx, "@language")) != NULL)
		{
			if (v->kind == JLD_NULL)
				result->default_language = NULL;
			else if (v->kind != JLD_STRING)
				CTX_FAIL(st, "invalid default language", "@language must be a string or null");
			else
				result->default_language = v->str;
		}
		if ((v = jld_get(ctx, "@direction")) != NULL)
		{
			if (st->mode10)
				CTX_FAIL(st, "invalid context entry", "@direction in json-ld-1.0 processing mode");
			if (v->kind == JLD_NULL)
				result->default_direction = NULL;
			else if (v->kind != JLD_STRING ||
			         (strcmp(v->str, "ltr") != 0 && strcmp(v->str, "rtl") != 0))
				CTX_FAIL(st, "invalid base direction", "@direction must be \"ltr\" or \"rtl\"");
			else
				result->default_direction = v->str;
		}
		if ((v = jld_get(ctx, "@propagate")) != NULL && st->mode10)
			CTX_FAIL(st, "invalid context entry", "@propagate in json-ld-1.0 processing mode");
		{
			term_pass tp = {0};
			const jld_value *prot = jld_get(ctx, "@protected");

			if (prot && prot->kind != JLD_BOOL)
				CTX_FAIL(st, "invalid @protected value", "@protected must be true or false");
			tp.active = result;
			tp.local = ctx;
			tp.base_url = base_url;
			tp.remote_contexts = remote_contexts;
			tp.override_protected = override_protected;
			tp.validate_scoped = validate_scoped;
			tp.protected_default = prot && prot->boolean;
			for (size_t k = 0; k < ctx->count; k++)
			{
				const char *key = ctx->members[k].key;

				if (strcmp(key, "@base") == 0 || strcmp(key, "@direction") == 0 ||
				    strcmp(key, "@import") == 0 || strcmp(key, "@language") == 0 ||
				    strcmp(key, "@propagate") == 0 || strcmp(key, "@protected") == 0 ||
				    strcmp(key, "@version") == 0 || strcmp(key, "@vocab") == 0)
					continue;
				create_term(st, &tp, key);
			}
		}
		ident = result;
	}
	return result;
}

static unsigned
container_bit(const char *s)
{
	static const struct
	{
		const char *name;
		unsigned bit;
	} names[] = {{"@list", JLD_C_LIST},   {"@set", JLD_C_SET}, {"@language", JLD_C_LANGUAGE},
	             {"@index", JLD_C_INDEX}, {"@id", JLD_C_ID},   {"@type", JLD_C_TYPE},
	             {"@graph", JLD_C_GRAPH}};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0)
			return names[i].bit;
	return 0;
}

static bool
valid_container(unsigned c)
{
	unsigned others = c & ~JLD_C_SET;

	if (c & JLD_C_LIST)
		return c == JLD_C_LIST;
	if (c & JLD_C_GRAPH)
		return (others & ~(JLD_C_GRAPH | JLD_C_ID | JLD_C_INDEX)) == 0 &&
		       (others & (JLD_C_ID | JLD_C_INDEX)) != (JLD_C_ID | JLD_C_INDEX);
	return (others & (others - 1)) == 0;
}

static unsigned
parse_container(jld_state *st, const jld_value *v)
{
	unsigned c = 0;

	if (st->mode10 && (v->kind != JLD_STRING || strcmp(v->str, "@graph") == 0 ||
	                   strcmp(v->str, "@id") == 0 || strcmp(v->str, "@type") == 0))
		CTX_FAIL(st, "invalid container mapping", "container not allowed in json-ld-1.0");
	if (v->kind == JLD_STRING)
		c = container_bit(v->str);
	else if (v->kind == JLD_ARRAY)
		for (size_t i = 0; i < v->count; i++)
		{
			unsigned bit = v->items[i]->kind == JLD_STRING ? container_bit(v->items[i]->str) : 0;

			if (!bit)
				c = ~0u;
			c |= bit;
		}
	if ((v->kind != JLD_STRING && v->kind != JLD_ARRAY) || (v->kind == JLD_STRING && !c) ||
	    c == ~0u || !valid_container(c))
		CTX_FAIL(st, "invalid container mapping", "unsupported @container value");
	return c;
}

static bool
str_eq(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool
terms_equal(const jld_term *a, const jld_term *b)
{
	return str_eq(a->iri, b->iri) && a->prefix == b->prefix && a->reverse == b->reverse &&
	       str_eq(a->type_mapping, b->type_mapping) && a->has_language == b->has_language &&
	       str_eq(a->language, b->language) && a->has_direction == b->has_direction &&
	       str_eq(a->direction, b->direction) && str_eq(a->nest, b->nest) &&
	       str_eq(a->index, b->index) && a->container == b->container &&
	       ((!a->context && !b->context) ||
	        (a->context && b->context && jld_equal(a->context, b->context, true)));
}

static bool
is_gen_delim(char c)
{
	return c && strchr(":/?#[]@", c) != NULL;
}

static void
create_term(jld_state *st, term_pass *tp, const char *term)
{
	void *state = jld_map_get(&tp->defined, term);
	const jld_value *value;
	jld_value *wrapped = NULL;
	const jld_term *previous;
	jld_term *def;
	bool simple_term = false;
	const jld_value *v;
	const char *colon;

	if (state == DEFINED)
		return;
	if (state == DEFINING)
		CTX_FAIL(st, "cyclic IRI mapping", "term \"%s\" is defined in terms of itself", term);
	if (!term[0])
		CTX_FAIL(st, "invalid term definition", "the empty string is not a term");
	jld_map_put(st->a, &tp->defined, term, DEFINING);
	value = jld_get(tp->local, term);

	if (strcmp(term, "@type") == 0 && !st->mode10 && value->kind == JLD_OBJECT && value->count > 0)
	{
		bool only_set = true;

		for (size_t i = 0; i < value->count; i++)
		{
			const char *k = value->members[i].key;
			const jld_value *mv = value->members[i].value;

			if (strcmp(k, "@protected") == 0)
				continue;
			if (strcmp(k, "@container") != 0 || mv->kind != JLD_STRING ||
			    strcmp(mv->str, "@set") != 0)
				only_set = false;
		}
		if (!only_set)
			CTX_FAIL(st, "keyword redefinition", "@type may only be given @container @set");
	}
	else if (jld_is_keyword(term))
		CTX_FAIL(st, "keyword redefinition", "keyword %s cannot be redefined", term);
	else if (jld_has_keyword_form(term))
	{
		jld_map_put(st->a, &tp->defined, term, DEFINED);
		return; /* reserved for future keywords: ignored */
	}
	previous = jld_term_get(tp->active, term);
	jld_map_put(st->a, &tp->active->terms, term, NULL);

	if (value->kind == JLD_NULL)
	{
		wrapped = jld_object(st->a);
		jld_set(st->a, wrapped, "@id", jld_null(st->a));
		value = wrapped;
	}
	else if (value->kind == JLD_STRING)
	{
		wrapped = jld_object(st->a);
		jld_set(st->a, wrapped, "@id", (jld_value *)value);
		value = wrapped;
		simple_term = true;
	}
	else if (value->kind != JLD_OBJECT)
		CTX_FAIL(st, "invalid term definition",
		         "term \"%s\": a definition must be a string, "
		         "object or null",
		         term);
	def = jld_arena_alloc(st->a, sizeof(jld_term));

	if ((v = jld_get(value, "@protected")) != NULL)
	{
		if (st->mode10)
			CTX_FAIL(st, "invalid term definition", "@protected in json-ld-1.0 processing mode");
		if (v->kind != JLD_BOOL)
			CTX_FAIL(st, "invalid @protected value", "term \"%s\": @protected must be boolean",
			         term);
		def->protected_ = v->boolean;
	}
	else
		def->protected_ = tp->protected_default;

	if ((v = jld_get(value, "@type")) != NULL)
	{
		const char *type;

		if (v->kind != JLD_STRING)
			CTX_FAIL(st, "invalid type mapping", "term \"%s\": @type must be a string", term);
		type = expand_iri(st, tp->active, v->str, false, true, tp);
		if (!type || (((strcmp(type, "@json") == 0 || strcmp(type, "@none") == 0) && st->mode10) ||
		              (strcmp(type, "@id") != 0 && strcmp(type, "@vocab") != 0 &&
		               strcmp(type, "@json") != 0 && strcmp(type, "@none") != 0 &&
		               !jld_is_absolute_iri(type))))
			CTX_FAIL(st, "invalid type mapping", "term \"%s\": @type \"%s\" is not an IRI", term,
			         v->str);
		def->type_mapping = type;
	}

	if ((v = jld_get(value, "@reverse")) != NULL)
	{
		const jld_value *c;

		if (jld_get(value, "@id") || jld_get(value, "@nest"))
			CTX_FAIL(st, "invalid reverse property",
			         "term \"%s\": @reverse cannot be combined with @id or @nest", term);
		if (v->kind != JLD_STRING)
			CTX_FAIL(st, "invalid IRI mapping", "term \"%s\": @reverse must be a string", term);
		if (jld_has_keyword_form(v->str))
		{
			jld_map_put(st->a, &tp->defined, term, DEFINED);
			return;
		}
		def->iri = expand_iri(st, tp->active, v->str, false, true, tp);
		if (!def->iri || (!strchr(def->iri, ':')))
			CTX_FAIL(st, "invalid IRI mapping", "term \"%s\": @reverse \"%s\" is not an IRI", term,
			         v->str);
		if ((c = jld_get(value, "@container")) != NULL)
		{
			if (c->kind != JLD_NULL)
			{
				def->container = parse_container(st, c);
				def->has_container = true;
				if (def->container != JLD_C_SET && def->container != JLD_C_INDEX)
					CTX_FAIL(st, "invalid reverse property",
					         "term \"%s\": a reverse property only takes @set or @index", term);
			}
		}
		if ((c = jld_get(value, "@index")) != NULL)
		{
			if (c->kind != JLD_STRING || !(def->container & JLD_C_INDEX))
				CTX_FAIL(st, "invalid term definition", "term \"%s\": bad @index", term);
			def->index = c->str;
		}
		def->reverse = true;
		jld_map_put(st->a, &tp->active->terms, term, def);
		if (def->protected_)
			tp->active->has_protected = true;
		jld_map_put(st->a, &tp->defined, term, DEFINED);
		return;
	}

	v = jld_get(value, "@id");
	colon = strchr(term + 1, ':');
	if (v && !(v->kind == JLD_STRING && strcmp(v->str, term) == 0))
	{
		if (v->kind == JLD_NULL)
			def->iri = NULL;
		else
		{
			size_t tl = strlen(term);

			if (v->kind != JLD_STRING)
				CTX_FAIL(st, "invalid IRI mapping", "term \"%s\": @id must be a string", term);
			if (!jld_is_keyword(v->str) && jld_has_keyword_form(v->str))
			{
				jld_map_put(st->a, &tp->defined, term, DEFINED);
				return;
			}
			def->iri = expand_iri(st, tp->active, v->str, false, true, tp);
			if (!def->iri || (!jld_is_keyword(def->iri) && !strchr(def->iri, ':')))
				CTX_FAIL(st, "invalid IRI mapping", "term \"%s\": \"%s\" is not an IRI", term,
				         v->str);
			if (strcmp(def->iri, "@context") == 0)
				CTX_FAIL(st, "invalid keyword alias", "@context cannot be aliased");
			if (tl > 2 && (memchr(term + 1, ':', tl - 2) || memchr(term + 1, '/', tl - 2)))
			{
				const char *again;

				jld_map_put(st->a, &tp->defined, term, DEFINED);
				again = expand_iri(st, tp->active, term, false, true, tp);
				if (!again || strcmp(again, def->iri) != 0)
					CTX_FAIL(st, "invalid IRI mapping",
					         "term \"%s\" looks like an IRI but maps to another IRI", term);
			}
			if (!strchr(term, ':') && !strchr(term, '/') && simple_term &&
			    (is_gen_delim(def->iri[strlen(def->iri) - 1]) || jld_is_blank(def->iri)))
				def->prefix = true;
		}
	}
	else if (colon)
	{
		size_t plen = (size_t)(colon - term);
		char *prefix = jld_arena_strndup(st->a, term, plen);
		const jld_term *pdef;

		if (jld_get(tp->local, prefix))
			create_term(st, tp, prefix);
		pdef = jld_term_get(tp->active, prefix);
		if (pdef && pdef->iri)
		{
			size_t il = strlen(pdef->iri);
			char *iri = jld_arena_alloc(st->a, il + strlen(colon + 1) + 1);

			jld_copy_bytes(iri, pdef->iri, il);
			strcpy(iri + il, colon + 1);
			def->iri = iri;
		}
		else
			def->iri = term;
	}
	else if (strchr(term, '/'))
	{
		/* without the local context: a relative IRI term cannot define itself */
		def->iri = expand_iri(st, tp->active, term, false, true, NULL);
		if (!def->iri || !jld_is_absolute_iri(def->iri))
			CTX_FAIL(st, "invalid IRI mapping", "term \"%s\" is a relative IRI", term);
	}
	else if (strcmp(term, "@type") == 0)
		def->iri = "@type";
	else if (tp->active->vocab)
	{
		size_t vl = strlen(tp->active->vocab);
		char *iri = jld_arena_alloc(st->a, vl + strlen(term) + 1);

		jld_copy_bytes(iri, tp->active->vocab, vl);
		strcpy(iri + vl, term);
		def->iri = iri;
	}
	else
		CTX_FAIL(st, "invalid IRI mapping", "term \"%s\" has no IRI and there is no @vocab", term);

	if ((v = jld_get(value, "@container")) != NULL)
	{
		def->container = parse_container(st, v);
		def->has_container = true;
		if (def->container & JLD_C_TYPE)
		{
			if (!def->type_mapping)
				def->type_mapping = "@id";
			else if (strcmp(def->type_mapping, "@id") != 0 &&
			         strcmp(def->type_mapping, "@vocab") != 0)
				CTX_FAIL(st, "invalid type mapping",
				         "term \"%s\": a type map needs @type @id or @vocab", term);
		}
	}
	if ((v = jld_get(value, "@index")) != NULL)
	{
		const char *idx;

		if (st->mode10 || !(def->container & JLD_C_INDEX))
			CTX_FAIL(st, "invalid term definition", "term \"%s\": @index needs @container @index",
			         term);
		if (v->kind != JLD_STRING || jld_is_keyword(v->str) ||
		    !(idx = expand_iri(st, tp->active, v->str, false, true, tp)) ||
		    !jld_is_absolute_iri(idx))
			CTX_FAIL(st, "invalid term definition", "term \"%s\": @index must be an IRI", term);
		def->index = v->str;
	}
	if ((v = jld_get(value, "@context")) != NULL)
	{
		jld_map rc;

		if (st->mode10)
			CTX_FAIL(st, "invalid term definition", "scoped context in json-ld-1.0 mode");
		/* processed once to validate it; the result is thrown away */
		jld_map_copy(st->a, &rc, tp->remote_contexts);
		st->validating_scoped++;
		jld_process_context(st, tp->active, v, tp->base_url, &rc, true, true, false);
		st->validating_scoped--;
		def->context = v;
		def->context_base = tp->base_url;
	}
	if ((v = jld_get(value, "@language")) != NULL && !jld_get(value, "@type"))
	{
		if (v->kind != JLD_NULL && v->kind != JLD_STRING)
			CTX_FAIL(st, "invalid language mapping",
			         "term \"%s\": @language must be a string or null", term);
		def->has_language = true;
		def->language = v->kind == JLD_STRING ? v->str : NULL;
	}
	if ((v = jld_get(value, "@direction")) != NULL && !jld_get(value, "@type"))
	{
		if (v->kind != JLD_NULL &&
		    (v->kind != JLD_STRING || (strcmp(v->str, "ltr") != 0 && strcmp(v->str, "rtl") != 0)))
			CTX_FAIL(st, "invalid base direction", "term \"%s\": @direction must be ltr or rtl",
			         term);
		def->has_direction = true;
		def->direction = v->kind == JLD_STRING ? v->str : NULL;
	}
	if ((v = jld_get(value, "@nest")) != NULL)
	{
		if (st->mode10)
			CTX_FAIL(st, "invalid term definition", "@nest in json-ld-1.0 processing mode");
		if (v->kind != JLD_STRING || (jld_is_keyword(v->str) && strcmp(v->str, "@nest") != 0))
			CTX_FAIL(st, "invalid @nest value", "term \"%s\": @nest must be a term or @nest", term);
		def->nest = v->str;
	}
	if ((v = jld_get(value, "@prefix")) != NULL)
	{
		if (st->mode10 || strchr(term, ':') || strchr(term, '/'))
			CTX_FAIL(st, "invalid term definition", "term \"%s\" cannot take @prefix", term);
		if (v->kind != JLD_BOOL)
			CTX_FAIL(st, "invalid @prefix value", "term \"%s\": @prefix must be boolean", term);
		def->prefix = v->boolean;
		if (def->prefix && def->iri && jld_is_keyword(def->iri))
			CTX_FAIL(st, "invalid term definition", "term \"%s\": a keyword is not a prefix", term);
	}
	for (size_t i = 0; i < value->count; i++)
	{
		static const char *const allowed[] = {"@id",        "@reverse",   "@container", "@context",
		                                      "@direction", "@index",     "@language",  "@nest",
		                                      "@prefix",    "@protected", "@type",      NULL};
		const char *k = value->members[i].key;
		bool ok = false;

		for (int j = 0; allowed[j] && !ok; j++)
			ok = strcmp(k, allowed[j]) == 0;
		if (!ok)
			CTX_FAIL(st, "invalid term definition", "term \"%s\": unexpected entry %s", term, k);
	}
	if (!tp->override_protected && previous && previous->protected_)
	{
		if (!terms_equal(def, previous))
			CTX_FAIL(st, "protected term redefinition", "term \"%s\" is protected", term);
		def = (jld_term *)previous;
	}
	jld_map_put(st->a, &tp->active->terms, term, def);
	if (def->protected_)
		tp->active->has_protected = true;
	jld_map_put(st->a, &tp->defined, term, DEFINED);
}

static const char *
concat(jld_state *st, const char *a, const char *b)
{
	size_t al = strlen(a);
	char *r = jld_arena_alloc(st->a, al + strlen(b) + 1);

	jld_copy_bytes(r, a, al);
	strcpy(r + al, b);
	return r;
}

static const char *expand_iri_defined(jld_state *st, jld_context *active, const char *value,
                                      bool document_relative, bool vocab, term_pass *tp,
                                      const jld_term *def);

static const char *
expand_iri(jld_state *st, jld_context *active, const char *value, bool document_relative,
           bool vocab, term_pass *tp)
{
	if (!value || jld_is_keyword(value))
		return value;
	if (jld_has_keyword_form(value))
		return NULL;
	if (tp && jld_get(tp->local, value) && jld_map_get(&tp->defined, value) != DEFINED)
		create_term(st, tp, value);
	return expand_iri_defined(st, active, value, document_relative, vocab, tp,
	                          jld_term_get(active, value));
}

const char *
jld_expand_key(jld_state *st, jld_context *active, const char *key, const jld_term **def)
{
	size_t slot = (((uintptr_t)key >> 4) ^ ((uintptr_t)active >> 6)) & 255;
	const char *ep;

	*def = NULL;
	if (!key)
		return key;
	/* first: most keys of a document are the same few, keywords included */
	if (st->key_memo[slot].key == key && st->key_memo[slot].context == active)
	{
		*def = st->key_memo[slot].def;
		return st->key_memo[slot].ep;
	}
	if (jld_is_keyword(key))
		ep = key;
	else if (jld_has_keyword_form(key))
		ep = NULL;
	else
	{
		*def = jld_term_get(active, key);
		ep = expand_iri_defined(st, active, key, false, true, NULL, *def);
	}
	st->key_memo[slot].context = active;
	st->key_memo[slot].key = key;
	st->key_memo[slot].ep = ep;
	st->key_memo[slot].def = *def;
	return ep;
}

/* the rest of IRI expansion, def being value's term definition in active */
static const char *
expand_iri_defined(jld_state *st, jld_context *active, const char *value, bool document_relative,
                   bool vocab, term_pass *tp, const jld_term *def)
{
	const char *colon;

	if (def && def->iri && jld_is_keyword(def->iri))
		return def->iri;
	if (vocab && def)
		return def->iri;
	colon = value[0] ? strchr(value + 1, ':') : NULL;
	if (colon)
	{
		size_t plen = (size_t)(colon - value);
		char prefix_buf[256];
		const char *prefix;
		const jld_term *pdef;

		if ((plen == 1 && value[0] == '_') || (colon[1] == '/' && colon[2] == '/'))
			return value;
		prefix = plen < sizeof(prefix_buf) ? (jld_copy_bytes(prefix_buf, value, plen),
		                                      prefix_buf[plen] = '\0', prefix_buf)
		                                   : jld_arena_strndup(st->a, value, plen);
		if (tp && jld_get(tp->local, prefix) && jld_map_get(&tp->defined, prefix) != DEFINED)
			create_term(st, tp, jld_arena_strdup(st->a, prefix));
		pdef = jld_term_get(active, prefix);
		if (pdef && pdef->iri && pdef->prefix)
			return concat(st, pdef->iri, colon + 1);
		if (jld_is_absolute_iri(value))
			return value;
	}
	if (vocab && active->vocab)
		return concat(st, active->vocab, value);
	if (document_relative)
		return resolve(st, active->base, value);
	return value;
}

const char *
jld_expand_iri(jld_state *st, jld_context *active, const char *value, bool document_relative,
               bool vocab)
{
	return expand_iri(st, active, value, document_relative, vocab, NULL);
}
