/*
 * magda_options.c
 *	  One member of the options object, read with the core's JSON parser
 *	  (jsonld.h is part of the installed plugin headers).
 */
#include "magda.h"
#include "jsonld.h"

#include <string.h>

char *
magda_option(const char *options_json, const char *name, bool *is_string)
{
	const char *text = options_json ? options_json : "{}";
	jld_arena *a = jld_arena_new();
	const jld_value *options = jld_parse(a, text, strlen(text));
	const jld_value *v;
	char *out = NULL;

	if (options->kind != JLD_OBJECT)
		oslo_error(OSLO_ERR_SYNTAX, "options are not valid JSON: options must be a JSON object");
	if ((v = jld_get(options, name)) != NULL)
	{
		*is_string = v->kind == JLD_STRING;
		if (*is_string)
			out = oslo_strndup(v->str, v->len);
		else
		{
			oslo_buf b;

			oslo_buf_init(&b);
			jld_serialize(v, &b);
			out = b.data;
		}
	}
	jld_arena_free(a);
	return out;
}
