# seccomp_embed(<target> <profile.json>
#               [ARCH <arch>] [CAP_ADD <cap>...] [CAP_DROP <cap>...] [KERNEL <X.Y>]
#               [MODE enforce|trap-log|learn] [INSTALL startup|manual] [NAME <symbol>]
#               [STRICT] [OUT_VAR <var>] [GENERATOR_ARGS <arg>...])
#
# Compiles the profile into a C table at build time (seccomp-embed compile),
# adds it to <target>, links the runtime and, unless INSTALL manual, installs
# the filter before main().  Editing the profile, or rebuilding the
# generator, regenerates the table and relinks the target.  The generator's
# summary and warnings are part of the build's output.
#
#   ARCH     target arch of the filter; default: the toolchain's processor
#            (CMAKE_SYSTEM_PROCESSOR, so cross builds get the right table)
#   INSTALL  startup (default): the filter is installed before main(), and
#            the program aborts rather than run without it; several startup
#            filters on one target are layered in call order.  manual: the
#            program calls seccomp_embed_install(&NAME, 0) when it is ready
#   MODE     enforce (default); trap-log: every denial reported, with the
#            outcome enforce gives it; learn: every denial reported, then
#            ALLOWED -- for writing a profile, never for a build that ships
#            (configuring says so in a warning)
#   NAME     the C symbol; default seccomp_embed_<target>.  A header NAME.h
#            declaring it is generated too, on the target's include path
#   STRICT   every warning of the generator fails the build
#   OUT_VAR  receives the path of the generated C file
#
# The target's sources get SECCOMP_EMBED_HAVE_<NAME>=1, so code that also
# builds without the filter can `#ifdef` its seccomp_embed_install() call.
# Works whichever target_link_libraries() signature the project uses for
# the target, and from any directory of the project.  Docker's default
# profile is ${SeccompEmbed_PROFILES_DIR}/docker-default.json (set by
# find_package(SeccompEmbed) and by add_subdirectory()).
#
# The generator is a host tool: SECCOMP_EMBED_GENERATOR (cache) if set, else
# the imported target SeccompEmbed::seccomp-embed, else the in-tree target
# seccomp-embed (not usable when cross-compiling: set the cache variable).

set(SECCOMP_EMBED_GENERATOR "" CACHE FILEPATH
    "seccomp-embed generator to run at build time (a host program)")

# A generator named by path is run once at configure time, so that one built
# for the wrong machine fails here with its name rather than mid-build.
function(_seccomp_embed_check_runs generator)
  if(_SECCOMP_EMBED_CHECKED_GENERATOR STREQUAL generator)
    return()
  endif()
  execute_process(COMMAND "${generator}" --version
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "seccomp_embed(): SECCOMP_EMBED_GENERATOR=${generator} does not run "
      "on this host (${rc} ${err}); build seccomp-embed for the host and name that one")
  endif()
  set(_SECCOMP_EMBED_CHECKED_GENERATOR "${generator}" CACHE INTERNAL "")
endfunction()

function(_seccomp_embed_generator out_var)
  if(SECCOMP_EMBED_GENERATOR)
    _seccomp_embed_check_runs("${SECCOMP_EMBED_GENERATOR}")
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

# The generator's --arch for the toolchain's processor: CMake reports what
# the toolchain file or uname says, which is not always a name Docker uses.
function(_seccomp_embed_default_arch out_var)
  string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" processor)
  if(processor MATCHES "^armv[0-9]" OR processor STREQUAL "armhf" OR processor STREQUAL "armel")
    set(processor arm)
  elseif(processor MATCHES "^i[3-6]86$")
    set(processor x86)
  elseif(processor MATCHES "^(powerpc64le|ppc64el)$")
    set(processor ppc64le)
  elseif(processor MATCHES "^powerpc(64)?$")
    string(REPLACE "powerpc" "ppc" processor "${processor}")
  elseif(processor STREQUAL "")
    message(FATAL_ERROR "seccomp_embed(): CMAKE_SYSTEM_PROCESSOR is empty; pass ARCH")
  endif()
  set(${out_var} "${processor}" PARENT_SCOPE)
endfunction()

# Startup filters of one target get increasing --install-order values, so
# their constructors run, and the filters layer, in the order of the calls.
function(_seccomp_embed_next_install_order target out_var)
  get_target_property(count ${target} SECCOMP_EMBED_STARTUP_COUNT)
  if(NOT count)
    set(count 0)
  endif()
  math(EXPR next "${count} + 1")
  set_target_properties(${target} PROPERTIES SECCOMP_EMBED_STARTUP_COUNT ${next})
  set(${out_var} ${count} PARENT_SCOPE)
endfunction()

# Two calls with one NAME would define one symbol twice: say so now, not at link time.
function(_seccomp_embed_claim_name target name)
  get_target_property(names ${target} SECCOMP_EMBED_NAMES)
  if(names AND name IN_LIST names)
    message(FATAL_ERROR "seccomp_embed(${target}): NAME ${name} is already used on this target; "
      "give each filter its own NAME")
  endif()
  set_property(TARGET ${target} APPEND PROPERTY SECCOMP_EMBED_NAMES ${name})
endfunction()

# A keyword's value must be one of `choices`: a typo here would otherwise
# reach the generator only at build time, or (INSTALL) change what runs.
function(_seccomp_embed_check_choice target keyword value choices)
  if(NOT value IN_LIST choices)
    string(REPLACE ";" ", " expected "${choices}")
    message(FATAL_ERROR "seccomp_embed(${target}): ${keyword} ${value}: expected one of ${expected}")
  endif()
endfunction()

# The generated files become sources of `target`.  Called from the
# directory that defines it, plainly; from another one, the files are made
# there by a custom target the target depends on, and marked as generated
# in the target's directory, where CMake looks for its sources.
function(_seccomp_embed_attach target out header name)
  get_target_property(target_dir ${target} SOURCE_DIR)
  if(NOT target_dir STREQUAL CMAKE_CURRENT_SOURCE_DIR)
    add_custom_target(seccomp_embed_generate_${name} DEPENDS "${out}" "${header}")
    add_dependencies(${target} seccomp_embed_generate_${name})
    set_source_files_properties("${out}" "${header}" TARGET_DIRECTORY ${target}
      PROPERTIES GENERATED TRUE)
  endif()
  target_sources(${target} PRIVATE "${out}" "${header}")
endfunction()

# Links the runtime whichever target_link_libraries() signature the host
# project uses for `target` (CMake refuses to mix the plain and the keyword
# forms on one target): the property is what both forms write.  A static
# library passes it on to what links it, as PRIVATE would.
function(_seccomp_embed_link target runtime)
  set_property(TARGET ${target} APPEND PROPERTY LINK_LIBRARIES ${runtime})
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "STATIC_LIBRARY")
    set_property(TARGET ${target} APPEND PROPERTY INTERFACE_LINK_LIBRARIES
      "$<LINK_ONLY:${runtime}>")
  endif()
endfunction()

function(seccomp_embed target profile)
  cmake_parse_arguments(PARSE_ARGV 2 ARG "STRICT"
    "ARCH;KERNEL;MODE;INSTALL;NAME;OUT_VAR" "CAP_ADD;CAP_DROP;GENERATOR_ARGS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "seccomp_embed(${target}): unknown argument(s): ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  foreach(keyword IN LISTS ARG_KEYWORDS_MISSING_VALUES)
    message(FATAL_ERROR "seccomp_embed(${target}): ${keyword} needs a value")
  endforeach()
  if(NOT DEFINED ARG_INSTALL)
    set(ARG_INSTALL startup) # sandboxed before main() unless the author opts out
  endif()
  _seccomp_embed_check_choice(${target} INSTALL "${ARG_INSTALL}" "startup;manual")
  if(DEFINED ARG_MODE)
    _seccomp_embed_check_choice(${target} MODE "${ARG_MODE}" "enforce;trap-log;learn")
  endif()
  if(ARG_MODE STREQUAL "learn")
    message(WARNING "seccomp_embed(${target}): MODE learn: ${target} will ALLOW every call its "
      "profile denies, after reporting it. For writing the profile only: never ship this build.")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "seccomp_embed(): ${target} is not a target")
  endif()
  get_filename_component(profile "${profile}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${profile}")
    message(FATAL_ERROR "seccomp_embed(${target}): profile ${profile} does not exist")
  endif()
  if(NOT ARG_ARCH)
    _seccomp_embed_default_arch(ARG_ARCH)
  endif()
  if(NOT ARG_NAME)
    string(MAKE_C_IDENTIFIER "seccomp_embed_${target}" ARG_NAME)
  endif()
  _seccomp_embed_claim_name(${target} ${ARG_NAME})
  set(args compile "${profile}" --arch "${ARG_ARCH}" --name "${ARG_NAME}")
  if(ARG_STRICT)
    list(APPEND args --strict)
  endif()
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
  if(ARG_INSTALL STREQUAL "startup")
    _seccomp_embed_next_install_order(${target} order)
    list(APPEND args --install-order ${order})
  endif()
  _seccomp_embed_generator(generator)
  _seccomp_embed_runtime(runtime)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/seccomp_embed/${target}")
  set(out "${out_dir}/${ARG_NAME}.c")
  set(header "${out_dir}/${ARG_NAME}.h")
  file(MAKE_DIRECTORY "${out_dir}")
  add_custom_command(OUTPUT "${out}" "${header}"
    COMMAND "${generator}" ${args} ${ARG_GENERATOR_ARGS} -o "${out}"
    COMMAND "${generator}" ${args} ${ARG_GENERATOR_ARGS} --format h -q -o "${header}"
    DEPENDS "${profile}" "${generator}"
    COMMENT "seccomp-embed: ${ARG_NAME} for ${target} from ${profile}"
    VERBATIM)
  _seccomp_embed_attach(${target} "${out}" "${header}" ${ARG_NAME})
  target_include_directories(${target} PRIVATE "${out_dir}")
  _seccomp_embed_link(${target} ${runtime})
  # so the program can #ifdef its own seccomp_embed_install(&NAME, 0) call
  target_compile_definitions(${target} PRIVATE SECCOMP_EMBED_HAVE_${ARG_NAME}=1)
  if(ARG_OUT_VAR)
    set(${ARG_OUT_VAR} "${out}" PARENT_SCOPE)
  endif()
endfunction()
