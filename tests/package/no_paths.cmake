# tests/package/no_paths.cmake — CMAKE_PROJECT_INCLUDE of the nested firmware builds (hc_package_test.cmake):
# after each project() call, file names in the images are made relative to hc's checkout, the nested
# project's source folder and its build folder (last, so it wins when it lies inside the checkout), as
# hc's own top-level CMakeLists.txt does. The images land under hc's build folder, where
# target.images_hold_no_source_path (tests/target) checks that none holds an absolute checkout or build
# path, whatever the build type. The consumer projects themselves stay free of this hc-internal policy.
foreach(_hc_dir IN ITEMS "${HC_SOURCE_DIR}" "${CMAKE_SOURCE_DIR}" "${CMAKE_BINARY_DIR}")
  if(NOT _hc_dir STREQUAL "")
    foreach(_hc_map IN ITEMS "${_hc_dir}=." "${_hc_dir}/=")
      add_compile_options("-ffile-prefix-map=${_hc_map}" "$<$<COMPILE_LANGUAGE:ASM>:-fdebug-prefix-map=${_hc_map}>")
    endforeach()
  endif()
endforeach()
unset(_hc_dir)
unset(_hc_map)
