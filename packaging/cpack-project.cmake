# Read by cpack as it packages (CPACK_PROJECT_CONFIG_FILE). The forge binary carries its driver
# modules as data, so dpkg-shlibdeps, which reads the package's ELF files, never sees the
# libraries they need: ask it of the modules themselves and add what it says to Depends.
if(CPACK_GENERATOR STREQUAL "DEB" AND CPACK_FORGE_EMBEDDED_DRIVERS)
  # dpkg-shlibdeps runs in a source package's folder: an empty debian/control is enough.
  set(folder "${CPACK_FORGE_SHLIBDEPS_FOLDER}")
  file(MAKE_DIRECTORY "${folder}/debian")
  file(TOUCH "${folder}/debian/control")
  execute_process(COMMAND dpkg-shlibdeps -O ${CPACK_FORGE_EMBEDDED_DRIVERS}
                  WORKING_DIRECTORY "${folder}" OUTPUT_VARIABLE substvars
                  ERROR_VARIABLE warnings RESULT_VARIABLE result)
  if(NOT result EQUAL 0 OR NOT substvars MATCHES "shlibs:Depends=")
    message(FATAL_ERROR "dpkg-shlibdeps on the driver modules failed (${result}): ${warnings}")
  endif()
  string(REGEX REPLACE ".*shlibs:Depends=([^\n]*).*" "\\1" drivers_depend "${substvars}")
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "${CPACK_DEBIAN_PACKAGE_DEPENDS}, ${drivers_depend}")
endif()
