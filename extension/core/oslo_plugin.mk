# oslo_plugin.mk: build and install an oslo_interop format plugin with PGXS alone.
#
#   PLUGIN      = myformat
#   PLUGIN_OBJS = myformat.o
#   PG_CONFIG  ?= pg_config
#   include $(shell $(PG_CONFIG) --includedir-server)/extension/oslo_interop/oslo_plugin.mk
#
# The plugin is installed as $(pkglibdir)/oslo_interop/$(PLUGIN).so, the only
# directory oslo_interop loads plugins from. It is not a PostgreSQL module
# (no PG_MODULE_MAGIC), so LOAD refuses it: it runs only through oslo_interop.

PG_CONFIG    ?= pg_config
OSLO_INCLUDE ?= $(shell $(PG_CONFIG) --includedir-server)/extension/oslo_interop
PGXS         := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

override CPPFLAGS := -I$(OSLO_INCLUDE) $(shell xml2-config --cflags) $(CPPFLAGS)
override CFLAGS   += $(CFLAGS_SL) -fvisibility=hidden -Wall -Wextra -Wno-unused-parameter
OSLO_PLUGIN_DIR   = $(pkglibdir)/oslo_interop

all: $(PLUGIN)$(DLSUFFIX)

# Core symbols (oslo_graph_*, oslo_error, ...) resolve against the host that
# loads the plugin: oslo_interop.so in a backend, the oslo-interop CLI outside.
$(PLUGIN)$(DLSUFFIX): $(PLUGIN_OBJS)
	$(CC) $(CFLAGS) -shared -o $@ $(PLUGIN_OBJS) $(LDFLAGS)

install: install-oslo-plugin
install-oslo-plugin: $(PLUGIN)$(DLSUFFIX)
	$(MKDIR_P) '$(DESTDIR)$(OSLO_PLUGIN_DIR)'
	$(INSTALL_SHLIB) $(PLUGIN)$(DLSUFFIX) '$(DESTDIR)$(OSLO_PLUGIN_DIR)/$(PLUGIN)$(DLSUFFIX)'

uninstall: uninstall-oslo-plugin
uninstall-oslo-plugin:
	rm -f '$(DESTDIR)$(OSLO_PLUGIN_DIR)/$(PLUGIN)$(DLSUFFIX)'

clean: clean-oslo-plugin
clean-oslo-plugin:
	rm -f $(PLUGIN)$(DLSUFFIX) $(PLUGIN_OBJS)
