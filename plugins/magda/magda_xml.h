/*
 * magda_xml.h
 *	  Navigating MAGDA XML by local name.
 *
 * MAGDA schemas are elementFormDefault="unqualified": only the service
 * element has a namespace, and inner elements may carry stray ones, so
 * below the service element everything is matched on local name only.
 */
#ifndef MAGDA_XML_H
#define MAGDA_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

/* the first element child of parent named name (any namespace), or NULL */
extern xmlNodePtr magda_child(xmlNodePtr parent, const char *name);
/* the next element sibling after node named name, or NULL */
extern xmlNodePtr magda_next(xmlNodePtr node, const char *name);
/* follow a "/"-separated path of local names from parent */
extern xmlNodePtr magda_path(xmlNodePtr parent, const char *path);
/* the first element child of parent, whatever its name */
extern xmlNodePtr magda_first_element(xmlNodePtr parent);

/* the source line of node for messages (0 when unknown) */
extern int magda_line(xmlNodePtr node);

extern bool magda_is(xmlNodePtr node, const char *ns, const char *name);

/*
 * The text of a leaf element, trimmed of XML white space, without copying:
 * *text points into the node's first text child. False when the element is
 * absent or holds no text; an element with several text or CDATA pieces is
 * raised as OSLO_ERR_XML_CONTENT (MAGDA values are single strings).
 */
extern bool magda_text(xmlNodePtr node, const char **text, size_t *len);
/* magda_text of magda_path(parent, path) */
extern bool magda_path_text(xmlNodePtr parent, const char *path, const char **text, size_t *len);
/* a copy in host memory (oslo_strndup), or NULL */
extern char *magda_path_strdup(xmlNodePtr parent, const char *path);
/* the trimmed value of an attribute without a namespace, or false */
extern bool magda_attr(xmlNodePtr node, const char *name, const char **text, size_t *len);

#endif
