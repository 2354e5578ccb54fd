# ICU compiled from Debian's ICU source (third_party/icu, fetched by scripts/setup.sh) for the
# current toolchain, native or Emscripten alike, with the same trimmed data package linked in.
# Both builds therefore run the same ICU code on the same data: that is what makes native and
# wasm results byte-identical (the system libicu would bring its full data natively only).
#
# Defines: preclear::icu (uc + i18n + data; link this), and PRECLEAR_ICU_DAT (the trimmed .dat).

set(PRECLEAR_ICU_SOURCE_DIR "${PROJECT_SOURCE_DIR}/third_party/icu/source" CACHE PATH
    "ICU 72 source tree (Debian's icu source package, see scripts/setup.sh)")
if(NOT EXISTS "${PRECLEAR_ICU_SOURCE_DIR}/common/unicode/uversion.h")
  message(FATAL_ERROR "ICU source not found at ${PRECLEAR_ICU_SOURCE_DIR}; run scripts/setup.sh")
endif()

file(GLOB _icu_uc_sources CONFIGURE_DEPENDS "${PRECLEAR_ICU_SOURCE_DIR}/common/*.cpp")
file(GLOB _icu_i18n_sources CONFIGURE_DEPENDS "${PRECLEAR_ICU_SOURCE_DIR}/i18n/*.cpp")

# ICU is third-party code: always optimized, never instrumented (sanitizers apply to our code).
set(_icu_flags $<IF:$<BOOL:${EMSCRIPTEN}>,-Os,-O2> -w)
set(_icu_defs
    U_STATIC_IMPLEMENTATION U_CHARSET_IS_UTF8=1 UCONFIG_NO_LEGACY_CONVERSION=1
    U_USING_ICU_NAMESPACE=0 U_ENABLE_DYLOAD=0 U_HAVE_STRTOD_L=0)
# No data files on disk are ever consulted: everything comes from the linked-in package.
set(_icu_private_defs "ICU_DATA_DIR=\"/dev/null/preclear-icu-data-is-linked-in\"" ICU_NO_USER_DATA_OVERRIDE=1)

add_library(preclear_icuuc STATIC ${_icu_uc_sources})
target_include_directories(preclear_icuuc SYSTEM PUBLIC "${PRECLEAR_ICU_SOURCE_DIR}/common")
target_compile_definitions(preclear_icuuc PUBLIC ${_icu_defs} PRIVATE U_COMMON_IMPLEMENTATION ${_icu_private_defs})
target_compile_options(preclear_icuuc PRIVATE ${_icu_flags})
set_target_properties(preclear_icuuc PROPERTIES CXX_STANDARD 17 POSITION_INDEPENDENT_CODE ON)

add_library(preclear_icui18n STATIC ${_icu_i18n_sources})
target_include_directories(preclear_icui18n SYSTEM PUBLIC "${PRECLEAR_ICU_SOURCE_DIR}/i18n")
target_compile_definitions(preclear_icui18n PRIVATE U_I18N_IMPLEMENTATION ${_icu_private_defs})
target_compile_options(preclear_icui18n PRIVATE ${_icu_flags})
target_link_libraries(preclear_icui18n PUBLIC preclear_icuuc)
target_link_libraries(preclear_icuuc PUBLIC preclear_icudata)
set_target_properties(preclear_icui18n PROPERTIES CXX_STANDARD 17 POSITION_INDEPENDENT_CODE ON)
if(NOT EMSCRIPTEN)
  find_package(Threads REQUIRED)
  target_link_libraries(preclear_icuuc PUBLIC Threads::Threads ${CMAKE_DL_LIBS})
endif()

# --- trimmed data: host tools (Debian's icu-devtools + res_subset built against libicu-dev) ---
find_program(PRECLEAR_HOST_CXX NAMES g++ c++ REQUIRED)
find_program(PRECLEAR_ICUPKG icupkg PATHS /usr/sbin /usr/bin REQUIRED)
find_program(PRECLEAR_GENRB genrb PATHS /usr/bin /usr/sbin REQUIRED)
find_program(PRECLEAR_GENCCODE genccode PATHS /usr/sbin /usr/bin REQUIRED)

set(_icu_host "${CMAKE_BINARY_DIR}/icu-data")
set(_full_dat "${PRECLEAR_ICU_SOURCE_DIR}/data/in/icudt72l.dat")
set(PRECLEAR_ICU_DAT "${_icu_host}/icudt72l.dat")
add_custom_command(
  OUTPUT "${_icu_host}/res_subset"
  COMMAND ${CMAKE_COMMAND} -E make_directory "${_icu_host}"
  COMMAND ${PRECLEAR_HOST_CXX} -O1 -std=c++17 -o "${_icu_host}/res_subset"
          "${PROJECT_SOURCE_DIR}/cmake/icu/res_subset.cpp" -licuuc
  DEPENDS "${PROJECT_SOURCE_DIR}/cmake/icu/res_subset.cpp"
  COMMENT "Building host tool res_subset" VERBATIM)
add_custom_command(
  OUTPUT "${PRECLEAR_ICU_DAT}"
  COMMAND env PATH=/usr/sbin:/usr/bin:$ENV{PATH} bash "${PROJECT_SOURCE_DIR}/cmake/icu/make_trimmed_dat.sh"
          "${_full_dat}" "${_icu_host}/res_subset" "${_icu_host}/work" "${PRECLEAR_ICU_DAT}"
  DEPENDS "${PROJECT_SOURCE_DIR}/cmake/icu/make_trimmed_dat.sh" "${_icu_host}/res_subset" "${_full_dat}"
  COMMENT "Trimming ICU data to what core uses" VERBATIM)
# genccode names the symbol after the file (pitfall: -e is ignored for .c output).
add_custom_command(
  OUTPUT "${_icu_host}/icudt72_dat.c"
  COMMAND ${CMAKE_COMMAND} -E copy "${PRECLEAR_ICU_DAT}" "${_icu_host}/icudt72.dat"
  COMMAND ${PRECLEAR_GENCCODE} -q -d "${_icu_host}" "${_icu_host}/icudt72.dat"
  DEPENDS "${PRECLEAR_ICU_DAT}"
  COMMENT "Embedding trimmed ICU data" VERBATIM)
add_library(preclear_icudata STATIC "${_icu_host}/icudt72_dat.c")
set_target_properties(preclear_icudata PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(preclear_icudata PRIVATE "${PRECLEAR_ICU_SOURCE_DIR}/common")
target_compile_definitions(preclear_icudata PRIVATE ${_icu_defs})
add_custom_target(preclear_icu_dat DEPENDS "${PRECLEAR_ICU_DAT}")

add_library(preclear_icu INTERFACE)
target_link_libraries(preclear_icu INTERFACE preclear_icui18n preclear_icuuc preclear_icudata)
add_library(preclear::icu ALIAS preclear_icu)
