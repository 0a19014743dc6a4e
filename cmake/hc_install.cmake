# cmake/hc_install.cmake — install rules and the CMake package for find_package(hc).
#
# `cmake --install <build> --prefix <prefix>` installs
#   <prefix>/include/hc/*             every public header (include/hc as it is: C++ and C headers)
#   <prefix>/lib/libhc.a              the library, compiled for this build's platform and CPU flags
#   <prefix>/lib/hc/...               the objects of OBJECT libraries of src/ (firmware builds)
#   <prefix>/lib/cmake/hc/            hcConfig.cmake, hcConfigVersion.cmake, hcTargets*.cmake
# and a consumer writes `find_package(hc 0.1 REQUIRED)` + `target_link_libraries(app PRIVATE hc::hc)`.
# hc::hc carries the include folder, cxx_std_17 and the public definition HC_WITH_MALLOC=0|1.
#
# Only the library is a package. The board support (board/: startup, linker scripts, semihosting, QEMU
# tests) and the toolchain files are hc's own test rig: a consumer brings its own, or uses them from a
# checkout of hc (tests/package/consumer shows how). A package built for a Cortex-M core holds code for
# that core's flags; its config refuses a consumer for another system or processor (the version file
# already refuses another pointer size) and warns if the consumer's -mcpu differs.
#
# Install rules are generated when hc is the top-level project, or with -DHC_INSTALL=ON when it is
# added with add_subdirectory() or FetchContent (most firmware projects do not install their parts).
option(HC_INSTALL "Generate hc's install rules (hc::hc and its CMake package)" ${PROJECT_IS_TOP_LEVEL})
if(NOT HC_INSTALL)
  return()
endif()

include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(HC_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/hc" CACHE STRING
    "Where hc's CMake package files go, relative to the install prefix")
mark_as_advanced(HC_INSTALL_CMAKEDIR)

# Every library target src/CMakeLists.txt defines is part of the package, as hc::<name without hc_>:
# hc::hc, and the opt-in parts next to it (e.g. an OBJECT library, installed as its object files).
get_property(_hc_targets DIRECTORY "${PROJECT_SOURCE_DIR}/src" PROPERTY BUILDSYSTEM_TARGETS)
set(_hc_exported "")
foreach(_hc_target IN LISTS _hc_targets)
  get_target_property(_hc_type ${_hc_target} TYPE)
  if(_hc_type MATCHES "^(STATIC|OBJECT|INTERFACE)_LIBRARY$")
    string(REGEX REPLACE "^hc_" "" _hc_name "${_hc_target}")
    set_target_properties(${_hc_target} PROPERTIES EXPORT_NAME "${_hc_name}")
    list(APPEND _hc_exported ${_hc_target})
  endif()
endforeach()
install(TARGETS ${_hc_exported} EXPORT hcTargets
        ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
        OBJECTS DESTINATION "${CMAKE_INSTALL_LIBDIR}/hc")
unset(_hc_targets)
unset(_hc_exported)
unset(_hc_target)
unset(_hc_type)
unset(_hc_name)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/hc" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(EXPORT hcTargets NAMESPACE hc:: DESTINATION "${HC_INSTALL_CMAKEDIR}")

# What the config checks and reports (see cmake/hcConfig.cmake.in): the platform and CPU flags the
# library was compiled with.
set(HC_PACKAGE_SYSTEM_NAME "${CMAKE_SYSTEM_NAME}")
set(HC_PACKAGE_SYSTEM_PROCESSOR "${CMAKE_SYSTEM_PROCESSOR}")
string(STRIP "${CMAKE_CXX_FLAGS}" HC_PACKAGE_CXX_FLAGS)
if(HC_WITH_MALLOC)
  set(HC_PACKAGE_WITH_MALLOC 1)
else()
  set(HC_PACKAGE_WITH_MALLOC 0)
endif()
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/hcConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/hcConfig.cmake"
                              INSTALL_DESTINATION "${HC_INSTALL_CMAKEDIR}")
# 0.x: a minor version may break the API, so 0.1 accepts 0.1.y only.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/hcConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/hcConfig.cmake" "${PROJECT_BINARY_DIR}/hcConfigVersion.cmake"
        DESTINATION "${HC_INSTALL_CMAKEDIR}")
