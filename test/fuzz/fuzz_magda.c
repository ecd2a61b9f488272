/*
 * fuzz_magda.c
 *	  MAGDA XML through the format pipeline: XML parsing (no entities, no
 *	  network), the magda plugin's reader, and the implementation-model
 *	  writer with the shipped context.
 */
#include "fuzz_common.h"
#include "oslo_formats.h"

#include <stdio.h>

extern const oslo_plugin_def *oslo_plugin_describe(void);

static const char *context_json;

static const char *
resolve(const char *iri)
{
	return context_json;
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
	static const oslo_format_host host = {NULL, NULL, resolve};
	FILE *f = fopen(OSLO_SOURCE_DIR "/mappings/magda/persoon-im.context.jsonld", "rb");
	static char buf[1 << 16];
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = '\0';
	context_json = buf;
	fuzz_setup();
	oslo_formats_set_host(&host);
	oslo_formats_register_plugin(oslo_plugin_describe(), "linked in");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_run(transform, data, size);
}
