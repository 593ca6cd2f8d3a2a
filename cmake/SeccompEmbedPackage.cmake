# Installs what find_package(SeccompEmbed CONFIG) gives a project: the
# generator (SeccompEmbed::seccomp-embed), the runtime library
# (SeccompEmbed::runtime), its header, and the seccomp_embed() function.

include(CMakePackageConfigHelpers)
set(SECCOMP_EMBED_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/SeccompEmbed")

install(EXPORT SeccompEmbedTargets NAMESPACE SeccompEmbed:: DESTINATION "${SECCOMP_EMBED_CMAKE_DIR}")
configure_package_config_file(cmake/SeccompEmbedConfig.cmake.in
  "${PROJECT_BINARY_DIR}/SeccompEmbedConfig.cmake"
  INSTALL_DESTINATION "${SECCOMP_EMBED_CMAKE_DIR}")
# 0.x: a minor release may change the table layout (SECCOMP_EMBED_ABI_VERSION).
write_basic_package_version_file("${PROJECT_BINARY_DIR}/SeccompEmbedConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/SeccompEmbedConfig.cmake"
  "${PROJECT_BINARY_DIR}/SeccompEmbedConfigVersion.cmake"
  cmake/SeccompEmbed.cmake
  DESTINATION "${SECCOMP_EMBED_CMAKE_DIR}")
