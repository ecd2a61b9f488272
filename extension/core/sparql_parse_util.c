/*
 * sparql_parse_util.c
 *	  What every part of the SPARQL parser uses: tokens, error reports with
 *	  line:column, variables, constants and IRIs (prefixed names, BASE).
 */
#include "sparql_internal.h"
#include "rdf_syntax.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *
sq_token_desc(const sq_parser *p, const sq_token *t)
{
	static char buf[96];

	(void)p;
	switch (t->kind)
	{
		case SQ_T_EOF:
			return "end of query";
		case SQ_T_IRI:
			return "IRI";
		case SQ_T_PNAME:
			return "prefixed name";
		case SQ_T_BLANK:
			return "blank node";
		case SQ_T_VAR:
			return "variable";
		case SQ_T_LANG:
			return "language tag";
		case SQ_T_INT:
		case SQ_T_DEC:
		case SQ_T_DOUBLE:
			return "number";
		case SQ_T_STRING:
			return "string";
		case SQ_T_WORD:
		case SQ_T_PUNCT:
			snprintf(buf, sizeof(buf), "'%.60s'", t->text);
			return buf;
	}
	return "token";
}

void
sq_syntax_error(const sq_parser *p, const sq_token *t, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	oslo_error(OSLO_ERR_SYNTAX, "invalid SPARQL in %s at line %d, column %d: %s", p->q->what,
	           t->line, t->col, msg);
}

void
sq_unsupported(const sq_parser *p, const sq_token *t, const char *construct)
{
	oslo_error(OSLO_ERR_UNSUPPORTED,
	           "%s at line %d, column %d: %s is not supported in the SPARQL CONSTRUCT subset",
	           p->q->what, t->line, t->col, construct);
}

void
sq_next(sq_parser *p)
{
	sq_lex_next(&p->lx, &p->tok);
}

bool
sq_is_punct(const sq_parser *p, const char *s)
{
	return p->tok.kind == SQ_T_PUNCT && strcmp(p->tok.text, s) == 0;
}

bool
sq_is_word(const sq_parser *p, const char *w)
{
	return p->tok.kind == SQ_T_WORD && strcasecmp(p->tok.text, w) == 0;
}

void
sq_expect_punct(sq_parser *p, const char *s)
{
	if (!sq_is_punct(p, s))
		sq_syntax_error(p, &p->tok, "'%s' expected, found %s", s, sq_token_desc(p, &p->tok));
	sq_next(p);
}

/*
 * Variables and constants are found again by name through a hash table
 * (open addressing, indexes + 1), so that long queries parse in linear time.
 */
static uint32_t
lookup(sq_parser *p, sq_index *ix, uint32_t h, bool (*same)(sq_parser *, uint32_t, const void *),
       const void *key, uint32_t *slot)
{
	uint32_t mask, i;

	if (ix->cap == 0 || (ix->used + 1) * 2 > ix->cap)
	{
		/* grow: rehash the entries by their stored hashes */
		uint32_t cap = ix->cap ? ix->cap * 2 : 64;
		uint32_t *slots = sq_alloc(&p->q->arena, (size_t)cap * sizeof(uint32_t));
		uint32_t *hashes = sq_alloc(&p->q->arena, (size_t)cap * sizeof(uint32_t));

		for (uint32_t k = 0; k < ix->cap; k++)
			if (ix->slots[k])
			{
				uint32_t j = ix->hashes[k] & (cap - 1);

				while (slots[j])
					j = (j + 1) & (cap - 1);
				slots[j] = ix->slots[k];
				hashes[j] = ix->hashes[k];
			}
		ix->slots = slots;
		ix->hashes = hashes;
		ix->cap = cap;
	}
	mask = ix->cap - 1;
	for (i = h & mask; ix->slots[i]; i = (i + 1) & mask)
		if (ix->hashes[i] == h && same(p, ix->slots[i] - 1, key))
			return ix->slots[i] - 1;
	*slot = i;
	return UINT32_MAX;
}

static bool
same_var(sq_parser *p, uint32_t v, const void *key)
{
	return strcmp(p->q->vars[v], key) == 0;
}

uint32_t
sq_var(sq_parser *p, const char *name)
{
	oslo_construct *q = p->q;
	uint32_t h = oslo_hash_bytes(OSLO_HASH_SEED, name, strlen(name)), slot;
	uint32_t found = lookup(p, &p->var_index, h, same_var, name, &slot);

	if (found != UINT32_MAX)
		return found;
	sq_grow(&q->arena, (void **)&q->vars, &q->vcap, q->nvars, sizeof(char *));
	q->vars[q->nvars] = sq_strndup(&q->arena, name, strlen(name));
	p->var_index.slots[slot] = (uint32_t)q->nvars + 1;
	p->var_index.hashes[slot] = h;
	p->var_index.used++;
	return (uint32_t)q->nvars++;
}

static bool
same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool
same_const(sq_parser *p, uint32_t i, const void *key)
{
	const sq_const *c = &p->q->consts[i], *k = key;

	return c->kind == k->kind && c->len == k->len && memcmp(c->value, k->value, k->len) == 0 &&
	       same_str(c->datatype, k->datatype) && same_str(c->lang, k->lang);
}

uint32_t
sq_const_add(sq_parser *p, oslo_term_kind kind, const char *value, size_t len, const char *datatype,
             const char *lang)
{
	oslo_construct *q = p->q;
	sq_const key, *c;
	char lower[64];
	uint32_t h, slot, found;

	if (lang)
	{
		/* language tags compare case-insensitively: keep them lower-cased */
		size_t n = strlen(lang);
		char *l = n < sizeof(lower) ? lower : sq_alloc(&q->arena, n + 1);

		for (size_t i = 0; i <= n; i++)
			l[i] = (char)(lang[i] >= 'A' && lang[i] <= 'Z' ? lang[i] + 32 : lang[i]);
		lang = l;
	}
	key.kind = kind;
	key.value = value;
	key.len = len;
	key.datatype = datatype;
	key.lang = lang;
	h = oslo_hash_bytes(OSLO_HASH_SEED + (uint32_t)kind, value, len);
	if (datatype)
		h = oslo_hash_bytes(h, datatype, strlen(datatype));
	if (lang)
		h = oslo_hash_bytes(h ^ 0x9e3779b9u, lang, strlen(lang));
	found = lookup(p, &p->const_index, h, same_const, &key, &slot);
	if (found != UINT32_MAX)
		return found;
	sq_grow(&q->arena, (void **)&q->consts, &q->ccap, q->nconsts, sizeof(sq_const));
	c = &q->consts[q->nconsts];
	c->kind = kind;
	c->value = sq_strndup(&q->arena, value, len);
	c->len = len;
	c->datatype = datatype ? sq_strndup(&q->arena, datatype, strlen(datatype)) : NULL;
	c->lang = lang ? sq_strndup(&q->arena, lang, strlen(lang)) : NULL;
	p->const_index.slots[slot] = (uint32_t)q->nconsts + 1;
	p->const_index.hashes[slot] = h;
	p->const_index.used++;
	return (uint32_t)q->nconsts++;
}

const char *
sq_resolve_iri(sq_parser *p, const sq_token *t, const char *iri)
{
	oslo_buf b;
	const char *r;

	if (oslo_iri_is_absolute(iri))
		return iri;
	if (p->q->base == NULL)
		sq_syntax_error(p, t, "relative IRI <%.200s> without BASE", iri);
	oslo_buf_init(&b);
	oslo_iri_resolve(p->q->base, iri, &b);
	r = sq_strndup(&p->q->arena, b.data, b.len);
	oslo_buf_free(&b);
	return r;
}

const char *
sq_iri_of(sq_parser *p, const sq_token *t)
{
	if (t->kind == SQ_T_IRI)
		return sq_resolve_iri(p, t, t->text);
	if (t->kind == SQ_T_PNAME)
	{
		for (int i = p->nprefixes - 1; i >= 0; i--)
			if (strcmp(p->prefixes[i].name, t->text) == 0)
			{
				size_t a = strlen(p->prefixes[i].iri), b = strlen(t->text2);
				char *s = sq_alloc(&p->q->arena, a + b + 1);

				memcpy(s, p->prefixes[i].iri, a);
				memcpy(s + a, t->text2, b + 1);
				return s;
			}
		sq_syntax_error(p, t, "undeclared prefix '%s:'", t->text);
	}
	sq_syntax_error(p, t, "IRI expected, found %s", sq_token_desc(p, t));
}
