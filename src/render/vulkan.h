#pragma once
// The one place that includes Vulkan-Hpp. Failures inside the render layer are vk::SystemError
// (or render::RenderError); the public entry points turn them into core::Error results.
#include <vulkan/vulkan_raii.hpp>

#include <stdexcept>
#include <string>

namespace pinpoint::render {

struct RenderError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace pinpoint::render
