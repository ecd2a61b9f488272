/*
 * plugin_registry.h
 *	  Internal interface between the plugin loader and the format table.
 */
#ifndef OSLO_PLUGIN_REGISTRY_H
#define OSLO_PLUGIN_REGISTRY_H

#include "oslo_formats.h"

#define OSLO_MAX_PLUGINS 32

typedef struct plugin_slot
{
	oslo_plugin_info info;
	char path[1024];
	char name[64];
	char why[512];
} plugin_slot;

extern const plugin_slot *plugin_slot_get(size_t i);
/* "core", a plugin name, or NULL when no one provides the format */
extern const char *format_provider(const char *format);
/* recompute the format table after a plugin was accepted or refused */
extern void formats_rebuild(void);

#endif
