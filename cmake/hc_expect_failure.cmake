# cmake -DCOMMAND=<exe> -DARGS=<list> -DMATCH=<regex> -P hc_expect_failure.cmake
# Passes only if COMMAND exits nonzero AND its output matches MATCH: a run that must fail, for a reason.
execute_process(COMMAND ${COMMAND} ${ARGS} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc
                TIMEOUT 120)
message("${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "expected a failing run, but '${COMMAND}' exited 0")
endif()
if(NOT "${out}${err}" MATCHES "${MATCH}")
  message(FATAL_ERROR "the run failed (${rc}) but its output does not match '${MATCH}'")
endif()
message("failed as required (exit ${rc}), output matches '${MATCH}'")
