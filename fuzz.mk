# fuzz.mk: libFuzzer harnesses for every parser and decoder of the core
# (test/fuzz/fuzz_*.c), built with clang, AddressSanitizer and UBSan.
#
#   make fuzz FUZZ_SECONDS=60     run each harness that long (default 30)
#
# Corpora live in build/fuzz/corpus/NAME: seeded from test/fuzz/seeds and,
# when present, samples of ../shared (read there, never copied into the
# repository). A crash leaves crash-* files in build/fuzz/; each one found
# becomes a regression test.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS   = -g -O1 -std=gnu11 $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_BUILD    = $(BUILD)/fuzz
FUZZ_HARNESS := $(sort $(wildcard test/fuzz/fuzz_*.c))
FUZZ_BINS     = $(patsubst test/fuzz/%.c,$(FUZZ_BUILD)/%,$(FUZZ_HARNESS))
FUZZ_CORE     = $(patsubst extension/core/%.c,$(FUZZ_BUILD)/core/%.o,$(SA_CORE_SRCS))
FUZZ_MAGDA    = $(patsubst plugins/magda/%.c,$(FUZZ_BUILD)/magda/%.o,$(wildcard plugins/magda/*.c))

$(FUZZ_BUILD)/core/%.o: extension/core/%.c extension/core/*.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(SA_CPPFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/magda/%.o: plugins/magda/%.c plugins/magda/*.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(SA_CPPFLAGS) -c -o $@ $<

$(FUZZ_BUILD)/fuzz_magda: test/fuzz/fuzz_magda.c test/fuzz/fuzz_common.h $(FUZZ_CORE) $(FUZZ_MAGDA)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(SA_CPPFLAGS) -o $@ $< $(FUZZ_CORE) $(FUZZ_MAGDA) $(DEPS_LIBS)

$(FUZZ_BUILD)/fuzz_%: test/fuzz/fuzz_%.c test/fuzz/fuzz_common.h $(FUZZ_CORE)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(SA_CPPFLAGS) -o $@ $< $(FUZZ_CORE) $(DEPS_LIBS)

$(FUZZ_BUILD)/seedgen: test/fuzz/seedgen.c $(SA_LIB)
	$(SA_CC) $(SA_CFLAGS) $(SA_WARN) $(SA_CPPFLAGS) -o $@ $< $(SA_LIB) $(DEPS_LIBS)

# working corpora: our seeds plus samples of ../shared
fuzz-corpora: $(FUZZ_BUILD)/seedgen
	@for h in $(patsubst test/fuzz/fuzz_%.c,%,$(FUZZ_HARNESS)); do \
		mkdir -p $(FUZZ_BUILD)/corpus/$$h; \
		[ -d test/fuzz/seeds/$$h ] && cp test/fuzz/seeds/$$h/* $(FUZZ_BUILD)/corpus/$$h/ || true; \
	done
	$(FUZZ_BUILD)/seedgen $(FUZZ_BUILD)/corpus/graph_decode test/fuzz/seeds/rdf_syntax/*
	@if [ -d ../shared ]; then \
		ls ../shared/magda/examples/Persoon/GeefPersoon/02.02.0000/*.xml | head -40 | xargs -I{} cp {} $(FUZZ_BUILD)/corpus/magda/; \
		cp ../shared/magda/soap-examples/GeefPersoon/*.xml $(FUZZ_BUILD)/corpus/magda/ 2>/dev/null || true; \
		cp ../shared/oslo/*/context/*.jsonld $(FUZZ_BUILD)/corpus/jsonld_context/ 2>/dev/null || true; \
		cp ../shared/oslo/*/examples/*.json* $(FUZZ_BUILD)/corpus/jsonld_doc/ 2>/dev/null || true; \
		ls ../shared/conformance/jsonld-api/tests/expand/*-in.jsonld | head -150 | xargs -I{} cp {} $(FUZZ_BUILD)/corpus/jsonld_doc/; \
		cp ../shared/conformance/shacl-core/core/*/*.ttl $(FUZZ_BUILD)/corpus/shacl/ 2>/dev/null || true; \
		for d in ../shared/conformance/rml/core-json/RMLTC*-JSON ../shared/conformance/rml/core-xml-csv-pg/RMLTC*-XML; do \
			src=$$(ls $$d/*.json $$d/*.xml 2>/dev/null | head -n1); [ -f $$d/mapping.ttl ] && [ -n "$$src" ] || continue; \
			{ cat $$d/mapping.ttl; printf '\n#SOURCE\n'; cat $$src; } > $(FUZZ_BUILD)/corpus/rml/$$(basename $$d); done; \
		for f in $$(ls ../shared/conformance/rdf-tests/rdf11/rdf-turtle/*.ttl | head -60); do \
			printf '\002' | cat - $$f > $(FUZZ_BUILD)/corpus/rdf_syntax/$$(basename $$f); done; \
	fi

.PHONY: fuzz fuzz-build fuzz-corpora
fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build fuzz-corpora
	@fail=0; for b in $(FUZZ_BINS); do \
		h=$$(basename $$b | sed 's/^fuzz_//'); echo "== $$b ($(FUZZ_SECONDS) s)"; \
		if ( cd $(FUZZ_BUILD) && ASAN_OPTIONS=detect_leaks=1 ./$$(basename $$b) -max_total_time=$(FUZZ_SECONDS) \
			-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 corpus/$$h ) >$$b.log 2>&1; \
		then grep -E 'stat::number_of_executed_units|stat::peak_rss' $$b.log; \
		else fail=$$((fail + 1)); grep -vE '^(INFO|#[0-9]+ +(NEW|REDUCE|pulse|INITED))' $$b.log | tail -40; fi; \
	done; \
	echo "$$(( $(words $(FUZZ_BINS)) - fail )) passed, $$fail failed"; [ $$fail -eq 0 ]
