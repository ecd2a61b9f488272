# oslo_interop: PGXS build of the extension, plus the standalone core
# (unit tests, fuzzers, CLI) in standalone.mk. See README.md.

EXTENSION  = oslo_interop
EXTVERSION = $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" oslo_interop.control)
MODULE_big = oslo_interop

CORE_SRCS := $(sort $(filter-out extension/core/oslo_standalone.c,$(wildcard extension/core/*.c)))
PG_SRCS   := $(sort $(wildcard extension/pg/*.c))
OBJS       = $(CORE_SRCS:.c=.o) $(PG_SRCS:.c=.o)

# The install script is generated: sql/oslo_interop.sql, then sql/parts/*.sql
# in name order, then the mapping files of mappings/ embedded as catalog rows
# (the database never reads files). Older releases' install scripts are frozen
# in sql/ and installed with the upgrade scripts, so ALTER EXTENSION UPDATE works.
SQL_PARTS  = $(sort $(wildcard sql/parts/*.sql))
# The upgrade script from the previous release is generated too: a prelude
# for the objects that release has, then the parts (tools/make_upgrade.sh).
PREVIOUS_VERSION = 0.1.0
UPGRADE_SCRIPT = sql/$(EXTENSION)--$(PREVIOUS_VERSION)--$(EXTVERSION).sql
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql $(UPGRADE_SCRIPT)
DATA       = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*.sql))

# Public headers for third-party plugins, installed beside the server headers
# in $(includedir_server)/extension/oslo_interop/.
HEADERS_oslo_interop = extension/core/oslo_core.h extension/core/rdf_graph.h \
	extension/core/rdf_syntax.h extension/core/jsonld_writer.h extension/core/jsonld.h \
	extension/core/oslo_plugin.h extension/core/oslo_plugin.mk extension/core/rml.h

DEPS_CFLAGS := $(shell xml2-config --cflags 2>/dev/null) $(shell pkg-config --cflags serd-0 json-c icu-uc icu-i18n libxslt libexslt 2>/dev/null)
DEPS_LIBS   := $(shell pkg-config --libs serd-0 json-c icu-uc icu-i18n libxslt libexslt 2>/dev/null) $(shell xml2-config --libs 2>/dev/null) -ldl -lm

PG_CPPFLAGS = -Iextension/core -Iextension/pg $(DEPS_CFLAGS)
PG_CFLAGS   = -std=gnu11 -Wall -Wextra -Wno-declaration-after-statement -Wno-unused-parameter -Wno-missing-field-initializers -Werror=implicit-function-declaration
SHLIB_LINK  = $(DEPS_LIBS)

TESTS        = $(sort $(wildcard test/sql/*.sql))
REGRESS      = $(patsubst test/sql/%.sql,%,$(TESTS))
REGRESS_OPTS = --inputdir=test --outputdir=build/regress

EXTRA_CLEAN = build $(DATA_built)

# Prefer PostgreSQL 15 when several versions are installed.
PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

ifeq ($(wildcard $(PGXS)),)
# A fresh machine: no server headers yet. Install what is missing, then go on.
.DEFAULT_GOAL := bootstrap
bootstrap demo test deps bench conformance:
	@if [ -n "$(OSLO_BOOTSTRAPPED)" ]; then echo "PostgreSQL 15 server headers (PGXS) still not found after installing packages" >&2; exit 1; fi
	sh tools/install_deps.sh
	$(MAKE) OSLO_BOOTSTRAPPED=1 $(if $(filter bootstrap,$@),all,$@)
else
include $(PGXS)

# PGXS does not track headers: without this a changed struct leaves stale
# objects that disagree about its layout
$(OBJS): $(wildcard extension/core/*.h extension/pg/*.h)

sql/$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION).sql $(SQL_PARTS) $(sort $(wildcard mappings/*/*)) tools/embed_mappings.sh
	sh tools/embed_mappings.sh mappings sql/$(EXTENSION).sql $(SQL_PARTS) > $@.tmp && mv $@.tmp $@

$(UPGRADE_SCRIPT): sql/upgrade/$(PREVIOUS_VERSION)--$(EXTVERSION).sql $(SQL_PARTS) $(sort $(wildcard mappings/*/*)) tools/make_upgrade.sh tools/embed_mappings.sh
	sh tools/make_upgrade.sh mappings $< $(SQL_PARTS) > $@.tmp && mv $@.tmp $@

include standalone.mk
include project.mk
include fuzz.mk
include asan.mk
endif
