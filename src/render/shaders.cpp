#include "render/shaders.h"

namespace pinpoint::render::shaders {

namespace {
// Each .inc is glslc's `-mfmt=c` output: a braced list of 32-bit words.
constexpr std::uint32_t kSurfaceVertex[] =
#include "shaders/surface.vert.inc"
    ;
constexpr std::uint32_t kSurfaceFragment[] =
#include "shaders/surface.frag.inc"
    ;
constexpr std::uint32_t kToolOnSkinFragment[] =
#include "shaders/tool_on_skin.frag.inc"
    ;
constexpr std::uint32_t kBleedingVertex[] =
#include "shaders/bleeding.vert.inc"
    ;
constexpr std::uint32_t kBleedingFragment[] =
#include "shaders/bleeding.frag.inc"
    ;
constexpr std::uint32_t kToolVertex[] =
#include "shaders/tool.vert.inc"
    ;
constexpr std::uint32_t kToolFragment[] =
#include "shaders/tool.frag.inc"
    ;
}  // namespace

std::span<const std::uint32_t> surfaceVertex() { return kSurfaceVertex; }
std::span<const std::uint32_t> surfaceFragment() { return kSurfaceFragment; }
std::span<const std::uint32_t> toolOnSkinFragment() { return kToolOnSkinFragment; }

std::span<const std::uint32_t> bleedingVertex() { return kBleedingVertex; }
std::span<const std::uint32_t> bleedingFragment() { return kBleedingFragment; }

std::span<const std::uint32_t> toolVertex() { return kToolVertex; }
std::span<const std::uint32_t> toolFragment() { return kToolFragment; }

}  // namespace pinpoint::render::shaders
