/*
 * test_shacl_profiles.c
 *	  Every published SHACL file of ../shared (OSLO and SEMIC) either compiles
 *	  or is refused with OSLO_ERR_PARAMETER naming the malformed construct; sh:
 *	  typos upstream raise a notice naming shape and triple. Skips the files
 *	  when ../shared is absent (the inline notice tests still run).
 *
 * Refused (each also refused by Jena 4.5, test/oracle/shacl_jena.sh):
 *	DCAT-AP 2.0.0 shapes: sh:nodeKind dcat-ap:DcatResource_Shape (a shape, not
 *	  a node kind: SEMICeu/DCAT-AP #139);
 *	DCAT-AP 2.1.0 range and shapes_recommended, 3.0.0-hvd html/hvd-SHACL-base,
 *	  3.0.1 dcat-ap-SHACL and ranges: an sh:property value without sh:path;
 *	CPSV-AP 2.2.1 CV shapes: sh:pattern "..."@en (must be an xsd:string).
 */
#include "shacl_helpers.h"

#include <glob.h>
#include <unistd.h>

static const char *const patterns[] = {"oslo/*/shacl/*.ttl",
                                       "eu/*/releases/*/shacl/*.ttl",
                                       "eu/*/releases/*/*.ttl",
                                       "eu/*/releases/*/Draft/*.ttl",
                                       "eu/*/releases/*/html/*.ttl",
                                       "eu/*/releases/*/html/shacl/*.ttl",
                                       "eu/dcat-ap/legacy-dcat-ap_shacl/shacl/*.ttl"};

static const char *const refused[] = {
    "eu/dcat-ap/releases/2.0.0/dcat-ap_2.0.0_shacl_shapes.ttl",
    "eu/dcat-ap/releases/2.1.0/dcat-ap_2.1.0_shacl_range.ttl",
    "eu/dcat-ap/releases/2.1.0/dcat-ap_2.1.0_shacl_shapes_recommended.ttl",
    "eu/dcat-ap/releases/3.0.0-hvd/html/hvd-SHACL-base.ttl",
    "eu/dcat-ap/releases/3.0.1/shacl/dcat-ap-SHACL.ttl",
    "eu/dcat-ap/releases/3.0.1/shacl/ranges.ttl",
    "eu/cpsv-ap/releases/2.2.1/CPSV-AP_shacl_cv_shapes_v2.2.1.ttl"};

/* the compiler collects its warnings; show them as the CLI does, on stderr */
static void
compile_graph(void *g)
{
	oslo_shacl_shapes *s = oslo_shacl_compile(g);

	for (uint32_t i = 0; i < oslo_shacl_warning_count(s); i++)
		oslo_notice("%s", oslo_shacl_warning_at(s, i)->message);
	oslo_shacl_shapes_free(s);
}

/* compile shapes_ttl (a file's text) with stderr captured: the notices */
static char *
notices_of(const char *text, size_t len, bool *ok, oslo_captured_error *err)
{
	char name[] = "/tmp/oslo_notices_XXXXXX";
	int fd = mkstemp(name), saved = dup(2);
	oslo_graph *g = oslo_graph_new();
	char *out;

	oslo_rdf_parse(g, text, len, OSLO_SYNTAX_TURTLE, "http://example.org/");
	fflush(stderr);
	dup2(fd, 2);
	*ok = oslo_standalone_run(compile_graph, g, err);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	out = unit_read_file(name, NULL);
	unlink(name);
	oslo_graph_free(g);
	return out;
}

static char *
file_notices(const char *rel, bool *ok, oslo_captured_error *err)
{
	char path[4200];
	size_t len;
	char *text, *out;

	snprintf(path, sizeof(path), "%s/%s", unit_shared_dir(), rel);
	text = unit_read_file(path, &len);
	CHECK(text != NULL);
	out = notices_of(text ? text : "", text ? len : 0, ok, err);
	free(text);
	return out;
}

TEST(published_shapes_compile_or_name_the_fault)
{
	const char *shared = unit_shared_dir();
	int compiled = 0, nrefused = 0;

	if (!shared)
	{
		printf("skipped: ../shared not found\n");
		return;
	}
	for (size_t i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++)
	{
		char pat[4200];
		glob_t gl;

		snprintf(pat, sizeof(pat), "%s/%s", shared, patterns[i]);
		if (glob(pat, 0, NULL, &gl) != 0)
			continue;
		for (size_t k = 0; k < gl.gl_pathc; k++)
		{
			const char *rel = gl.gl_pathv[k] + strlen(shared) + 1;
			char *text = unit_read_file(gl.gl_pathv[k], NULL);
			bool is_shapes = text && (strstr(text, "NodeShape") || strstr(text, "targetClass"));
			bool expect_refused = false, ok;
			oslo_captured_error err;

			free(text);
			if (!is_shapes)
				continue;
			for (size_t r = 0; r < sizeof(refused) / sizeof(refused[0]); r++)
				expect_refused = expect_refused || strcmp(rel, refused[r]) == 0;
			free(file_notices(rel, &ok, &err));
			if (ok != !expect_refused)
				fprintf(stderr, "  %s: %s%s\n", rel,
				        ok ? "compiles, expected refused" : "refused: ", ok ? "" : err.message);
			CHECK(ok == !expect_refused);
			if (!ok)
			{
				CHECK(err.code == OSLO_ERR_PARAMETER);
				CHECK_CONTAINS(err.message, "malformed shape");
				nrefused++;
			}
			else
				compiled++;
		}
		globfree(&gl);
	}
	printf("     %d shapes files compiled, %d refused\n", compiled, nrefused);
	CHECK(nrefused == (int)(sizeof(refused) / sizeof(refused[0])));
	CHECK(compiled >= 70);
}

TEST(published_typos_raise_notices)
{
	static const struct
	{
		const char *file, *notice;
	} cases[] = {
	    {"eu/dcat-ap/legacy-dcat-ap_shacl/shacl/dcat-ap.shapes.ttl",
	     "sh:shape is not a SHACL term; ignored: _:"},
	    {"eu/dcat-ap/releases/2.0.1/dcat-ap_2.0.1_shacl_shapes.ttl",
	     "<http://www.w3.org/ns/shacl#dateTime> <http://www.w3.org/2001/XMLSchema#hexBinary>"},
	    {"eu/core-person/releases/2.1.0/shacl/core-person-ap-SHACL.ttl",
	     "sh:nodekind is not a SHACL term; ignored: "},
	    {"oslo/persoon/shacl/persoon-basis-SHACL.ttl", NULL}};

	if (!unit_shared_dir())
	{
		printf("skipped: ../shared not found\n");
		return;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		oslo_captured_error err;
		bool ok;
		char *out = file_notices(cases[i].file, &ok, &err);

		CHECK(ok);
		if (cases[i].notice)
			CHECK_CONTAINS(out, cases[i].notice);
		else
			CHECK(out && strstr(out, "NOTICE") == NULL); /* a clean profile stays quiet */
		free(out);
	}
}

TEST(datatype_in_the_shacl_namespace_is_named)
{
	const char *text = TTL_PREFIXES "ex:S a sh:NodeShape ; sh:targetClass ex:C ;\n"
	                                "  sh:property [ sh:path ex:p ; sh:datatype sh:dateTime ] ;\n"
	                                "  sh:name \"fine\" ; sh:nodekind sh:IRI .\n";
	oslo_captured_error err;
	bool ok;
	char *out = notices_of(text, strlen(text), &ok, &err);

	CHECK(ok);
	CHECK_CONTAINS(out, "sh:datatype sh:dateTime is not a datatype");
	CHECK_CONTAINS(out, "shape <http://example.org/S>: sh:nodekind is not a SHACL term; ignored: "
	                    "<http://example.org/S> <http://www.w3.org/ns/shacl#nodekind> "
	                    "<http://www.w3.org/ns/shacl#IRI>");
	CHECK(out && strstr(out, "sh:name") == NULL);
	free(out);
}

/* oslo_shacl_validate_owned (no copy of the data) reports exactly what the copy does */
TEST(owned_data_gives_the_same_report)
{
	const char *shapes_ttl =
	    "ex:S a sh:NodeShape ; sh:targetClass ex:Person ;\n"
	    "  sh:property [ sh:path ex:sex ; sh:class skos:Concept ; sh:minCount 1 ] ;\n"
	    "  sh:property [ sh:path ex:born ; sh:datatype xsd:date ; sh:maxCount 1 ] ;\n"
	    "  sh:property [ sh:path ex:tag ; sh:in ( \"a\" ex:b ) ] .\n";
	const char *data_ttl =
	    "ex:p1 a ex:Person ; ex:sex ex:m ; ex:born \"1980-02-30\"^^xsd:date ;\n"
	    "  ex:tag \"c\" .\n"
	    "ex:p2 a ex:Person ; ex:sex ex:unknown ; ex:born \"1980-02-28\"^^xsd:date,\n"
	    "  \"1980-02-27\"^^xsd:date ; ex:tag ex:b .\n"
	    "_:p3 a ex:Person .\n";
	shacl_run r =
	    run_shacl(shapes_ttl, data_ttl, "ex:m a ex:Code . ex:Code rdfs:subClassOf skos:Concept .");
	oslo_shacl_report *owned = oslo_shacl_validate_owned(r.shapes, ttl(data_ttl), r.background);
	char *a = report_json(r.report), *b = report_json(owned);

	CHECK(r.report->nresults == 5); /* datatype, in, class, maxCount, minCount */
	CHECK_STREQ(b, a);
	oslo_free(a);
	oslo_free(b);
	oslo_shacl_report_free(owned);
	shacl_run_free(&r);
}

int
main(void)
{
	RUN(published_shapes_compile_or_name_the_fault);
	RUN(published_typos_raise_notices);
	RUN(datatype_in_the_shacl_namespace_is_named);
	RUN(owned_data_gives_the_same_report);
	return unit_report();
}
