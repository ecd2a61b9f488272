/*
 * fuzz_magda.c
 *	  MAGDA XML through the format pipeline: XML parsing (no entities, no
 *	  network), the magda plugin's reader, and the implementation-model
 *	  writer with the shipped context.
 */
#include "fuzz_common.h"
#include "oslo_formats.h"
#include "rml.h"

#include <stdio.h>

extern const oslo_plugin_def *oslo_plugin_describe(void);

static const char *context_json;
/* the plugin's reader is the RML mapping magda/geefpersoon: compiled once */
static rml_mapping *geefpersoon;

static const char *
resolve(const char *iri)
{
	return context_json;
}

static const struct rml_mapping *
registered_mapping(const char *name)
{
	return strcmp(name, "magda/geefpersoon") == 0 ? geefpersoon : NULL;
}

static char *
read_source_file(const char *relative, size_t *len)
{
	char path[4096];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/%s", OSLO_SOURCE_DIR, relative);
	f = fopen(path, "rb");
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0)
	{
		fprintf(stderr, "fuzz_magda: cannot read %s\n", path);
		abort();
	}
	rewind(f);
	buf = malloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

static void
transform(void *arg)
{
	fuzz_input *in = arg;
	oslo_buf out;

	oslo_buf_init(&out);
	oslo_formats_transform(in->data, in->len, "magda", "oslo-persoon-im", NULL, &out);
	oslo_buf_free(&out);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const oslo_format_host host = {NULL, NULL, resolve, NULL, NULL, registered_mapping};
	size_t n;
	char *mapping;
	oslo_persist *p;

	context_json = read_source_file("mappings/magda/persoon-im.context.jsonld", &n);
	fuzz_setup();
	mapping = read_source_file("mappings/magda/geefpersoon.rml.ttl", &n);
	p = oslo_persist_begin();
	geefpersoon = rml_compile(mapping, n, "urn:oslo-interop:mapping/magda/geefpersoon");
	oslo_persist_commit(p);
	free(mapping);
	oslo_formats_set_host(&host);
	oslo_formats_register_plugin(oslo_plugin_describe(), "linked in");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(transform, data, size);
}
