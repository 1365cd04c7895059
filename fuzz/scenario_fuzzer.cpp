// libFuzzer target: the scenario reader (core::parseScenario) against the shipped rubric and
// condition catalogue; inputs of odd length are also checked against a stand-in skin (a sphere the
// size of a head), so the lesion-on-the-skin check runs too. The reader must return a
// ScenarioReadResult for any bytes: no crash, hang, leak or exception.
#include "fuzz_support.h"

#include "core/geometry/bvh.h"
#include "core/geometry/mesh.h"
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <optional>
#include <string>

namespace {

std::optional<pinpoint::core::Rubric> rubric;
std::optional<pinpoint::core::ConditionCatalogue> conditions;
std::optional<pinpoint::core::Bvh> skin;

// A UV sphere of radius 90 mm about the origin.
pinpoint::core::SurfaceMesh sphere() {
    pinpoint::core::SurfaceMesh mesh;
    constexpr int kRings = 16, kSegments = 32;
    constexpr float kRadius = 90.0f;
    for (int i = 0; i <= kRings; ++i) {
        const float theta = std::numbers::pi_v<float> * static_cast<float>(i) / kRings;
        for (int j = 0; j < kSegments; ++j) {
            const float phi = 2.0f * std::numbers::pi_v<float> * static_cast<float>(j) / kSegments;
            const glm::vec3 n{std::sin(theta) * std::cos(phi), std::cos(theta), std::sin(theta) * std::sin(phi)};
            mesh.positions.push_back(kRadius * n);
            mesh.normals.push_back(n);
        }
    }
    for (std::uint32_t i = 0; i < kRings; ++i)
        for (std::uint32_t j = 0; j < kSegments; ++j) {
            const std::uint32_t a = i * kSegments + j, b = i * kSegments + (j + 1) % kSegments;
            const std::uint32_t c = a + kSegments, d = b + kSegments;
            mesh.triangles.push_back({a, c, b});
            mesh.triangles.push_back({b, c, d});
        }
    return mesh;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    using namespace pinpoint;
    rubric = fuzz::loadAsset("rubric.toml", core::parseRubric);
    conditions = fuzz::loadAsset("conditions.toml", core::parseConditionCatalogue);
    skin.emplace(sphere());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace pinpoint::core;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const ScenarioReadResult result = parseScenario(text, "fuzz.toml", *rubric, *conditions, size % 2 ? &*skin : nullptr);
    for (const Error& e : result.errors) (void)e.describe();
    return 0;
}
