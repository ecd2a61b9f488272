/*
 * jld_iri_compact.c
 *	  JSON-LD 1.1 Inverse Context Creation, Term Selection and IRI
 *	  Compaction (https://www.w3.org/TR/json-ld11-api/#iri-compaction), and
 *	  making an IRI relative to the base.
 */
#include "jld_internal.h"

#include <stdlib.h>
#include <string.h>

/* inverse[var][container] -> the three maps of one container */
typedef struct type_language_map
{
	jld_map language;
	jld_map type;
	jld_map any;
} type_language_map;

static const char *
lower(jld_state *st, const char *s)
{
	char *r = jld_arena_strdup(st->a, s);

	for (char *c = r; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return r;
}

static const char *
cat3(jld_state *st, const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *r = jld_arena_alloc(st->a, la + lb + lc + 1);

	jld_copy_bytes(r, a, la);
	jld_copy_bytes(r + la, b, lb);
	jld_copy_bytes(r + la + lb, c, lc);
	return r;
}

static void
put_if_absent(jld_state *st, jld_map *m, const char *key, const char *term)
{
	if (!jld_map_has(m, key))
		jld_map_put(st->a, m, key, (void *)term);
}

/* container mapping as the sorted concatenation the algorithm keys by */
static const char *
container_key(const jld_term *def)
{
	static char buf[128][48];
	static bool init;

	if (!init)
	{
		/* bits in JLD_C_* order, names in lexicographic order */
		for (unsigned c = 0; c < 128; c++)
		{
			buf[c][0] = '\0';
			if (c & JLD_C_GRAPH)
				strcat(buf[c], "@graph");
			if (c & JLD_C_ID)
				strcat(buf[c], "@id");
			if (c & JLD_C_INDEX)
				strcat(buf[c], "@index");
			if (c & JLD_C_LANGUAGE)
				strcat(buf[c], "@language");
			if (c & JLD_C_LIST)
				strcat(buf[c], "@list");
			if (c & JLD_C_SET)
				strcat(buf[c], "@set");
			if (c & JLD_C_TYPE)
				strcat(buf[c], "@type");
			if (!c)
				strcpy(buf[c], "@none");
		}
		init = true;
	}
	return buf[def->container & 127];
}

typedef struct term_ref
{
	const char *name;
	const jld_term *def;
} term_ref;

static int
cmp_terms(const void *a, const void *b)
{
	const char *x = ((const term_ref *)a)->name, *y = ((const term_ref *)b)->name;
	size_t lx = strlen(x), ly = strlen(y);

	if (lx != ly)
		return lx < ly ? -1 : 1;
	return strcmp(x, y);
}

/* what compaction derives from an active context once (active->inverse) */
typedef struct inverse_info
{
	jld_map map;        /* the inverse context */
	term_ref *prefixes; /* the terms that may start a compact IRI (IRI compaction step 5) */
	size_t nprefixes;
} inverse_info;

static inverse_info *build_inverse(jld_state *st, jld_context *active);

static jld_map *
inverse_context(jld_state *st, jld_context *active)
{
	return &build_inverse(st, active)->map;
}

static inverse_info *
build_inverse(jld_state *st, jld_context *active)
{
	inverse_info *info;
	jld_map *result;
	const char *default_language;
	term_ref *terms;
	size_t n = 0;

	if (active->inverse)
		return active->inverse;
	info = jld_arena_alloc(st->a, sizeof(inverse_info));
	result = &info->map;
	info->prefixes = jld_arena_alloc(st->a, (active->terms.count + 1) * sizeof(term_ref));
	for (size_t i = 0; i < active->terms.count; i++)
	{
		const jld_term *def = active->terms.vals[i];

		if (def && def->iri && def->prefix)
		{
			info->prefixes[info->nprefixes].name = active->terms.keys[i];
			info->prefixes[info->nprefixes].def = def;
			info->nprefixes++;
		}
	}
	default_language = active->default_language ? lower(st, active->default_language) : "@none";
	terms = jld_arena_alloc(st->a, (active->terms.count + 1) * sizeof(term_ref));
	for (size_t i = 0; i < active->terms.count; i++)
		if (active->terms.vals[i])
		{
			terms[n].name = active->terms.keys[i];
			terms[n].def = active->terms.vals[i];
			n++;
		}
	jld_sort(terms, n, sizeof(term_ref), cmp_terms);
	for (size_t i = 0; i < n; i++)
	{
		const char *term = terms[i].name;
		const jld_term *def = terms[i].def;
		const char *container = container_key(def);
		jld_map *container_map;
		type_language_map *tlm;

		if (!def->iri)
			continue;
		container_map = jld_map_get(result, def->iri);
		if (!container_map)
		{
			container_map = jld_arena_alloc(st->a, sizeof(jld_map));
			jld_map_put(st->a, result, def->iri, container_map);
		}
		tlm = jld_map_get(container_map, container);
		if (!tlm)
		{
			tlm = jld_arena_alloc(st->a, sizeof(type_language_map));
			jld_map_put(st->a, &tlm->any, "@none", (void *)term);
			jld_map_put(st->a, container_map, container, tlm);
		}
		if (def->reverse)
			put_if_absent(st, &tlm->type, "@reverse", term);
		else if (def->type_mapping && strcmp(def->type_mapping, "@none") == 0)
		{
			put_if_absent(st, &tlm->language, "@any", term);
			put_if_absent(st, &tlm->type, "@any", term);
		}
		else if (def->type_mapping)
			put_if_absent(st, &tlm->type, def->type_mapping, term);
		else if (def->has_language && def->has_direction)
		{
			const char *ld;

			if (def->language && def->direction)
				ld = lower(st, cat3(st, def->language, "_", def->direction));
			else if (def->language)
				ld = lower(st, def->language);
			else if (def->direction)
				ld = cat3(st, "_", def->direction, "");
			else
				ld = "@null";
			put_if_absent(st, &tlm->language, ld, term);
		}
		else if (def->has_language)
			put_if_absent(st, &tlm->language, def->language ? lower(st, def->language) : "@null",
			              term);
		else if (def->has_direction)
			put_if_absent(st, &tlm->language,
			              def->direction ? cat3(st, "_", def->direction, "") : "@none", term);
		else if (active->default_direction)
		{
			const char *ld =
			    lower(st, cat3(st, active->default_language ? active->default_language : "", "_",
			                   active->default_direction));

			put_if_absent(st, &tlm->language, ld, term);
			put_if_absent(st, &tlm->language, "@none", term);
			put_if_absent(st, &tlm->type, "@none", term);
		}
		else
		{
			put_if_absent(st, &tlm->language, default_language, term);
			put_if_absent(st, &tlm->language, "@none", term);
			put_if_absent(st, &tlm->type, "@none", term);
		}
	}
	active->inverse = info;
	return info;
}

static const char *
select_term(jld_state *st, jld_context *active, const char *var, const char **containers,
            size_t ncontainers, const char *type_language, const char **preferred,
            size_t npreferred)
{
	jld_map *container_map = jld_map_get(inverse_context(st, active), var);

	if (!container_map)
		return NULL;
	for (size_t i = 0; i < ncontainers; i++)
	{
		type_language_map *tlm = jld_map_get(container_map, containers[i]);
		jld_map *value_map;

		if (!tlm)
			continue;
		value_map = strcmp(type_language, "@language") == 0 ? &tlm->language
		            : strcmp(type_language, "@type") == 0   ? &tlm->type
		                                                    : &tlm->any;
		for (size_t j = 0; j < npreferred; j++)
		{
			const char *t = jld_map_get(value_map, preferred[j]);

			if (t)
				return t;
		}
	}
	return NULL;
}

static const char *
str_member(const jld_value *obj, const char *key)
{
	const jld_value *v = jld_get(obj, key);

	return v && v->kind == JLD_STRING ? v->str : NULL;
}

static bool
is_graph_object(const jld_value *v)
{
	if (!v || v->kind != JLD_OBJECT || !jld_get(v, "@graph"))
		return false;
	for (size_t i = 0; i < v->count; i++)
	{
		const char *k = v->members[i].key;

		if (strcmp(k, "@graph") != 0 && strcmp(k, "@id") != 0 && strcmp(k, "@index") != 0)
			return false;
	}
	return true;
}

#define ADD(arr, n, s) ((arr)[(n)++] = (s))

/* step 4 of IRI compaction: a term chosen by container and type/language */
static const char *
compact_to_term(jld_state *st, jld_context *active, const char *var, const jld_value *value,
                bool reverse)
{
	const char *containers[32];
	size_t nc = 0;
	const char *type_language = "@language";
	const char *tlv = "@null";
	const char *preferred[16];
	size_t np = 0;
	const char *default_language;
	bool is_map = value && value->kind == JLD_OBJECT;
	bool has_index = is_map && jld_get(value, "@index");
	const jld_value *list = is_map ? jld_get(value, "@list") : NULL;

	if (active->default_direction)
		default_language =
		    lower(st, cat3(st, active->default_language ? active->default_language : "", "_",
		                   active->default_direction));
	else
		default_language = active->default_language ? lower(st, active->default_language) : "@none";
	if (has_index && !is_graph_object(value))
	{
		ADD(containers, nc, "@index");
		ADD(containers, nc, "@index@set");
	}
	if (reverse)
	{
		type_language = "@type";
		tlv = "@reverse";
		ADD(containers, nc, "@set");
	}
	else if (list)
	{
		const char *common_type = NULL, *common_language = NULL;

		if (!has_index)
			ADD(containers, nc, "@list");
		if (list->count == 0)
			common_language = default_language;
		for (size_t i = 0; i < list->count; i++)
		{
			const jld_value *item = list->items[i];
			const char *item_language = "@none", *item_type = "@none";

			if (item->kind == JLD_OBJECT && jld_get(item, "@value"))
			{
				const char *l = str_member(item, "@language");
				const char *d = str_member(item, "@direction");

				if (d)
					item_language = lower(st, cat3(st, l ? l : "", "_", d));
				else if (l)
					item_language = lower(st, l);
				else if (str_member(item, "@type"))
					item_type = str_member(item, "@type");
				else
					item_language = "@null";
			}
			else
				item_type = "@id";
			if (!common_language)
				common_language = item_language;
			else if (strcmp(item_language, common_language) != 0 && item->kind == JLD_OBJECT &&
			         jld_get(item, "@value"))
				common_language = "@none";
			if (!common_type)
				common_type = item_type;
			else if (strcmp(item_type, common_type) != 0)
				common_type = "@none";
			if (strcmp(common_language, "@none") == 0 && strcmp(common_type, "@none") == 0)
				break;
		}
		if (!common_language)
			common_language = "@none";
		if (!common_type)
			common_type = "@none";
		if (strcmp(common_type, "@none") != 0)
		{
			type_language = "@type";
			tlv = common_type;
		}
		else
			tlv = common_language;
	}
	else if (is_graph_object(value))
	{
		if (has_index)
		{
			ADD(containers, nc, "@graph@index");
			ADD(containers, nc, "@graph@index@set");
		}
		if (jld_get(value, "@id"))
		{
			ADD(containers, nc, "@graph@id");
			ADD(containers, nc, "@graph@id@set");
		}
		ADD(containers, nc, "@graph");
		ADD(containers, nc, "@graph@set");
		ADD(containers, nc, "@set");
		if (!has_index)
		{
			ADD(containers, nc, "@graph@index");
			ADD(containers, nc, "@graph@index@set");
		}
		if (!jld_get(value, "@id"))
		{
			ADD(containers, nc, "@graph@id");
			ADD(containers, nc, "@graph@id@set");
		}
		ADD(containers, nc, "@index");
		ADD(containers, nc, "@index@set");
		type_language = "@type";
		tlv = "@id";
	}
	else
	{
		if (is_map && jld_get(value, "@value"))
		{
			const char *l = str_member(value, "@language");
			const char *d = str_member(value, "@direction");

			if (d && !has_index)
			{
				tlv = lower(st, cat3(st, l ? l : "", "_", d));
				ADD(containers, nc, "@language");
				ADD(containers, nc, "@language@set");
			}
			else if (l && !has_index)
			{
				tlv = lower(st, l);
				ADD(containers, nc, "@language");
				ADD(containers, nc, "@language@set");
			}
			else if (str_member(value, "@type"))
			{
				tlv = str_member(value, "@type");
				type_language = "@type";
			}
		}
		else
		{
			type_language = "@type";
			tlv = "@id";
			ADD(containers, nc, "@id");
			ADD(containers, nc, "@id@set");
			ADD(containers, nc, "@type");
			ADD(containers, nc, "@set@type");
		}
		ADD(containers, nc, "@set");
	}
	ADD(containers, nc, "@none");
	if (!st->mode10)
	{
		if (!is_map || !has_index)
		{
			ADD(containers, nc, "@index");
			ADD(containers, nc, "@index@set");
		}
		if (is_map && value->count == 1 && jld_get(value, "@value"))
		{
			ADD(containers, nc, "@language");
			ADD(containers, nc, "@language@set");
		}
	}
	if (strcmp(tlv, "@reverse") == 0)
		ADD(preferred, np, "@reverse");
	if ((strcmp(tlv, "@id") == 0 || strcmp(tlv, "@reverse") == 0) && is_map &&
	    str_member(value, "@id"))
	{
		const char *id = str_member(value, "@id");
		const char *c = jld_compact_iri(st, active, id, NULL, true, false);
		const jld_term *def = c ? jld_term_get(active, c) : NULL;

		if (def && def->iri && strcmp(def->iri, id) == 0)
		{
			ADD(preferred, np, "@vocab");
			ADD(preferred, np, "@id");
			ADD(preferred, np, "@none");
		}
		else
		{
			ADD(preferred, np, "@id");
			ADD(preferred, np, "@vocab");
			ADD(preferred, np, "@none");
		}
	}
	else
	{
		ADD(preferred, np, tlv);
		ADD(preferred, np, "@none");
		if (list && list->count == 0)
			type_language = "@any";
	}
	ADD(preferred, np, "@any");
	for (size_t i = 0, n = np; i < n; i++)
	{
		const char *us = strchr(preferred[i], '_');

		if (us && preferred[i][0] != '@')
			ADD(preferred, np, us);
	}
	return select_term(st, active, var, containers, nc, type_language, preferred, np);
}

const char *
jld_compact_iri(jld_state *st, jld_context *active, const char *var, const jld_value *value,
                bool vocab, bool reverse)
{
	const char *compact_iri = NULL;
	const char *colon;
	inverse_info *info;

	if (!var)
		return NULL;
	if (vocab && jld_map_get(inverse_context(st, active), var))
	{
		const char *t = compact_to_term(st, active, var, value, reverse);

		if (t)
			return t;
	}
	if (vocab && active->vocab)
	{
		size_t vl = strlen(active->vocab);

		if (strncmp(var, active->vocab, vl) == 0 && var[vl] && !jld_term_get(active, var + vl))
			return var + vl;
	}
	/* only the terms that can be prefixes: a context has few of them, and many terms */
	info = build_inverse(st, active);
	for (size_t i = 0; i < info->nprefixes; i++)
	{
		const char *term = info->prefixes[i].name;
		const jld_term *def = info->prefixes[i].def;
		size_t il;
		const char *candidate;
		const jld_term *cdef;

		if (strcmp(def->iri, var) == 0)
			continue;
		il = strlen(def->iri);
		if (strncmp(var, def->iri, il) != 0)
			continue;
		candidate = cat3(st, term, ":", var + il);
		cdef = jld_term_get(active, candidate);
		if ((!compact_iri || strlen(candidate) < strlen(compact_iri) ||
		     (strlen(candidate) == strlen(compact_iri) && strcmp(candidate, compact_iri) < 0)) &&
		    (!cdef || (cdef->iri && strcmp(cdef->iri, var) == 0 && !value)))
			compact_iri = candidate;
	}
	if (compact_iri)
		return compact_iri;
	colon = strchr(var, ':');
	if (colon && jld_is_absolute_iri(var) && !(colon[1] == '/' && colon[2] == '/'))
	{
		char *scheme = jld_arena_strndup(st->a, var, (size_t)(colon - var));
		const jld_term *def = jld_term_get(active, scheme);

		if (def && def->prefix)
			jld_fail(st, OSLO_ERR_DATA, "IRI confused with prefix",
			         "\"%s\" would read back through the prefix \"%s\"", var, scheme);
	}
	if (!vocab && st->opts->compact_to_relative && active->base)
	{
		const char *rel = jld_remove_base(st, active->base, var);

		if (jld_has_keyword_form(rel))
			rel = cat3(st, "./", rel, "");
		return rel;
	}
	return var;
}

typedef struct iri_parts
{
	const char *scheme_auth; /* "http://host" */
	size_t scheme_auth_len;
	const char *path;
	size_t path_len;
	const char *query; /* without '?', or NULL */
	size_t query_len;
	const char *fragment; /* without '#', or NULL */
} iri_parts;

static void
split(const char *s, iri_parts *p)
{
	const char *c = strchr(s, ':');
	const char *path;
	size_t n;

	memset(p, 0, sizeof(*p));
	path = c ? c + 1 : s;
	if (path[0] == '/' && path[1] == '/')
	{
		path += 2;
		path += strcspn(path, "/?#");
	}
	p->scheme_auth = s;
	p->scheme_auth_len = (size_t)(path - s);
	n = strcspn(path, "?#");
	p->path = path;
	p->path_len = n;
	if (path[n] == '?')
	{
		p->query = path + n + 1;
		p->query_len = strcspn(p->query, "#");
		if (p->query[p->query_len] == '#')
			p->fragment = p->query + p->query_len + 1;
	}
	else if (path[n] == '#')
		p->fragment = path + n + 1;
}

typedef struct segments
{
	const char *seg[256];
	size_t len[256];
	size_t n;
} segments;

static void
split_segments(const char *path, size_t len, segments *out)
{
	size_t start = 0;

	out->n = 0;
	for (size_t i = 0; i <= len && out->n < 256; i++)
		if (i == len || path[i] == '/')
		{
			out->seg[out->n] = path + start;
			out->len[out->n] = i - start;
			out->n++;
			start = i + 1;
		}
}

/* iri relative to base, in the manner of jsonld.js removeBase (which the suite follows) */
const char *
jld_remove_base(jld_state *st, const char *base, const char *iri)
{
	iri_parts b, r;
	segments bs, is;
	size_t bi = 0, ii = 0, last;
	oslo_buf out;
	const char *result;

	split(base, &b);
	if (b.scheme_auth_len == 0 || strncmp(iri, base, b.scheme_auth_len) != 0)
		return iri;
	split(iri, &r);
	if (r.scheme_auth_len != b.scheme_auth_len)
		return iri;
	split_segments(b.path, b.path_len, &bs);
	split_segments(r.path, r.path_len, &is);
	last = (r.fragment || r.query) ? 0 : 1;
	while (bi < bs.n && is.n - ii > last)
	{
		if (bs.len[bi] != is.len[ii] || memcmp(bs.seg[bi], is.seg[ii], bs.len[bi]) != 0)
			break;
		bi++;
		ii++;
	}
	oslo_buf_init(&out);
	if (bi < bs.n)
		for (size_t k = bi + 1; k < bs.n; k++)
			oslo_buf_puts(&out, "../");
	for (size_t k = ii; k < is.n; k++)
	{
		if (k > ii)
			oslo_buf_putc(&out, '/');
		oslo_buf_append(&out, is.seg[k], is.len[k]);
	}
	if (r.query)
	{
		oslo_buf_putc(&out, '?');
		oslo_buf_append(&out, r.query, r.query_len);
	}
	if (r.fragment)
	{
		oslo_buf_putc(&out, '#');
		oslo_buf_puts(&out, r.fragment);
	}
	if (out.len == 0)
		oslo_buf_puts(&out, "./");
	result = jld_arena_strndup(st->a, out.data, out.len);
	oslo_buf_free(&out);
	return result;
}
