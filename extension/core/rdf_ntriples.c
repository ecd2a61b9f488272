/*
 * rdf_ntriples.c
 *	  N-Triples text of single terms, the canonical statement order, and the
 *	  N-Triples / N-Quads writer built on both.
 *
 * Escaping follows canonical N-Triples (RDF 1.2): \b \t \n \f \r \" \\ as
 * ECHAR, the other C0 controls and DEL as \u00XX, everything else as UTF-8.
 * Writing N-Triples ourselves instead of through serd keeps one escaping
 * routine, so the sort key of a statement is exactly the line we print.
 */
#include "rdf_syntax.h"

#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

static void
put_uchar(oslo_buf *out, unsigned char ch)
{
	oslo_buf_printf(out, "\\u%04X", ch);
}

static void
put_iri(oslo_buf *out, const char *s, size_t len)
{
	size_t start = 0;

	oslo_buf_putc(out, '<');
	for (size_t i = 0; i < len; i++)
	{
		unsigned char ch = (unsigned char)s[i];

		/* IRIREF excludes these raw; UCHAR keeps the output parseable */
		if (ch <= 0x20 || strchr("<>\"{}|^`\\", ch))
		{
			oslo_buf_append(out, s + start, i - start);
			put_uchar(out, ch);
			start = i + 1;
		}
	}
	oslo_buf_append(out, s + start, len - start);
	oslo_buf_putc(out, '>');
}

static void
put_string(oslo_buf *out, const char *s, size_t len)
{
	size_t start = 0;

	oslo_buf_putc(out, '"');
	for (size_t i = 0; i < len; i++)
	{
		unsigned char ch = (unsigned char)s[i];
		const char *echar = NULL;

		switch (ch)
		{
			case '\b':
				echar = "\\b";
				break;
			case '\t':
				echar = "\\t";
				break;
			case '\n':
				echar = "\\n";
				break;
			case '\f':
				echar = "\\f";
				break;
			case '\r':
				echar = "\\r";
				break;
			case '"':
				echar = "\\\"";
				break;
			case '\\':
				echar = "\\\\";
				break;
			default:
				if (ch >= 0x20 && ch != 0x7F)
					continue;
		}
		oslo_buf_append(out, s + start, i - start);
		if (echar)
			oslo_buf_puts(out, echar);
		else
			put_uchar(out, ch);
		start = i + 1;
	}
	oslo_buf_append(out, s + start, len - start);
	oslo_buf_putc(out, '"');
}

static bool
label_char(unsigned char ch, bool first)
{
	if (ch >= 0x80)
		return true; /* PN_CHARS_BASE covers nearly all of non-ASCII */
	if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	    ch == '_')
		return true;
	return !first && (ch == '-' || ch == '.');
}

bool
oslo_blank_label_valid(const char *label, size_t len)
{
	if (len == 0 || label[len - 1] == '.')
		return false;
	for (size_t i = 0; i < len; i++)
		if (!label_char((unsigned char)label[i], i == 0))
			return false;
	return true;
}

void
oslo_blank_label_put(oslo_buf *out, const char *label, size_t len)
{
	static const char hex[] = "0123456789abcdef";

	if (oslo_blank_label_valid(label, len))
	{
		oslo_buf_append(out, label, len);
		return;
	}
	/* labels from elsewhere (JSON-LD, SQL) may hold anything: hex-encode them */
	oslo_buf_puts(out, "x_");
	for (size_t i = 0; i < len; i++)
	{
		oslo_buf_putc(out, hex[(unsigned char)label[i] >> 4]);
		oslo_buf_putc(out, hex[(unsigned char)label[i] & 15]);
	}
}

void
oslo_term_to_ntriples(const oslo_graph *g, oslo_term_id id, oslo_buf *out)
{
	const oslo_term *t = oslo_graph_term(g, id);

	switch (t->kind)
	{
		case OSLO_TERM_IRI:
			put_iri(out, t->value, t->len);
			break;
		case OSLO_TERM_BLANK:
			oslo_buf_puts(out, "_:");
			oslo_blank_label_put(out, t->value, t->len);
			break;
		case OSLO_TERM_LITERAL:
		{
			const oslo_term *dt = oslo_graph_term(g, t->datatype);

			put_string(out, t->value, t->len);
			if (t->lang && t->lang[0])
			{
				oslo_buf_putc(out, '@');
				oslo_buf_puts(out, t->lang);
			}
			else if (strcmp(dt->value, OSLO_XSD_STRING) != 0)
			{
				oslo_buf_puts(out, "^^");
				put_iri(out, dt->value, dt->len);
			}
			break;
		}
	}
}

/*
 * Large output is written into memory the process never touched: each 4 kB
 * page costs a fault (most of writing 50 MB of N-Quads was the kernel's).
 * Asking for transparent huge pages over the part about to be written
 * takes one fault per 2 MB instead. Only a hint: the memory is the host's,
 * and nothing changes where the kernel ignores it.
 */
static void
advise_huge_pages(char *start, size_t len)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t from = ((uintptr_t)start + huge - 1) & ~(huge - 1);
	uintptr_t to = ((uintptr_t)start + len) & ~(huge - 1);

	if (len >= 8 * huge && to > from)
		(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#endif
}

/* every term's N-Triples text, NUL-separated in one buffer */
typedef struct term_texts
{
	oslo_buf buf;
	size_t *offset; /* by term id, and offset[n + 1] = the end; offset[0] is "" (default graph) */
} term_texts;

static void
term_texts_build(const oslo_graph *g, term_texts *tt)
{
	uint32_t n = oslo_graph_term_count(g);

	oslo_buf_init(&tt->buf);
	tt->offset = oslo_alloc(sizeof(size_t) * ((size_t)n + 2));
	oslo_buf_putc(&tt->buf, '\0');
	tt->offset[0] = 0;
	for (uint32_t id = 1; id <= n; id++)
	{
		if ((id & 0xFFF) == 0)
			oslo_check_interrupts();
		tt->offset[id] = tt->buf.len;
		oslo_term_to_ntriples(g, id, &tt->buf);
		oslo_buf_putc(&tt->buf, '\0');
	}
	tt->offset[(size_t)n + 1] = tt->buf.len;
}

static const char *
term_text(const term_texts *tt, oslo_term_id id)
{
	return tt->buf.data + tt->offset[id];
}

/* the length of term_text (without its NUL) */
static size_t
term_text_len(const term_texts *tt, oslo_term_id id)
{
	return tt->offset[id + 1] - tt->offset[id] - 1;
}

/*
 * Quads sort by the texts of graph, subject, predicate and object. Terms are
 * far fewer than quads, so each term's text is compared once to give it a
 * rank (equal texts, equal ranks), and the quads then sort on four integers:
 * the same order as comparing the texts quad by quad, without the strcmp
 * calls on long shared IRI prefixes that made that most of the writing.
 *
 * The ranks are small integers (below the number of terms), so the quads
 * are put in order of (graph, subject) by counting sorts of their indexes
 * -- linear, where a comparison sort of the quads was half of writing
 * N-Quads -- and only the few statements of one subject are then compared
 * on (predicate, object). Quads in a graph are distinct, so the order is
 * total and the same as a full comparison sort.
 */
static const term_texts *rank_texts; /* for compare_ids: qsort has no argument */

static int
compare_ids(const void *a, const void *b)
{
	return strcmp(term_text(rank_texts, *(const uint32_t *)a),
	              term_text(rank_texts, *(const uint32_t *)b));
}

/* rank[id] for every term id (0, the default graph's "", ranks first); *nranks: how many */
static uint32_t *
term_ranks(const oslo_graph *g, const term_texts *tt, uint32_t *nranks)
{
	uint32_t n = oslo_graph_term_count(g) + 1;
	uint32_t *ids = oslo_alloc(sizeof(uint32_t) * n);
	uint32_t *rank = oslo_alloc(sizeof(uint32_t) * n);
	uint32_t r = 0;

	for (uint32_t i = 0; i < n; i++)
		ids[i] = i;
	rank_texts = tt;
	if (n > 1)
		qsort(ids, n, sizeof(uint32_t), compare_ids);
	for (uint32_t i = 0; i < n; i++)
	{
		if (i > 0 && strcmp(term_text(tt, ids[i - 1]), term_text(tt, ids[i])) != 0)
			r++;
		rank[ids[i]] = r;
	}
	oslo_free(ids);
	*nranks = r + 1;
	return rank;
}

/* the rank of a quad's graph (0), subject (1), predicate (2) or object (3) */
static inline uint32_t
quad_rank(const oslo_quad *q, const uint32_t *rank, int part)
{
	switch (part)
	{
		case 0:
			return rank[q->g];
		case 1:
			return rank[q->s];
		case 2:
			return rank[q->p];
		default:
			return rank[q->o];
	}
}

/*
 * to[] = from[] (quad indexes; NULL: 0..n-1) stably sorted by the rank of
 * one part of the quad
 */
static void
counting_sort(const oslo_quad *quads, const uint32_t *rank, uint32_t nranks, int part,
              const uint32_t *from, uint32_t *to, size_t n)
{
	size_t *start = oslo_alloc0(sizeof(size_t) * ((size_t)nranks + 1));

	for (size_t i = 0; i < n; i++)
		start[quad_rank(&quads[from ? from[i] : i], rank, part) + 1]++;
	for (uint32_t r = 0; r < nranks; r++)
		start[r + 1] += start[r];
	for (size_t i = 0; i < n; i++)
	{
		uint32_t q = from ? from[i] : (uint32_t)i;

		to[start[quad_rank(&quads[q], rank, part)]++] = q;
	}
	oslo_free(start);
}

/* a quad index with its predicate and object ranks, for sorting one subject's quads */
typedef struct po_entry
{
	uint32_t p, o, index;
} po_entry;

static int
compare_po(const void *a, const void *b)
{
	const po_entry *x = a;
	const po_entry *y = b;

	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	if (x->o != y->o)
		return x->o < y->o ? -1 : 1;
	return 0;
}

/* order[0..n), in order of (graph, subject): sorted within each run of both on (p, o) */
static void
sort_runs(const oslo_quad *quads, const uint32_t *rank, uint32_t *order, size_t n)
{
	po_entry small[16];
	size_t run = 0;

	for (size_t i = 1; i <= n; i++)
	{
		const oslo_quad *first = &quads[order[run]];
		size_t len;
		po_entry *e;

		if (i < n && rank[quads[order[i]].s] == rank[first->s] &&
		    rank[quads[order[i]].g] == rank[first->g])
			continue;
		len = i - run;
		if (len > 1)
		{
			e = len <= 16 ? small : oslo_alloc(sizeof(po_entry) * len);
			for (size_t j = 0; j < len; j++)
			{
				const oslo_quad *q = &quads[order[run + j]];

				e[j].p = rank[q->p];
				e[j].o = rank[q->o];
				e[j].index = order[run + j];
			}
			if (len > 16)
				qsort(e, len, sizeof(po_entry), compare_po);
			else
				for (size_t j = 1; j < len; j++)
				{
					po_entry x = e[j];
					size_t k = j;

					for (; k > 0 && compare_po(&e[k - 1], &x) > 0; k--)
						e[k] = e[k - 1];
					e[k] = x;
				}
			for (size_t j = 0; j < len; j++)
				order[run + j] = e[j].index;
			if (e != small)
				oslo_free(e);
		}
		run = i;
	}
}

static uint32_t *
sorted_order_with(const oslo_graph *g, const term_texts *tt)
{
	size_t n = oslo_graph_size(g);
	const oslo_quad *quads = oslo_graph_quads(g);
	uint32_t *order = oslo_alloc(sizeof(uint32_t) * (n ? n : 1));
	uint32_t nranks;
	uint32_t *rank = term_ranks(g, tt, &nranks);

	oslo_check_interrupts();
	/* least significant first: by subject, then (stable) by graph */
	if (oslo_graph_has_named_graphs(g))
	{
		uint32_t *by_subject = oslo_alloc(sizeof(uint32_t) * (n ? n : 1));

		counting_sort(quads, rank, nranks, 1, NULL, by_subject, n);
		counting_sort(quads, rank, nranks, 0, by_subject, order, n);
		oslo_free(by_subject);
	}
	else
		counting_sort(quads, rank, nranks, 1, NULL, order, n);
	sort_runs(quads, rank, order, n);
	oslo_free(rank);
	return order;
}

uint32_t *
oslo_graph_sorted_order(const oslo_graph *g)
{
	term_texts tt;
	uint32_t *order;

	term_texts_build(g, &tt);
	order = sorted_order_with(g, &tt);
	oslo_buf_free(&tt.buf);
	oslo_free(tt.offset);
	return order;
}

bool
oslo_graph_has_named_graphs(const oslo_graph *g)
{
	size_t n = oslo_graph_size(g);
	const oslo_quad *quads = oslo_graph_quads(g);

	for (size_t i = 0; i < n; i++)
		if (quads[i].g != 0)
			return true;
	return false;
}

void
oslo_write_nquads(const oslo_graph *g, bool with_graphs, oslo_buf *out)
{
	term_texts tt;
	uint32_t *order;
	size_t n = oslo_graph_size(g);
	const oslo_quad *quads = oslo_graph_quads(g);
	size_t total = 0;
	char *w;

	term_texts_build(g, &tt);
	order = sorted_order_with(g, &tt);
	/* the output's exact size first: one allocation, and no strlen per term */
	for (size_t i = 0; i < n; i++)
	{
		const oslo_quad *q = &quads[i];

		total += term_text_len(&tt, q->s) + term_text_len(&tt, q->p) + term_text_len(&tt, q->o) +
		         5; /* "s p o .\n" */
		if (with_graphs && q->g != 0)
			total += term_text_len(&tt, q->g) + 1;
	}
	oslo_buf_reserve(out, total);
	w = out->data + out->len;
	advise_huge_pages(w, total);
	for (size_t i = 0; i < n; i++)
	{
		const oslo_quad *q = &quads[order[i]];
		size_t l;

		if ((i & 0xFFFF) == 0xFFFF)
			oslo_check_interrupts();
		l = term_text_len(&tt, q->s);
		memcpy(w, term_text(&tt, q->s), l);
		w += l;
		*w++ = ' ';
		l = term_text_len(&tt, q->p);
		memcpy(w, term_text(&tt, q->p), l);
		w += l;
		*w++ = ' ';
		l = term_text_len(&tt, q->o);
		memcpy(w, term_text(&tt, q->o), l);
		w += l;
		if (with_graphs && q->g != 0)
		{
			*w++ = ' ';
			l = term_text_len(&tt, q->g);
			memcpy(w, term_text(&tt, q->g), l);
			w += l;
		}
		memcpy(w, " .\n", 3);
		w += 3;
	}
	out->len = (size_t)(w - out->data);
	out->data[out->len] = '\0';
	oslo_free(order);
	oslo_buf_free(&tt.buf);
	oslo_free(tt.offset);
}
