/*
 * shacl_compile_constraints.c
 *	  Reading the constraint parameters of a shape into shacl_constraint
 *	  records; sh:pattern is compiled with ICU here, once.
 */
#include "shacl_compiler.h"

#include <string.h>
#include <unicode/utext.h>

static shacl_constraint *
add_constraint(compiler *c, oslo_shacl_shape *sh, oslo_shacl_component comp, uint32_t *cap)
{
	shacl_constraint *k;

	if (sh->nconstraints == *cap)
	{
		shacl_constraint *bigger;

		*cap = *cap ? *cap * 2 : 8;
		bigger = shacl_arena_alloc(&c->s->arena, sizeof(shacl_constraint) * *cap);
		if (sh->nconstraints)
			memcpy(bigger, sh->constraints, sizeof(shacl_constraint) * sh->nconstraints);
		sh->constraints = bigger;
	}
	k = &sh->constraints[sh->nconstraints++];
	memset(k, 0, sizeof(*k));
	k->component = comp;
	return k;
}

/*
 * The shapes' one guard: closes every compiled regex. It stays armed while
 * the shapes live, so an error -- in compiling or in a later validation --
 * or the end of the owning memory context never leaks ICU's malloc'd objects.
 */
void
shacl_close_regexes(void *arg)
{
	oslo_shacl_shapes *s = arg;

	for (uint32_t i = 0; i < s->nshapes; i++)
		for (uint32_t k = 0; k < s->all[i]->nconstraints; k++)
			if (s->all[i]->constraints[k].regex)
			{
				uregex_close(s->all[i]->constraints[k].regex);
				s->all[i]->constraints[k].regex = NULL;
			}
}

static URegularExpression *
compile_regex(compiler *c, oslo_term_id shape, oslo_term_id pattern, oslo_term_id flags)
{
	const oslo_term *pt = oslo_graph_term(c->g, pattern);
	uint32_t uflags = 0;
	UErrorCode status = U_ZERO_ERROR;
	UParseError perr;
	UText ut = UTEXT_INITIALIZER;
	URegularExpression *re;

	/* SHACL 4.7.1: xsd:string only; "..."@en is refused as Jena does (CPSV-AP 2.2.1) */
	if (!shacl_is_literal_of(c->g, pattern, OSLO_XSD_STRING))
		shacl_malformed(c, shape, P_PATTERN, pattern, "expected a literal of datatype xsd:string");
	if (flags)
	{
		const oslo_term *ft = oslo_graph_term(c->g, flags);

		if (!shacl_is_literal_of(c->g, flags, OSLO_XSD_STRING))
			shacl_malformed(c, shape, P_FLAGS, flags, "expected a literal of datatype xsd:string");
		for (const char *f = ft->value; *f; f++)
		{
			switch (*f)
			{
				case 'i':
					uflags |= UREGEX_CASE_INSENSITIVE;
					break;
				case 'm':
					uflags |= UREGEX_MULTILINE;
					break;
				case 's':
					uflags |= UREGEX_DOTALL;
					break;
				case 'x':
					uflags |= UREGEX_COMMENTS;
					break;
				case 'q':
					uflags |= UREGEX_LITERAL;
					break;
				default:
					shacl_malformed(c, shape, P_FLAGS, flags, "unknown regular expression flag");
			}
		}
	}
	utext_openUTF8(&ut, pt->value, pt->len, &status);
	re = uregex_openUText(&ut, uflags, &perr, &status);
	utext_close(&ut);
	if (U_FAILURE(status))
	{
		if (re)
			uregex_close(re);
		oslo_error(
		    OSLO_ERR_PARAMETER,
		    "malformed shape %s: sh:pattern %s: invalid regular expression (%s at offset %d)",
		    shacl_term_text(c->g, shape), shacl_term_text(c->g, pattern), u_errorName(status),
		    (int)perr.offset);
	}
	/*
	 * A pathological pattern (catastrophic backtracking) fails after this many
	 * ICU steps (each some 10,000 match operations) instead of hanging.
	 */
	uregex_setTimeLimit(re, 1000, &status);
	return re;
}

static oslo_shacl_shape **
read_shape_list(compiler *c, oslo_term_id shape, sh_param p, oslo_term_id head, uint32_t *n)
{
	oslo_term_id *members = shacl_read_list(c, shape, p, head, n);
	oslo_shacl_shape **out = shacl_arena_alloc(&c->s->arena, sizeof(oslo_shacl_shape *) * (*n + 1));

	for (uint32_t i = 0; i < *n; i++)
	{
		shacl_require_kind(c, shape, p, members[i], true, true, false);
		out[i] = shacl_compile_shape(c, members[i]);
	}
	return out;
}

static void
add_closed(compiler *c, oslo_shacl_shape *sh, const shape_params *sp, uint32_t *cap)
{
	shacl_constraint *k = add_constraint(c, sh, OSLO_SH_CLOSED, cap);
	uint32_t nignored = 0, nprops = 0;
	oslo_term_id *ignored = NULL;
	oslo_match m;
	oslo_quad q;

	if (sp->ignored)
	{
		ignored = shacl_read_list(c, sh->id, P_IGNORED_PROPERTIES, sp->ignored, &nignored);
		for (uint32_t i = 0; i < nignored; i++)
			shacl_require_kind(c, sh->id, P_IGNORED_PROPERTIES, ignored[i], true, false, false);
	}
	/* (0 would match any predicate) */
	if (c->param[P_PROPERTY])
	{
		oslo_match_init(&m, c->g, sh->id, c->param[P_PROPERTY], 0, 0);
		while (oslo_match_next(&m, NULL))
			nprops++;
	}
	k->terms = shacl_arena_alloc(&c->s->arena, sizeof(oslo_term_id) * (nignored + nprops + 1));
	for (uint32_t i = 0; i < nignored; i++)
		k->terms[k->nterms++] = ignored[i];
	/* predicates of the property shapes' simple paths are allowed */
	oslo_match_init(&m, c->g, sh->id, c->param[P_PROPERTY], 0, 0);
	while (nprops && oslo_match_next(&m, &q))
	{
		oslo_term_id path = c->param[P_PATH] ? oslo_graph_object(c->g, q.o, c->param[P_PATH]) : 0;

		if (path && oslo_graph_term(c->g, path)->kind == OSLO_TERM_IRI)
			k->terms[k->nterms++] = path;
	}
}

void
shacl_read_constraints(compiler *c, oslo_shacl_shape *sh, const shape_params *sp)
{
	static const sh_param property_only[] = {P_MIN_COUNT,           P_MAX_COUNT,
	                                         P_UNIQUE_LANG,         P_LESS_THAN,
	                                         P_LESS_THAN_OR_EQUALS, P_QUALIFIED_VALUE_SHAPE};
	uint32_t cap = 0, n;
	/* in document order, so results come in the order the shapes list them */
	oslo_quad *quads = shacl_matches_in_order(c->g, sh->id, 0, 0, &n);

	for (uint32_t qi = 0; qi < n; qi++)
	{
		oslo_quad q = quads[qi];
		sh_param p = shacl_param_of(c, q.p);
		shacl_constraint *k;

		if (p >= P_PATH)
			continue;
		if (!sh->is_property)
			for (size_t i = 0; i < sizeof(property_only) / sizeof(property_only[0]); i++)
				if (p == property_only[i])
					shacl_malformed(c, sh->id, p, q.o,
					                "only property shapes (with sh:path) take it");
		switch (p)
		{
			case P_CLASS:
			case P_DATATYPE:
				shacl_require_kind(c, sh->id, p, q.o, true, false, false);
				k = add_constraint(c, sh, p == P_CLASS ? OSLO_SH_CLASS : OSLO_SH_DATATYPE, &cap);
				k->term = q.o;
				break;
			case P_NODE_KIND:
			{
				static const char *const kinds[] = {
				    "BlankNode",          "IRI",         "Literal", "BlankNodeOrIRI",
				    "BlankNodeOrLiteral", "IRIOrLiteral"};
				bool ok = false;

				for (int i = 0; i < 6; i++)
					ok = ok || (q.o && q.o == shacl_iri(c->g, kinds[i]));
				if (!ok)
					shacl_malformed(c, sh->id, p, q.o, "expected one of the six sh: node kinds");
				k = add_constraint(c, sh, OSLO_SH_NODE_KIND, &cap);
				k->term = q.o;
				break;
			}
			case P_MIN_COUNT:
			case P_MAX_COUNT:
			case P_MIN_LENGTH:
			case P_MAX_LENGTH:
				k = add_constraint(c, sh,
				                   p == P_MIN_COUNT    ? OSLO_SH_MIN_COUNT
				                   : p == P_MAX_COUNT  ? OSLO_SH_MAX_COUNT
				                   : p == P_MIN_LENGTH ? OSLO_SH_MIN_LENGTH
				                                       : OSLO_SH_MAX_LENGTH,
				                   &cap);
				k->count = shacl_read_count(c, sh->id, p, q.o);
				break;
			case P_MIN_EXCLUSIVE:
			case P_MIN_INCLUSIVE:
			case P_MAX_EXCLUSIVE:
			case P_MAX_INCLUSIVE:
				shacl_require_kind(c, sh->id, p, q.o, false, false, true);
				k = add_constraint(c, sh, OSLO_SH_MIN_EXCLUSIVE + (p - P_MIN_EXCLUSIVE), &cap);
				k->term = q.o;
				break;
			case P_PATTERN:
				k = add_constraint(c, sh, OSLO_SH_PATTERN, &cap);
				k->term = q.o;
				k->regex = compile_regex(c, sh->id, q.o, sp->flags);
				break;
			case P_LANGUAGE_IN:
				k = add_constraint(c, sh, OSLO_SH_LANGUAGE_IN, &cap);
				k->terms = shacl_read_list(c, sh->id, p, q.o, &k->nterms);
				for (uint32_t i = 0; i < k->nterms; i++)
					shacl_require_kind(c, sh->id, p, k->terms[i], false, false, true);
				break;
			case P_UNIQUE_LANG:
				if (shacl_read_boolean(c, sh->id, p, q.o))
					add_constraint(c, sh, OSLO_SH_UNIQUE_LANG, &cap);
				break;
			case P_EQUALS:
			case P_DISJOINT:
			case P_LESS_THAN:
			case P_LESS_THAN_OR_EQUALS:
				shacl_require_kind(c, sh->id, p, q.o, true, false, false);
				k = add_constraint(c, sh, OSLO_SH_EQUALS + (p - P_EQUALS), &cap);
				k->term = q.o;
				break;
			case P_NOT:
			case P_NODE:
			case P_PROPERTY:
			{
				oslo_shacl_shape *target;

				shacl_require_kind(c, sh->id, p, q.o, true, true, false);
				/* checked first: compiling it would complain about its parameters */
				if (p == P_PROPERTY &&
				    !(c->param[P_PATH] && oslo_graph_object(c->g, q.o, c->param[P_PATH])))
					shacl_malformed(c, sh->id, p, q.o, "the value of sh:property has no sh:path");
				target = shacl_compile_shape(c, q.o);
				k = add_constraint(c, sh,
				                   p == P_NOT    ? OSLO_SH_NOT
				                   : p == P_NODE ? OSLO_SH_NODE
				                                 : OSLO_SH_PROPERTY,
				                   &cap);
				k->shapes = shacl_arena_alloc(&c->s->arena, sizeof(oslo_shacl_shape *));
				k->shapes[0] = target;
				k->nshapes = 1;
				break;
			}
			case P_AND:
			case P_OR:
			case P_XONE:
				k = add_constraint(c, sh, OSLO_SH_AND + (p - P_AND), &cap);
				k->term = q.o;
				k->shapes = read_shape_list(c, sh->id, p, q.o, &k->nshapes);
				break;
			case P_QUALIFIED_VALUE_SHAPE:
			{
				oslo_shacl_shape *target = shacl_compile_shape(c, q.o);

				for (int i = 0; i < 2; i++)
				{
					if (!(i == 0 ? sp->has_qmin : sp->has_qmax))
						continue;
					k = add_constraint(
					    c, sh, i == 0 ? OSLO_SH_QUALIFIED_MIN_COUNT : OSLO_SH_QUALIFIED_MAX_COUNT,
					    &cap);
					k->count = i == 0 ? sp->qualified_min : sp->qualified_max;
					k->shapes = shacl_arena_alloc(&c->s->arena, sizeof(oslo_shacl_shape *));
					k->shapes[0] = target;
					k->nshapes = 1;
					k->disjoint = sp->qualified_disjoint;
				}
				break;
			}
			case P_CLOSED:
				if (sp->closed)
					add_closed(c, sh, sp, &cap);
				break;
			case P_HAS_VALUE:
				k = add_constraint(c, sh, OSLO_SH_HAS_VALUE, &cap);
				k->term = q.o;
				break;
			case P_IN:
				k = add_constraint(c, sh, OSLO_SH_IN, &cap);
				k->terms = shacl_read_list(c, sh->id, p, q.o, &k->nterms);
				break;
			default:
				break;
		}
	}
	oslo_free(quads);
}
