/*
 * oslo_module.c
 *	  Module load: core handlers, GUCs, the plugin directory.
 */
#include "pg_host.h"

#include "miscadmin.h"
#include "oslo_formats.h"
#include "utils/guc.h"

#include <libxml/parser.h>

PG_MODULE_MAGIC;

void _PG_init(void);

void
_PG_init(void)
{
	oslo_pg_install_handlers();
	oslo_pg_install_format_host();
	oslo_pg_install_align_hook();
	/* idempotent; pg_xml_init does the same */
	xmlInitParser();

	DefineCustomIntVariable(
	    "oslo.max_input_size", "Largest document (XML, RDF text) oslo_interop functions accept.",
	    "Larger inputs are refused with SQLSTATE 54000 before parsing.", &oslo_max_input_size_kb,
	    64 * 1024, 1, INT_MAX / 1024, PGC_USERSET, GUC_UNIT_KB, NULL, NULL, NULL);
	DefineCustomBoolVariable("oslo.xml_huge",
	                         "Lift libxml2's hard limits on depth and text size (XML_PARSE_HUGE).",
	                         "Off by default: the limits protect the backend from hostile XML.",
	                         &oslo_xml_huge, false, PGC_SUSET, 0, NULL, NULL, NULL);
	MarkGUCPrefixReserved("oslo");
}

/*
 * Plugins load once per backend, from $pkglibdir/oslo_interop only: never a
 * path a caller can name.
 */
void
oslo_pg_load_plugins(void)
{
	static bool loaded = false;
	char dir[MAXPGPATH];

	if (loaded)
		return;
	get_pkglib_path(my_exec_path, dir);
	strlcat(dir, "/oslo_interop", sizeof(dir));
	oslo_formats_load_plugins(dir);
	loaded = true;
}
