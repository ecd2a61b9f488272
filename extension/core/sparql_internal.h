/*
 * sparql_internal.h
 *	  The parsed form of a SPARQL CONSTRUCT query and the evaluator's state,
 *	  shared by the sparql_*.c files.
 */
#ifndef OSLO_SPARQL_INTERNAL_H
#define OSLO_SPARQL_INTERNAL_H

#include "sparql.h"

/* ---- arena: everything a parsed query owns, freed at once ---- */
typedef struct sq_chunk
{
	struct sq_chunk *next;
	size_t used, cap;
	/* data follows */
} sq_chunk;

typedef struct sq_arena
{
	sq_chunk *head;
} sq_arena;

extern void *sq_alloc(sq_arena *a, size_t n); /* zeroed */
extern char *sq_strndup(sq_arena *a, const char *s, size_t len);
/* grow *array (of elem-sized items, *cap of them) to hold n+1 items */
extern void sq_grow(sq_arena *a, void **array, int *cap, int n, size_t elem);
extern void sq_arena_free(sq_arena *a);

/* ---- terms, patterns, expressions ---- */

/* an RDF term written in the query */
typedef struct sq_const
{
	oslo_term_kind kind;
	const char *value; /* IRI, or lexical form */
	size_t len;
	const char *datatype; /* literals: datatype IRI; NULL: xsd:string or rdf:langString */
	const char *lang;     /* literals: lower-cased tag or NULL */
} sq_const;

typedef enum sq_node_kind
{
	SQ_N_VAR = 1,   /* index: variable number */
	SQ_N_CONST = 2, /* index: constant number */
	SQ_N_TBLANK = 3 /* template blank node: index per template */
} sq_node_kind;

typedef struct sq_node
{
	uint8_t kind;
	uint32_t index;
} sq_node;

typedef struct sq_triple
{
	sq_node s, p, o;
} sq_triple;

typedef enum sq_op
{
	SQ_E_VAR,
	SQ_E_CONST,
	SQ_E_OR,
	SQ_E_AND,
	SQ_E_NOT,
	SQ_E_EQ,
	SQ_E_NE,
	SQ_E_LT,
	SQ_E_LE,
	SQ_E_GT,
	SQ_E_GE,
	SQ_E_ADD,
	SQ_E_SUB,
	SQ_E_MUL,
	SQ_E_DIV,
	SQ_E_NEG,
	SQ_E_PLUS,
	SQ_E_IN,
	SQ_E_NOT_IN,
	/* built-in calls */
	SQ_E_BOUND,
	SQ_E_IS_IRI,
	SQ_E_IS_BLANK,
	SQ_E_IS_LITERAL,
	SQ_E_IS_NUMERIC,
	SQ_E_STR,
	SQ_E_LANG,
	SQ_E_DATATYPE,
	SQ_E_IRI,
	SQ_E_STRDT,
	SQ_E_STRLANG,
	SQ_E_CONCAT,
	SQ_E_STRSTARTS,
	SQ_E_STRENDS,
	SQ_E_CONTAINS,
	SQ_E_STRLEN,
	SQ_E_SUBSTR,
	SQ_E_UCASE,
	SQ_E_LCASE,
	SQ_E_LANGMATCHES,
	SQ_E_SAMETERM,
	SQ_E_COALESCE,
	SQ_E_IF,
	SQ_E_REGEX
} sq_op;

typedef struct sq_expr
{
	sq_op op;
	uint32_t index; /* SQ_E_VAR: variable; SQ_E_CONST: constant; SQ_E_REGEX: compiled pattern */
	bool hidden;    /* SQ_E_VAR: not in scope where evaluated: always unbound */
	int height;     /* of the tree below: 1 for a leaf (bounded by SQ_MAX_EXPR_HEIGHT) */
	int nargs;
	struct sq_expr **args;
} sq_expr;

typedef struct sq_filter
{
	sq_expr *expr;
	int place;      /* index of the element it runs in or before; nelems: at the end */
	bool in_bgp;    /* run inside the join of BGP element `place` once `need` is bound */
	uint32_t *need; /* variables that must be bound first */
	int nneed;
	int id; /* number in the query (evaluation state is per id) */
} sq_filter;

typedef enum sq_elem_kind
{
	SQ_EL_BGP = 1,
	SQ_EL_GROUP,
	SQ_EL_OPTIONAL,
	SQ_EL_BIND
} sq_elem_kind;

struct sq_group;

typedef struct sq_elem
{
	sq_elem_kind kind;
	int line, col;
	sq_triple *triples; /* BGP */
	int ntriples, cap;
	struct sq_group *group; /* GROUP, OPTIONAL */
	sq_expr *expr;          /* BIND */
	uint32_t var;           /* BIND */
	/* filters placed here (set by sparql_scope.c) */
	sq_filter **filters;
	int nfilters, cap_filters;
	int bgp_id; /* BGP: number in the query (evaluation state is per id) */
} sq_elem;

typedef struct sq_group
{
	sq_elem *elems;
	int nelems, cap;
	sq_filter *filters;
	int nfilters, fcap;
	int line, col;
} sq_group;

struct oslo_construct
{
	sq_arena arena;
	const char *what;
	const char *base;
	sq_const *consts;
	int nconsts, ccap;
	char **vars; /* names; "_:x" for blank nodes of the WHERE clause */
	int nvars, vcap;
	sq_triple *tmpl;
	int ntmpl, tcap;
	int ntblank;
	sq_group *where;
	int nfilters_total, nbgps;
	int nregex; /* REGEX calls with a constant pattern */
};

/* ---- lexer ---- */
typedef enum sq_tok_kind
{
	SQ_T_EOF = 0,
	SQ_T_IRI,    /* text: the IRI between < > */
	SQ_T_PNAME,  /* text: prefix, text2: local part (may be empty) */
	SQ_T_BLANK,  /* text: label */
	SQ_T_VAR,    /* text: name */
	SQ_T_LANG,   /* text: tag */
	SQ_T_INT,    /* text: lexical form */
	SQ_T_DEC,    /* text: lexical form */
	SQ_T_DOUBLE, /* text: lexical form */
	SQ_T_STRING, /* text: value, len: its length */
	SQ_T_WORD,   /* text: a keyword or function name */
	SQ_T_PUNCT   /* text: "{", "<=", "^^", ... */
} sq_tok_kind;

typedef struct sq_token
{
	sq_tok_kind kind;
	const char *text;
	size_t len;
	const char *text2;
	int line, col;
} sq_token;

typedef struct sq_lexer
{
	const char *src, *pos, *end;
	int line;
	const char *line_start;
	sq_arena *arena;
	const char *what;
	const char *col_line_start, *col_at; /* column_of's last position */
	int col;
} sq_lexer;

extern void sq_lex_init(sq_lexer *lx, const char *text, size_t len, sq_arena *a, const char *what);
extern void sq_lex_next(sq_lexer *lx, sq_token *t);

/* ---- parser (sparql_parse*.c) ---- */

/* nesting of groups and blank node property lists */
#define SQ_MAX_DEPTH 64
/* height of an expression tree */
#define SQ_MAX_EXPR_HEIGHT 1000
/* elements and triple patterns of a WHERE clause: the evaluator recurses once per each */
#define SQ_MAX_PATTERNS 4000
typedef struct sq_prefix
{
	const char *name;
	const char *iri;
} sq_prefix;

typedef struct sq_blank_use
{
	const char *label;
	int bgp;
} sq_blank_use;

typedef struct sq_index
{
	uint32_t *slots; /* entry index + 1, 0 = free */
	uint32_t *hashes;
	uint32_t cap, used;
} sq_index;

typedef struct sq_parser
{
	oslo_construct *q;
	sq_lexer lx;
	sq_token tok;
	sq_prefix *prefixes;
	int nprefixes, pcap;
	bool in_template;
	int depth;
	char **tblank_labels; /* template blank node labels */
	int ntblank_labels, tbcap;
	sq_blank_use *where_blanks; /* blank labels of the WHERE clause, with their BGP */
	int nwhere_blanks, wbcap;
	int bgp_counter;
	sq_index var_index, const_index;
} sq_parser;

extern void sq_next(sq_parser *p);
extern bool sq_is_punct(const sq_parser *p, const char *s);
extern bool sq_is_word(const sq_parser *p, const char *w);
extern void sq_expect_punct(sq_parser *p, const char *s);
extern void sq_syntax_error(const sq_parser *p, const sq_token *t, const char *fmt,
                            ...) OSLO_NORETURN OSLO_PRINTF(3, 4);
extern void sq_unsupported(const sq_parser *p, const sq_token *t,
                           const char *construct) OSLO_NORETURN;
extern const char *sq_token_desc(const sq_parser *p, const sq_token *t);
extern uint32_t sq_var(sq_parser *p, const char *name);
extern uint32_t sq_const_add(sq_parser *p, oslo_term_kind kind, const char *value, size_t len,
                             const char *datatype, const char *lang);
extern const char *sq_iri_of(sq_parser *p, const sq_token *t); /* IRI or prefixed name */
extern const char *sq_resolve_iri(sq_parser *p, const sq_token *t, const char *iri);
extern bool sq_starts_node(const sq_parser *p);
extern void sq_parse_triples(sq_parser *p, sq_elem *bgp);
extern sq_expr *sq_parse_expression(sq_parser *p);
extern bool sq_parse_literal(sq_parser *p, uint32_t *c);
/* REGEX with a constant pattern: checked and compiled once (sparql_regex.c) */
extern void sq_regex_prepare(sq_parser *p, sq_expr *x, const sq_token *at);
extern sq_expr *sq_parse_constraint(sq_parser *p);

/* ---- scope analysis (sparql_scope.c) ---- */
extern void sq_analyse(sq_parser *p);

/* ---- evaluation (sparql_eval.c, sparql_value.c, sparql_expr.c, sparql_template.c) ---- */

/* ids of the scratch graph (terms computed by expressions) carry this bit */
#define SQ_SCRATCH_BIT 0x80000000u
/* a constant of the query absent from the input graph: matches nothing */
#define SQ_ABSENT 0x7FFFFFFFu

typedef struct sq_bump
{
	char *block; /* as allocated (freed with oslo_free) */
	char *base;  /* block rounded up to 16: sq_value holds an __int128 */
	size_t used, cap;
	struct sq_bump *prev;
} sq_bump;

typedef struct sq_eval
{
	const oslo_construct *q;
	const oslo_graph *in;
	oslo_graph *out;
	oslo_graph *scratch;  /* terms computed by BIND, looked up in `in` first */
	oslo_term_id *bind;   /* per variable: 0 = unbound */
	oslo_term_id *c_in;   /* per constant: id in `in`, or SQ_ABSENT */
	oslo_term_id *c_val;  /* per constant: canonical id (in `in` or scratch) */
	oslo_term_id *c_out;  /* per constant: id in `out` */
	uint32_t *c_pcount;   /* per constant: statements with it as predicate, + 1; 0 = not counted */
	uint32_t *c_ocount;   /* the same as object */
	oslo_term_id *in2out; /* per term of `in`: id in `out`, 0 = not imported yet */
	uint32_t in_nterms;
	oslo_term_id *tblank; /* per template blank node: the current solution's, 0 = none yet */
	uint32_t fresh_counter;
	uint32_t steps;
	sq_bump *bump;           /* temporaries of one expression evaluation */
	int *filter_done;        /* per filter: join depth where it passed, -1: not yet */
	bool **used;             /* per BGP: patterns joined so far */
	oslo_guard *regex_guard; /* compiled REGEX patterns (sparql_regex.c) */
} sq_eval;

/* values of expressions (sparql_value.c) */
typedef enum sq_vkind
{
	SQ_V_ERROR = 0,
	SQ_V_IRI,
	SQ_V_BLANK,
	SQ_V_LITERAL
} sq_vkind;

typedef enum sq_num
{
	SQ_NUM_NONE = 0,
	SQ_NUM_INTEGER,
	SQ_NUM_DECIMAL,
	SQ_NUM_DOUBLE
} sq_num;

/* an exact decimal: m / 10^scale (sparql_decimal.c) */
typedef struct sq_dec
{
	__int128 m;
	int scale;
} sq_dec;

extern bool sq_dec_parse(const char *s, size_t n, sq_dec *out);
extern bool sq_dec_arith(sq_op op, const sq_dec *a, const sq_dec *b, sq_dec *r);
extern int sq_dec_cmp(const sq_dec *a, const sq_dec *b, bool *ok);
extern double sq_dec_double(const sq_dec *d);
extern void sq_dec_format(const sq_dec *d, char *buf, size_t size);

typedef struct sq_value
{
	sq_vkind kind;
	oslo_term_id id; /* the canonical term, 0 when computed and not interned */
	const char *lex; /* IRI, blank label or lexical form */
	size_t len;
	const char *datatype; /* literals: datatype IRI (xsd:string for simple literals) */
	const char *lang;     /* literals: tag or NULL */
	sq_num num;           /* numeric literals with a valid lexical form */
	int64_t i;
	double d;
	bool exact; /* integers and decimals within 128 bits: dec holds the value */
	sq_dec dec;
	bool is_bool; /* xsd:boolean with a valid lexical form */
	bool b;
} sq_value;

extern void *sq_tmp(sq_eval *e, size_t n);
extern void sq_tmp_reset(sq_eval *e);
extern const oslo_term *sq_term(const sq_eval *e, oslo_term_id id);
extern const char *sq_term_datatype(const sq_eval *e, oslo_term_id id, const oslo_term *t);
extern void sq_value_of_term(sq_eval *e, oslo_term_id id, sq_value *v);
extern void sq_value_typed(sq_value *v);
extern void sq_value_string(sq_value *v, const char *s, size_t len, const char *datatype,
                            const char *lang);
extern void sq_value_bool(sq_value *v, bool b);
extern void sq_value_integer(sq_eval *e, sq_value *v, int64_t i);
extern void sq_value_decimal(sq_eval *e, sq_value *v, double d);
extern void sq_value_decimal_exact(sq_eval *e, sq_value *v, const sq_dec *d);
extern void sq_value_double(sq_eval *e, sq_value *v, double d);
extern oslo_term_id sq_value_intern(sq_eval *e, const sq_value *v);
/* effective boolean value: 1, 0 or -1 (type error) */
extern int sq_ebv(const sq_value *v);
/* SQ_E_EQ ... SQ_E_GE: 1, 0 or -1 (type error) */
extern int sq_compare(sq_eval *e, sq_op op, const sq_value *a, const sq_value *b);
extern void sq_arith(sq_eval *e, sq_op op, const sq_value *a, const sq_value *b, sq_value *r);
extern bool sq_is_simple_or_string(const sq_value *v);

/* expressions (sparql_expr.c, sparql_func.c) */
extern void sq_expr_eval(sq_eval *e, const sq_expr *x, sq_value *out);
extern void sq_func_eval(sq_eval *e, const sq_expr *x, sq_value *out);
/* FILTER: true only when the effective boolean value is true */
extern bool sq_filter_pass(sq_eval *e, const sq_expr *x);

/* regular expressions (sparql_regex.c) */
extern void sq_regex_begin(sq_eval *e);
extern void sq_regex_end(sq_eval *e);
extern void sq_regex_eval(sq_eval *e, const sq_expr *x, const sq_value *text,
                          const sq_value *pattern, sq_value *out);

/* template (sparql_template.c) */
extern void sq_template_emit(sq_eval *e);

#endif /* OSLO_SPARQL_INTERNAL_H */
