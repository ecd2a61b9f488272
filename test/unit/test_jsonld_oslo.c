/*
 * test_jsonld_oslo.c
 *	  Every OSLO JSON-LD context in ../shared through the processor: the valid
 *	  ones process, the broken ones (notes/oslo.md 4) fail with a JSON-LD
 *	  error code that says what and where. The same for every SEMIC context
 *	  (the EU application profiles OSLO aligns with) under ../shared/eu.
 */
#include "jsonld.h"
#include "unit.h"

#include <dirent.h>
#include <sys/stat.h>

#define CONTEXT_IRI "https://data.vlaanderen.be/context/under-test.jsonld"

typedef struct oslo_context_case
{
	const char *path;     /* under ../shared/oslo */
	const char *expected; /* NULL: processes; else text the error message contains */
} oslo_context_case;

static const oslo_context_case cases[] = {
    {"adres/context/adresregister.jsonld", NULL},
    {"adres/context/gebouwenregister.jsonld", NULL},
    {"adres/implementatiemodel-context/adresmatch.jsonld", NULL},
    {"adres/implementatiemodel-context/adressen_detail.jsonld", NULL},
    {"adres/implementatiemodel-context/adressen_list.jsonld", NULL},
    {"adres/implementatiemodel-context/gebouw_list.jsonld", NULL},
    {"adres/implementatiemodel-context/gebouweenheid_detail.jsonld", NULL},
    {"adres/implementatiemodel-context/gebouweenheid_list.jsonld", NULL},
    {"adres/implementatiemodel-context/gemeenten_list.jsonld", NULL},
    {"adres/implementatiemodel-context/perceel_detail.jsonld", NULL},
    {"adres/implementatiemodel-context/perceel_list.jsonld", NULL},
    {"adres/implementatiemodel-context/postinfo_detail.jsonld", NULL},
    {"adres/implementatiemodel-context/postinfo_list.jsonld", NULL},
    {"adres/implementatiemodel-context/straatnamen_detail.jsonld", NULL},
    {"adres/implementatiemodel-context/straatnamen_list.jsonld", NULL},
    {"dienst/context/dienstencataloog.jsonld", NULL},
    {"generiek/context/generiek-basis.jsonld", NULL},
    {"persoon/context/persoon-basis.jsonld", NULL},
    /* not valid JSON as published */
    {"adres/implementatiemodel-context/gebouw_detail.jsonld",
     "loading remote context failed: " CONTEXT_IRI ": invalid JSON: line 77, column 1"},
    {"dienst/context/dienst-transactiemodel.jsonld",
     "loading remote context failed: " CONTEXT_IRI ": invalid JSON: line 47, column 3"},
    {"organisatie/context/organisatie-basis.jsonld",
     "loading remote context failed: " CONTEXT_IRI ": invalid JSON: line 190, column 3"},
    /* valid JSON, invalid JSON-LD: "logo": {"@type": ""} */
    {"organisatie/context-oslo-generated/organisatie-basis.jsonld",
     "invalid type mapping: term \"logo\""},
    /*
     * "@vocab": "#" relies on the context's own @base, which JSON-LD ignores
     * in a remote context: without a document base, "//host/..." term IRIs
     * stay relative.
     */
    {"adres/implementatiemodel-context/gemeenten_detail.jsonld",
     "invalid IRI mapping: term \"officieleTalen\""},
};

static char *served;

static const char *
serve(const char *iri, void *arg)
{
	return strcmp(iri, CONTEXT_IRI) == 0 ? served : NULL;
}

static void
expand_with_context(const char *base)
{
	const char *doc = "{\"@context\": \"" CONTEXT_IRI "\", \"@id\": \"https://example.org/x\"}";
	jld_arena *a = jld_arena_new();
	jld_options o;
	jld_value *out;

	jld_options_init(&o);
	o.base = base;
	o.load_document = serve;
	out = jld_expand(a, jld_parse(a, doc, strlen(doc)), &o);
	/* a lone @id is a free-floating node reference: dropped */
	if (out->count != 0)
		oslo_error(OSLO_ERR_DATA, "unexpected expansion output");
	jld_arena_free(a);
}

TEST(oslo_contexts_process_or_fail_with_a_reason)
{
	const char *shared = unit_shared_dir();
	int tried = 0;

	if (!shared)
	{
		printf("  skipped: ../shared not found\n");
		return;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
	{
		char path[4200];

		snprintf(path, sizeof(path), "%s/oslo/%s", shared, cases[i].path);
		if (!(served = unit_read_file(path, NULL)))
			continue;
		tried++;
		if (!cases[i].expected)
		{
			oslo_captured_error err;
			oslo_run_frame f;

			oslo_standalone_enter(&f, &err);
			if (setjmp(f.jmp) == 0)
			{
				expand_with_context(NULL);
				oslo_standalone_leave(&f, true);
			}
			else
			{
				oslo_standalone_leave(&f, false);
				fprintf(stderr, "  %s: %s\n", cases[i].path, err.message);
				CHECK(!"an OSLO context failed");
			}
		}
		else
		{
			CHECK_ERROR(OSLO_ERR_PARAMETER, expand_with_context(NULL));
			CHECK_CONTAINS(unit_err.message, cases[i].expected);
		}
		free(served);
		served = NULL;
	}
	if (tried == 0)
		printf("  skipped: no OSLO contexts in %s/oslo\n", shared);
}

TEST(a_document_base_rescues_the_relative_vocab)
{
	const char *shared = unit_shared_dir();
	char path[4200];

	if (!shared)
	{
		printf("  skipped: ../shared not found\n");
		return;
	}
	snprintf(path, sizeof(path), "%s/oslo/adres/implementatiemodel-context/gemeenten_detail.jsonld",
	         shared);
	if (!(served = unit_read_file(path, NULL)))
	{
		printf("  skipped: %s not found\n", path);
		return;
	}
	expand_with_context("https://basisregisters.vlaanderen.be/implementatiemodel/adressenregister");
	free(served);
	served = NULL;
}

/*
 * SEMIC contexts that are not valid JSON-LD 1.1 (jsonld.js 9 refuses the same
 * eleven): a term with a "/" or a ":" must expand to its own IRI mapping, and
 * the generator wrote labels such as "Address.administrativeUnitLevel2
 * (country/region/state)" and capitalised prefixes ("Dcat:Catalog") as terms.
 * Paths are under ../shared/eu.
 */
#define LOOKS_LIKE_IRI(t) "invalid IRI mapping: term \"" t "\" looks like an IRI"
#define ADMIN_UNIT        LOOKS_LIKE_IRI("Address.administrativeUnitLevel2 (country/region/state)")
static const oslo_context_case eu_invalid[] = {
    {"core-business/releases/2.00/context/core-business-ap.jsonld", ADMIN_UNIT},
    {"core-location/releases/2.00/context/core-location-ap.jsonld", ADMIN_UNIT},
    {"core-location/releases/2.00/context/core-location-ap_en.jsonld", ADMIN_UNIT},
    {"core-person/releases/2.00/context/core-person-ap.jsonld", ADMIN_UNIT},
    {"core-person/releases/2.00/context/core-person.jsonld", ADMIN_UNIT},
    {"cpov/releases/2.00/context/core-public-organisation-ap.jsonld", ADMIN_UNIT},
    {"cpsv-ap/releases/3.0.0/context/cpsv-ap.jsonld", ADMIN_UNIT},
    {"cpsv-ap/releases/3.0.0/context/cpsv-ap_en.jsonld", ADMIN_UNIT},
    {"dcat-ap/releases/3.0.0-hvd/context/hvd.jsonld", LOOKS_LIKE_IRI("Dcat:Catalog")},
    {"dcat-ap/releases/3.0.0/context/dcat-ap.jsonld", LOOKS_LIKE_IRI("Xsd:dateTime")},
    {"dcat-ap/releases/3.0.1/context/dcat-ap.jsonld", LOOKS_LIKE_IRI("Xsd:dateTime")},
};

/* one EU context: true when it processes as expected, else the reason on stderr */
static bool
eu_context_processes(const char *path)
{
	oslo_captured_error err;
	oslo_run_frame f;
	const char *volatile expected = NULL;
	bool ok;

	for (size_t i = 0; i < sizeof(eu_invalid) / sizeof(eu_invalid[0]); i++)
	{
		size_t n = strlen(path), m = strlen(eu_invalid[i].path);

		if (n > m && path[n - m - 1] == '/' && strcmp(path + n - m, eu_invalid[i].path) == 0)
			expected = eu_invalid[i].expected;
	}
	if (!(served = unit_read_file(path, NULL)))
		return false;
	oslo_standalone_enter(&f, &err);
	if (setjmp(f.jmp) == 0)
	{
		expand_with_context(NULL);
		oslo_standalone_leave(&f, true);
		ok = expected == NULL;
		if (!ok)
			fprintf(stderr, "  %s: processed, expected \"%s\"\n", path, expected);
	}
	else
	{
		oslo_standalone_leave(&f, false);
		ok = expected != NULL && strstr(err.message, expected) != NULL;
		if (!ok)
			fprintf(stderr, "  %s: %s\n", path, err.message);
	}
	free(served);
	served = NULL;
	return ok;
}

/* every *.jsonld in a directory named "context" below dir */
static void
walk_eu(const char *dir, bool in_context_dir, int *tried, int *failed)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL)
	{
		char path[4200];
		struct stat sb;
		size_t n = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &sb) != 0)
			continue;
		if (S_ISDIR(sb.st_mode))
			walk_eu(path, strcmp(e->d_name, "context") == 0, tried, failed);
		else if (in_context_dir && n > 7 && strcmp(e->d_name + n - 7, ".jsonld") == 0)
		{
			(*tried)++;
			if (!eu_context_processes(path))
				(*failed)++;
		}
	}
	closedir(d);
}

/*
 * Every SEMIC context must process as a remote context, except the eleven
 * known invalid ones, which must fail with their reason. The count guards
 * against a walk that finds nothing (../shared/eu holds 42 of them).
 */
TEST(semic_contexts_process)
{
	const char *shared = unit_shared_dir();
	char dir[4200];
	int tried = 0, failed = 0;

	if (!shared)
	{
		printf("  skipped: ../shared not found\n");
		return;
	}
	snprintf(dir, sizeof(dir), "%s/eu", shared);
	walk_eu(dir, false, &tried, &failed);
	if (tried == 0)
	{
		printf("  skipped: no SEMIC contexts in %s\n", dir);
		return;
	}
	CHECK(tried >= 42);
	CHECK(failed == 0);
}

int
main(void)
{
	RUN(oslo_contexts_process_or_fail_with_a_reason);
	RUN(a_document_base_rescues_the_relative_vocab);
	RUN(semic_contexts_process);
	return unit_report();
}
