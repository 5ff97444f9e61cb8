/* Unit tests: util/wrap, as a table of text, width and the lines that
 * must come out (issue 13 point 5: reports fit the terminal). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/util.h"
#include "util/wrap.h"

typedef struct wrap_row {
    const char *name;
    const char *text;
    int width;
    const char *want;
} wrap_row;

static const wrap_row ROWS[] = {
    {"a short line stays", "  correctness 40/40\n", 30, "  correctness 40/40\n"},
    {"a long line breaks at a space, indented past its own indentation",
     "  - one two three four five six\n", 20, "  - one two three\n      four five six\n"},
    {"the spaces at a break go", "aaaa bbbb     cccc dddd\n", 12, "aaaa bbbb\n    cccc\n    dddd\n"},
    {"a word wider than the room breaks where the room ends", "x 0123456789abcdefghij\n", 20,
     "x 0123456789abcdefgh\n    ij\n"},
    {"colour takes no room", "\033[31m\xe2\x9c\x97\033[0m aaaa bbbb\n", 11,
     "\033[31m\xe2\x9c\x97\033[0m aaaa bbbb\n"},
    {"a UTF-8 character is one column", "\xe2\x96\x81\xe2\x96\x82\xe2\x96\x83 abc def\n", 11,
     "\xe2\x96\x81\xe2\x96\x82\xe2\x96\x83 abc def\n"},
    {"every line on its own; the last without a newline", "ab cd ef\nxy\nab cd ef", 20,
     "ab cd ef\nxy\nab cd ef"},
    {"a deep indentation continues at half the width", "                  aaa bbb ccc ddd\n", 24,
     "                  aaa\n            bbb ccc ddd\n"},
};

static void wrap_text_should_fit_the_width(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ROWS / sizeof *ROWS; i++) {
        char *got = wrap_text(ROWS[i].text, ROWS[i].width);
        if (strcmp(got, ROWS[i].want) != 0)
            fail_msg("%s:\n got: [%s]\nwant: [%s]", ROWS[i].name, got, ROWS[i].want);
        free(got);
    }
}

static void a_pipe_should_be_80_columns(void **state)
{
    (void)state;
    int fd[2];
    assert_int_equal(pipe(fd), 0);
    assert_int_equal(wrap_columns(fd[1]), 80);
    close(fd[0]);
    close(fd[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(wrap_text_should_fit_the_width),
        cmocka_unit_test(a_pipe_should_be_80_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
