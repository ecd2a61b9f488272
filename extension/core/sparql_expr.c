/*
 * sparql_expr.c
 *	  Evaluation of operators: logical connectives with SPARQL's error
 *	  handling (section 17.2), comparisons, arithmetic and IN.
 */
#include "sparql_internal.h"

#include <string.h>

static void
eval_var(sq_eval *e, const sq_expr *x, sq_value *out)
{
	oslo_term_id id = x->hidden ? 0 : e->bind[x->index];

	if (id == 0)
		memset(out, 0, sizeof(*out));
	else
		sq_value_of_term(e, id, out);
}

/* effective boolean value of a sub-expression: 1, 0 or -1 */
static int
ebv_of(sq_eval *e, const sq_expr *x)
{
	sq_value v;

	sq_expr_eval(e, x, &v);
	return sq_ebv(&v);
}

static void
eval_in(sq_eval *e, const sq_expr *x, sq_value *out)
{
	sq_value a;
	bool error = false;

	sq_expr_eval(e, x->args[0], &a);
	if (a.kind == SQ_V_ERROR)
	{
		memset(out, 0, sizeof(*out));
		return;
	}
	for (int i = 1; i < x->nargs; i++)
	{
		sq_value b;
		int r;

		sq_expr_eval(e, x->args[i], &b);
		r = sq_compare(e, SQ_E_EQ, &a, &b);
		if (r == 1)
		{
			sq_value_bool(out, x->op == SQ_E_IN);
			return;
		}
		if (r < 0)
			error = true;
	}
	/* no match: an error met on the way makes the result an error */
	if (error)
		memset(out, 0, sizeof(*out));
	else
		sq_value_bool(out, x->op == SQ_E_NOT_IN);
}

void
sq_expr_eval(sq_eval *e, const sq_expr *x, sq_value *out)
{
	switch (x->op)
	{
		case SQ_E_VAR:
			eval_var(e, x, out);
			return;
		case SQ_E_CONST:
			sq_value_of_term(e, e->c_val[x->index], out);
			return;
		case SQ_E_OR:
		case SQ_E_AND:
		{
			int a = ebv_of(e, x->args[0]), b;
			bool is_or = x->op == SQ_E_OR;

			/* true || error = true, false && error = false; otherwise errors win */
			if (a == (is_or ? 1 : 0))
			{
				sq_value_bool(out, is_or);
				return;
			}
			b = ebv_of(e, x->args[1]);
			if (b == (is_or ? 1 : 0))
				sq_value_bool(out, is_or);
			else if (a < 0 || b < 0)
				memset(out, 0, sizeof(*out));
			else
				sq_value_bool(out, !is_or);
			return;
		}
		case SQ_E_NOT:
		{
			int a = ebv_of(e, x->args[0]);

			if (a < 0)
				memset(out, 0, sizeof(*out));
			else
				sq_value_bool(out, !a);
			return;
		}
		case SQ_E_EQ:
		case SQ_E_NE:
		case SQ_E_LT:
		case SQ_E_LE:
		case SQ_E_GT:
		case SQ_E_GE:
		{
			sq_value a, b;
			int r;

			sq_expr_eval(e, x->args[0], &a);
			sq_expr_eval(e, x->args[1], &b);
			r = sq_compare(e, x->op, &a, &b);
			if (r < 0)
				memset(out, 0, sizeof(*out));
			else
				sq_value_bool(out, r);
			return;
		}
		case SQ_E_ADD:
		case SQ_E_SUB:
		case SQ_E_MUL:
		case SQ_E_DIV:
		{
			sq_value a, b;

			sq_expr_eval(e, x->args[0], &a);
			sq_expr_eval(e, x->args[1], &b);
			sq_arith(e, x->op, &a, &b, out);
			return;
		}
		case SQ_E_NEG:
		case SQ_E_PLUS:
		{
			sq_value a;

			sq_expr_eval(e, x->args[0], &a);
			if (a.num == SQ_NUM_NONE)
				memset(out, 0, sizeof(*out));
			else if (x->op == SQ_E_PLUS)
				*out = a;
			else if (a.num == SQ_NUM_INTEGER && a.i != INT64_MIN)
				sq_value_integer(e, out, -a.i);
			else if (a.num == SQ_NUM_DOUBLE)
				sq_value_double(e, out, -a.d);
			else if (a.num == SQ_NUM_DECIMAL && a.exact)
			{
				sq_dec neg = a.dec;

				neg.m = -neg.m;
				sq_value_decimal_exact(e, out, &neg);
			}
			else if (a.num == SQ_NUM_DECIMAL)
				sq_value_decimal(e, out, -a.d);
			else
				memset(out, 0, sizeof(*out));
			return;
		}
		case SQ_E_IN:
		case SQ_E_NOT_IN:
			eval_in(e, x, out);
			return;
		default:
			sq_func_eval(e, x, out);
			return;
	}
}

bool
sq_filter_pass(sq_eval *e, const sq_expr *x)
{
	sq_value v;
	bool pass;

	sq_expr_eval(e, x, &v);
	pass = sq_ebv(&v) == 1;
	sq_tmp_reset(e);
	return pass;
}
