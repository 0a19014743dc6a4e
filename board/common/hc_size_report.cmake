# board/common/hc_size_report.cmake — post-build step of hc_add_firmware(): runs `size` on an ELF,
# prints the result and writes it next to the ELF.
# Usage: cmake -DHC_SIZE=<size program> -DELF=<file.elf> -DOUT=<file.size.txt> -P hc_size_report.cmake
execute_process(COMMAND "${HC_SIZE}" -A -d "${ELF}" OUTPUT_VARIABLE sections RESULT_VARIABLE rc)
execute_process(COMMAND "${HC_SIZE}" -B -d "${ELF}" OUTPUT_VARIABLE totals RESULT_VARIABLE rc2)
if(NOT rc EQUAL 0 OR NOT rc2 EQUAL 0)
  message(FATAL_ERROR "${HC_SIZE} failed on ${ELF}")
endif()
file(WRITE "${OUT}" "${totals}\n${sections}")
message("${totals}")
