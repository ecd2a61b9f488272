/*
 * jsonld_context.c
 *	  Parse a JSON-LD context (the subset OSLO contexts use) into host memory.
 *
 * Follows the JSON-LD 1.1 Context Processing and Create Term Definition
 * algorithms for local contexts: terms may refer to each other in any order
 * ("foaf:name" before "foaf"), so each term is defined on first use with
 * cycle detection. Features whose output would need a full processor
 * (@list, maps, @reverse, scoped contexts) are refused by name.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "jsonld_writer.h"

#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

/* json-c's own limit is 32; contexts are shallow */
#define CONTEXT_MAX_DEPTH 64

enum
{
	UNDEFINED,
	DEFINING,
	DEFINED
};

typedef struct builder
{
	oslo_jsonld_term *terms; /* the active context's terms, unsorted */
	size_t nterms;
	size_t cap;
	char *vocab;
	char *base;
	char *language;
	/* the local context being processed */
	json_object *local;
	const char **keys;
	int *state;
	size_t nkeys;
} builder;

static void
release_json(void *obj)
{
	json_object_put((json_object *)obj);
}

static void
release_tokener(void *tok)
{
	json_tokener_free((json_tokener *)tok);
}

static bool
is_keyword(const char *s)
{
	static const char *const keywords[] = {
	    "@base",     "@container", "@context",   "@default",   "@direction",  "@embed",
	    "@explicit", "@graph",     "@id",        "@import",    "@included",   "@index",
	    "@json",     "@language",  "@list",      "@nest",      "@none",       "@omitDefault",
	    "@prefix",   "@preserve",  "@propagate", "@protected", "@requireAll", "@reverse",
	    "@set",      "@type",      "@value",     "@version",   "@vocab",      NULL};

	for (int i = 0; keywords[i]; i++)
		if (strcmp(s, keywords[i]) == 0)
			return true;
	return false;
}

/* "@" followed by letters only: reserved for future keywords */
static bool
has_keyword_form(const char *s)
{
	if (s[0] != '@' || s[1] == '\0')
		return false;
	for (const char *p = s + 1; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			return false;
	return true;
}

/* scheme ":" ... (RFC 3986) or a blank node identifier */
static bool
is_absolute_iri(const char *s)
{
	const char *p = s;

	if (s[0] == '_' && s[1] == ':')
		return true;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	for (p++; *p && *p != ':'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '+' || *p == '-' || *p == '.'))
			return false;
	if (*p != ':')
		return false;
	for (p++; *p; p++)
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			return false;
	return true;
}

static char *
concat(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *r = oslo_alloc(la + lb + 1);

	memcpy(r, a, la);
	memcpy(r + la, b, lb + 1);
	return r;
}

static char *
lower_dup(const char *s)
{
	char *r = oslo_strdup(s);

	for (char *p = r; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return r;
}

/*
 * Resolve a relative reference against base (RFC 3986 section 5.2, without
 * dot-segment removal: context IRIs such as "/ns/" or "" do not use them).
 */
static char *
resolve_iri(const char *base, const char *ref)
{
	const char *scheme_end = strchr(base, ':');
	const char *auth_end;
	const char *last_slash;
	size_t keep;
	char *r;

	if (is_absolute_iri(ref))
		return oslo_strdup(ref);
	if (ref[0] == '\0')
	{
		const char *hash = strchr(base, '#');

		return oslo_strndup(base, hash ? (size_t)(hash - base) : strlen(base));
	}
	if (ref[0] == '/' && ref[1] == '/')
		keep = (size_t)(scheme_end - base) + 1;
	else
	{
		auth_end = scheme_end + 1;
		if (auth_end[0] == '/' && auth_end[1] == '/')
		{
			auth_end += 2;
			while (*auth_end && *auth_end != '/' && *auth_end != '?' && *auth_end != '#')
				auth_end++;
		}
		if (ref[0] == '/')
			keep = (size_t)(auth_end - base);
		else if (ref[0] == '#' || ref[0] == '?')
		{
			keep = strcspn(base, ref[0] == '#' ? "#" : "?#");
		}
		else
		{
			size_t path_len = strcspn(auth_end, "?#");

			last_slash = NULL;
			for (const char *p = auth_end; p < auth_end + path_len; p++)
				if (*p == '/')
					last_slash = p;
			keep = last_slash ? (size_t)(last_slash - base) + 1 : (size_t)(auth_end - base);
			if (!last_slash && auth_end != scheme_end + 1)
			{
				/* authority without path: the merged path starts with "/" */
				r = oslo_psprintf("%.*s/%s", (int)keep, base, ref);
				return r;
			}
		}
	}
	r = oslo_alloc(keep + strlen(ref) + 1);
	memcpy(r, base, keep);
	strcpy(r + keep, ref);
	return r;
}

static oslo_jsonld_term *
find_term(builder *b, const char *name)
{
	for (size_t i = 0; i < b->nterms; i++)
		if (strcmp(b->terms[i].name, name) == 0)
			return &b->terms[i];
	return NULL;
}

static long
local_key(builder *b, const char *name)
{
	for (size_t i = 0; i < b->nkeys; i++)
		if (strcmp(b->keys[i], name) == 0)
			return (long)i;
	return -1;
}

static void define_term(builder *b, size_t key);

/*
 * IRI expansion while processing a local context: terms of the local
 * context are defined first when value names one.
 */
static char *
expand_iri(builder *b, const char *value, bool vocab, bool document_relative)
{
	long k;
	const char *colon;
	oslo_jsonld_term *t;

	if (is_keyword(value))
		return oslo_strdup(value);
	if ((k = local_key(b, value)) >= 0)
		define_term(b, (size_t)k);
	if (vocab && (t = find_term(b, value)) != NULL)
		return t->iri ? oslo_strdup(t->iri) : NULL;
	colon = strchr(value, ':');
	if (colon && colon != value)
	{
		char *prefix = oslo_strndup(value, (size_t)(colon - value));
		const char *suffix = colon + 1;

		if (strcmp(prefix, "_") == 0 || strncmp(suffix, "//", 2) == 0)
		{
			oslo_free(prefix);
			return oslo_strdup(value);
		}
		if ((k = local_key(b, prefix)) >= 0)
			define_term(b, (size_t)k);
		t = find_term(b, prefix);
		oslo_free(prefix);
		if (t && t->iri && t->prefix)
			return concat(t->iri, suffix);
		if (is_absolute_iri(value))
			return oslo_strdup(value);
	}
	if (vocab && b->vocab)
		return concat(b->vocab, value);
	if (document_relative && b->base)
		return resolve_iri(b->base, value);
	return oslo_strdup(value);
}

static void
free_term_strings(oslo_jsonld_term *t)
{
	oslo_free(t->name);
	if (t->iri)
		oslo_free(t->iri);
	if (t->type)
		oslo_free(t->type);
	if (t->language)
		oslo_free(t->language);
	memset(t, 0, sizeof(*t));
}

/* the index of a fresh definition of name (a later context replaces a term) */
static size_t
new_term(builder *b, const char *name)
{
	oslo_jsonld_term *t = find_term(b, name);

	if (t == NULL)
	{
		if (b->nterms == b->cap)
		{
			b->cap = b->cap ? b->cap * 2 : 32;
			b->terms = oslo_realloc(b->terms, b->cap * sizeof(oslo_jsonld_term));
		}
		t = &b->terms[b->nterms++];
		memset(t, 0, sizeof(*t));
	}
	else
		free_term_strings(t);
	t->name = oslo_strdup(name);
	return (size_t)(t - b->terms);
}

static void
replace_string(char **slot, char *value)
{
	if (*slot)
		oslo_free(*slot);
	*slot = value;
}

static bool
ends_with_gen_delim(const char *iri)
{
	size_t n = strlen(iri);

	return n > 0 && strchr(":/?#[]@", iri[n - 1]) != NULL;
}

static void
check_container(const char *term, json_object *c)
{
	const char *bad = NULL;

	if (json_object_is_type(c, json_type_string))
	{
		if (strcmp(json_object_get_string(c), "@set") != 0)
			bad = json_object_get_string(c);
	}
	else if (json_object_is_type(c, json_type_array))
	{
		size_t n = json_object_array_length(c);

		for (size_t i = 0; i < n && !bad; i++)
		{
			json_object *e = json_object_array_get_idx(c, i);

			if (!json_object_is_type(e, json_type_string))
				bad = "a non-string value";
			else if (strcmp(json_object_get_string(e), "@set") != 0)
				bad = json_object_get_string(e);
		}
	}
	else
		bad = "a value that is not a string or array";
	if (bad)
		oslo_error_detail(
		    OSLO_ERR_PARAMETER, "The JSON-LD writer supports only \"@container\": \"@set\".",
		    "JSON-LD context term \"%s\": \"@container\" %s is not supported", term, bad);
}

/* the term's IRI when the definition has no usable "@id" */
static char *
implied_iri(builder *b, const char *term)
{
	char *iri;

	if (strchr(term, ':') != NULL && term[0] != ':')
	{
		iri = expand_iri(b, term, false, false);
		if (iri && is_absolute_iri(iri))
			return iri;
	}
	else if (b->vocab)
		return concat(b->vocab, term);
	oslo_error(OSLO_ERR_PARAMETER,
	           "JSON-LD context term \"%s\" has no \"@id\" and the context has no \"@vocab\"",
	           term);
}

/*
 * The definition functions address the term by index: defining a
 * dependency (expand_iri) may grow, and so move, the term array.
 */
#define TERM(b, ti) (&(b)->terms[(ti)])

static void
define_id(builder *b, size_t ti, const char *name, json_object *id, bool simple)
{
	const char *s;
	char *iri;

	if (id == NULL)
	{
		iri = implied_iri(b, name);
		TERM(b, ti)->iri = iri;
		return;
	}
	if (json_object_is_type(id, json_type_null))
		return; /* a null term: never used for output */
	if (!json_object_is_type(id, json_type_string))
		oslo_error(OSLO_ERR_PARAMETER,
		           "JSON-LD context term \"%s\": \"@id\" must be a string or null", name);
	s = json_object_get_string(id);
	if (is_keyword(s))
	{
		if (strcmp(s, "@context") == 0)
			oslo_error(OSLO_ERR_PARAMETER,
			           "JSON-LD context term \"%s\": \"@context\" cannot be aliased", name);
		TERM(b, ti)->iri = oslo_strdup(s);
		return;
	}
	if (has_keyword_form(s))
		oslo_error(OSLO_ERR_PARAMETER,
		           "JSON-LD context term \"%s\" maps to \"%s\", which is reserved for keywords",
		           name, s);
	iri = strcmp(s, name) == 0 ? implied_iri(b, name) : expand_iri(b, s, true, false);
	if (iri == NULL || !is_absolute_iri(iri))
		oslo_error(OSLO_ERR_PARAMETER,
		           "JSON-LD context term \"%s\": \"%s\" does not expand to an absolute IRI", name,
		           s);
	TERM(b, ti)->iri = iri;
	/* JSON-LD 1.1: only simple terms ending in a gen-delim act as prefixes */
	TERM(b, ti)->prefix = simple && strchr(name, ':') == NULL && ends_with_gen_delim(iri);
}

static void
define_type(builder *b, size_t ti, const char *name, json_object *type)
{
	const char *s;
	char *iri;

	if (!json_object_is_type(type, json_type_string))
		oslo_error(OSLO_ERR_PARAMETER, "JSON-LD context term \"%s\": \"@type\" must be a string",
		           name);
	s = json_object_get_string(type);
	if (strcmp(s, "@id") == 0 || strcmp(s, "@vocab") == 0)
	{
		TERM(b, ti)->type = oslo_strdup(s);
		return;
	}
	if (s[0] == '@')
		oslo_error_detail(OSLO_ERR_PARAMETER, "Use \"@id\", \"@vocab\" or a datatype IRI.",
		                  "JSON-LD context term \"%s\": \"@type\": \"%s\" is not supported", name,
		                  s);
	iri = expand_iri(b, s, true, false);
	if (iri == NULL || !is_absolute_iri(iri) || strncmp(iri, "_:", 2) == 0)
		oslo_error(
		    OSLO_ERR_PARAMETER,
		    "JSON-LD context term \"%s\": \"@type\" \"%s\" does not expand to an absolute IRI",
		    name, s);
	TERM(b, ti)->type = iri;
}

static void
check_definition_keys(const char *name, json_object *def)
{
	json_object_object_foreach(def, key, val)
	{
		if (strcmp(key, "@id") == 0 || strcmp(key, "@type") == 0 || strcmp(key, "@language") == 0 ||
		    strcmp(key, "@container") == 0 || strcmp(key, "@protected") == 0)
			continue;
		if (strcmp(key, "@prefix") == 0)
		{
			if (!json_object_is_type(val, json_type_boolean) || strchr(name, ':') ||
			    strchr(name, '/'))
				oslo_error(OSLO_ERR_PARAMETER, "JSON-LD context term \"%s\": invalid \"@prefix\"",
				           name);
		}
		else if (strcmp(key, "@context") == 0)
			oslo_error_detail(OSLO_ERR_PARAMETER,
			                  "Scoped contexts need a full JSON-LD processor; merge the nested "
			                  "terms into the context itself.",
			                  "JSON-LD context term \"%s\" has a scoped (nested) \"@context\", "
			                  "which is not supported",
			                  name);
		else if (strcmp(key, "@reverse") == 0)
			oslo_error(OSLO_ERR_PARAMETER,
			           "JSON-LD context term \"%s\": \"@reverse\" properties are not supported",
			           name);
		else
			oslo_error(OSLO_ERR_PARAMETER,
			           "JSON-LD context term \"%s\": \"%s\" is not supported in a term definition",
			           name, key);
	}
}

static void
define_expanded(builder *b, size_t ti, const char *name, json_object *def)
{
	json_object *val;

	check_definition_keys(name, def);
	define_id(b, ti, name, json_object_object_get(def, "@id"), false);
	if (json_object_object_get_ex(def, "@type", &val))
		define_type(b, ti, name, val);
	if (json_object_object_get_ex(def, "@language", &val))
	{
		if (json_object_is_type(val, json_type_string))
			TERM(b, ti)->language = lower_dup(json_object_get_string(val));
		else if (!json_object_is_type(val, json_type_null))
			oslo_error(OSLO_ERR_PARAMETER,
			           "JSON-LD context term \"%s\": \"@language\" must be a string or null", name);
		TERM(b, ti)->has_language = true;
	}
	if (json_object_object_get_ex(def, "@container", &val))
	{
		check_container(name, val);
		TERM(b, ti)->set_container = true;
	}
	if (json_object_object_get_ex(def, "@prefix", &val))
		TERM(b, ti)->prefix = json_object_get_boolean(val);
}

static void
define_term(builder *b, size_t key)
{
	const char *name = b->keys[key];
	json_object *def;
	size_t ti;

	if (b->state[key] == DEFINED)
		return;
	if (b->state[key] == DEFINING)
		oslo_error(OSLO_ERR_PARAMETER,
		           "JSON-LD context term \"%s\" is defined in terms of itself (cyclic IRI mapping)",
		           name);
	b->state[key] = DEFINING;
	if (name[0] == '\0')
		oslo_error(OSLO_ERR_PARAMETER, "JSON-LD context has an empty term");
	def = json_object_object_get(b->local, name);
	ti = new_term(b, name);
	if (def == NULL || json_object_is_type(def, json_type_null))
		; /* null term: never used for output */
	else if (json_object_is_type(def, json_type_string))
		define_id(b, ti, name, def, true);
	else if (json_object_is_type(def, json_type_object))
		define_expanded(b, ti, name, def);
	else
		oslo_error(OSLO_ERR_PARAMETER,
		           "JSON-LD context term \"%s\" must map to a string, null or an object", name);
	b->state[key] = DEFINED;
}

/* the keys of a context object that are not terms */
static bool
context_keyword(builder *b, const char *key, json_object *val)
{
	if (strcmp(key, "@base") == 0)
	{
		if (json_object_is_type(val, json_type_null))
			replace_string(&b->base, NULL);
		else if (!json_object_is_type(val, json_type_string))
			oslo_error(OSLO_ERR_PARAMETER, "JSON-LD context: \"@base\" must be a string or null");
		else if (is_absolute_iri(json_object_get_string(val)))
			replace_string(&b->base, oslo_strdup(json_object_get_string(val)));
		else if (b->base)
			replace_string(&b->base, resolve_iri(b->base, json_object_get_string(val)));
		else
			oslo_error(OSLO_ERR_PARAMETER,
			           "JSON-LD context: \"@base\" \"%s\" is not an absolute IRI",
			           json_object_get_string(val));
	}
	else if (strcmp(key, "@version") == 0)
	{
		if (!json_object_is_type(val, json_type_double) || json_object_get_double(val) != 1.1)
			oslo_error(OSLO_ERR_PARAMETER, "JSON-LD context: \"@version\" must be 1.1");
	}
	else if (strcmp(key, "@language") == 0)
	{
		if (json_object_is_type(val, json_type_null))
			replace_string(&b->language, NULL);
		else if (json_object_is_type(val, json_type_string))
			replace_string(&b->language, lower_dup(json_object_get_string(val)));
		else
			oslo_error(OSLO_ERR_PARAMETER,
			           "JSON-LD context: \"@language\" must be a string or null");
	}
	else if (strcmp(key, "@protected") == 0 || strcmp(key, "@propagate") == 0)
	{
		if (!json_object_is_type(val, json_type_boolean))
			oslo_error(OSLO_ERR_PARAMETER, "JSON-LD context: \"%s\" must be true or false", key);
	}
	else if (strcmp(key, "@import") == 0)
		oslo_error_detail(OSLO_ERR_PARAMETER,
		                  "Register the imported context in the catalog and merge it.",
		                  "JSON-LD context: \"@import\" of a remote context is not supported; "
		                  "remote contexts are never fetched");
	else if (strcmp(key, "@direction") == 0)
	{
		if (!json_object_is_type(val, json_type_null))
			oslo_error(OSLO_ERR_PARAMETER, "JSON-LD context: \"@direction\" is not supported");
	}
	else if (strcmp(key, "@vocab") != 0)
		return false;
	return true;
}

static void
set_vocab(builder *b, json_object *val)
{
	char *vocab;

	if (json_object_is_type(val, json_type_null))
	{
		replace_string(&b->vocab, NULL);
		return;
	}
	if (!json_object_is_type(val, json_type_string))
		oslo_error(OSLO_ERR_PARAMETER, "JSON-LD context: \"@vocab\" must be a string or null");
	vocab = expand_iri(b, json_object_get_string(val), true, true);
	if (vocab == NULL || !is_absolute_iri(vocab))
		oslo_error(OSLO_ERR_PARAMETER,
		           "JSON-LD context: \"@vocab\" \"%s\" is not an absolute IRI (and there is no "
		           "\"@base\" to resolve it against)",
		           json_object_get_string(val));
	replace_string(&b->vocab, vocab);
}

static void
process_local(builder *b, json_object *local)
{
	size_t n = (size_t)json_object_object_length(local);
	size_t i = 0;
	json_object *vocab = NULL;

	b->local = local;
	b->keys = oslo_alloc0((n + 1) * sizeof(char *));
	b->state = oslo_alloc0((n + 1) * sizeof(int));
	b->nkeys = 0;
	json_object_object_foreach(local, key, val)
	{
		if (strcmp(key, "@vocab") == 0)
			vocab = val;
		if (context_keyword(b, key, val))
			continue;
		if (is_keyword(key))
			oslo_error(OSLO_ERR_PARAMETER,
			           "JSON-LD context: keyword \"%s\" cannot be redefined as a term", key);
		if (has_keyword_form(key))
			continue; /* reserved: ignored, as JSON-LD 1.1 says */
		b->keys[b->nkeys++] = key;
	}
	/* @vocab applies to every term of this context, whatever the key order */
	if (vocab)
		set_vocab(b, vocab);
	for (i = 0; i < b->nkeys; i++)
	{
		if (i % 1024 == 1023)
			oslo_check_interrupts();
		define_term(b, i);
	}
	oslo_free(b->keys);
	oslo_free(b->state);
	b->keys = NULL;
	b->state = NULL;
	b->nkeys = 0;
}

static void
process_context(builder *b, json_object *c)
{
	if (c == NULL || json_object_is_type(c, json_type_null))
	{
		/* null resets the active context */
		for (size_t i = 0; i < b->nterms; i++)
			free_term_strings(&b->terms[i]);
		b->nterms = 0;
		replace_string(&b->vocab, NULL);
		replace_string(&b->base, NULL);
		replace_string(&b->language, NULL);
	}
	else if (json_object_is_type(c, json_type_string))
		oslo_error_detail(OSLO_ERR_PARAMETER,
		                  "Register the context document in the catalog and pass its content.",
		                  "JSON-LD remote context \"%s\" is not supported: remote contexts are "
		                  "never fetched and must be registered in the catalog",
		                  json_object_get_string(c));
	else if (json_object_is_type(c, json_type_object))
		process_local(b, c);
	else
		oslo_error(OSLO_ERR_PARAMETER,
		           "JSON-LD context must be an object, an array of objects or {\"@context\": ...}");
}

static json_object *
parse_json(const char *json, size_t len)
{
	json_tokener *tok;
	oslo_guard *tok_guard;
	json_object *obj;
	enum json_tokener_error jerr;
	size_t end;

	/* a UTF-8 byte order mark (some published contexts have one) */
	if (len >= 3 && memcmp(json, "\xEF\xBB\xBF", 3) == 0)
	{
		json += 3;
		len -= 3;
	}
	if (len > (size_t)1 << 30)
		oslo_error(OSLO_ERR_LIMIT, "JSON-LD context is larger than 1 GB");
	if (!oslo_utf8_valid(json, len))
		oslo_error(OSLO_ERR_SYNTAX, "JSON-LD context is not valid UTF-8");
	tok = json_tokener_new_ex(CONTEXT_MAX_DEPTH);
	if (tok == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "out of memory creating a JSON parser");
	tok_guard = oslo_guard_new(release_tokener, tok);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	obj = json_tokener_parse_ex(tok, json, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (jerr == json_tokener_continue)
	{
		/* a number at the very end needs a delimiter to be complete */
		obj = json_tokener_parse_ex(tok, " ", 1);
		jerr = json_tokener_get_error(tok);
		end = len;
	}
	if (jerr == json_tokener_success)
	{
		while (end < len && strchr(" \t\r\n", json[end]))
			end++;
		if (end < len)
		{
			json_object_put(obj);
			obj = NULL;
		}
	}
	if (obj == NULL)
	{
		size_t line = 1, col = 1;
		const char *what = jerr == json_tokener_success    ? "unexpected text after the JSON value"
		                   : jerr == json_tokener_continue ? "unexpected end of input"
		                                                   : json_tokener_error_desc(jerr);

		for (size_t i = 0; i < end && i < len; i++)
		{
			if (json[i] == '\n')
			{
				line++;
				col = 1;
			}
			else if ((json[i] & 0xC0) != 0x80)
				col++;
		}
		oslo_error(OSLO_ERR_SYNTAX, "invalid JSON in JSON-LD context at line %zu, column %zu: %s",
		           line, col, what);
	}
	oslo_guard_release(tok_guard);
	return obj;
}

static int
compare_by_selection(const void *a, const void *b)
{
	return oslo_jsonld_compare_shortest_least(((const oslo_jsonld_term *)a)->name,
	                                          ((const oslo_jsonld_term *)b)->name);
}

static int
compare_by_iri(const void *a, const void *b, void *arg)
{
	const oslo_jsonld_term *sort_terms = arg;
	const oslo_jsonld_term *ta = &sort_terms[*(const size_t *)a];
	const oslo_jsonld_term *tb = &sort_terms[*(const size_t *)b];
	int c = strcmp(ta->iri ? ta->iri : "", tb->iri ? tb->iri : "");

	if (c != 0)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

static int
compare_by_name(const void *a, const void *b, void *arg)
{
	const oslo_jsonld_term *sort_terms = arg;

	return strcmp(sort_terms[*(const size_t *)a].name, sort_terms[*(const size_t *)b].name);
}

static oslo_jsonld_context *
finish(builder *b, json_object *ctx_value)
{
	oslo_jsonld_context *ctx = oslo_alloc0(sizeof(oslo_jsonld_context));

	ctx->nterms = b->nterms;
	ctx->terms = b->terms;
	if (ctx->nterms > 0)
		qsort(ctx->terms, ctx->nterms, sizeof(oslo_jsonld_term), compare_by_selection);
	ctx->by_iri = oslo_alloc((ctx->nterms + 1) * sizeof(size_t));
	ctx->by_name = oslo_alloc((ctx->nterms + 1) * sizeof(size_t));
	for (size_t i = 0; i < ctx->nterms; i++)
		ctx->by_iri[i] = ctx->by_name[i] = i;
	if (ctx->nterms > 0)
	{
		qsort_r(ctx->by_iri, ctx->nterms, sizeof(size_t), compare_by_iri, ctx->terms);
		qsort_r(ctx->by_name, ctx->nterms, sizeof(size_t), compare_by_name, ctx->terms);
	}
	ctx->vocab = b->vocab;
	ctx->base = b->base;
	ctx->language = b->language;
	ctx->json = oslo_strdup(json_object_to_json_string_ext(
	    ctx_value, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	return ctx;
}

oslo_jsonld_context *
oslo_jsonld_context_parse(const char *json, size_t len)
{
	json_object *doc = parse_json(json, len);
	oslo_guard *doc_guard = oslo_guard_new(release_json, doc);
	json_object *value = doc;
	json_object *inner;
	builder b;
	oslo_jsonld_context *ctx;

	memset(&b, 0, sizeof(b));
	if (json_object_is_type(doc, json_type_object) &&
	    json_object_object_get_ex(doc, "@context", &inner))
		value = inner;
	if (json_object_is_type(value, json_type_array))
	{
		size_t n = json_object_array_length(value);

		for (size_t i = 0; i < n; i++)
			process_context(&b, json_object_array_get_idx(value, i));
	}
	else if (json_object_is_type(value, json_type_object))
		process_context(&b, value);
	else if (json_object_is_type(value, json_type_string))
		process_context(&b, value);
	else
		oslo_error(OSLO_ERR_PARAMETER,
		           "JSON-LD context must be an object, an array of objects or {\"@context\": ...}");
	ctx = finish(&b, value);
	oslo_guard_release(doc_guard);
	return ctx;
}

void
oslo_jsonld_context_free(oslo_jsonld_context *ctx)
{
	if (ctx == NULL)
		return;
	for (size_t i = 0; i < ctx->nterms; i++)
		free_term_strings(&ctx->terms[i]);
	if (ctx->terms)
		oslo_free(ctx->terms);
	oslo_free(ctx->by_iri);
	oslo_free(ctx->by_name);
	if (ctx->vocab)
		oslo_free(ctx->vocab);
	if (ctx->base)
		oslo_free(ctx->base);
	if (ctx->language)
		oslo_free(ctx->language);
	oslo_free(ctx->json);
	oslo_free(ctx);
}

const oslo_jsonld_term *
oslo_jsonld_context_term(const oslo_jsonld_context *ctx, const char *name)
{
	size_t lo = 0, hi = ctx->nterms;

	while (lo < hi)
	{
		size_t mid = (lo + hi) / 2;
		int c = strcmp(ctx->terms[ctx->by_name[mid]].name, name);

		if (c == 0)
			return &ctx->terms[ctx->by_name[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
