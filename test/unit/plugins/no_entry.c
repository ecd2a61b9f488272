/* no_entry.c: a shared object that is not an oslo_interop plugin */
int not_a_plugin = 1;
