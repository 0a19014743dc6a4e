// tests/headers/proof/hc/not_self_contained.hpp — deliberately uses std::size_t without including
// <cstddef>: cmake/hc_check_headers.cmake must reject it (test host.proof.header_check_catches_a_missing_include).
#pragma once

namespace hc_proof {
inline std::size_t nothing() { return 0; }
}  // namespace hc_proof
