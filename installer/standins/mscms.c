/* Stand-in for mscms.dll under wine (test only, never shipped): Qt's windows platform plugin
   asks for each screen's colour profile; wine 8 lacks WcsCreateIccProfile. "No profile". */
#include <windows.h>

__declspec(dllexport) HANDLE WINAPI WcsCreateIccProfile(HANDLE profile, DWORD options) {
    (void)profile; (void)options;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}
__declspec(dllexport) BOOL WINAPI CloseColorProfile(HANDLE profile) { (void)profile; return TRUE; }
__declspec(dllexport) HANDLE WINAPI OpenColorProfileW(void *p, DWORD a, DWORD s, DWORD c) {
    (void)p; (void)a; (void)s; (void)c;
    SetLastError(ERROR_NOT_SUPPORTED);
    return NULL;
}
__declspec(dllexport) BOOL WINAPI GetColorProfileFromHandle(HANDLE h, BYTE *b, DWORD *s) {
    (void)h; (void)b; (void)s;
    SetLastError(ERROR_NOT_SUPPORTED);
    return FALSE;
}
