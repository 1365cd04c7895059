// Which Vulkan device draws the window: among those that can present to it, the one asked for by
// name, else the best ranked, with lavapipe as the fallback.
#include "render/context.h"

#include <doctest/doctest.h>

using namespace pinpoint;
using Type = vk::PhysicalDeviceType;

namespace {

const render::DeviceCandidate kLavapipe{"llvmpipe (LLVM 15.0.6, 256 bits)", Type::eCpu, true};
const render::DeviceCandidate kDiscrete{"NVIDIA GeForce RTX 3060", Type::eDiscreteGpu, true};
const render::DeviceCandidate kIntegrated{"Intel(R) UHD Graphics 620", Type::eIntegratedGpu, true};

render::DeviceCandidate cannotPresent(render::DeviceCandidate d) {
    d.canPresent = false;
    return d;
}

}  // namespace

TEST_CASE("the discrete GPU is preferred when it can present") {
    const auto choice = render::chooseDevice({kLavapipe, kIntegrated, kDiscrete}, "");
    REQUIRE(choice.ok());
    CHECK(choice->index == 2);
    CHECK(choice->note.empty());
}

TEST_CASE("--gpu takes the device whose name contains it, in any case") {
    const auto choice = render::chooseDevice({kDiscrete, kIntegrated, kLavapipe}, "intel");
    REQUIRE(choice.ok());
    CHECK(choice->index == 1);
    const auto cpu = render::chooseDevice({kDiscrete, kLavapipe}, "LLVMPIPE");
    REQUIRE(cpu.ok());
    CHECK(cpu->index == 1);
}

TEST_CASE("a GPU that cannot present to the window falls back to one that can (lavapipe), with a note") {
    const auto unasked = render::chooseDevice({cannotPresent(kDiscrete), kLavapipe}, "");
    REQUIRE(unasked.ok());
    CHECK(unasked->index == 1);
    const auto asked = render::chooseDevice({cannotPresent(kDiscrete), kLavapipe}, "nvidia");
    REQUIRE(asked.ok());
    CHECK(asked->index == 1);
    CHECK(asked->note.find("NVIDIA GeForce RTX 3060 cannot draw into this window") != std::string::npos);
    CHECK(asked->note.find("llvmpipe") != std::string::npos);
}

TEST_CASE("--gpu naming no device, or no device able to present, is an error listing the devices") {
    const auto none = render::chooseDevice({kDiscrete, kLavapipe}, "radeon");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message == "no Vulkan device is named like 'radeon'");
    CHECK(none.error().hint.find("NVIDIA GeForce RTX 3060 (discrete GPU)") != std::string::npos);
    CHECK(none.error().hint.find("llvmpipe (LLVM 15.0.6, 256 bits) (CPU)") != std::string::npos);
    const auto blind = render::chooseDevice({cannotPresent(kDiscrete), cannotPresent(kLavapipe)}, "");
    REQUIRE_FALSE(blind.ok());
    CHECK(blind.error().hint.find("cannot present to the window") != std::string::npos);
}
