# Finds what the generator and the tests need, failing at configure time
# with the Debian package to install rather than at compile time with a
# missing header.

function(_seccomp_embed_require what header library package)
  find_path(${what}_INCLUDE_DIR ${header})
  find_library(${what}_LIBRARY ${library})
  if(NOT ${what}_INCLUDE_DIR OR NOT ${what}_LIBRARY)
    message(FATAL_ERROR
      "seccomp-embed needs ${header} and lib${library}: install the Debian package "
      "${package} (apt-get install ${package})")
  endif()
  add_library(SeccompEmbed::${what} UNKNOWN IMPORTED)
  set_target_properties(SeccompEmbed::${what} PROPERTIES
    IMPORTED_LOCATION "${${what}_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${${what}_INCLUDE_DIR}")
endfunction()

if(SECCOMP_EMBED_BUILD_GENERATOR OR SECCOMP_EMBED_BUILD_BENCH)
  _seccomp_embed_require(libseccomp seccomp.h seccomp libseccomp-dev)
  _seccomp_embed_require(cjson cjson/cJSON.h cjson libcjson-dev)
endif()

if(seccomp_embed_tests)
  find_program(BATS_EXECUTABLE bats)
  find_path(BATS_LIBRARY_DIR bats-assert/load.bash
            PATHS /usr/lib/bats /usr/share/bats /usr/local/lib/bats)
  if(NOT BATS_EXECUTABLE OR NOT BATS_LIBRARY_DIR
     OR NOT EXISTS "${BATS_LIBRARY_DIR}/bats-support/load.bash"
     OR NOT EXISTS "${BATS_LIBRARY_DIR}/bats-file/load.bash")
    message(FATAL_ERROR
      "the tests need bats with its helper libraries: install the Debian packages "
      "bats bats-assert bats-support bats-file (or configure with -DBUILD_TESTING=OFF)")
  endif()
endif()
