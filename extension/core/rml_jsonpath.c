/*
 * rml_jsonpath.c
 *	  Compile and evaluate the JSONPath subset of rml_jsonpath.h.
 */
#include "rml_jsonpath.h"

#include <ctype.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

typedef enum step_kind
{
	STEP_NAME,
	STEP_INDEX,
	STEP_WILDCARD
} step_kind;

typedef struct step
{
	step_kind kind;
	bool descendant; /* preceded by ".." */
	char *name;
	long index;
} step;

struct rml_jsonpath
{
	step *steps;
	size_t nsteps;
};

static void
nodes_push(rml_json_nodes *out, struct json_object *o)
{
	if (o == NULL) /* JSON null: no value */
		return;
	if (out->n == out->cap)
	{
		out->cap = out->cap ? out->cap * 2 : 16;
		out->items = oslo_realloc(out->items, out->cap * sizeof(*out->items));
	}
	out->items[out->n++] = o;
}

void
rml_json_nodes_free(rml_json_nodes *nodes)
{
	oslo_free(nodes->items);
	nodes->items = NULL;
	nodes->n = nodes->cap = 0;
}

/* the expression being compiled and the caller's context, for messages */
typedef struct path_text
{
	const char *expr;
	const char *where;
} path_text;

static void OSLO_NORETURN
bad_path(const path_text *t, const char *at, const char *problem)
{
	oslo_error(OSLO_ERR_PARAMETER, "%s%sinvalid JSONPath \"%s\" at offset %d: %s",
	           t->where ? t->where : "", t->where ? ": " : "", t->expr, (int)(at - t->expr),
	           problem);
}

/* a quoted member name in brackets: 'a b' or "a b", with backslash escapes */
static const char *
parse_quoted(const path_text *t, const char *p, step *st)
{
	char quote = *p++;
	oslo_buf name;

	oslo_buf_init(&name);
	while (*p && *p != quote)
	{
		if (*p == '\\' && p[1])
			p++;
		oslo_buf_putc(&name, *p++);
	}
	if (*p != quote)
		bad_path(t, p, "unterminated quoted name");
	p++;
	st->kind = STEP_NAME;
	st->name = name.data;
	return p;
}

static const char *
parse_bracket(const path_text *t, const char *p, step *st)
{
	p++; /* '[' */
	if (*p == '\'' || *p == '"')
		p = parse_quoted(t, p, st);
	else if (*p == '*')
	{
		st->kind = STEP_WILDCARD;
		p++;
	}
	else if (*p == '-' || isdigit((unsigned char)*p))
	{
		char *end;

		st->kind = STEP_INDEX;
		st->index = strtol(p, &end, 10);
		if (end == p || (*p == '-' && end == p + 1))
			bad_path(t, p, "expected an array index");
		p = end;
	}
	else if (*p == '?')
		bad_path(t, p, "filter expressions are not supported");
	else
		bad_path(t, p, "expected '*', an index or a quoted name");
	if (*p != ']')
		bad_path(t, p, "expected ']' (unions and slices are not supported)");
	return p + 1;
}

static const char *
parse_dotted(const path_text *t, const char *p, step *st)
{
	const char *start = p;

	if (*p == '*')
	{
		st->kind = STEP_WILDCARD;
		return p + 1;
	}
	while (*p && *p != '.' && *p != '[' && *p != ']')
		p++;
	if (p == start)
		bad_path(t, p, "expected a member name");
	st->kind = STEP_NAME;
	st->name = oslo_strndup(start, (size_t)(p - start));
	return p;
}

rml_jsonpath *
rml_jsonpath_compile(const char *expr, const char *where)
{
	rml_jsonpath *path = oslo_alloc0(sizeof(rml_jsonpath));
	size_t cap = 0;
	const char *p = expr;
	path_text text = {expr, where};
	const path_text *t = &text;

	if (*p != '$')
		bad_path(t, p, "a JSONPath starts with '$'");
	p++;
	while (*p)
	{
		step st = {0};

		if (path->nsteps == cap)
		{
			cap = cap ? cap * 2 : 4;
			path->steps = oslo_realloc(path->steps, cap * sizeof(step));
		}
		if (p[0] == '.' && p[1] == '.')
		{
			st.descendant = true;
			p += 2;
			p = *p == '[' ? parse_bracket(t, p, &st) : parse_dotted(t, p, &st);
		}
		else if (*p == '.')
			p = parse_dotted(t, p + 1, &st);
		else if (*p == '[')
			p = parse_bracket(t, p, &st);
		else
			bad_path(t, p, "expected '.' or '['");
		path->steps[path->nsteps++] = st;
	}
	return path;
}

void
rml_jsonpath_free(rml_jsonpath *path)
{
	for (size_t i = 0; i < path->nsteps; i++)
		oslo_free(path->steps[i].name);
	oslo_free(path->steps);
	oslo_free(path);
}

/* o and everything below it, depth first in document order */
static void
collect_descendants(struct json_object *o, rml_json_nodes *out)
{
	nodes_push(out, o);
	if (json_object_is_type(o, json_type_object))
	{
		json_object_object_foreach(o, key, child)
		{
			(void)key;
			if (child)
				collect_descendants(child, out);
		}
	}
	else if (json_object_is_type(o, json_type_array))
	{
		size_t n = json_object_array_length(o);

		for (size_t i = 0; i < n; i++)
		{
			struct json_object *child = json_object_array_get_idx(o, i);

			if (child)
				collect_descendants(child, out);
		}
	}
}

static void
apply_step(const step *st, struct json_object *o, rml_json_nodes *out)
{
	switch (st->kind)
	{
		case STEP_NAME:
			if (json_object_is_type(o, json_type_object))
			{
				struct json_object *v;

				if (json_object_object_get_ex(o, st->name, &v))
					nodes_push(out, v);
			}
			break;
		case STEP_INDEX:
			if (json_object_is_type(o, json_type_array))
			{
				long n = (long)json_object_array_length(o);
				long i = st->index < 0 ? n + st->index : st->index;

				if (i >= 0 && i < n)
					nodes_push(out, json_object_array_get_idx(o, (size_t)i));
			}
			break;
		case STEP_WILDCARD:
			if (json_object_is_type(o, json_type_object))
			{
				json_object_object_foreach(o, key, child)
				{
					(void)key;
					nodes_push(out, child);
				}
			}
			else if (json_object_is_type(o, json_type_array))
			{
				size_t n = json_object_array_length(o);

				for (size_t i = 0; i < n; i++)
					nodes_push(out, json_object_array_get_idx(o, i));
			}
			break;
	}
}

void
rml_jsonpath_eval(const rml_jsonpath *path, struct json_object *root, rml_json_nodes *out)
{
	rml_json_nodes cur = {0}, next = {0}, below = {0};

	nodes_push(&cur, root);
	for (size_t s = 0; s < path->nsteps && cur.n > 0; s++)
	{
		const step *st = &path->steps[s];

		next.n = 0;
		for (size_t i = 0; i < cur.n; i++)
		{
			if (st->descendant)
			{
				below.n = 0;
				collect_descendants(cur.items[i], &below);
				for (size_t j = 0; j < below.n; j++)
					apply_step(st, below.items[j], &next);
			}
			else
				apply_step(st, cur.items[i], &next);
		}
		{
			rml_json_nodes t = cur;

			cur = next;
			next = t;
		}
	}
	for (size_t i = 0; i < cur.n; i++)
		nodes_push(out, cur.items[i]);
	rml_json_nodes_free(&cur);
	rml_json_nodes_free(&next);
	rml_json_nodes_free(&below);
}
