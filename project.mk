# project.mk: the developer and CI entry points (see README "Quick start").

.PHONY: deps install-all test demo conformance bench

deps:
	sh tools/install_deps.sh

# the extension, its headers and every plugin under plugins/
install-all: all plugins
	$(MAKE) install
	@for d in $(PLUGIN_DIRS); do $(MAKE) -C $$d install PG_CONFIG=$(PG_CONFIG) OSLO_INCLUDE=$(CURDIR)/extension/core || exit 1; done

test: deps
	$(MAKE) all standalone plugins
	PG_CONFIG=$(PG_CONFIG) MAKE=$(MAKE) sh tools/run_tests.sh

demo: deps
	$(MAKE) all standalone plugins
	$(MAKE) install-all
	PG_CONFIG=$(PG_CONFIG) sh tools/demo.sh

# every W3C / kg-construct suite: counts per suite, and each failure with its reason
conformance: standalone
	@for s in $(SUITES); do echo "== $$s"; $$s ../shared/conformance || true; done

bench: deps
	$(MAKE) all standalone plugins
	$(MAKE) install-all
	PG_CONFIG=$(PG_CONFIG) sh bench/run.sh
	sh bench/shacl.sh
	sh bench/jsonld.sh
	sh bench/semic.sh
	PG_CONFIG=$(PG_CONFIG) sh bench/federation.sh
	PG_CONFIG=$(PG_CONFIG) sh bench/soak.sh
