# Delivery: what `cmake --install` puts where, and the Debian package `cpack -G DEB` makes of it.
# Included from the top-level CMakeLists.txt once the forge target exists.
#
#   cmake --build build --target forge && cmake --install build --strip --prefix /usr/local
#   cd build && cpack -G DEB          # forge_<version>_<arch>.deb, stripped, Depends from dpkg-shlibdeps
include(GNUInstallDirs)

# Installing copies what was built and builds nothing: with tests on, "all" is the whole suite,
# and neither `make install` nor cpack should compile it to ship one binary.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

# The bash completion is what the built forge prints, made at install time so it always matches
# the binary it ships with.
set(FORGE_COMPLETION_FILE "${CMAKE_CURRENT_BINARY_DIR}/forge-completion.bash")
install(CODE "
  execute_process(COMMAND \"$<TARGET_FILE:forge>\" completion bash
                  OUTPUT_FILE \"${FORGE_COMPLETION_FILE}\" RESULT_VARIABLE forge_completion_result)
  if(NOT forge_completion_result EQUAL 0)
    message(FATAL_ERROR \"`forge completion bash` failed: \${forge_completion_result}\")
  endif()")
install(FILES "${FORGE_COMPLETION_FILE}" RENAME forge
        DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")

set(FORGE_PACKAGE_MAINTAINER "forge maintainers <forge@localhost>"
    CACHE STRING "The Maintainer field of the Debian package")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME forge)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${FORGE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "schema migrations for PostgreSQL, MySQL/MariaDB and SQLite")
set(CPACK_PACKAGE_DESCRIPTION
    "forge applies and reverts schema-migration units (SQL files with up and down sections, or\n"
    "declarative YAML/JSON) and records them in a history table in the database itself, like\n"
    "sequelize-cli's or dbmate's migrations, in one native binary. A database-wide lock makes\n"
    "running it from several replicas at once safe.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# The build tree's binary carries debug information; the package's does not.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # forge_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends is computed by dpkg-shlibdeps from the libraries the binary and the driver modules it
# carries link (dpkg-dev, file), plus the packages of the two libraries forge loads by name, which
# no ELF header names: libcrypto, when it first hashes (util/sha256.cpp), and libpg_query, when
# lint first parses PostgreSQL (dialect/postgres/postgres_lint.cpp). The Dockerfile's runtime
# stage installs exactly those packages; tests/packaging checks both.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
get_filename_component(pg_query_file "${PG_QUERY_LIBRARY}" REALPATH)
execute_process(COMMAND dpkg-query -S "${pg_query_file}" OUTPUT_VARIABLE pg_query_owner
                ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX REPLACE "[:,].*" "" pg_query_package "${pg_query_owner}")
if(pg_query_package)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libssl${FORGE_OPENSSL_MAJOR}, ${pg_query_package}")
else()  # not installed from a package: nothing to name
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libssl${FORGE_OPENSSL_MAJOR}")
endif()
# The driver modules forge carries: their libraries are added to Depends as cpack runs.
set(CPACK_FORGE_EMBEDDED_DRIVERS ${FORGE_EMBEDDED_DRIVERS})
set(CPACK_FORGE_SHLIBDEPS_FOLDER "${PROJECT_BINARY_DIR}/embedded/shlibdeps")
set(CPACK_PROJECT_CONFIG_FILE "${CMAKE_CURRENT_LIST_DIR}/cpack-project.cmake")

include(CPack)
