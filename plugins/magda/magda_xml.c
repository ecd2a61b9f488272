/*
 * magda_xml.c
 *	  Local-name navigation and text access for MAGDA XML.
 */
#include "magda_xml.h"

#include "oslo_core.h"

#include <string.h>

static bool
named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr
magda_child(xmlNodePtr parent, const char *name)
{
	if (parent == NULL)
		return NULL;
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

xmlNodePtr
magda_next(xmlNodePtr node, const char *name)
{
	for (xmlNodePtr c = node->next; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

xmlNodePtr
magda_path(xmlNodePtr parent, const char *path)
{
	char step[64];
	const char *p = path;

	while (parent && *p)
	{
		size_t n = strcspn(p, "/");

		if (n >= sizeof(step))
			return NULL;
		memcpy(step, p, n);
		step[n] = '\0';
		parent = magda_child(parent, step);
		p += n;
		if (*p == '/')
			p++;
	}
	return parent;
}

xmlNodePtr
magda_first_element(xmlNodePtr parent)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

int
magda_line(xmlNodePtr node)
{
	long line = node ? xmlGetLineNo(node) : 0;

	return line > 0 && line < 0x7fffffff ? (int)line : 0;
}

bool
magda_is(xmlNodePtr node, const char *ns, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0 &&
	       node->ns && node->ns->href && strcmp((const char *)node->ns->href, ns) == 0;
}

static bool
is_xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool
trimmed(const char *s, const char **text, size_t *len)
{
	size_t n = strlen(s);

	while (n > 0 && is_xml_space(*s))
		s++, n--;
	while (n > 0 && is_xml_space(s[n - 1]))
		n--;
	*text = s;
	*len = n;
	return n > 0;
}

bool
magda_text(xmlNodePtr node, const char **text, size_t *len)
{
	xmlNodePtr found = NULL;

	if (node == NULL)
		return false;
	for (xmlNodePtr c = node->children; c; c = c->next)
	{
		if (c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
			continue;
		if (found)
			oslo_error(OSLO_ERR_XML_CONTENT,
			           "element %s (line %d) has its text in several pieces; expected one string",
			           (const char *)node->name, magda_line(node));
		found = c;
	}
	return found && found->content && trimmed((const char *)found->content, text, len);
}

bool
magda_path_text(xmlNodePtr parent, const char *path, const char **text, size_t *len)
{
	return magda_text(magda_path(parent, path), text, len);
}

char *
magda_path_strdup(xmlNodePtr parent, const char *path)
{
	const char *t;
	size_t n;

	return magda_path_text(parent, path, &t, &n) ? oslo_strndup(t, n) : NULL;
}

bool
magda_attr(xmlNodePtr node, const char *name, const char **text, size_t *len)
{
	xmlAttrPtr a = xmlHasNsProp(node, (const xmlChar *)name, NULL);

	if (a == NULL || a->children == NULL || a->children->type != XML_TEXT_NODE ||
	    a->children->next != NULL)
		return false;
	return trimmed((const char *)a->children->content, text, len);
}
