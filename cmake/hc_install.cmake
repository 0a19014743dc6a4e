# Installs hc and exports the namespaced target hc::hc for find_package(hc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS hc EXPORT hcTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/hc DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT hcTargets NAMESPACE hc:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/hc)
file(WRITE ${PROJECT_BINARY_DIR}/hcConfig.cmake "include(\${CMAKE_CURRENT_LIST_DIR}/hcTargets.cmake)\n")
write_basic_package_version_file(${PROJECT_BINARY_DIR}/hcConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/hcConfig.cmake ${PROJECT_BINARY_DIR}/hcConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/hc)
