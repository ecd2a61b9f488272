/*
 * oots_xml.c
 *	  Navigating RegRep/EDM XML by namespace and local name.
 *
 * Unlike MAGDA, the EDM is fully qualified (rim:, query:, rs:, sdg:), so
 * elements are matched on namespace URI and local name, never on prefix.
 */
#include "oots.h"

#include <string.h>

bool
oots_is(xmlNodePtr node, const char *ns, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0 &&
	       node->ns && node->ns->href && strcmp((const char *)node->ns->href, ns) == 0;
}

xmlNodePtr
oots_child(xmlNodePtr parent, const char *ns, const char *name)
{
	if (parent == NULL)
		return NULL;
	for (xmlNodePtr c = parent->children; c; c = c->next)
		if (oots_is(c, ns, name))
			return c;
	return NULL;
}

xmlNodePtr
oots_next(xmlNodePtr node, const char *ns, const char *name)
{
	for (xmlNodePtr c = node->next; c; c = c->next)
		if (oots_is(c, ns, name))
			return c;
	return NULL;
}

xmlNodePtr
oots_slot(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr s = oots_child(parent, NS_RIM, "Slot"); s; s = oots_next(s, NS_RIM, "Slot"))
	{
		const char *n = oots_attr(s, NULL, "name");

		if (n && strcmp(n, name) == 0)
			return s;
	}
	return NULL;
}

xmlNodePtr
oots_slot_value(xmlNodePtr parent, const char *name)
{
	return oots_child(oots_slot(parent, name), NS_RIM, "SlotValue");
}

static bool
xml_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *
oots_text(xmlNodePtr node)
{
	oslo_buf b;
	size_t start = 0, end;

	if (node == NULL)
		return NULL;
	oslo_buf_init(&b);
	for (xmlNodePtr c = node->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			oslo_buf_puts(&b, (const char *)c->content);
	end = b.len;
	while (start < end && xml_space(b.data[start]))
		start++;
	while (end > start && xml_space(b.data[end - 1]))
		end--;
	if (start == end)
	{
		oslo_buf_free(&b);
		return NULL;
	}
	{
		char *s = oslo_strndup(b.data + start, end - start);

		oslo_buf_free(&b);
		return s;
	}
}

const char *
oots_attr(xmlNodePtr node, const char *ns, const char *name)
{
	xmlAttrPtr a;

	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	a = ns ? xmlHasNsProp(node, (const xmlChar *)name, (const xmlChar *)ns)
	       : xmlHasNsProp(node, (const xmlChar *)name, NULL);
	if (a == NULL || a->children == NULL || a->children->type != XML_TEXT_NODE)
		return a ? "" : NULL;
	return a->children->next ? NULL : (const char *)a->children->content;
}

int
oots_line(xmlNodePtr node)
{
	long line = node ? xmlGetLineNo(node) : 0;

	return line > 0 && line < 1000000000 ? (int)line : 0;
}
