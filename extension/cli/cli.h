/*
 * cli.h
 *	  What the oslo-interop command files share: reading an input file,
 *	  a clock for --time, a format from a file name, and the align command.
 */
#ifndef OSLO_CLI_H
#define OSLO_CLI_H

#include <stddef.h>

/* the whole file (or stdin for "-") in host memory; OSLO_ERR_PARAMETER if it cannot be opened */
extern char *cli_read_input(const char *path, size_t *len);
/* monotonic seconds, for the --time lines */
extern double cli_now_seconds(void);
/* the RDF format of a file, by its name; "-" and unknown endings are Turtle */
extern const char *cli_format_of(const char *path);

/* oslo-interop align (cli_align.c) */
extern void cli_align(int argc, char **argv, const char *mappings_dir, int *result);
/* the "semic:" format prefix of convert, from the MANIFEST's alignment */
extern void cli_align_install_hook(const char *mappings_dir);

#endif
