/*
 * jld_remote_cache.c
 *	  Remote contexts kept for the life of the process (a backend): the
 *	  parsed document of each remote context, and the result of processing
 *	  a remote context on an initial active context -- the common
 *	  {"@context": "IRI"} -- so that neither is done again on the next call.
 *
 * Entries are keyed by content, not by IRI alone: a document entry holds
 * the text it was parsed from, and a processed context points at the
 * document entries of everything its processing loaded (the context itself,
 * nested remote contexts, @import), whose texts are compared with what the
 * loader gives now before the entry is used. So no entry is ever used
 * stale, whatever the host. A host whose documents change (the database's
 * catalog) calls jld_remote_cache_invalidate() to retire the entries at
 * once; that frees nothing, since a call may be using them while the
 * change arrives (a catalog query inside the loader can deliver it), and
 * jld_remote_cache_collect(), where no call runs, frees what was retired.
 *
 * Each entry is built inside oslo_persist (PostgreSQL: its own child of
 * CacheMemoryContext) into an arena of its own that is never written again.
 * The table holds a fixed number of entries; when it is full, further
 * documents and contexts are simply processed per call, as without a cache.
 */
#include "jld_internal.h"

#define MAX_DOCUMENTS 64
#define MAX_CONTEXTS  64

typedef struct context_entry
{
	const char *iri;
	const char *base; /* the active context's base IRI (NULL: none) */
	unsigned flags;   /* JLD_CACHE_* */
	const jld_cached_doc **deps;
	size_t ndeps;
	const jld_context *ctx;
	void *token;
	bool retired;
} context_entry;

static jld_cached_doc *documents[MAX_DOCUMENTS];
static size_t ndocuments;
static context_entry *contexts[MAX_CONTEXTS];
static size_t ncontexts;
static jld_remote_cache_stats stats;

void
jld_remote_cache_count_parse(void)
{
	stats.documents_parsed++;
}

void
jld_remote_cache_count_process(void)
{
	stats.contexts_processed++;
}

static bool
same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

const jld_cached_doc *
jld_remote_cache_document(const char *iri, const char *text, size_t len, char *reason,
                          size_t reasonlen)
{
	oslo_persist *p;
	jld_arena *a;
	jld_cached_doc *e;
	const jld_value *doc;
	void *token;

	for (size_t i = 0; i < ndocuments; i++)
	{
		e = documents[i];
		if (!e->retired && e->len == len && strcmp(e->iri, iri) == 0 &&
		    memcmp(e->text, text, len) == 0)
		{
			stats.documents_reused++;
			return e;
		}
	}
	if (ndocuments == MAX_DOCUMENTS)
		return NULL;
	/* an error in here (nesting too deep) frees what was built */
	p = oslo_persist_begin();
	a = jld_arena_new();
	e = jld_arena_alloc(a, sizeof(jld_cached_doc));
	doc = jld_try_parse_reason(a, text, len, reason, reasonlen);
	if (doc)
	{
		e->iri = jld_arena_strdup(a, iri);
		e->text = jld_arena_strndup(a, text, len);
		e->len = len;
		e->doc = doc;
	}
	token = oslo_persist_commit(p);
	stats.documents_parsed++;
	if (!doc)
	{
		oslo_persist_drop(token);
		return NULL;
	}
	e->token = token;
	documents[ndocuments++] = e;
	return e;
}

/* the loader still gives every document the entry was built from */
static bool
dependencies_current(const context_entry *e, const jld_options *o)
{
	for (size_t i = 0; i < e->ndeps; i++)
	{
		const jld_cached_doc *d = e->deps[i];
		const char *text = o->load_document(d->iri, o->loader_arg);

		if (!text || (text != d->text && (strlen(text) != d->len || memcmp(text, d->text, d->len))))
			return false;
	}
	return true;
}

const jld_context *
jld_remote_cache_context(const jld_state *st, const char *iri, const char *base, unsigned flags)
{
	for (size_t i = 0; i < ncontexts; i++)
	{
		context_entry *e = contexts[i];

		if (e->retired || e->flags != flags || strcmp(e->iri, iri) != 0 ||
		    !same_text(e->base, base))
			continue;
		if (!dependencies_current(e, st->opts))
		{
			/* a document changed under it: never used again, freed by collect */
			e->retired = true;
			continue;
		}
		stats.contexts_reused++;
		return e->ctx;
	}
	return NULL;
}

void
jld_remote_cache_add_context(const char *iri, const char *base, unsigned flags,
                             const jld_context *processed, const jld_deps *deps)
{
	oslo_persist *p;
	jld_arena *a;
	context_entry *e;

	if (ncontexts == MAX_CONTEXTS || deps->uncacheable || processed->previous)
		return;
	p = oslo_persist_begin();
	a = jld_arena_new();
	e = jld_arena_alloc(a, sizeof(context_entry));
	e->iri = jld_arena_strdup(a, iri);
	e->base = base ? jld_arena_strdup(a, base) : NULL;
	e->flags = flags;
	e->ndeps = deps->count;
	e->deps = jld_arena_alloc(a, sizeof(jld_cached_doc *) * (deps->count ? deps->count : 1));
	jld_copy_bytes(e->deps, deps->docs, sizeof(jld_cached_doc *) * deps->count);
	e->ctx = jld_context_clone(a, processed);
	e->token = oslo_persist_commit(p);
	contexts[ncontexts++] = e;
}

void
jld_deps_add(jld_state *st, jld_deps *deps, const jld_cached_doc *doc)
{
	if (!doc)
	{
		deps->uncacheable = true;
		return;
	}
	for (size_t i = 0; i < deps->count; i++)
		if (deps->docs[i] == doc)
			return;
	if (deps->count == deps->cap)
	{
		size_t cap = deps->cap ? deps->cap * 2 : 4;
		const jld_cached_doc **docs = jld_arena_alloc(st->a, sizeof(*docs) * cap);

		jld_copy_bytes(docs, deps->docs, sizeof(*docs) * deps->count);
		deps->docs = docs;
		deps->cap = cap;
	}
	deps->docs[deps->count++] = doc;
}

void
jld_remote_cache_invalidate(void)
{
	for (size_t i = 0; i < ndocuments; i++)
		documents[i]->retired = true;
	for (size_t i = 0; i < ncontexts; i++)
		contexts[i]->retired = true;
}

void
jld_remote_cache_collect(void)
{
	size_t kept = 0;

	/* contexts first: a live context only points at live documents */
	for (size_t i = 0; i < ncontexts; i++)
	{
		if (contexts[i]->retired)
			oslo_persist_drop(contexts[i]->token);
		else
			contexts[kept++] = contexts[i];
	}
	ncontexts = kept;
	kept = 0;
	for (size_t i = 0; i < ndocuments; i++)
	{
		if (documents[i]->retired)
			oslo_persist_drop(documents[i]->token);
		else
			documents[kept++] = documents[i];
	}
	ndocuments = kept;
}

void
jld_remote_cache_get_stats(jld_remote_cache_stats *out)
{
	*out = stats;
	out->documents = ndocuments;
	out->contexts = ncontexts;
}
