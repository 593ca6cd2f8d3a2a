# Cross-compiles for 64-bit Arm with Debian's gcc-aarch64-linux-gnu:
#   cmake -DCMAKE_TOOLCHAIN_FILE=<this file> -DSECCOMP_EMBED_GENERATOR=<host seccomp-embed> ...
# seccomp_embed() then embeds aarch64 tables (ARCH follows CMAKE_SYSTEM_PROCESSOR).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
