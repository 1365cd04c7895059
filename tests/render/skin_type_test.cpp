// The patient's skin: Fitzpatrick II and VI before and after the same treatment (golden images), type
// VI much darker than type II, erythema shifting the colour less on VI, and pinpoint bleeding visible
// on both. The treatment is the demo practitioner's session on the forehead and the left cheek at
// scar depths (deep enough to reach the dermis), simulated by the core as the app, review and report do.
#include "render_support.h"

#include "core/coverage/bleeding_points.h"
#include "core/coverage/density_field.h"
#include "core/coverage/vertex_density.h"
#include "core/face/skin_tones.h"
#include "core/scoring/scoring_engine.h"
#include "core/sim/demo_session.h"
#include "render/head_surface.h"
#include "render/skin_look.h"
#include "render/views.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <cmath>

using namespace pinpoint;
using pinpoint::testing::ValidationLog;

namespace {

const std::string kAssets = std::string(PINPOINT_SOURCE_DIR) + "/assets/";

struct Treated {
    std::vector<float> all, dermal;  // per vertex, per cm2
    std::vector<core::BleedingPoint> points;
    float fullScale = 1.0f;
};

const Treated& treatment() {
    static const Treated treated = [] {
        const core::Head& head = testing::testHead();
        auto tools = core::readToolCatalogue(kAssets + "tools.toml");
        REQUIRE_MESSAGE(tools.ok(), tools.error().describe());
        auto rubric = core::readRubric(kAssets + "rubric.toml");
        REQUIRE_MESSAGE(rubric.ok(), rubric.error().describe());
        const core::TreatmentSurface surface(head);
        const core::DensityField field = core::measurementField(head, surface.adjacency, *rubric);
        core::DemoOptions options;
        options.zones = {"forehead", "cheek_left"};
        options.indication = core::Indication::Scars;
        const core::Session session = core::makeDemoSession(surface, *tools, *rubric, options);
        const core::SimulationOutput sim = core::simulateSession(surface, *tools, session);
        core::BleedingPoints bleeding(head.mesh());
        for (const core::Puncture& p : sim.punctures)
            if (tools->reachesDermis(p.depthUm)) bleeding.add(p);
        const std::vector<char> roller = core::rollerAreas(field, sim.punctures);
        const auto dermal = [&](const core::Puncture& p) { return tools->reachesDermis(p.depthUm); };
        Treated t;
        t.all = core::drawnVertexDensity(head.mesh(), core::tallyPunctures(field, sim.punctures), roller);
        t.dermal = core::drawnVertexDensity(head.mesh(), core::tallyPunctures(field, sim.punctures, roller, dermal), roller);
        t.points = bleeding.points();
        t.fullScale = static_cast<float>(core::heatmapScale(nullptr, *rubric, false).fullScale);
        return t;
    }();
    return treated;
}

const core::SkinTones& tones() {
    static const core::SkinTones t = [] {
        auto read = core::readSkinTones(kAssets + "skin_tones.toml");
        REQUIRE_MESSAGE(read.ok(), read.error().describe());
        return *read;
    }();
    return t;
}

struct SkinShot {
    int fitzpatrick = 2;
    bool treated = false;
    bool drops = true;  // with the treatment: the bleeding points too
    render::View view = render::View::ThreeQuarterLeft;
    std::uint32_t width = 480, height = 360;
    bool close = true;  // the face (forehead to chin), else the whole head
};

render::Picture renderSkin(const SkinShot& shot) {
    static const render::HeadSurface surface = render::headSurface(testing::testHead());
    ValidationLog log;
    render::Picture picture;
    {
        auto context = testing::validatedContext(log);
        auto renderer = render::OffscreenRenderer::create(*context, surface, {shot.width, shot.height, 4});
        REQUIRE_MESSAGE(renderer.ok(), renderer.error().describe());
        render::Scene scene;
        scene.camera = render::frameBounds(shot.view, core::meshBounds(testing::testHead().mesh()),
                                           static_cast<float>(shot.width) / static_cast<float>(shot.height));
        if (shot.close) {  // the same direction, nearer: the face fills the picture
            const glm::vec3 toEye = glm::normalize(scene.camera.eye - scene.camera.target);
            glm::vec3 face(0.0f);  // between the forehead and the left cheek
            for (const core::AreaSummary& a : core::summarizeAreas(testing::testHead()))
                if (a.name == "forehead" || a.name == "cheek_left") face += 0.5f * a.centroid;
            face.y -= 12.0f;
            scene.camera.target = face - 40.0f * toEye;  // a little behind the skin: the face's middle
            scene.camera.eye = face + 340.0f * toEye;
            scene.camera.nearMm = 10.0f;
            scene.camera.farMm = 1000.0f;
        }
        scene.skin = render::skinLook(tones(), shot.fitzpatrick);
        if (shot.treated) {
            scene.vertexDensity = treatment().all;
            scene.vertexBleeding = treatment().dermal;
            scene.densityFullScale = treatment().fullScale;
            if (shot.drops) scene.bleedingPoints = treatment().points;
        }
        scene.densityRevision = 1;
        auto result = (*renderer)->render(scene);
        REQUIRE_MESSAGE(result.ok(), result.error().describe());
        picture = std::move(*result);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
    return picture;
}

// Mean colour (0..255) of the pixels that are not background (the first pixel's colour).
glm::dvec3 meanSkin(const render::Picture& p) {
    glm::dvec3 sum(0.0);
    std::size_t n = 0;
    const std::uint8_t* bg = p.rgba.data();
    for (std::size_t i = 0; i + 3 < p.rgba.size(); i += 4) {
        if (p.rgba[i] == bg[0] && p.rgba[i + 1] == bg[1] && p.rgba[i + 2] == bg[2]) continue;
        sum += glm::dvec3(p.rgba[i], p.rgba[i + 1], p.rgba[i + 2]);
        ++n;
    }
    return n ? sum / static_cast<double>(n) : sum;
}

// Mean colour change (0..255 per channel, summed over channels) between two pictures, over the pixels
// where anything changed.
double meanChange(const render::Picture& a, const render::Picture& b, std::size_t* changed = nullptr) {
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t i = 0; i + 3 < a.rgba.size(); i += 4) {
        const int d = std::abs(a.rgba[i] - b.rgba[i]) + std::abs(a.rgba[i + 1] - b.rgba[i + 1]) + std::abs(a.rgba[i + 2] - b.rgba[i + 2]);
        if (d <= 3) continue;
        sum += d;
        ++n;
    }
    if (changed) *changed = n;
    return n ? sum / static_cast<double>(n) : 0.0;
}

}  // namespace

TEST_CASE("the demo treatment used by the skin pictures reaches the dermis and leaves bleeding points") {
    CHECK(treatment().points.size() > 200);
    float peak = 0.0f;
    for (float d : treatment().dermal) peak = std::max(peak, d);
    CHECK(peak > 0.3f * treatment().fullScale);
}

TEST_CASE("golden: Fitzpatrick II and VI, before and after the same treatment") {
    for (int type : {2, 6})
        for (bool treated : {false, true}) {
            const std::string name = "skin_type" + std::to_string(type) + (treated ? "_after" : "_before");
            const std::string problem = testing::checkGolden(name, renderSkin({type, treated}));
            CHECK_MESSAGE(problem.empty(), problem);
        }
}

TEST_CASE("type VI skin is much darker than type II, and erythema shifts its colour less") {
    const glm::dvec3 two = meanSkin(renderSkin({2, false, true, render::View::Front, 320, 240, false}));
    const glm::dvec3 six = meanSkin(renderSkin({6, false, true, render::View::Front, 320, 240, false}));
    MESSAGE("mean face colour: type II " << two.x << "," << two.y << "," << two.z << "; type VI " << six.x << ","
                                          << six.y << "," << six.z);
    const double lumaTwo = 0.2126 * two.x + 0.7152 * two.y + 0.0722 * two.z;
    const double lumaSix = 0.2126 * six.x + 0.7152 * six.y + 0.0722 * six.z;
    CHECK(lumaSix < 0.55 * lumaTwo);

    // The erythema alone (no drops): how much the treated skin's colour moves on each type.
    const double shiftTwo = meanChange(renderSkin({2, false}), renderSkin({2, true, false}));
    const double shiftSix = meanChange(renderSkin({6, false}), renderSkin({6, true, false}));
    MESSAGE("erythema colour change: type II " << shiftTwo << ", type VI " << shiftSix);
    CHECK(shiftTwo > 8.0);
    CHECK(shiftSix < 0.5 * shiftTwo);
}

TEST_CASE("pinpoint bleeding shows on type VI as on type II") {
    for (int type : {2, 6}) {
        std::size_t changed = 0;
        const double change = meanChange(renderSkin({type, true, false}), renderSkin({type, true, true}), &changed);
        MESSAGE("type " << type << ": drops change " << changed << " pixels by " << change);
        CHECK(changed > 500);
        CHECK(change > 12.0);
    }
}

TEST_CASE("the scene's default skin is type II from the data file") {
    const render::SkinLook fromData = render::skinLook(tones(), 2);
    const render::SkinLook defaults;
    for (int c = 0; c < 3; ++c) {
        CHECK(defaults.tone[c] == doctest::Approx(fromData.tone[c]).epsilon(0.002));
        CHECK(defaults.erythema[c] == doctest::Approx(fromData.erythema[c]).epsilon(0.002));
        CHECK(defaults.blood[c] == doctest::Approx(fromData.blood[c]).epsilon(0.002));
    }
}
