/*
 * fuzz_rml.c
 *	  RML mappings and their sources: the input is an RML mapping in Turtle,
 *	  then a line "#SOURCE", then the source document (XML, JSON or CSV) that
 *	  every logical source of the mapping reads.
 */
#include "fuzz_common.h"
#include "rml.h"

/* the first occurrence of needle in data, or NULL (memmem is a GNU extension) */
static const char *
find_bytes(const char *data, size_t len, const char *needle, size_t needle_len)
{
	for (size_t i = 0; i + needle_len <= len; i++)
		if (memcmp(data + i, needle, needle_len) == 0)
			return data + i;
	return NULL;
}

typedef struct source_text
{
	const char *bytes;
	size_t len;
} source_text;

static const char *
load_source(const char *name, size_t *len, void *arg)
{
	source_text *src = arg;

	*len = src->len;
	return src->bytes;
}

static void
map(void *arg)
{
	fuzz_input *in = arg;
	static const char separator[] = "\n#SOURCE\n";
	const char *split = find_bytes(in->data, in->len, separator, sizeof(separator) - 1);
	size_t mapping_len = split ? (size_t)(split - in->data) : in->len;
	source_text src = {"", 0};
	rml_mapping *m;
	oslo_graph *out;

	if (split)
	{
		src.bytes = split + sizeof(separator) - 1;
		src.len = in->len - mapping_len - (sizeof(separator) - 1);
	}
	m = rml_compile(in->data, mapping_len, "http://example.org/base/");
	out = oslo_graph_new();
	rml_apply(m, load_source, &src, out);
	oslo_graph_free(out);
	rml_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(map, data, size);
}
