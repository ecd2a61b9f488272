/*
 * plugin_loader.c
 *	  Load format plugins from the one directory the host names, check their
 *	  ABI version and descriptor, and keep them for the life of the process.
 *
 * The registry is process-lifetime metadata of fixed size, so it lives in
 * static storage rather than host memory (which, in a backend, would be a
 * short-lived memory context). Descriptor strings belong to the plugin,
 * which is never unloaded once accepted.
 */
#include "oslo_formats.h"
#include "plugin_registry.h"

#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static plugin_slot slots[OSLO_MAX_PLUGINS];
static size_t nslots;
static char loaded_dir[1024];

size_t
oslo_formats_plugin_count(void)
{
	return nslots;
}

const oslo_plugin_info *
oslo_formats_plugin(size_t i)
{
	return i < nslots ? &slots[i].info : NULL;
}

const plugin_slot *
plugin_slot_get(size_t i)
{
	return i < nslots ? &slots[i] : NULL;
}

static bool
valid_name(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 63)
		return false;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' ||
		      (*c == '.' && c != s)))
			return false;
	return true;
}

static bool
valid_kind(oslo_data_kind k)
{
	return k == OSLO_DATA_BYTES || k == OSLO_DATA_XML || k == OSLO_DATA_GRAPH;
}

/* NULL when the descriptor is usable, else why not (static text or slot buffer) */
static const char *
check_descriptor(const oslo_plugin_def *def, char *why, size_t whylen)
{
	if (!valid_name(def->name))
		return "its name is missing or not of the form [a-z0-9._-]+";
	for (size_t i = 0; i < nslots; i++)
		if (slots[i].info.refused == NULL && strcmp(slots[i].info.name, def->name) == 0)
		{
			snprintf(why, whylen, "a plugin named \"%s\" is already loaded from %s", def->name,
			         slots[i].info.path);
			return why;
		}
	if (def->nformats > 64 || def->ntransforms > 256)
		return "its descriptor declares implausibly many formats or transforms";
	for (uint32_t i = 0; i < def->nformats; i++)
	{
		const char *n = def->formats[i].name;

		if (!valid_name(n) || strcmp(n, OSLO_GRAPH_FORMAT) == 0)
		{
			snprintf(why, whylen, "format #%u has an invalid name", i + 1);
			return why;
		}
		if (format_provider(n) != NULL)
		{
			snprintf(why, whylen, "format \"%s\" is already provided by %s", n, format_provider(n));
			return why;
		}
	}
	for (uint32_t i = 0; i < def->ntransforms; i++)
	{
		const oslo_transform_def *t = &def->transforms[i];

		if (t->fn == NULL || !valid_kind(t->input_kind) || !valid_kind(t->output_kind) ||
		    !valid_name(t->from_format) || !valid_name(t->to_format))
		{
			snprintf(why, whylen, "transform #%u is incomplete or has an invalid kind", i + 1);
			return why;
		}
		if ((strcmp(t->to_format, OSLO_GRAPH_FORMAT) == 0) != (t->output_kind == OSLO_DATA_GRAPH) ||
		    (strcmp(t->from_format, OSLO_GRAPH_FORMAT) == 0) != (t->input_kind == OSLO_DATA_GRAPH))
		{
			snprintf(why, whylen,
			         "transform %s -> %s: the \"graph\" format and the graph data kind must go "
			         "together",
			         t->from_format, t->to_format);
			return why;
		}
	}
	return NULL;
}

static plugin_slot *
new_slot(const char *path)
{
	plugin_slot *s;

	if (nslots == OSLO_MAX_PLUGINS)
		oslo_error(OSLO_ERR_LIMIT, "more than %d plugins; not loading %s", OSLO_MAX_PLUGINS, path);
	s = &slots[nslots];
	memset(s, 0, sizeof(*s));
	snprintf(s->path, sizeof(s->path), "%s", path);
	s->info.path = s->path;
	s->info.name = s->name;
	s->info.version = "";
	s->info.description = "";
	return s;
}

static void
refuse(plugin_slot *s, void *handle)
{
	s->info.refused = s->why;
	s->info.def = NULL;
	if (handle)
		dlclose(handle);
	nslots++;
	formats_rebuild();
}

static void
accept(plugin_slot *s, const oslo_plugin_def *def)
{
	s->info.def = def;
	s->info.refused = NULL;
	s->info.name = def->name;
	s->info.version = def->version ? def->version : "";
	s->info.description = def->description ? def->description : "";
	nslots++;
	formats_rebuild();
}

void
oslo_formats_register_plugin(const oslo_plugin_def *def, const char *origin)
{
	plugin_slot *s = new_slot(origin);
	const char *why;

	s->info.abi_version = def->abi_version;
	snprintf(s->name, sizeof(s->name), "%s", def->name ? def->name : "?");
	if (def->abi_version != OSLO_PLUGIN_ABI_VERSION)
	{
		snprintf(s->why, sizeof(s->why), "built for plugin ABI %u, this oslo_interop uses ABI %u",
		         def->abi_version, OSLO_PLUGIN_ABI_VERSION);
		refuse(s, NULL);
		return;
	}
	why = check_descriptor(def, s->why, sizeof(s->why));
	if (why)
	{
		if (why != s->why)
			snprintf(s->why, sizeof(s->why), "%s", why);
		refuse(s, NULL);
		return;
	}
	accept(s, def);
}

static void
load_one(const char *path, const char *stem)
{
	plugin_slot *s = new_slot(path);
	void *handle;
	oslo_plugin_describe_fn describe;
	const oslo_plugin_def *def;
	const char *why;

	snprintf(s->name, sizeof(s->name), "%s", stem);
	/* RTLD_LOCAL: a plugin's own symbols never interpose on the host's */
	handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (handle == NULL)
	{
		const char *e = dlerror();

		snprintf(s->why, sizeof(s->why), "cannot be loaded: %s", e ? e : "unknown reason");
		refuse(s, NULL);
		return;
	}
	describe = (oslo_plugin_describe_fn)dlsym(handle, OSLO_PLUGIN_DESCRIBE_SYMBOL);
	if (describe == NULL)
	{
		snprintf(s->why, sizeof(s->why), "does not export %s()", OSLO_PLUGIN_DESCRIBE_SYMBOL);
		refuse(s, handle);
		return;
	}
	def = describe();
	if (def == NULL)
	{
		snprintf(s->why, sizeof(s->why), "%s() returned no descriptor",
		         OSLO_PLUGIN_DESCRIBE_SYMBOL);
		refuse(s, handle);
		return;
	}
	/* the ABI version is the only field read before it is known to match */
	s->info.abi_version = def->abi_version;
	if (def->abi_version != OSLO_PLUGIN_ABI_VERSION)
	{
		snprintf(s->why, sizeof(s->why),
		         "built for plugin ABI %u, this oslo_interop uses ABI %u; rebuild it against "
		         "this version's oslo_plugin.h",
		         def->abi_version, OSLO_PLUGIN_ABI_VERSION);
		refuse(s, handle);
		return;
	}
	why = check_descriptor(def, s->why, sizeof(s->why));
	if (why)
	{
		if (why != s->why)
			snprintf(s->why, sizeof(s->why), "%s", why);
		refuse(s, handle);
		return;
	}
	accept(s, def);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp((const char *)a, (const char *)b);
}

void
oslo_formats_load_plugins(const char *dir)
{
	DIR *d;
	struct dirent *e;
	char names[OSLO_MAX_PLUGINS][64];
	size_t n = 0;

	if (strcmp(loaded_dir, dir) == 0)
		return;
	snprintf(loaded_dir, sizeof(loaded_dir), "%s", dir);
	d = opendir(dir);
	if (d == NULL)
		return; /* no plugins installed */
	while ((e = readdir(d)) != NULL && n < OSLO_MAX_PLUGINS)
	{
		size_t len = strlen(e->d_name);

		if (len > 3 && len < 64 && strcmp(e->d_name + len - 3, ".so") == 0 && e->d_name[0] != '.')
			snprintf(names[n++], sizeof(names[0]), "%s", e->d_name);
	}
	closedir(d);
	/* a stable order, so that a clash is always resolved the same way */
	qsort(names, n, sizeof(names[0]), compare_names);
	for (size_t i = 0; i < n; i++)
	{
		char path[1200];
		char stem[64];

		snprintf(path, sizeof(path), "%.1000s/%.63s", dir, names[i]);
		snprintf(stem, sizeof(stem), "%.*s", (int)(strlen(names[i]) - 3), names[i]);
		load_one(path, stem);
	}
}
