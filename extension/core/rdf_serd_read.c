/*
 * rdf_serd_read.c
 *	  N-Triples, N-Quads, Turtle and TriG parsing through libserd.
 *
 * serd reports syntax errors through an error sink; we keep the first one
 * and raise it after serd has returned. Errors found in our callbacks (bad
 * IRIs, undefined prefixes, out of memory, query cancel) are raised right
 * away: serd holds no locks, and everything it allocated (reader, env, an
 * expanded node) sits in one malloc'd block that a guard frees on unwind.
 *
 * serd reads through a one-byte page source so that we always know how far
 * it got: that is the line we report for errors raised from callbacks.
 *
 * Blank nodes: every label of the document (and every anonymous node, which
 * serd labels itself) maps to a fresh blank node of the target graph through
 * a per-parse table, so parsing twice into one graph never merges blanks.
 */
#include "rdf_syntax.h"

#include <serd/serd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* what serd allocated with malloc: freed by a guard if an error unwinds */
typedef struct serd_owned
{
	SerdReader *reader;
	SerdEnv *env;
	SerdNode expanded; /* an expanded IRI the sink is working on */
} serd_owned;

typedef struct blank_entry
{
	char *label;
	oslo_term_id id;
} blank_entry;

typedef struct parse_ctx
{
	oslo_graph *g;
	oslo_rdf_syntax syntax;
	const char *syntax_name;
	const char *text;
	size_t len;
	size_t pos; /* bytes serd has consumed */
	serd_owned *owned;
	char *base;          /* current base IRI (host memory), or NULL */
	oslo_buf resolved;   /* scratch for resolved IRIs */
	blank_entry *blanks; /* open addressing, power-of-two size */
	uint32_t blanks_cap;
	uint32_t blanks_used;
	uint64_t nstatements;
	bool has_error;
	unsigned err_line;
	unsigned err_col;
	char err_msg[512];
} parse_ctx;

static const char *
syntax_name(oslo_rdf_syntax syntax)
{
	switch (syntax)
	{
		case OSLO_SYNTAX_NTRIPLES:
			return "N-Triples";
		case OSLO_SYNTAX_NQUADS:
			return "N-Quads";
		case OSLO_SYNTAX_TURTLE:
			return "Turtle";
		case OSLO_SYNTAX_TRIG:
			return "TriG";
	}
	oslo_error(OSLO_ERR_PARAMETER, "unknown RDF syntax %d", (int)syntax);
}

static void
release_owned(void *resource)
{
	serd_owned *o = resource;

	serd_node_free(&o->expanded);
	if (o->reader)
	{
		/* closes the byte source if serd was unwound mid-document */
		serd_reader_end_stream(o->reader);
		serd_reader_free(o->reader);
	}
	serd_env_free(o->env);
	free(o);
}

/* line (1-based) and column (1-based, in characters) of byte offset pos */
static void
text_position(const char *text, size_t pos, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;

	for (size_t i = 0; i < pos; i++)
	{
		if (text[i] == '\n')
		{
			l++;
			c = 1;
		}
		else if (((unsigned char)text[i] & 0xC0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

/* raise an error found in a callback, at the position serd has reached */
static void callback_error(parse_ctx *c, const char *fmt, ...) OSLO_NORETURN OSLO_PRINTF(2, 3);

static void
callback_error(parse_ctx *c, const char *fmt, ...)
{
	char msg[1024];
	unsigned line, col;
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	text_position(c->text, c->pos > 0 ? c->pos - 1 : 0, &line, &col);
	oslo_error(OSLO_ERR_SYNTAX, "invalid %s at line %u: %s", c->syntax_name, line, msg);
}

/*
 * serd stops at a NUL byte and trusts its input to be UTF-8: check both up
 * front so the error can say exactly where.
 */
static void
check_input_bytes(const char *text, size_t len, const char *name)
{
	size_t pos = 0;
	unsigned line, col;

	if (oslo_utf8_valid(text, len))
		return;
	while (pos < len)
	{
		size_t n = 0;

		if (text[pos] == '\0')
		{
			text_position(text, pos, &line, &col);
			oslo_error(OSLO_ERR_SYNTAX, "invalid %s at line %u, column %u: embedded NUL byte", name,
			           line, col);
		}
		for (size_t k = 1; k <= 4 && pos + k <= len; k++)
		{
			if (oslo_utf8_valid(text + pos, k))
			{
				n = k;
				break;
			}
		}
		if (n == 0)
		{
			text_position(text, pos, &line, &col);
			oslo_error(OSLO_ERR_SYNTAX,
			           "invalid %s at line %u, column %u: invalid UTF-8 byte sequence starting "
			           "with 0x%02X",
			           name, line, col, (unsigned char)text[pos]);
		}
		pos += n;
	}
}

static bool
has_label_like(const char *text, size_t len, char first)
{
	for (size_t i = 0; i + 3 < len; i++)
		if (text[i] == '_' && text[i + 1] == ':' && text[i + 2] == first && text[i + 3] >= '0' &&
		    text[i + 3] <= '9')
			return true;
	return false;
}

/*
 * N-Triples and N-Quads hold one statement per line; serd also takes
 * Turtle's ';' and ',' abbreviations there, and bare words such as Turtle's
 * 'a'. Outside IRIs, strings, comments, blank node labels and language tags
 * none of these can occur in a valid document, so finding one is the error.
 */
static void OSLO_NORETURN
not_ntriples(const char *text, size_t pos, const char *name, const char *what)
{
	unsigned line, col;

	text_position(text, pos, &line, &col);
	oslo_error(OSLO_ERR_SYNTAX, "invalid %s at line %u, column %u: %s", name, line, col, what);
}

static void
check_no_abbreviations(const char *text, size_t len, const char *name)
{
	enum
	{
		OUTSIDE,
		IN_IRI,
		IN_STRING,
		IN_COMMENT,
		IN_LABEL_OR_TAG /* _:label or @lang: letters allowed */
	} state = OUTSIDE;

	for (size_t i = 0; i < len; i++)
	{
		char ch = text[i];

		switch (state)
		{
			case OUTSIDE:
				if (ch == '<')
					state = IN_IRI;
				else if (ch == '"')
					state = IN_STRING;
				else if (ch == '#')
					state = IN_COMMENT;
				else if (ch == '@' || (ch == '_' && i + 1 < len && text[i + 1] == ':'))
					state = IN_LABEL_OR_TAG;
				else if (ch == ';' || ch == ',')
					not_ntriples(
					    text, i, name,
					    ch == ';' ? "';' abbreviates statements in Turtle; one statement per line"
					              : "',' abbreviates statements in Turtle; one statement per line");
				else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
				         (ch >= '0' && ch <= '9'))
					not_ntriples(text, i, name,
					             "a bare word (Turtle's 'a', a prefixed name or a number) where a "
					             "term in <>, \"\" or _: is expected");
				break;
			case IN_LABEL_OR_TAG:
				if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
					state = OUTSIDE;
				else if (ch == '<')
					state = IN_IRI;
				else if (ch == '"')
					state = IN_STRING;
				else if (ch == '#')
					state = IN_COMMENT;
				break;
			case IN_IRI:
				if (ch == '>' || ch == '\n')
					state = OUTSIDE;
				break;
			case IN_STRING:
				if (ch == '\\' && i + 1 < len)
					i++;
				else if (ch == '"' || ch == '\n')
					state = OUTSIDE;
				break;
			case IN_COMMENT:
				if (ch == '\n' || ch == '\r')
					state = OUTSIDE;
				break;
		}
	}
}

/*
 * serd 0.30 renames document labels _:b1 to _:B1 to keep them apart from the
 * ones it generates, so _:B1 and _:b1 in one document would silently become
 * one node (or fail, depending on their order). Refuse such documents.
 */
static void
check_blank_label_clash(const char *text, size_t len, const char *name)
{
	if (has_label_like(text, len, 'B') && has_label_like(text, len, 'b'))
		oslo_error(OSLO_ERR_UNSUPPORTED,
		           "%s documents using both _:b<digit>... and _:B<digit>... blank node labels "
		           "are not supported (the serd reader cannot keep them apart)",
		           name);
}

static size_t
read_source(void *buf, size_t size, size_t nmemb, void *stream)
{
	parse_ctx *c = stream;
	size_t want = size * nmemb;
	size_t n = c->len - c->pos < want ? c->len - c->pos : want;

	memcpy(buf, c->text + c->pos, n);
	c->pos += n;
	return size ? n / size : 0;
}

static int
source_error(void *stream)
{
	return 0;
}

static SerdStatus
on_error(void *handle, const SerdError *e)
{
	parse_ctx *c = handle;
	size_t n;

	if (c->has_error)
		return SERD_SUCCESS;
	c->has_error = true;
	c->err_line = e->line;
	c->err_col = e->col;
	vsnprintf(c->err_msg, sizeof(c->err_msg), e->fmt, *e->args);
	n = strlen(c->err_msg);
	while (n > 0 && (c->err_msg[n - 1] == '\n' || c->err_msg[n - 1] == ' '))
		c->err_msg[--n] = '\0';
	return SERD_SUCCESS;
}

static void check_iri(parse_ctx *c, const char *iri, size_t len);

/* an IRI reference as an absolute IRI; relative ones resolve against the base */
static const char *
absolute_iri(parse_ctx *c, const SerdNode *node, size_t *len)
{
	const char *ref = (const char *)node->buf;

	if (oslo_iri_is_absolute(ref))
	{
		*len = node->n_bytes;
		check_iri(c, ref, node->n_bytes);
		return ref;
	}
	if (c->syntax == OSLO_SYNTAX_NTRIPLES || c->syntax == OSLO_SYNTAX_NQUADS)
		callback_error(c, "relative IRI <%.200s> (%s needs absolute IRIs)", ref, c->syntax_name);
	if (c->base == NULL)
		callback_error(c, "relative IRI <%.200s> and no base IRI to resolve it against", ref);
	oslo_buf_reset(&c->resolved);
	oslo_iri_resolve(c->base, ref, &c->resolved);
	*len = c->resolved.len;
	check_iri(c, c->resolved.data, c->resolved.len);
	return c->resolved.data;
}

static SerdStatus
on_base(void *handle, const SerdNode *uri)
{
	parse_ctx *c = handle;
	size_t len;
	char *base = oslo_strdup(absolute_iri(c, uri, &len));

	if (c->base)
		oslo_free(c->base);
	c->base = base;
	return SERD_SUCCESS;
}

static SerdStatus
on_prefix(void *handle, const SerdNode *name, const SerdNode *uri)
{
	parse_ctx *c = handle;
	size_t len;
	const char *iri = absolute_iri(c, uri, &len);
	SerdNode node = serd_node_from_substring(SERD_URI, (const uint8_t *)iri, len);

	if (serd_env_set_prefix(c->owned->env, name, &node) != SERD_SUCCESS)
		callback_error(c, "bad IRI <%s> for prefix \"%s:\"", iri, (const char *)name->buf);
	return SERD_SUCCESS;
}

/* RDF 1.1 IRIREF excludes these even when written as \u escapes */
static void
check_iri(parse_ctx *c, const char *iri, size_t len)
{
	if (!oslo_utf8_valid(iri, len))
		callback_error(c, "IRI <%.200s> is not valid UTF-8 (or contains U+0000)", iri);
	for (size_t i = 0; i < len; i++)
	{
		unsigned char ch = (unsigned char)iri[i];

		if (ch <= 0x20 || strchr("<>\"{}|^`\\", ch))
			callback_error(c, "IRI <%.200s> contains a character not allowed in IRIs (U+%04X)", iri,
			               ch);
	}
	if (!oslo_iri_is_absolute(iri))
		callback_error(c, "IRI <%.200s> is not absolute", iri);
}

/*
 * The absolute IRI of a URI or CURIE node. A returned pointer into
 * owned->expanded stays valid until the next call or drop_expanded().
 */
static const char *
expand_iri(parse_ctx *c, const SerdNode *node, size_t *len)
{
	serd_owned *o = c->owned;

	serd_node_free(&o->expanded);
	o->expanded = SERD_NODE_NULL;
	if (node->type == SERD_URI)
		return absolute_iri(c, node, len);
	o->expanded = serd_env_expand_node(o->env, node);
	if (o->expanded.buf == NULL)
	{
		const char *colon = strchr((const char *)node->buf, ':');
		int plen = colon ? (int)(colon - (const char *)node->buf) : 0;

		callback_error(c, "undefined prefix \"%.*s:\" in %.200s", plen, (const char *)node->buf,
		               (const char *)node->buf);
	}
	*len = o->expanded.n_bytes;
	check_iri(c, (const char *)o->expanded.buf, o->expanded.n_bytes);
	return (const char *)o->expanded.buf;
}

static void
drop_expanded(parse_ctx *c)
{
	serd_node_free(&c->owned->expanded);
	c->owned->expanded = SERD_NODE_NULL;
}

static void
blank_map_grow(parse_ctx *c)
{
	blank_entry *old = c->blanks;
	uint32_t old_cap = c->blanks_cap;

	c->blanks_cap = old_cap ? old_cap * 2 : 64;
	c->blanks = oslo_alloc0(sizeof(blank_entry) * c->blanks_cap);
	for (uint32_t i = 0; i < old_cap; i++)
	{
		if (old[i].label)
		{
			uint32_t mask = c->blanks_cap - 1;
			uint32_t k = oslo_hash_bytes(OSLO_HASH_SEED, old[i].label, strlen(old[i].label)) & mask;

			while (c->blanks[k].label)
				k = (k + 1) & mask;
			c->blanks[k] = old[i];
		}
	}
	if (old)
		oslo_free(old);
}

/* the fresh blank node of g standing for a document label */
static oslo_term_id
blank_term(parse_ctx *c, const char *label, size_t len)
{
	uint32_t mask, k;

	if ((c->blanks_used + 1) * 2 > c->blanks_cap)
		blank_map_grow(c);
	mask = c->blanks_cap - 1;
	k = oslo_hash_bytes(OSLO_HASH_SEED, label, len) & mask;
	while (c->blanks[k].label)
	{
		if (strncmp(c->blanks[k].label, label, len) == 0 && c->blanks[k].label[len] == '\0')
			return c->blanks[k].id;
		k = (k + 1) & mask;
	}
	c->blanks[k].id = oslo_graph_fresh_blank(c->g);
	c->blanks[k].label = oslo_strndup(label, len);
	c->blanks_used++;
	return c->blanks[k].id;
}

/* subject, predicate or graph name */
static oslo_term_id
resource_term(parse_ctx *c, const SerdNode *node, const char *role)
{
	switch (node->type)
	{
		case SERD_URI:
		case SERD_CURIE:
		{
			size_t len;
			const char *iri = expand_iri(c, node, &len);
			oslo_term_id id = oslo_graph_iri(c->g, iri, len);

			drop_expanded(c);
			return id;
		}
		case SERD_BLANK:
			return blank_term(c, (const char *)node->buf, node->n_bytes);
		default:
			callback_error(c, "a literal cannot be a %s (\"%.200s\")", role,
			               (const char *)node->buf);
	}
}

static oslo_term_id
literal_term(parse_ctx *c, const SerdNode *o, const SerdNode *datatype, const SerdNode *lang)
{
	const char *lex = (const char *)o->buf;
	oslo_term_id id;

	if (!oslo_utf8_valid(lex, o->n_bytes))
	{
		if (memchr(lex, '\0', o->n_bytes))
			callback_error(c, "a literal contains U+0000 (\\u0000), which is not supported");
		callback_error(c, "literal \"%.200s\" is not valid UTF-8 (escaped surrogate?)", lex);
	}
	if (lang && lang->buf)
		return oslo_graph_literal(c->g, lex, o->n_bytes, NULL, (const char *)lang->buf);
	if (datatype && datatype->buf)
	{
		size_t len;
		const char *dt = expand_iri(c, datatype, &len);

		if (strcmp(dt, OSLO_RDF_LANGSTRING) == 0)
			callback_error(c, "literal \"%.200s\" has datatype rdf:langString but no language tag",
			               lex);
		id = oslo_graph_literal(c->g, lex, o->n_bytes, dt, NULL);
		drop_expanded(c);
		return id;
	}
	return oslo_graph_literal(c->g, lex, o->n_bytes, NULL, NULL);
}

static SerdStatus
on_statement(void *handle, SerdStatementFlags flags, const SerdNode *graph, const SerdNode *subject,
             const SerdNode *predicate, const SerdNode *object, const SerdNode *datatype,
             const SerdNode *lang)
{
	parse_ctx *c = handle;
	oslo_term_id s, p, o, gid = 0;

	if ((++c->nstatements & 4095) == 0)
		oslo_check_interrupts();
	s = resource_term(c, subject, "subject");
	if (predicate->type == SERD_BLANK)
		callback_error(c, "a blank node cannot be a predicate (_:%.200s)",
		               (const char *)predicate->buf);
	p = resource_term(c, predicate, "predicate");
	if (object->type == SERD_LITERAL)
		o = literal_term(c, object, datatype, lang);
	else
		o = resource_term(c, object, "object");
	if (graph && graph->buf)
		gid = resource_term(c, graph, "graph name");
	oslo_graph_add(c->g, s, p, o, gid);
	return SERD_SUCCESS;
}

static SerdSyntax
serd_syntax(oslo_rdf_syntax syntax)
{
	switch (syntax)
	{
		case OSLO_SYNTAX_NTRIPLES:
			return SERD_NTRIPLES;
		case OSLO_SYNTAX_NQUADS:
			return SERD_NQUADS;
		case OSLO_SYNTAX_TURTLE:
			return SERD_TURTLE;
		case OSLO_SYNTAX_TRIG:
			return SERD_TRIG;
	}
	return SERD_NTRIPLES;
}

void
oslo_rdf_parse(oslo_graph *g, const char *text, size_t len, oslo_rdf_syntax syntax,
               const char *base_iri)
{
	parse_ctx c;
	oslo_guard *guard;
	SerdStatus st;

	memset(&c, 0, sizeof(c));
	c.g = g;
	c.syntax = syntax;
	c.syntax_name = syntax_name(syntax);
	c.text = text;
	c.len = len;
	check_input_bytes(text, len, c.syntax_name);
	if (syntax == OSLO_SYNTAX_TURTLE || syntax == OSLO_SYNTAX_TRIG)
		check_blank_label_clash(text, len, c.syntax_name);
	else
		check_no_abbreviations(text, len, c.syntax_name);
	if (base_iri && !oslo_iri_is_absolute(base_iri))
		oslo_error(OSLO_ERR_PARAMETER, "base IRI \"%s\" is not an absolute IRI", base_iri);
	c.base = base_iri ? oslo_strdup(base_iri) : NULL;
	oslo_buf_init(&c.resolved);

	/* guard first, so that nothing serd allocates is ever unprotected */
	guard = oslo_guard_new(release_owned, NULL);
	c.owned = calloc(1, sizeof(serd_owned));
	if (c.owned == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory allocating an RDF reader");
	guard->resource = c.owned;
	/* only for prefixes: we resolve relative IRIs ourselves (rdf_iri.c) */
	c.owned->env = serd_env_new(NULL);
	c.owned->reader =
	    serd_reader_new(serd_syntax(syntax), &c, NULL, on_base, on_prefix, on_statement, NULL);
	if (c.owned->env == NULL || c.owned->reader == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory allocating an RDF reader");
	serd_reader_set_strict(c.owned->reader, true);
	serd_reader_set_error_sink(c.owned->reader, on_error, &c);

	st = serd_reader_read_source(c.owned->reader, read_source, source_error, &c,
	                             (const uint8_t *)"input", 1);
	oslo_guard_release(guard);

	if (c.has_error)
		oslo_error(OSLO_ERR_SYNTAX, "invalid %s at line %u, column %u: %s", c.syntax_name,
		           c.err_line, c.err_col, c.err_msg);
	if (st != SERD_SUCCESS && st != SERD_FAILURE)
	{
		unsigned line, col;

		text_position(text, c.pos, &line, &col);
		oslo_error(OSLO_ERR_SYNTAX, "invalid %s at line %u, column %u: %s", c.syntax_name, line,
		           col, (const char *)serd_strerror(st));
	}
	for (uint32_t i = 0; i < c.blanks_cap; i++)
		if (c.blanks[i].label)
			oslo_free(c.blanks[i].label);
	if (c.blanks)
		oslo_free(c.blanks);
	if (c.base)
		oslo_free(c.base);
	oslo_buf_free(&c.resolved);
}
