/*
 * rml_streamable.c
 *	  What a compiled mapping allows at run time: whether an XML source can
 *	  be read record by record (no DOM of the whole document), and whether
 *	  its statements can be handed out in batches.
 *
 * A streamed record is an expanded subtree of libxml2's xmlTextReader:
 * earlier records are freed and later ones not yet read, so every XPath
 * reference must stay inside its record. That is decided on the text of
 * the reference with a small grammar (relative steps of names, "*", "@",
 * ".", text(), node(), "//" and [n]); anything else reads the DOM, which is
 * always right.
 */
#include "rml_source.h"

#include <string.h>

static bool
name_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static bool
name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

/* an NCName at *p: its length, 0 when there is none */
static size_t
ncname(const char *p)
{
	size_t n = 0;

	if (!name_start((unsigned char)p[0]))
		return 0;
	while (name_char((unsigned char)p[n]))
		n++;
	return n;
}

/* a name test ("*", "name", "p:name", "p:*") at *p; advances past it */
static bool
name_test(const char **p)
{
	size_t n;

	if (**p == '*')
	{
		(*p)++;
		return true;
	}
	n = ncname(*p);
	if (n == 0)
		return false;
	*p += n;
	if (**p == ':' && (*p)[1] != ':')
	{
		(*p)++;
		if (**p == '*')
		{
			(*p)++;
			return true;
		}
		n = ncname(*p);
		if (n == 0)
			return false;
		*p += n;
	}
	return true;
}

/* one step of a reference that stays inside its context node */
static bool
local_step(const char **p)
{
	if (**p == '.')
	{
		(*p)++;
		return **p != '.'; /* ".." leaves the record */
	}
	if (strncmp(*p, "text()", 6) == 0 || strncmp(*p, "node()", 6) == 0)
		*p += 6;
	else
	{
		if (**p == '@')
			(*p)++;
		if (!name_test(p))
			return false;
		if (**p == '(') /* a function call or another node test */
			return false;
	}
	while (**p == '[') /* positional predicates only */
	{
		(*p)++;
		if (**p < '0' || **p > '9')
			return false;
		while (**p >= '0' && **p <= '9')
			(*p)++;
		if (**p != ']')
			return false;
		(*p)++;
	}
	return true;
}

/* a relative location path that selects only inside the context node */
static bool
reference_is_local(const char *text)
{
	const char *p = text;

	while (*p == ' ')
		p++;
	for (;;)
	{
		if (!local_step(&p))
			return false;
		if (p[0] == '/' && p[1] == '/')
			p += 2;
		else if (p[0] == '/')
			p++;
		else
			break;
	}
	while (*p == ' ')
		p++;
	return *p == '\0';
}

/* ---- iterators ---- */

static const char *
namespace_url(const rml_logical_source *ls, const char *prefix, size_t len)
{
	for (size_t i = 0; i < ls->nnamespaces; i++)
		if (strlen(ls->namespaces[i].prefix) == len &&
		    strncmp(ls->namespaces[i].prefix, prefix, len) == 0)
			return ls->namespaces[i].url;
	return NULL;
}

void
rml_xml_steps_free(rml_xml_step *steps, size_t n)
{
	for (size_t i = 0; i < n; i++)
		oslo_free(steps[i].local);
	oslo_free(steps);
}

bool
rml_iterator_steps(const rml_logical_source *ls, rml_xml_step **steps, size_t *n)
{
	const char *p = ls->iterator;
	rml_xml_step *out;
	size_t count = 0;

	if (p == NULL || ls->formulation != RML_XPATH)
		return false;
	/* a relative iterator is evaluated from the document node: the same path */
	if (*p == '/')
		p++;
	out = oslo_alloc0((strlen(p) / 2 + 1) * sizeof(rml_xml_step));
	for (;;)
	{
		rml_xml_step *step = &out[count];
		size_t len;

		if (*p == '*')
		{
			step->any = true;
			p++;
		}
		else if ((len = ncname(p)) > 0)
		{
			if (p[len] == ':')
			{
				step->ns = namespace_url(ls, p, len);
				if (step->ns == NULL) /* the DOM path reports the undeclared prefix */
					break;
				p += len + 1;
				len = ncname(p);
				if (len == 0)
					break;
			}
			step->local = oslo_strndup(p, len);
			p += len;
		}
		else
			break;
		count++;
		if (*p == '\0')
		{
			*steps = out;
			*n = count;
			return true;
		}
		if (*p != '/' || p[1] == '/')
			break;
		p++;
	}
	rml_xml_steps_free(out, count); /* a step left unfinished holds nothing */
	return false;
}

/* ---- the plan ---- */

typedef struct plan_check
{
	bool refs_local;   /* every XPath reference stays in its record */
	bool fresh_blanks; /* some term map makes a new blank node per record */
} plan_check;

static void
check_term_map(const rml_term_map *tm, plan_check *c)
{
	if (tm == NULL)
		return;
	if (tm->kind == RML_FRESH_BLANK)
		c->fresh_blanks = true;
	if (tm->ref && tm->ref->xpath && !reference_is_local(tm->ref->text))
		c->refs_local = false;
	for (size_t i = 0; i < tm->nparts; i++)
		if (tm->parts[i].ref && tm->parts[i].ref->xpath &&
		    !reference_is_local(tm->parts[i].ref->text))
			c->refs_local = false;
	check_term_map(tm->language_map, c);
	check_term_map(tm->datatype_map, c);
	for (size_t k = 0; tm->call && k < RML_FN_MAX_PARAMS; k++)
		check_term_map(tm->call->inputs[k], c);
}

static void
check_plan(const rml_mapping *m, plan_check *c)
{
	c->refs_local = true;
	c->fresh_blanks = false;
	for (size_t t = 0; t < m->nmaps; t++)
	{
		const rml_triples_map *tm = &m->maps[t];

		check_term_map(tm->subject, c);
		for (size_t g = 0; g < tm->nsubject_graphs; g++)
			check_term_map(tm->subject_graphs[g], c);
		for (size_t p = 0; p < tm->npoms; p++)
		{
			const rml_pom *pom = &tm->poms[p];

			for (size_t k = 0; k < pom->npredicates; k++)
				check_term_map(pom->predicates[k], c);
			for (size_t g = 0; g < pom->ngraphs; g++)
				check_term_map(pom->graphs[g], c);
			for (size_t o = 0; o < pom->nobjects; o++)
			{
				check_term_map(pom->objects[o].term, c);
				for (size_t j = 0; j < pom->objects[o].njoins; j++)
				{
					check_term_map(pom->objects[o].joins[j].child, c);
					check_term_map(pom->objects[o].joins[j].parent, c);
				}
			}
		}
	}
}

static bool
same_source(const rml_logical_source *a, const rml_logical_source *b)
{
	return a->formulation == b->formulation && strcmp(a->source, b->source) == 0 &&
	       ((a->iterator == NULL && b->iterator == NULL) ||
	        (a->iterator && b->iterator && strcmp(a->iterator, b->iterator) == 0));
}

/*
 * The parent of a referencing object map whose records rml_exec.c indexes
 * (every one but a parent on the child's own records), or NULL.
 */
static const rml_triples_map *
indexed_parent(const rml_mapping *m, const rml_triples_map *child, const rml_object_map *om)
{
	const rml_triples_map *parent;

	if (om->term)
		return NULL;
	parent = &m->maps[om->parent];
	if (om->njoins == 0 && same_source(&child->source, &parent->source))
		return NULL;
	return parent;
}

static bool
has_join_index(const rml_mapping *m, const char *xml_source)
{
	for (size_t t = 0; t < m->nmaps; t++)
		for (size_t p = 0; p < m->maps[t].npoms; p++)
			for (size_t o = 0; o < m->maps[t].poms[p].nobjects; o++)
			{
				const rml_triples_map *parent =
				    indexed_parent(m, &m->maps[t], &m->maps[t].poms[p].objects[o]);

				if (parent == NULL)
					continue;
				if (xml_source == NULL || (parent->source.formulation == RML_XPATH &&
				                           strcmp(parent->source.source, xml_source) == 0))
					return true;
			}
	return false;
}

bool
rml_xml_streamable(const rml_mapping *m, const char *source)
{
	plan_check c;

	for (size_t t = 0; t < m->nmaps; t++)
	{
		const rml_logical_source *ls = &m->maps[t].source;
		rml_xml_step *steps;
		size_t n;

		if (ls->formulation != RML_XPATH || strcmp(ls->source, source) != 0)
			continue;
		if (!rml_iterator_steps(ls, &steps, &n))
			return false;
		rml_xml_steps_free(steps, n);
	}
	if (has_join_index(m, source))
		return false;
	check_plan(m, &c);
	return c.refs_local;
}

bool
rml_mapping_batchable(const rml_mapping *m)
{
	plan_check c;

	check_plan(m, &c);
	return !c.fresh_blanks && !has_join_index(m, NULL);
}
