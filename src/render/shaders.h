#pragma once
// SPIR-V of the GLSL in shaders/, compiled by glslc at build time and embedded in the binary.
#include <cstdint>
#include <span>

namespace pinpoint::render::shaders {

std::span<const std::uint32_t> surfaceVertex();
std::span<const std::uint32_t> surfaceFragment();
std::span<const std::uint32_t> toolOnSkinFragment();
std::span<const std::uint32_t> bleedingVertex();
std::span<const std::uint32_t> bleedingFragment();
std::span<const std::uint32_t> toolVertex();
std::span<const std::uint32_t> toolFragment();

}  // namespace pinpoint::render::shaders
