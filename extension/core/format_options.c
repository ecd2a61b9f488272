/*
 * format_options.c
 *	  Parse the options object of the format functions (json-c).
 */
#include "format_options.h"

#include <json.h>
#include <stdio.h>
#include <string.h>

static void
release_json(void *obj)
{
	json_object_put((json_object *)obj);
}

static const char *
type_name(json_object *v)
{
	return json_type_to_name(json_object_get_type(v));
}

void
format_options_parse(format_options *o, const char *json)
{
	json_tokener *tok;
	json_object *root;
	oslo_guard *guard;
	enum json_tokener_error jerr;

	memset(o, 0, sizeof(*o));
	o->compact_arrays = true;
	o->json = "{}";
	if (json == NULL || *json == '\0')
		return;

	tok = json_tokener_new();
	if (tok == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not allocate a JSON parser");
	root = json_tokener_parse_ex(tok, json, (int)strlen(json));
	jerr = json_tokener_get_error(tok);
	if (root == NULL || jerr != json_tokener_success ||
	    (size_t)json_tokener_get_parse_end(tok) != strlen(json))
	{
		char msg[256];
		size_t offset = json_tokener_get_parse_end(tok);

		snprintf(msg, sizeof(msg), "%s",
		         jerr == json_tokener_success ? "unexpected text after the options object"
		                                      : json_tokener_error_desc(jerr));
		if (root)
			json_object_put(root);
		json_tokener_free(tok);
		oslo_error(OSLO_ERR_PARAMETER, "options are not valid JSON at offset %zu: %s", offset, msg);
	}
	json_tokener_free(tok);
	guard = oslo_guard_new(release_json, root);

	if (!json_object_is_type(root, json_type_object))
		oslo_error(OSLO_ERR_PARAMETER, "options must be a JSON object, not %s", type_name(root));
	o->json = oslo_strdup(json);
	o->json_owned = true;

	json_object_object_foreach(root, key, val)
	{
		if (strcmp(key, "base") == 0)
		{
			if (!json_object_is_type(val, json_type_string))
				oslo_error(OSLO_ERR_PARAMETER, "option \"base\" must be a string, not %s",
				           type_name(val));
			o->base = oslo_strdup(json_object_get_string(val));
		}
		else if (strcmp(key, "context") == 0)
		{
			/* a string names a context of the catalog; nothing is fetched */
			if (!json_object_is_type(val, json_type_object) &&
			    !json_object_is_type(val, json_type_array) &&
			    !json_object_is_type(val, json_type_string))
				oslo_error(OSLO_ERR_PARAMETER,
				           "option \"context\" must be a JSON-LD context (an object, an array, or "
				           "the IRI of a registered context), not %s",
				           type_name(val));
			o->context_json =
			    oslo_strdup(json_object_to_json_string_ext(val, JSON_C_TO_STRING_PLAIN));
			o->has_context = true;
		}
		else if (strcmp(key, "compactArrays") == 0)
		{
			if (!json_object_is_type(val, json_type_boolean))
				oslo_error(OSLO_ERR_PARAMETER, "option \"compactArrays\" must be a boolean");
			o->compact_arrays = json_object_get_boolean(val);
		}
		else if (strcmp(key, "prefixes") == 0 && !json_object_is_type(val, json_type_null))
		{
			size_t n = 0;

			if (!json_object_is_type(val, json_type_object))
				oslo_error(OSLO_ERR_PARAMETER,
				           "option \"prefixes\" must be an object of prefix: IRI pairs");
			o->prefixes = oslo_alloc(sizeof(oslo_prefix) * (json_object_object_length(val) + 1));
			{
				json_object_object_foreach(val, prefix, iri)
				{
					if (!json_object_is_type(iri, json_type_string))
						oslo_error(OSLO_ERR_PARAMETER,
						           "prefix \"%s\" must map to an IRI string, not %s", prefix,
						           type_name(iri));
					o->prefixes[n].prefix = oslo_strdup(prefix);
					o->prefixes[n].iri = oslo_strdup(json_object_get_string(iri));
					n++;
				}
			}
			o->nprefixes = n;
		}
	}
	oslo_guard_release(guard);
}

void
format_options_free(format_options *o)
{
	/* everything is host memory; in a backend the memory context frees it */
	if (o->json_owned)
		oslo_free((void *)o->json);
	oslo_free((void *)o->base);
	oslo_free((void *)o->context_json);
	for (size_t i = 0; i < o->nprefixes; i++)
	{
		oslo_free((void *)o->prefixes[i].prefix);
		oslo_free((void *)o->prefixes[i].iri);
	}
	oslo_free(o->prefixes);
	memset(o, 0, sizeof(*o));
}

const char *
format_options_with_context(const format_options *o, const char *iri,
                            const char *(*resolve)(const char *iri))
{
	const char *doc = resolve ? resolve(iri) : NULL;
	const char *open, *close;
	oslo_buf b;

	if (doc == NULL)
		oslo_error_detail(OSLO_ERR_PARAMETER,
		                  "Register it in the context catalog, or pass it as option \"context\".",
		                  "JSON-LD context <%s> is not in the catalog", iri);
	/* o->json was checked to be an object: splice the context in front */
	open = strchr(o->json, '{');
	close = strrchr(o->json, '}');
	oslo_buf_init(&b);
	oslo_buf_puts(&b, "{\"context\":");
	oslo_buf_puts(&b, doc);
	if (open && close && close > open)
	{
		const char *p = open + 1;

		while (p < close && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
			p++;
		if (p < close)
		{
			oslo_buf_putc(&b, ',');
			oslo_buf_append(&b, p, (size_t)(close - p));
		}
	}
	oslo_buf_putc(&b, '}');
	return b.data;
}
