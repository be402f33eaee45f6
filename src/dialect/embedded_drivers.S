// The server driver modules, stripped, as read-only data of the forge binary (see the top-level
// CMakeLists.txt and dialect/driver_loader.cpp): forge_<name>_module .. forge_<name>_module_end.
// The pages are mapped with the binary but only read when a driver is loaded.

  .section .rodata.forge_drivers, "a"
  .balign 64
  .globl forge_postgres_module
  .globl forge_postgres_module_end
forge_postgres_module:
  .incbin FORGE_POSTGRES_MODULE
forge_postgres_module_end:

  .balign 64
  .globl forge_mysql_module
  .globl forge_mysql_module_end
forge_mysql_module:
  .incbin FORGE_MYSQL_MODULE
forge_mysql_module_end:

#ifdef FORGE_LDAP_STANDIN_MODULE
  // libpq's libldap stand-in (dialect/postgres/ldap_standin.c), loaded before forge-postgres.so.
  .balign 64
  .globl forge_ldap_standin_module
  .globl forge_ldap_standin_module_end
forge_ldap_standin_module:
  .incbin FORGE_LDAP_STANDIN_MODULE
forge_ldap_standin_module_end:
#endif

  .section .note.GNU-stack, "", @progbits
