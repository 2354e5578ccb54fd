# preclear_gzip_size(<file> <out var>): bytes of `gzip -9 -n` of a file (the size a browser
# downloads). Shared by sizes.cmake and fingerprints.cmake.
find_program(GZIP gzip REQUIRED)
function(preclear_gzip_size file out)
  execute_process(COMMAND sh -c "${GZIP} -9 -n -c '${file}' | wc -c" OUTPUT_VARIABLE _gz OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(${out} "${_gz}" PARENT_SCOPE)
endfunction()
