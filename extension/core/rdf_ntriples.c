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

/* every term's N-Triples text, NUL-separated in one buffer */
typedef struct term_texts
{
	oslo_buf buf;
	size_t *offset; /* by term id; offset[0] is "" (default graph) */
} term_texts;

static void
term_texts_build(const oslo_graph *g, term_texts *tt)
{
	uint32_t n = oslo_graph_term_count(g);

	oslo_buf_init(&tt->buf);
	tt->offset = oslo_alloc(sizeof(size_t) * ((size_t)n + 1));
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
}

static const char *
term_text(const term_texts *tt, oslo_term_id id)
{
	return tt->buf.data + tt->offset[id];
}

/*
 * Quads sort by the texts of graph, subject, predicate and object. Terms are
 * far fewer than quads, so each term's text is compared once to give it a
 * rank (equal texts, equal ranks), and the quads then sort on four integers:
 * the same order as comparing the texts quad by quad, without the strcmp
 * calls on long shared IRI prefixes that made that most of the writing.
 */
typedef struct sort_entry
{
	uint32_t key[4]; /* ranks of graph, subject, predicate, object */
	uint32_t index;
} sort_entry;

static const term_texts *rank_texts; /* for compare_ids: qsort has no argument */

static int
compare_ids(const void *a, const void *b)
{
	return strcmp(term_text(rank_texts, *(const uint32_t *)a),
	              term_text(rank_texts, *(const uint32_t *)b));
}

static int
compare_entries(const void *a, const void *b)
{
	const sort_entry *x = a;
	const sort_entry *y = b;

	for (int i = 0; i < 4; i++)
		if (x->key[i] != y->key[i])
			return x->key[i] < y->key[i] ? -1 : 1;
	return 0;
}

/* rank[id] for every term id (0, the default graph's "", ranks first) */
static uint32_t *
term_ranks(const oslo_graph *g, const term_texts *tt)
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
	return rank;
}

static uint32_t *
sorted_order_with(const oslo_graph *g, const term_texts *tt)
{
	size_t n = oslo_graph_size(g);
	const oslo_quad *quads = oslo_graph_quads(g);
	sort_entry *entries = oslo_alloc(sizeof(sort_entry) * (n ? n : 1));
	uint32_t *order = oslo_alloc(sizeof(uint32_t) * (n ? n : 1));
	uint32_t *rank = term_ranks(g, tt);

	for (size_t i = 0; i < n; i++)
	{
		entries[i].key[0] = rank[quads[i].g];
		entries[i].key[1] = rank[quads[i].s];
		entries[i].key[2] = rank[quads[i].p];
		entries[i].key[3] = rank[quads[i].o];
		entries[i].index = (uint32_t)i;
	}
	oslo_free(rank);
	if (n > 1)
		qsort(entries, n, sizeof(sort_entry), compare_entries);
	for (size_t i = 0; i < n; i++)
		order[i] = entries[i].index;
	oslo_free(entries);
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

	term_texts_build(g, &tt);
	order = sorted_order_with(g, &tt);
	for (size_t i = 0; i < n; i++)
	{
		const oslo_quad *q = &quads[order[i]];

		if ((i & 0xFFF) == 0xFFF)
			oslo_check_interrupts();
		oslo_buf_puts(out, term_text(&tt, q->s));
		oslo_buf_putc(out, ' ');
		oslo_buf_puts(out, term_text(&tt, q->p));
		oslo_buf_putc(out, ' ');
		oslo_buf_puts(out, term_text(&tt, q->o));
		if (with_graphs && q->g != 0)
		{
			oslo_buf_putc(out, ' ');
			oslo_buf_puts(out, term_text(&tt, q->g));
		}
		oslo_buf_puts(out, " .\n");
	}
	oslo_free(order);
	oslo_buf_free(&tt.buf);
	oslo_free(tt.offset);
}
