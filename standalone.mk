# standalone.mk: the core library outside PostgreSQL -- static library, unit
# tests and the oslo-interop command-line tool. Included by Makefile.

SA_CC      ?= cc
SA_CFLAGS  ?= -O2 -g
SA_WARN     = -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Werror=implicit-function-declaration
SA_CPPFLAGS = -Iextension/core $(DEPS_CFLAGS) -DOSLO_SOURCE_DIR='"$(CURDIR)"'
BUILD       = build
SA_CORE_SRCS := $(sort $(wildcard extension/core/*.c))
SA_CORE_OBJS  = $(patsubst extension/core/%.c,$(BUILD)/core/%.o,$(SA_CORE_SRCS))
SA_LIB        = $(BUILD)/liboslo_core.a
UNIT_SRCS    := $(sort $(wildcard test/unit/test_*.c))
UNIT_BINS     = $(patsubst test/unit/%.c,$(BUILD)/unit/%,$(UNIT_SRCS))
CLI           = $(BUILD)/oslo-interop

$(BUILD)/core/%.o: extension/core/%.c extension/core/*.h
	@mkdir -p $(dir $@)
	$(SA_CC) $(SA_CFLAGS) $(SA_WARN) $(SA_CPPFLAGS) -fPIC -c -o $@ $<

$(SA_LIB): $(SA_CORE_OBJS)
	rm -f $@ && ar rcs $@ $^

# --export-dynamic: plugins loaded by the CLI resolve core symbols against it
$(BUILD)/unit/%: test/unit/%.c test/unit/unit.h $(SA_LIB)
	@mkdir -p $(dir $@)
	$(SA_CC) $(SA_CFLAGS) $(SA_WARN) $(SA_CPPFLAGS) -Itest/unit -o $@ $< \
		-Wl,--export-dynamic -Wl,--whole-archive $(SA_LIB) -Wl,--no-whole-archive $(DEPS_LIBS)

$(CLI): extension/cli/*.c $(SA_LIB)
	@mkdir -p $(dir $@)
	$(SA_CC) $(SA_CFLAGS) $(SA_WARN) $(SA_CPPFLAGS) \
		-DOSLO_DEFAULT_PLUGIN_DIR='"$(shell $(PG_CONFIG) --pkglibdir)/oslo_interop"' \
		-DOSLO_DEFAULT_MAPPINGS_DIR='"$(shell $(PG_CONFIG) --sharedir)/oslo_interop/mappings"' \
		-o $@ extension/cli/*.c \
		-Wl,--export-dynamic -Wl,--whole-archive $(SA_LIB) -Wl,--no-whole-archive $(DEPS_LIBS)

# conformance runners: test/conformance/NAME_suite.c -> build/NAME_suite
SUITE_SRCS := $(sort $(wildcard test/conformance/*_suite.c))
SUITES      = $(patsubst test/conformance/%.c,$(BUILD)/%,$(SUITE_SRCS))
$(BUILD)/%_suite: test/conformance/%_suite.c $(wildcard test/conformance/*.h) $(SA_LIB)
	@mkdir -p $(dir $@)
	$(SA_CC) $(SA_CFLAGS) $(SA_WARN) $(SA_CPPFLAGS) -Itest/conformance -o $@ $< \
		-Wl,--whole-archive $(SA_LIB) -Wl,--no-whole-archive $(DEPS_LIBS)

# plugins the loader must refuse (unit tests)
TEST_PLUGINS = $(patsubst test/unit/plugins/%.c,$(BUILD)/testplugins/%.so,$(wildcard test/unit/plugins/*.c))
$(BUILD)/testplugins/%.so: test/unit/plugins/%.c extension/core/oslo_plugin.h
	@mkdir -p $(dir $@)
	$(SA_CC) $(SA_CFLAGS) $(SA_CPPFLAGS) -fPIC -shared -o $@ $<

.PHONY: standalone plugins unit unit-valgrind cli
standalone: $(SA_LIB) $(CLI) $(UNIT_BINS) $(TEST_PLUGINS) $(SUITES)
cli: $(CLI)

PLUGIN_DIRS := $(sort $(dir $(wildcard plugins/*/Makefile)))
plugins:
	@for d in $(PLUGIN_DIRS); do $(MAKE) -C $$d PG_CONFIG=$(PG_CONFIG) OSLO_INCLUDE=$(CURDIR)/extension/core || exit 1; done
	@mkdir -p $(BUILD)/plugins && cp plugins/*/*.so $(BUILD)/plugins/

# The unit tests run each test binary; each prints "N passed, N failed".
unit: standalone plugins
	@fail=0; for t in $(UNIT_BINS); do echo "== $$t"; OSLO_PLUGIN_DIR=$(CURDIR)/$(BUILD)/plugins OSLO_TEST_PLUGIN_DIR=$(CURDIR)/$(BUILD)/testplugins OSLO_SOURCE_DIR=$(CURDIR) $$t || fail=1; done; \
	if [ $$fail -ne 0 ]; then echo "unit tests FAILED"; exit 1; fi

# The same unit tests under valgrind: no invalid access, no definite leak
# (error paths included: the standalone host frees what a failed call made).
unit-valgrind: standalone plugins
	@fail=0; for t in $(UNIT_BINS); do \
		if OSLO_PLUGIN_DIR=$(CURDIR)/$(BUILD)/plugins OSLO_TEST_PLUGIN_DIR=$(CURDIR)/$(BUILD)/testplugins OSLO_SOURCE_DIR=$(CURDIR) \
			valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite $$t >$$t.valgrind.log 2>&1; \
		then echo "valgrind clean: $$t"; else echo "valgrind FAILED: $$t"; cat $$t.valgrind.log; fail=$$((fail + 1)); fi; done; \
	echo "$$(( $(words $(UNIT_BINS)) - fail )) passed, $$fail failed"; [ $$fail -eq 0 ]

# make install also installs the command-line tool and the mapping files it
# reads contexts from (the database reads the same files from its catalog)
install: install-cli
.PHONY: install-cli
install-cli: $(CLI)
	$(MKDIR_P) '$(DESTDIR)$(bindir)' '$(DESTDIR)$(datadir)/oslo_interop/mappings'
	$(INSTALL_PROGRAM) $(CLI) '$(DESTDIR)$(bindir)/oslo-interop'
	cd mappings && for f in MANIFEST $$(grep -v '^[[:space:]]*#' MANIFEST | awk 'NF >= 3 { print $$3 }'); do \
		$(MKDIR_P) "$(DESTDIR)$(datadir)/oslo_interop/mappings/$$(dirname $$f)"; \
		$(INSTALL_DATA) "$$f" "$(DESTDIR)$(datadir)/oslo_interop/mappings/$$f"; done
