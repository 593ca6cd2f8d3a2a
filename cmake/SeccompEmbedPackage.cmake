# Installs what find_package(SeccompEmbed CONFIG) gives a project: the
# generator (SeccompEmbed::seccomp-embed), the runtime library
# (SeccompEmbed::runtime), its header, the seccomp_embed() function and the
# profiles (SeccompEmbed_PROFILES_DIR); seccomp-embed.pc, the runtime for
# pkg-config (Meson, Makefiles); the man pages seccomp-embed(1) and
# seccomp_embed_install(3).  Only with SECCOMP_EMBED_INSTALL.

include(CMakePackageConfigHelpers)
set(SECCOMP_EMBED_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/SeccompEmbed")

# Two components, which `cpack -G DEB` makes two packages of: `generator`
# (seccomp-embed: the command, its man page, the profiles) and `dev`
# (libseccomp-embed-dev: the runtime, its header and man page, the CMake
# package and seccomp-embed.pc).  Each has its own export file, and the
# package config takes the generator's only where it is installed.
install(EXPORT SeccompEmbedRuntime NAMESPACE SeccompEmbed:: FILE SeccompEmbedRuntimeTargets.cmake
  DESTINATION "${SECCOMP_EMBED_CMAKE_DIR}" COMPONENT dev)
if(TARGET seccomp-embed)
  install(EXPORT SeccompEmbedGenerator NAMESPACE SeccompEmbed::
    FILE SeccompEmbedGeneratorTargets.cmake DESTINATION "${SECCOMP_EMBED_CMAKE_DIR}"
    COMPONENT generator)
endif()
set(SECCOMP_EMBED_PROFILES_INSTALL_DIR "${CMAKE_INSTALL_DATADIR}/seccomp-embed/profiles")
install(DIRECTORY profiles/ DESTINATION "${SECCOMP_EMBED_PROFILES_INSTALL_DIR}"
  COMPONENT generator FILES_MATCHING PATTERN "*.json" PATTERN "README.md")
configure_package_config_file(cmake/SeccompEmbedConfig.cmake.in
  "${PROJECT_BINARY_DIR}/SeccompEmbedConfig.cmake"
  INSTALL_DESTINATION "${SECCOMP_EMBED_CMAKE_DIR}"
  PATH_VARS SECCOMP_EMBED_PROFILES_INSTALL_DIR)
file(RELATIVE_PATH SECCOMP_EMBED_PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" SECCOMP_EMBED_PC_TO_PREFIX "${SECCOMP_EMBED_PC_TO_PREFIX}")
install(FILES man/seccomp-embed.1 DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT generator)
install(FILES man/seccomp_embed_install.3 DESTINATION "${CMAKE_INSTALL_MANDIR}/man3"
  COMPONENT dev)
configure_file(cmake/seccomp-embed.pc.in "${PROJECT_BINARY_DIR}/seccomp-embed.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/seccomp-embed.pc"
  DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig" COMPONENT dev)
# 0.x: a minor release may change the table layout (SECCOMP_EMBED_ABI_VERSION).
write_basic_package_version_file("${PROJECT_BINARY_DIR}/SeccompEmbedConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/SeccompEmbedConfig.cmake"
  "${PROJECT_BINARY_DIR}/SeccompEmbedConfigVersion.cmake"
  cmake/SeccompEmbed.cmake
  DESTINATION "${SECCOMP_EMBED_CMAKE_DIR}" COMPONENT dev)

# cpack -G DEB in the build directory: seccomp-embed_VERSION_ARCH.deb and
# libseccomp-embed-dev_VERSION_ARCH.deb, for /usr.
set(CPACK_PACKAGE_NAME seccomp-embed)
set(CPACK_PACKAGE_VENDOR "seccomp-embed")
set(CPACK_PACKAGE_CONTACT "seccomp-embed developers <seccomp-embed@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL generator dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_GENERATOR_PACKAGE_NAME seccomp-embed)
set(CPACK_DEBIAN_GENERATOR_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_GENERATOR_PACKAGE_SHLIBDEPS ON) # libseccomp2, libcjson1, libc6
set(CPACK_COMPONENT_GENERATOR_DESCRIPTION
  "seccomp-embed: compiles Docker seccomp profiles into C tables at build time\n The generator (seccomp-embed compile, stats, suggest), its man page and\n Docker's default profile with its variants.")
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libseccomp-embed-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_RECOMMENDS seccomp-embed)
set(CPACK_COMPONENT_DEV_DESCRIPTION
  "seccomp-embed runtime: installs a seccomp filter compiled into the program\n The static runtime library and header, seccomp_embed_install(3), the CMake\n package (find_package(SeccompEmbed), seccomp_embed()) and seccomp-embed.pc.")
include(CPack)
