/*
 * Baseline for `make bench`: the least a program can do for `admit entries add --count N --xlsx FILE`.
 * It makes N random credentials (username 8 symbols, password 10 symbols of the unambiguous alphabet,
 * OpenSSL RAND_bytes with rejection sampling: a byte is kept only if < 248, then byte % 31) and writes
 * them as three columns (#, Username, Password) with libxlsxwriter. No database, no sealing, no checks
 * for duplicate usernames.
 *
 * Build: gcc -O2 bench/baseline.c $(pkg-config --cflags --libs xlsxwriter libcrypto) -o bench/out/baseline
 * Usage: baseline FILE.xlsx [COUNT]      (COUNT defaults to 500)
 */
#include <openssl/err.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

static const char ALPHABET[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; /* 31 symbols; 248 = 8 * 31 */

static unsigned char pool[4096];
static size_t pool_left = 0;

/* One uniformly random symbol index in 0..30. */
static int random_symbol(void) {
    for (;;) {
        if (pool_left == 0) {
            if (RAND_bytes(pool, sizeof pool) != 1) {
                fprintf(stderr, "baseline: RAND_bytes failed: %s\n", ERR_error_string(ERR_get_error(), NULL));
                exit(1);
            }
            pool_left = sizeof pool;
        }
        unsigned char byte = pool[--pool_left];
        if (byte < 248) return byte % 31;
    }
}

static void random_code(char *out, int length) {
    for (int i = 0; i < length; i++) out[i] = ALPHABET[random_symbol()];
    out[length] = '\0';
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s FILE.xlsx [COUNT]\n", argv[0]);
        return 2;
    }
    int count = argc == 3 ? atoi(argv[2]) : 500;

    lxw_workbook *workbook = workbook_new(argv[1]);
    if (!workbook) {
        fprintf(stderr, "baseline: cannot start the workbook %s\n", argv[1]);
        return 1;
    }
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "Roster");
    worksheet_write_string(sheet, 0, 0, "#", NULL);
    worksheet_write_string(sheet, 0, 1, "Username", NULL);
    worksheet_write_string(sheet, 0, 2, "Password", NULL);

    char username[9], password[11];
    for (int i = 1; i <= count; i++) {
        random_code(username, 8);
        random_code(password, 10);
        worksheet_write_number(sheet, i, 0, i, NULL);
        worksheet_write_string(sheet, i, 1, username, NULL);
        worksheet_write_string(sheet, i, 2, password, NULL);
    }

    lxw_error error = workbook_close(workbook);
    if (error != LXW_NO_ERROR) {
        fprintf(stderr, "baseline: cannot write %s: %s\n", argv[1], lxw_strerror(error));
        return 1;
    }
    return 0;
}
