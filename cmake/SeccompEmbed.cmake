# seccomp_embed(<target> <profile.json>
#               [ARCH <arch>] [CAP_ADD <cap>...] [CAP_DROP <cap>...] [KERNEL <X.Y>]
#               [MODE enforce|trap-log] [INSTALL startup|manual] [NAME <symbol>]
#               [OUT_VAR <var>] [GENERATOR_ARGS <arg>...])
#
# Compiles the profile into a C table at build time (seccomp-embed compile),
# adds it to <target> and links the runtime.  Editing the profile, or
# rebuilding the generator, regenerates the table and relinks the target.
#
#   ARCH     target arch of the filter; default: the toolchain's processor
#            (CMAKE_SYSTEM_PROCESSOR, so cross builds get the right table)
#   INSTALL  startup: the filter is installed before main(); manual
#            (default): the program calls seccomp_embed_install(&NAME, 0)
#   NAME     the C symbol; default seccomp_embed_<target>
#   OUT_VAR  receives the path of the generated C file
#
# The generator is a host tool: SECCOMP_EMBED_GENERATOR (cache) if set, else
# the imported target SeccompEmbed::seccomp-embed, else the in-tree target
# seccomp-embed (not usable when cross-compiling: set the cache variable).

set(SECCOMP_EMBED_GENERATOR "" CACHE FILEPATH
    "seccomp-embed generator to run at build time (a host program)")

function(_seccomp_embed_generator out_var)
  if(SECCOMP_EMBED_GENERATOR)
    set(${out_var} "${SECCOMP_EMBED_GENERATOR}" PARENT_SCOPE)
  elseif(TARGET SeccompEmbed::seccomp-embed)
    set(${out_var} SeccompEmbed::seccomp-embed PARENT_SCOPE)
  elseif(TARGET seccomp-embed AND NOT CMAKE_CROSSCOMPILING)
    set(${out_var} seccomp-embed PARENT_SCOPE)
  else()
    message(FATAL_ERROR "seccomp_embed(): no seccomp-embed generator that runs on this host; "
      "set SECCOMP_EMBED_GENERATOR to its path (when cross-compiling, build it for the host)")
  endif()
endfunction()

function(_seccomp_embed_runtime out_var)
  if(TARGET SeccompEmbed::runtime)
    set(${out_var} SeccompEmbed::runtime PARENT_SCOPE)
  elseif(TARGET seccomp_embed_runtime)
    set(${out_var} seccomp_embed_runtime PARENT_SCOPE)
  else()
    message(FATAL_ERROR "seccomp_embed(): the seccomp-embed runtime library is not available")
  endif()
endfunction()

function(seccomp_embed target profile)
  cmake_parse_arguments(PARSE_ARGV 2 ARG ""
    "ARCH;KERNEL;MODE;INSTALL;NAME;OUT_VAR" "CAP_ADD;CAP_DROP;GENERATOR_ARGS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "seccomp_embed(${target}): unknown argument(s): ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "seccomp_embed(): ${target} is not a target")
  endif()
  get_filename_component(profile "${profile}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${profile}")
    message(FATAL_ERROR "seccomp_embed(${target}): profile ${profile} does not exist")
  endif()
  if(NOT ARG_ARCH)
    string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" ARG_ARCH)
  endif()
  if(NOT ARG_NAME)
    string(MAKE_C_IDENTIFIER "seccomp_embed_${target}" ARG_NAME)
  endif()
  set(args compile "${profile}" --arch "${ARG_ARCH}" --name "${ARG_NAME}" -q)
  foreach(cap IN LISTS ARG_CAP_ADD)
    list(APPEND args --cap-add "${cap}")
  endforeach()
  foreach(cap IN LISTS ARG_CAP_DROP)
    list(APPEND args --cap-drop "${cap}")
  endforeach()
  foreach(option KERNEL MODE INSTALL)
    if(ARG_${option})
      string(TOLOWER "--${option}" flag)
      list(APPEND args "${flag}" "${ARG_${option}}")
    endif()
  endforeach()
  _seccomp_embed_generator(generator)
  _seccomp_embed_runtime(runtime)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/seccomp_embed/${target}")
  set(out "${out_dir}/${ARG_NAME}.c")
  file(MAKE_DIRECTORY "${out_dir}")
  add_custom_command(OUTPUT "${out}"
    COMMAND "${generator}" ${args} ${ARG_GENERATOR_ARGS} -o "${out}"
    DEPENDS "${profile}" "${generator}"
    COMMENT "seccomp-embed: ${ARG_NAME} for ${target} from ${profile}"
    VERBATIM)
  target_sources(${target} PRIVATE "${out}")
  target_link_libraries(${target} PRIVATE ${runtime})
  if(ARG_OUT_VAR)
    set(${ARG_OUT_VAR} "${out}" PARENT_SCOPE)
  endif()
endfunction()
