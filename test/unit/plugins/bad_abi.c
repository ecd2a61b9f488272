/*
 * bad_abi.c
 *	  A plugin built for a future ABI version: the loader must refuse it
 *	  without calling anything but oslo_plugin_describe().
 */
#include "oslo_plugin.h"

static void
must_not_run(const oslo_data *in, const char *options, oslo_data *out)
{
	__builtin_trap();
}

static const oslo_transform_def transforms[] = {
    {"future", "graph", OSLO_DATA_BYTES, OSLO_DATA_GRAPH, must_not_run, "never called"},
};
static const oslo_format_def formats[] = {{"future", NULL, "a format from the future", NULL}};
static const char *const names[] = {"future", NULL};

static const oslo_plugin_def plugin = {OSLO_PLUGIN_ABI_VERSION + 1,
                                       "bad_abi",
                                       "9.9",
                                       "built against another ABI",
                                       formats,
                                       1,
                                       names,
                                       NULL,
                                       transforms,
                                       1};

OSLO_PLUGIN_EXPORT const oslo_plugin_def *
oslo_plugin_describe(void)
{
	return &plugin;
}
