#pragma once
// Inside the BVH (not a public header): the limits its builder (bvh.cpp) and its queries
// (bvh_queries.cpp) share.
#include <cstdint>
#include <limits>

namespace pinpoint::core::bvh_detail {

// Below this depth the builder uses SAH; past it, it falls back to object-median splits, which
// halve the range each time. So the tree depth stays under kMedianDepth + 32 whatever the input,
// and a traversal stack of kStackSize entries can never overflow.
inline constexpr int kMedianDepth = 48;
inline constexpr int kStackSize = 96;
inline constexpr float kInf = std::numeric_limits<float>::infinity();
inline constexpr std::uint32_t kNoTriangle = std::numeric_limits<std::uint32_t>::max();

}  // namespace pinpoint::core::bvh_detail
