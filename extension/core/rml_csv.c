/*
 * rml_csv.c
 *	  RFC 4180 CSV for RML logical sources: a header row, quoted fields with
 *	  "" escapes, CRLF or LF line ends.
 */
#include "rml_source.h"

#include <string.h>

typedef struct cells
{
	char **items;
	size_t n;
	size_t cap;
} cells;

static void
cells_push(cells *c, char *s)
{
	if (c->n == c->cap)
	{
		c->cap = c->cap ? c->cap * 2 : 8;
		c->items = oslo_realloc(c->items, c->cap * sizeof(char *));
	}
	c->items[c->n++] = s;
}

/* parse one record starting at *pos; false at the end of input */
static bool
read_record(const char *s, size_t len, size_t *pos, cells *out, const char *source, int *line)
{
	size_t i = *pos;
	oslo_buf field;

	if (i >= len)
		return false;
	out->n = 0;
	oslo_buf_init(&field);
	for (;;)
	{
		oslo_buf_reset(&field);
		if (i < len && s[i] == '"')
		{
			i++;
			for (;;)
			{
				if (i >= len)
					oslo_error(OSLO_ERR_SYNTAX,
					           "CSV source \"%s\", line %d: unterminated quoted field", source,
					           *line);
				if (s[i] == '"' && i + 1 < len && s[i + 1] == '"')
				{
					oslo_buf_putc(&field, '"');
					i += 2;
				}
				else if (s[i] == '"')
				{
					i++;
					break;
				}
				else
				{
					if (s[i] == '\n')
						(*line)++;
					oslo_buf_putc(&field, s[i++]);
				}
			}
			if (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
				oslo_error(OSLO_ERR_SYNTAX,
				           "CSV source \"%s\", line %d: text after a closing quote", source, *line);
		}
		else
			while (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r')
				oslo_buf_putc(&field, s[i++]);
		cells_push(out, oslo_strndup(field.data, field.len));
		if (i < len && s[i] == ',')
		{
			i++;
			continue;
		}
		if (i < len && s[i] == '\r')
			i++;
		if (i < len && s[i] == '\n')
			i++;
		break;
	}
	(*line)++;
	oslo_buf_free(&field);
	*pos = i;
	return true;
}

rml_csv *
rml_csv_parse(const char *bytes, size_t len, const char *source)
{
	rml_csv *t = oslo_alloc0(sizeof(rml_csv));
	cells row = {0};
	size_t pos = 0, cap = 0;
	int line = 1;

	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) /* byte order mark */
		pos = 3;
	if (!read_record(bytes, len, &pos, &row, source, &line))
		oslo_error(OSLO_ERR_DATA, "CSV source \"%s\" has no header row", source);
	t->ncols = row.n;
	t->header = oslo_alloc(row.n * sizeof(char *));
	memcpy(t->header, row.items, row.n * sizeof(char *));
	while (read_record(bytes, len, &pos, &row, source, &line))
	{
		char **cellv;

		if (row.n == 1 && row.items[0][0] == '\0')
		{
			oslo_free(row.items[0]); /* blank line */
			continue;
		}
		if (row.n != t->ncols)
			oslo_error(OSLO_ERR_DATA, "CSV source \"%s\", line %d: %zu fields, the header has %zu",
			           source, line - 1, row.n, t->ncols);
		if (t->nrows == cap)
		{
			cap = cap ? cap * 2 : 64;
			t->rows = oslo_realloc(t->rows, cap * sizeof(char **));
		}
		cellv = oslo_alloc(row.n * sizeof(char *));
		memcpy(cellv, row.items, row.n * sizeof(char *));
		t->rows[t->nrows++] = cellv;
		if (t->nrows % 4096 == 0)
			oslo_check_interrupts();
	}
	oslo_free(row.items);
	return t;
}

void
rml_csv_free(rml_csv *t)
{
	for (size_t r = 0; r < t->nrows; r++)
	{
		for (size_t c = 0; c < t->ncols; c++)
			oslo_free(t->rows[r][c]);
		oslo_free(t->rows[r]);
	}
	for (size_t c = 0; c < t->ncols; c++)
		oslo_free(t->header[c]);
	oslo_free(t->header);
	oslo_free(t->rows);
	oslo_free(t);
}
