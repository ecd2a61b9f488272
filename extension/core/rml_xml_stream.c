/*
 * rml_xml_stream.c
 *	  An XML logical source read record by record: libxml2's xmlTextReader
 *	  walks the document, skips every subtree the iterator path cannot
 *	  enter, and expands each record into a subtree that lives until the
 *	  next one. Memory stays at about one record instead of a DOM of the
 *	  whole document (several times its size).
 *
 * The reader gets the options the host would parse the bytes with (no
 * entity substitution, no DTD loading, no network; XML_PARSE_HUGE only when
 * the host allows it). It is guarded, so an error unwinding the call frees
 * it; errors name the source and the line as the DOM parser's do.
 */
#include "rml_source.h"
#include "oslo_formats.h"

#include <libxml/xmlreader.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

struct rml_xml_stream
{
	xmlTextReaderPtr reader;
	oslo_guard *guard;
	rml_xml_step *steps;
	size_t nsteps;
	bool skip; /* the reader is on an element to go past, not into */
	const char *source;
	const char *where;
	/* the document, handed to the reader a chunk at a time */
	const char *bytes;
	size_t len;
	size_t pos;
	/* the first error libxml2 reported, or its first fatal one */
	char message[256];
	int line;
	bool fatal;
};

static int
read_bytes(void *arg, char *buffer, int size)
{
	rml_xml_stream *s = arg;
	size_t n = s->len - s->pos;

	if (size < 0)
		return -1;
	if (n > (size_t)size)
		n = (size_t)size;
	memcpy(buffer, s->bytes + s->pos, n);
	s->pos += n;
	return (int)n;
}

static void
release_reader(void *reader)
{
	xmlFreeTextReader(reader);
}

/* keep libxml2's error (without its newline) for ours; never print it */
static void
capture_error(void *arg, xmlErrorPtr e)
{
	rml_xml_stream *s = arg;

	if (e == NULL || e->level < XML_ERR_ERROR || s->fatal ||
	    (s->message[0] != '\0' && e->level != XML_ERR_FATAL))
		return;
	s->fatal = e->level == XML_ERR_FATAL;
	snprintf(s->message, sizeof(s->message), "%s", e->message ? e->message : "not well-formed");
	s->message[strcspn(s->message, "\n")] = '\0';
	if (s->message[0] == '\0')
		snprintf(s->message, sizeof(s->message), "not well-formed");
	s->line = e->line;
}

/*
 * A document the reader refuses gets the host's own message for it: its
 * parser reports the error again (in a backend: the server's error with
 * libxml2's detail and context line), so streamed and DOM sources fail alike.
 */
static void
raise_not_well_formed(rml_xml_stream *s)
{
	char *what = oslo_psprintf("XML source \"%s\"", s->source);

	oslo_formats_free_xml(oslo_formats_parse_xml(s->bytes, s->len, what));
	/* the host's parser took it: report the reader's own error */
	if (s->message[0] == '\0')
		snprintf(s->message, sizeof(s->message), "not well-formed");
	oslo_error(OSLO_ERR_XML, "%s is not well-formed at line %d: %s", what,
	           s->line ? s->line : xmlTextReaderGetParserLineNumber(s->reader), s->message);
}

rml_xml_stream *
rml_xml_stream_open(const rml_doc *doc, const rml_logical_source *ls, const char *where)
{
	rml_xml_stream *s;

	if (doc->stream_len > INT_MAX)
		oslo_error(OSLO_ERR_LIMIT, "XML source \"%s\" of %zu bytes is too large", doc->name,
		           doc->stream_len);
	s = oslo_alloc0(sizeof(rml_xml_stream));
	s->source = doc->name;
	s->where = where;
	if (!rml_iterator_steps(ls, &s->steps, &s->nsteps))
		oslo_error(OSLO_ERR_PARAMETER, "%s: the iterator \"%s\" cannot be streamed", where,
		           ls->iterator);
	/* through a read callback: xmlReaderForMemory would copy the whole document */
	s->bytes = doc->stream_bytes;
	s->len = doc->stream_len;
	s->reader =
	    xmlReaderForIO(read_bytes, NULL, s, NULL, doc->stream_encoding, doc->stream_options);
	if (s->reader == NULL)
		oslo_error(OSLO_ERR_OUT_OF_MEMORY, "could not allocate an XML reader");
	s->guard = oslo_guard_new(release_reader, s->reader);
	xmlTextReaderSetStructuredErrorHandler(s->reader, capture_error, s);
	return s;
}

static bool
step_matches(const rml_xml_step *step, xmlTextReaderPtr reader)
{
	const char *ns;

	if (step->any)
		return true;
	if (strcmp((const char *)xmlTextReaderConstLocalName(reader), step->local) != 0)
		return false;
	ns = (const char *)xmlTextReaderConstNamespaceUri(reader);
	if (step->ns == NULL)
		return ns == NULL || ns[0] == '\0';
	return ns != NULL && strcmp(ns, step->ns) == 0;
}

xmlNodePtr
rml_xml_stream_next(rml_xml_stream *s)
{
	for (;;)
	{
		/* Next goes past the current subtree (freeing it), Read into it */
		int ret = s->skip ? xmlTextReaderNext(s->reader) : xmlTextReaderRead(s->reader);
		int depth;
		xmlNodePtr record;

		s->skip = false;
		/* only what stops the reader: the DOM parsers, too, take namespace errors */
		if (ret < 0)
			raise_not_well_formed(s);
		if (ret == 0)
			return NULL;
		if (xmlTextReaderNodeType(s->reader) != XML_READER_TYPE_ELEMENT)
			continue;
		/* the reader only enters elements whose ancestors all matched */
		depth = xmlTextReaderDepth(s->reader);
		if (depth < 0 || (size_t)depth >= s->nsteps || !step_matches(&s->steps[depth], s->reader))
		{
			s->skip = true;
			continue;
		}
		if ((size_t)depth + 1 < s->nsteps)
			continue;
		record = xmlTextReaderExpand(s->reader);
		if (record == NULL)
			raise_not_well_formed(s);
		s->skip = true;
		return record;
	}
}

void
rml_xml_stream_close(rml_xml_stream *s)
{
	oslo_guard_release(s->guard);
	rml_xml_steps_free(s->steps, s->nsteps);
	oslo_free(s);
}
