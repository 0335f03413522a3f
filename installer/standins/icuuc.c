/* Stand-in for Windows' icuuc.dll under wine (test only, never shipped): Qt6Core imports
   these converter functions; with no converter available Qt uses its built-in codecs. */
#include <stdint.h>
#include <stddef.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)

EXPORT void *ucnv_open(const char *name, UErrorCode *err) {
    (void)name;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *err) {
    (void)n; (void)s; if (err) *err = U_FILE_ACCESS_ERROR; return NULL;
}
EXPORT void ucnv_close(void *c) { (void)c; }
EXPORT void ucnv_reset(void *c) { (void)c; }
EXPORT int8_t ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(const void *c, UErrorCode *err) {
    (void)c; if (err) *err = U_FILE_ACCESS_ERROR; return NULL;
}
EXPORT void ucnv_getToUCallBack(const void *c, void **a, const void **b) {
    (void)c; if (a) *a = NULL; if (b) *b = NULL;
}
EXPORT void ucnv_getFromUCallBack(const void *c, void **a, const void **b) {
    (void)c; if (a) *a = NULL; if (b) *b = NULL;
}
EXPORT void ucnv_setToUCallBack(void *c, void *a, const void *b, void **d, const void **e,
                                UErrorCode *err) {
    (void)c; (void)a; (void)b; (void)d; (void)e; if (err) *err = U_FILE_ACCESS_ERROR;
}
EXPORT void ucnv_setFromUCallBack(void *c, void *a, const void *b, void **d, const void **e,
                                  UErrorCode *err) {
    (void)c; (void)a; (void)b; (void)d; (void)e; if (err) *err = U_FILE_ACCESS_ERROR;
}
EXPORT void ucnv_cbToUWriteUChars(void *a, const void *s, int32_t l, int32_t o, UErrorCode *err) {
    (void)a; (void)s; (void)l; (void)o; if (err) *err = U_FILE_ACCESS_ERROR;
}
EXPORT void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *l, int32_t o,
                                    UErrorCode *err) {
    (void)a; (void)s; (void)l; (void)o; if (err) *err = U_FILE_ACCESS_ERROR;
}
EXPORT int32_t ucnv_toUCountPending(const void *c, UErrorCode *err) {
    (void)c; if (err) *err = U_FILE_ACCESS_ERROR; return 0;
}
EXPORT int32_t ucnv_fromUCountPending(const void *c, UErrorCode *err) {
    (void)c; if (err) *err = U_FILE_ACCESS_ERROR; return 0;
}
EXPORT void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl,
                           int32_t *o, int8_t f, UErrorCode *err) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f;
    if (err) *err = U_FILE_ACCESS_ERROR;
}
EXPORT void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl,
                             int32_t *o, int8_t f, UErrorCode *err) {
    (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f;
    if (err) *err = U_FILE_ACCESS_ERROR;
}
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const void *u, int32_t l,
                                            int32_t p, int r, UErrorCode *err) {
    (void)c; (void)a; (void)u; (void)l; (void)p; (void)r; (void)err;
}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *c, void *a, const char *u, int32_t l,
                                          int r, UErrorCode *err) {
    (void)c; (void)a; (void)u; (void)l; (void)r; (void)err;
}
