/*
 * oots_params.h
 *	  Reading the JSON parameters of an evidence request (json-c).
 *
 * Every accessor names the parameter in its error ("person.date_of_birth"),
 * raised as OSLO_ERR_PARAMETER (22023). The json-c tree is guarded: an
 * error anywhere frees it.
 */
#ifndef OOTS_PARAMS_H
#define OOTS_PARAMS_H

#include "oots.h"

#include <json.h>

typedef struct oots_json
{
	json_object *root;
	oslo_guard *guard;
} oots_json;

/* parse len bytes of JSON; a syntax error is OSLO_ERR_SYNTAX */
extern void oots_json_parse(oots_json *j, const char *bytes, size_t len);
extern void oots_json_free(oots_json *j);

/* "an object", "a string", ... */
extern const char *oots_json_kind(json_object *v);
/* v must be an object; where names it */
extern void oots_expect_object(json_object *v, const char *where);
/* every member of obj is in allowed (NULL-terminated); else name the first other one */
extern void oots_check_keys(json_object *obj, const char *where, const char *const *allowed);
/* the member key of obj, or NULL when absent or JSON null */
extern json_object *oots_member(json_object *obj, const char *key);
/*
 * A string member: non-empty, well-formed UTF-8, only XML 1.0 characters,
 * no leading or trailing white space. NULL when absent and not required.
 */
extern const char *oots_string(json_object *obj, const char *key, const char *where, bool required);
/* a boolean member, or dflt when absent */
extern bool oots_bool(json_object *obj, const char *key, const char *where, bool dflt);

#endif
