/* wrap — fits text to a terminal: lines longer than the width are broken
 * at spaces, each continuation indented a little past the line's own
 * indentation.  ANSI colour sequences take no room, and a UTF-8
 * character takes one column.  Nothing here prints. */
#ifndef MLDRILL_WRAP_H
#define MLDRILL_WRAP_H

/* The width to wrap at for output on fd: the terminal's columns (40 at
 * least), or 80 when fd is not a terminal (a pipe, a file). */
int wrap_columns(int fd);

/* text with every line wider than width columns broken at spaces (a word
 * wider than the room left is broken where the room ends); continuation
 * lines are indented by the line's indentation and 4 more.  Caller
 * frees. */
char *wrap_text(const char *text, int width);

#endif
