// libpq needs libldap only to look a connection's settings up in an LDAP directory (an ldap://
// line of pg_service.conf), which few runs do; yet loading it maps twelve more libraries
// (liblber, libsasl2, GnuTLS and its eight), ~2 ms of every PostgreSQL run's start.
//
// This module takes libldap's place: it carries libldap's SONAME and the version node libpq asks
// for (both read off libpq at configure time, see src/CMakeLists.txt), and defines the functions
// libpq calls. forge loads it, from memory, just before its PostgreSQL module, so libpq's need of
// libldap is met by it (a loaded object answers to its SONAME). The first call loads the real
// libldap by its path and every call goes on to it; until then nothing of it is mapped.
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#ifndef FORGE_LDAP_LIBRARY
#error "FORGE_LDAP_LIBRARY: the path of the libldap libpq needs"
#endif

// libldap's types are pointers to structures libpq never looks into: opaque here.
typedef struct ldap LDAP;
typedef struct ldapmsg LDAPMessage;
struct berval;
struct timeval;

enum {
  k_first_entry,
  k_get_values_len,
  k_search_st,
  k_init,
  k_set_option,
  k_msgfree,
  k_unbind,
  k_simple_bind,
  k_err2string,
  k_count_entries,
  k_result,
  k_value_free_len,
  k_functions
};

static const char* const k_names[k_functions] = {
    "ldap_first_entry", "ldap_get_values_len", "ldap_search_st", "ldap_init",
    "ldap_set_option",  "ldap_msgfree",        "ldap_unbind",    "ldap_simple_bind",
    "ldap_err2string",  "ldap_count_entries",  "ldap_result",    "ldap_value_free_len"};

typedef void (*any_fn)(void);
static any_fn g_real[k_functions];
static pthread_once_t g_loaded = PTHREAD_ONCE_INIT;

static void load_real(void) {
  void* library = dlopen(FORGE_LDAP_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    // libpq then reports the lookup as failed; this line says why.
    const char* reason = dlerror();
    fprintf(stderr, "forge: an LDAP lookup needs %s, which cannot be loaded: %s\n",
            FORGE_LDAP_LIBRARY, reason != NULL ? reason : "unknown reason");
    return;
  }
  for (int i = 0; i < k_functions; ++i) {
    void* symbol = dlsym(library, k_names[i]);
    memcpy(&g_real[i], &symbol, sizeof symbol);  // POSIX: a function's address as data
  }
}

static any_fn real(int function) {
  pthread_once(&g_loaded, load_real);
  return g_real[function];
}

// Each function: libldap's, or the failure libpq expects of it (NULL, or -1: not LDAP_SUCCESS).
typedef LDAPMessage* (*entry_fn)(LDAP*, LDAPMessage*);
typedef struct berval** (*values_fn)(LDAP*, LDAPMessage*, const char*);
typedef int (*search_fn)(LDAP*, const char*, int, const char*, char**, int, struct timeval*,
                         LDAPMessage**);
typedef LDAP* (*init_fn)(const char*, int);
typedef int (*option_fn)(LDAP*, int, const void*);
typedef int (*message_fn)(LDAPMessage*);
typedef int (*handle_fn)(LDAP*);
typedef int (*bind_fn)(LDAP*, const char*, const char*);
typedef char* (*text_fn)(int);
typedef int (*count_fn)(LDAP*, LDAPMessage*);
typedef int (*result_fn)(LDAP*, int, int, struct timeval*, LDAPMessage**);
typedef void (*free_fn)(struct berval**);

LDAPMessage* ldap_first_entry(LDAP* ld, LDAPMessage* chain) {
  const entry_fn function = (entry_fn)real(k_first_entry);
  return function != NULL ? function(ld, chain) : NULL;
}

struct berval** ldap_get_values_len(LDAP* ld, LDAPMessage* entry, const char* target) {
  const values_fn function = (values_fn)real(k_get_values_len);
  return function != NULL ? function(ld, entry, target) : NULL;
}

int ldap_search_st(LDAP* ld, const char* base, int scope, const char* filter, char** attrs,
                   int attrsonly, struct timeval* timeout, LDAPMessage** result) {
  const search_fn function = (search_fn)real(k_search_st);
  return function != NULL ? function(ld, base, scope, filter, attrs, attrsonly, timeout, result)
                          : -1;
}

LDAP* ldap_init(const char* host, int port) {
  const init_fn function = (init_fn)real(k_init);
  return function != NULL ? function(host, port) : NULL;
}

int ldap_set_option(LDAP* ld, int option, const void* value) {
  const option_fn function = (option_fn)real(k_set_option);
  return function != NULL ? function(ld, option, value) : -1;
}

int ldap_msgfree(LDAPMessage* message) {
  const message_fn function = (message_fn)real(k_msgfree);
  return function != NULL ? function(message) : -1;
}

int ldap_unbind(LDAP* ld) {
  const handle_fn function = (handle_fn)real(k_unbind);
  return function != NULL ? function(ld) : -1;
}

int ldap_simple_bind(LDAP* ld, const char* who, const char* password) {
  const bind_fn function = (bind_fn)real(k_simple_bind);
  return function != NULL ? function(ld, who, password) : -1;
}

char* ldap_err2string(int error) {
  static char k_unloaded[] = "libldap could not be loaded";
  const text_fn function = (text_fn)real(k_err2string);
  return function != NULL ? function(error) : k_unloaded;
}

int ldap_count_entries(LDAP* ld, LDAPMessage* chain) {
  const count_fn function = (count_fn)real(k_count_entries);
  return function != NULL ? function(ld, chain) : -1;
}

int ldap_result(LDAP* ld, int id, int all, struct timeval* timeout, LDAPMessage** result) {
  const result_fn function = (result_fn)real(k_result);
  return function != NULL ? function(ld, id, all, timeout, result) : -1;
}

void ldap_value_free_len(struct berval** values) {
  const free_fn function = (free_fn)real(k_value_free_len);
  if (function != NULL) function(values);
}
