-- oslo_interop 0.1.0 -> 0.2.0 (ALTER EXTENSION oslo_interop UPDATE)
-- test/t/005_extension_update.pl checks that an updated database has exactly
-- the objects and definitions of a fresh 0.2.0 install.
\echo Use "ALTER EXTENSION oslo_interop UPDATE" to load this file. \quit
