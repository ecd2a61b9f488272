/*
 * oots_params.c
 *	  Reading the JSON parameters of an evidence request with json-c.
 */
#include "oots_params.h"

#include <string.h>

static void
release_json(void *root)
{
	json_object_put((json_object *)root);
}

void
oots_json_parse(oots_json *j, const char *bytes, size_t len)
{
	json_tokener *tok;
	enum json_tokener_error err;

	if (len > (size_t)INT32_MAX)
		oslo_error(OSLO_ERR_LIMIT, "OOTS request parameters are too large");
	tok = json_tokener_new();
	if (tok == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not allocate a JSON parser");
	j->root = json_tokener_parse_ex(tok, bytes, (int)len);
	err = json_tokener_get_error(tok);
	if (j->root == NULL || err != json_tokener_success || json_tokener_get_parse_end(tok) != len)
	{
		char msg[200];

		snprintf(msg, sizeof(msg), "%s at byte %zu",
		         err == json_tokener_success    ? "trailing data"
		         : err == json_tokener_continue ? "unexpected end of input"
		                                        : json_tokener_error_desc(err),
		         json_tokener_get_parse_end(tok));
		json_tokener_free(tok);
		if (j->root)
			json_object_put(j->root);
		oslo_error(OSLO_ERR_SYNTAX, "OOTS request parameters are not JSON: %s", msg);
	}
	json_tokener_free(tok);
	j->guard = oslo_guard_new(release_json, j->root);
}

void
oots_json_free(oots_json *j)
{
	oslo_guard_release(j->guard);
	j->root = NULL;
}

const char *
oots_json_kind(json_object *v)
{
	switch (v ? json_object_get_type(v) : json_type_null)
	{
		case json_type_null:
			return "null";
		case json_type_boolean:
			return "a boolean";
		case json_type_double:
		case json_type_int:
			return "a number";
		case json_type_object:
			return "an object";
		case json_type_array:
			return "an array";
		case json_type_string:
			return "a string";
	}
	return "a JSON value";
}

void
oots_expect_object(json_object *v, const char *where)
{
	if (!json_object_is_type(v, json_type_object))
		oslo_error(OSLO_ERR_PARAMETER, "%s must be a JSON object, not %s", where,
		           oots_json_kind(v));
}

void
oots_check_keys(json_object *obj, const char *where, const char *const *allowed)
{
	json_object_object_foreach(obj, key, val)
	{
		(void)val;
		if (!oots_in_list(key, allowed))
		{
			char *known = oots_list_text(allowed);

			oslo_error(OSLO_ERR_PARAMETER, "%s has unknown member \"%s\"; it takes %s", where, key,
			           known);
		}
	}
}

json_object *
oots_member(json_object *obj, const char *key)
{
	json_object *v = NULL;

	if (!json_object_object_get_ex(obj, key, &v) || json_object_is_type(v, json_type_null))
		return NULL;
	return v;
}

static bool
xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *
oots_string(json_object *obj, const char *key, const char *where, bool required)
{
	json_object *v = oots_member(obj, key);
	const char *s;
	size_t len;

	if (v == NULL)
	{
		if (required)
			oslo_error(OSLO_ERR_PARAMETER, "%s.%s is missing", where, key);
		return NULL;
	}
	if (!json_object_is_type(v, json_type_string))
		oslo_error(OSLO_ERR_PARAMETER, "%s.%s must be a string, not %s", where, key,
		           oots_json_kind(v));
	s = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	if (len == 0)
		oslo_error(OSLO_ERR_PARAMETER, "%s.%s is empty; leave it out or give a value", where, key);
	if (strlen(s) != len || !oslo_utf8_valid(s, len))
		oslo_error(OSLO_ERR_PARAMETER, "%s.%s is not well-formed UTF-8 text", where, key);
	if (xml_space(s[0]) || xml_space(s[len - 1]))
		oslo_error(OSLO_ERR_PARAMETER, "%s.%s \"%s\" starts or ends with white space", where, key,
		           s);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
	{
		if (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			oslo_error(OSLO_ERR_PARAMETER,
			           "%s.%s holds control character U+%04X, which XML 1.0 does not allow", where,
			           key, *p);
		if (p[0] == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
			oslo_error(OSLO_ERR_PARAMETER, "%s.%s holds U+FFFE or U+FFFF", where, key);
	}
	return s;
}

bool
oots_bool(json_object *obj, const char *key, const char *where, bool dflt)
{
	json_object *v = oots_member(obj, key);

	if (v == NULL)
		return dflt;
	if (!json_object_is_type(v, json_type_boolean))
		oslo_error(OSLO_ERR_PARAMETER, "%s.%s must be true or false, not %s", where, key,
		           oots_json_kind(v));
	return json_object_get_boolean(v);
}
