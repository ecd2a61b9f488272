/*
 * rml_iterator_base.c
 *	  Find the XPath iterators that extend another iterator of the same
 *	  source ("BASE/REST"), so that each is evaluated below BASE's records
 *	  instead of from the root again (rml_source.c, iterated_of).
 *
 * A mapping of nested records (a person, its events, their dates) repeats
 * the path down to the person in every iterator; libxml2 walks it again
 * each time. Textually "BASE/REST" means (BASE)/REST only when neither part
 * has a '|' outside brackets and strings (a|b/c is a|(b/c)), and REST
 * starts with a step of its own ("BASE//x" is left alone: below nested
 * BASE records its results could repeat).
 */
#include "rml_compiler.h"

#include <string.h>

/* a '|' outside (), [] and string literals */
static bool
has_top_level_union(const char *s)
{
	int depth = 0;
	char quote = 0;

	for (; *s; s++)
	{
		if (quote)
		{
			if (*s == quote)
				quote = 0;
		}
		else if (*s == '\'' || *s == '"')
			quote = *s;
		else if (*s == '(' || *s == '[')
			depth++;
		else if (*s == ')' || *s == ']')
			depth--;
		else if (*s == '|' && depth == 0)
			return true;
	}
	return false;
}

/* whether ls's iterator is base's iterator followed by "/" and a step */
static bool
extends(const rml_logical_source *ls, const rml_logical_source *base)
{
	size_t n = strlen(base->iterator);
	const char *rest = ls->iterator + n + 1;

	return base != ls && base->formulation == RML_XPATH && base->iterator &&
	       strcmp(base->source, ls->source) == 0 && rml_same_namespaces(base, ls) &&
	       strncmp(ls->iterator, base->iterator, n) == 0 && ls->iterator[n] == '/' &&
	       rest[0] != '/' && rest[0] != '\0' && !has_top_level_union(base->iterator) &&
	       !has_top_level_union(rest);
}

void
rml_link_iterator_bases(compiler *c)
{
	rml_mapping *m = c->m;

	for (size_t i = 0; i < m->nmaps; i++)
	{
		rml_logical_source *ls = &m->maps[i].source;
		const rml_logical_source *best = NULL;

		if (ls->formulation != RML_XPATH || ls->iterator == NULL)
			continue;
		/* the longest base: the fewest steps left to walk */
		for (size_t j = 0; j < m->nmaps; j++)
		{
			const rml_logical_source *base = &m->maps[j].source;

			if (extends(ls, base) &&
			    (best == NULL || strlen(base->iterator) > strlen(best->iterator)))
				best = base;
		}
		if (best)
		{
			c->where = m->maps[i].name;
			ls->iterator_base = best;
			ls->iterator_rest = rml_compile_ref(c, ls, ls->iterator + strlen(best->iterator) + 1);
		}
	}
}
