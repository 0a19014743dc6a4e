# hc_strict_warnings(<target>): the warning set hc's own code must pass (PRIVATE to the target).
function(hc_strict_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wconversion -Wsign-conversion -Wshadow
    $<$<BOOL:${HC_WARNINGS_AS_ERRORS}>:-Werror>)
endfunction()
