#pragma once
// Shared by the render tests: a Vulkan context with the validation layer on that records every
// warning and error, the head loaded once per process, and golden-image comparison.
#include "core/face/head.h"
#include "render/context.h"
#include "render/offscreen_renderer.h"

#include <memory>
#include <string>
#include <vector>

namespace pinpoint::testing {

// The validation messages of one test. Check `messages` after everything Vulkan is destroyed (leaks
// are reported when the device goes away).
struct ValidationLog {
    std::vector<render::ValidationMessage> messages;
    std::string describe() const;
};

// A context with VK_LAYER_KHRONOS_validation on, reporting into `log` (which must outlive it).
// `options` brings the extensions (a window's); validation and the log are set here.
std::unique_ptr<render::Context> validatedContext(ValidationLog& log, render::ContextOptions options = {});

// The head the application renders, loaded once (through the test cache).
const core::Head& testHead();

struct ImageDifference {
    double meanAbsolute = 0.0;   // mean over all RGB channels, in levels (0..255)
    double differingShare = 0.0; // share of pixels with a channel more than `threshold` levels off
    bool sameSize = false;
};
ImageDifference compareImages(const render::Picture& actual, std::uint32_t width, std::uint32_t height,
                              const std::vector<std::uint8_t>& expected, int threshold);

// Compares `picture` with tests/golden/NAME.png (tolerances in render_support.cpp). With
// PINPOINT_UPDATE_GOLDENS=1 in the environment it writes the golden instead and passes. On a
// mismatch it writes NAME.actual.png and NAME.diff.png under the build's render-test output folder
// and returns a message; an empty string means it matches.
std::string checkGolden(const std::string& name, const render::Picture& picture);

// Share of pixels that differ from the background colour of the first pixel.
double coverage(const render::Picture& picture);

}  // namespace pinpoint::testing
