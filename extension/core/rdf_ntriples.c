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

/*
 * IRIREF excludes these raw: the C0 controls, space and <>"{}|^`\ (UCHAR
 * keeps the output parseable). A table, as every IRI's every byte is checked.
 */
static const bool iri_escaped[256] = {
    [0x00 ... 0x20] = true, ['<'] = true, ['>'] = true, ['"'] = true, ['{'] = true,
    ['}'] = true,           ['|'] = true, ['^'] = true, ['`'] = true, ['\\'] = true};

static void
put_iri(oslo_buf *out, const char *s, size_t len)
{
	size_t start = 0;

	oslo_buf_putc(out, '<');
	for (size_t i = 0; i < len; i++)
	{
		unsigned char ch = (unsigned char)s[i];

		if (iri_escaped[ch])
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
/*
 * The ranks come from sorting the term texts by radix, most significant
 * byte first: each entry caches 8 bytes of its text (from the depth sorted
 * on) as a big-endian integer, distributed byte by byte into buckets, and a
 * text is read again only when those 8 bytes tie. qsort calling strcmp
 * compared the long prefixes IRIs share over and over (a tenth of
 * writing N-Quads).
 */
typedef struct rank_entry
{
	uint64_t key;  /* 8 bytes of the text from the depth sorted on, 0 after its end */
	uint32_t id;   /* term id */
	uint32_t same; /* 1: the text equals the previous entry's (set by the sort) */
} rank_entry;

/* groups this small are sorted by insertion */
#define RADIX_SMALL 24

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* 8 bytes of text s (NUL-terminated) from its start, 0-padded after the NUL */
static inline uint64_t
text_key(const char *s)
{
	uint64_t k = 0;
	int i;

	for (i = 0; i < 8 && s[i]; i++)
		k = (k << 8) | (unsigned char)s[i];
	if (i == 0)
		return 0; /* an empty text: a shift by 64 would be undefined */
	return i == 8 ? k : k << (8 * (8 - i));
}

/* the keys of e[0..n) from text byte depth on */
static void
load_keys(const term_texts *tt, rank_entry *e, size_t n, size_t depth)
{
	/* texts are read in no useful order: asking for some ahead lets the cache misses overlap */
	for (size_t i = 0; i < n; i++)
	{
		if (i + 16 < n)
			PREFETCH(&tt->offset[e[i + 16].id]);
		if (i + 8 < n)
			PREFETCH(term_text(tt, e[i + 8].id) + depth);
		e[i].key = text_key(term_text(tt, e[i].id) + depth);
	}
}

static void sort_texts(const term_texts *tt, rank_entry *e, rank_entry *tmp, size_t n, size_t depth,
                       int byte);

/*
 * e[0..n) (n > 1, fewer than the caller's group) have equal keys: the texts
 * that ended in them are equal, the others are sorted on their next 8 bytes
 */
static void
sort_tied(const term_texts *tt, rank_entry *e, rank_entry *tmp, size_t n, size_t depth)
{
	/* the key's last byte is 0 exactly when the text ended in it: no text holds a 0 */
	if ((e[0].key & 0xFF) == 0)
	{
		for (size_t i = 1; i < n; i++)
			e[i].same = 1;
		return;
	}
	load_keys(tt, e, n, depth + 8);
	sort_texts(tt, e, tmp, n, depth + 8, 0);
}

/*
 * e[0..n), whose texts share their first depth bytes and whose keys (the
 * next 8) share their first byte bytes, sorted; tmp: room for n entries.
 * Only groups of at most half the entries (or, among few, of fewer than
 * the caller's) are sorted by recursion, the largest by the loop: a shallow
 * stack however long the prefixes texts share.
 */
static void
sort_texts(const term_texts *tt, rank_entry *e, rank_entry *tmp, size_t n, size_t depth, int byte)
{
	for (;;)
	{
		uint32_t count[256];
		int shift = 56 - 8 * byte, largest = 0;

		if (n < 2)
			return;
		if (n <= RADIX_SMALL)
		{
			size_t run = 0;

			for (size_t i = 1; i < n; i++)
			{
				rank_entry x = e[i];
				size_t k = i;

				for (; k > 0 && e[k - 1].key > x.key; k--)
					e[k] = e[k - 1];
				e[k] = x;
			}
			if (e[0].key != e[n - 1].key)
			{
				for (size_t i = 1; i <= n; i++)
					if (i == n || e[i].key != e[run].key)
					{
						if (i - run > 1)
							sort_tied(tt, e + run, tmp + run, i - run, depth);
						run = i;
					}
				return;
			}
			/* all keys equal: as for one bucket of their last byte, below */
			byte = 7;
			largest = (int)(e[0].key & 0xFF);
		}
		else
		{
			uint32_t start[256], at = 0;

			memset(count, 0, sizeof(count));
			for (size_t i = 0; i < n; i++)
				count[(e[i].key >> shift) & 0xFF]++;
			for (int b = 1; b < 256; b++)
				if (count[b] > count[largest])
					largest = b;
			if (count[largest] != n)
			{
				for (int b = 0; b < 256; b++)
				{
					start[b] = at;
					at += count[b];
				}
				for (size_t i = 0; i < n; i++)
					tmp[start[(e[i].key >> shift) & 0xFF]++] = e[i];
				memcpy(e, tmp, sizeof(rank_entry) * n);
				/* start[b] is now the end of bucket b */
				for (int b = 0; b < 256; b++)
				{
					size_t from = start[b] - count[b];

					if (b == largest || count[b] < 2)
						continue;
					if (b == 0 || byte == 7)
						sort_tied(tt, e + from, tmp + from, count[b], depth);
					else
						sort_texts(tt, e + from, tmp + from, count[b], depth, byte + 1);
				}
				e += start[largest] - count[largest];
				tmp += start[largest] - count[largest];
				n = count[largest];
				if (n < 2)
					return;
			}
		}
		/* e[0..n) share this byte of their keys (largest): on to the next */
		if (largest == 0)
		{
			/* every text ended before: all equal */
			for (size_t i = 1; i < n; i++)
				e[i].same = 1;
			return;
		}
		if (byte == 7)
		{
			depth += 8;
			byte = 0;
			load_keys(tt, e, n, depth);
		}
		else
			byte++;
	}
}

/* rank[id] for every term id (0, the default graph's "", ranks first); *nranks: how many */
static uint32_t *
term_ranks(const oslo_graph *g, const term_texts *tt, uint32_t *nranks)
{
	uint32_t n = oslo_graph_term_count(g) + 1;
	rank_entry *e = oslo_alloc(sizeof(rank_entry) * n);
	rank_entry *tmp = oslo_alloc(sizeof(rank_entry) * n);
	uint32_t *rank = oslo_alloc(sizeof(uint32_t) * n);
	uint32_t r = 0;

	for (uint32_t i = 0; i < n; i++)
	{
		e[i].key = text_key(term_text(tt, i));
		e[i].id = i;
		e[i].same = 0;
	}
	sort_texts(tt, e, tmp, n, 0, 0);
	oslo_free(tmp);
	for (uint32_t i = 0; i < n; i++)
	{
		if (i > 0 && !e[i].same)
			r++;
		rank[e[i].id] = r;
	}
	oslo_free(e);
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
