# asan.mk: the core library, the plugins and the unit tests built with
# AddressSanitizer and UndefinedBehaviorSanitizer (clang), then the unit tests
# run: any invalid access, leak (LeakSanitizer) or undefined behaviour fails.
#
#   make check-asan
#
# A separate build tree (build/asan) so it never mixes with the normal objects.

ASAN_BUILD  = $(BUILD)/asan
ASAN_CC    ?= clang
ASAN_FLAGS  = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
ASAN_ENV    = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	OSLO_PLUGIN_DIR=$(CURDIR)/$(ASAN_BUILD)/plugins \
	OSLO_TEST_PLUGIN_DIR=$(CURDIR)/$(ASAN_BUILD)/testplugins OSLO_SOURCE_DIR=$(CURDIR)
PLUGIN_NAMES := $(notdir $(patsubst %/,%,$(PLUGIN_DIRS)))

.PHONY: check-asan asan-build
asan-build:
	$(MAKE) BUILD=$(ASAN_BUILD) SA_CC=$(ASAN_CC) SA_CFLAGS="$(ASAN_FLAGS)" \
		$(ASAN_BUILD)/liboslo_core.a $(patsubst $(BUILD)/%,$(ASAN_BUILD)/%,$(UNIT_BINS) $(TEST_PLUGINS))
	@mkdir -p $(ASAN_BUILD)/plugins
	@for p in $(PLUGIN_NAMES); do \
		$(ASAN_CC) $(ASAN_FLAGS) $(SA_CPPFLAGS) -fPIC -shared -fvisibility=hidden \
			-o $(ASAN_BUILD)/plugins/$$p.so plugins/$$p/*.c || exit 1; done

check-asan: asan-build
	@fail=0; n=0; for t in $(patsubst $(BUILD)/%,$(ASAN_BUILD)/%,$(UNIT_BINS)); do n=$$((n + 1)); \
		if $(ASAN_ENV) $$t >$$t.asan.log 2>&1; then echo "asan clean: $$t"; \
		else echo "asan FAILED: $$t"; tail -n 60 $$t.asan.log; fail=$$((fail + 1)); fi; done; \
	echo "$$((n - fail)) passed, $$fail failed"; [ $$fail -eq 0 ]
