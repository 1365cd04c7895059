#include "core/common/toml_reader.h"
#include "core/scoring/rubric.h"
#include "core/tools/tool_catalogue.h"

#include <doctest/doctest.h>

#include <cmath>
#include <numbers>

using namespace pinpoint::core;

namespace {

std::string asset(const char* name) {
    auto text = readTextFile(std::string(PINPOINT_SOURCE_DIR) + "/assets/" + name);
    REQUIRE(text.has_value());
    return *text;
}

std::string edited(const char* file, const std::string& from, const std::string& to) {
    std::string text = asset(file);
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("the shipped tools: every cartridge a session may name, with real pin counts, and both rollers") {
    Result<ToolCatalogue> c = parseToolCatalogue(asset("tools.toml"), "tools.toml");
    REQUIRE_MESSAGE(c.ok(), c.error().describe());
    CHECK(c->bleedingFromDepthMm == 0.5);
    CHECK_FALSE(c->reachesDermis(toMicrometres(0.45)));
    CHECK_FALSE(c->reachesDermis(499));
    CHECK(c->reachesDermis(toMicrometres(0.5)));
    const std::pair<const char*, std::size_t> pins[] = {{"9pin", 9}, {"12pin", 12}, {"16pin", 16}, {"36pin", 36}};
    for (auto [id, count] : pins) {
        CAPTURE(id);
        const Cartridge* cart = c->findCartridge(id);
        REQUIRE(cart != nullptr);
        CHECK(cart->pinsMm.size() == count);
        CHECK(cart->footprintDiameterMm > 2.0);
        CHECK(cart->footprintDiameterMm < 8.0);
    }
    REQUIRE(c->findCartridge("nano") != nullptr);
    CHECK(c->findCartridge("nano")->pinsMm.size() > 36);
    CHECK(c->pen.minDepthMm == doctest::Approx(0.2));
    CHECK(c->pen.maxDepthMm == doctest::Approx(3.0));
    const Roller* r192 = c->findRollerByNeedles(192);
    REQUIRE(r192 != nullptr);
    CHECK(r192->rings == 8);
    CHECK(r192->drumWidthMm == doctest::Approx(20.0));
    CHECK(r192->rowSpacingMm() == doctest::Approx(std::numbers::pi * 18.3 / 24.0));
    CHECK(c->findRollerByNeedles(540) != nullptr);
    CHECK(c->findRollerByNeedles(100) == nullptr);
}

TEST_CASE("a 12-pin cartridge's pins are centred on the needle axis") {
    Result<ToolCatalogue> c = parseToolCatalogue(asset("tools.toml"), "tools.toml");
    REQUIRE(c.ok());
    glm::vec2 sum(0.0f);
    for (glm::vec2 p : c->findCartridge("12pin")->pinsMm) sum += p;
    CHECK(std::abs(sum.x) < 1e-4f);
    CHECK(std::abs(sum.y) < 1e-4f);
}

TEST_CASE("malformed tool files give located errors") {
    struct Case {
        const char* what;
        std::string text;
        const char* expect;
    };
    const Case cases[] = {
        {"unknown layout kind", edited("tools.toml", "kind = \"grid\", rows = 3", "kind = \"hex\", rows = 3"), "unknown layout kind"},
        {"pins in micrometres", edited("tools.toml", "pitch_mm = 1.4", "pitch_mm = 140.0"), "wider than 15 mm"},
        {"two rollers with one count", edited("tools.toml", "needles_per_ring = 45", "needles_per_ring = 16"), "needles"},
        {"a cartridge listed twice", edited("tools.toml", "id = \"16pin\"", "id = \"12pin\""), "listed twice"},
        {"inverted depth range", edited("tools.toml", "max_depth_mm = 3.0", "max_depth_mm = 0.1"), "min_depth_mm < max_depth_mm"},
        {"unknown key", edited("tools.toml", "min_speed_hz = 10.0", "min_speed = 10.0"), "unknown key 'min_speed'"},
        // Found by fuzz/data_fuzzer: each was undefined behaviour before it was an error.
        {"rows * columns overflows", edited("tools.toml", "rows = 3, columns = 3", "rows = 4611686018427387904, columns = 4"),
         "1-400 pins"},
        {"a nan pitch", edited("tools.toml", "pitch_mm = 0.7, radius_mm = 2.6", "pitch_mm = nan, radius_mm = 2.6"),
         "pitch_mm must be a finite number"},
        {"an infinite ring radius", edited("tools.toml", "radius_mm = 0.9, phase_deg", "radius_mm = inf, phase_deg"),
         "radius_mm must be a finite number"},
        {"rings * needles_per_ring overflows", edited("tools.toml", "rings = 8\nneedles_per_ring = 24", "rings = 100000\nneedles_per_ring = 100000"),
         "1-1000 rings"},
        {"rings beyond int", edited("tools.toml", "rings = 8", "rings = 4294967304"), "1-1000 rings"},
        {"bleeding at no depth", edited("tools.toml", "bleeding_from_depth_mm = 0.5", "bleeding_from_depth_mm = 0.0"),
         "bleeding_from_depth_mm must be above 0"},
        {"a nan bleeding depth", edited("tools.toml", "bleeding_from_depth_mm = 0.5", "bleeding_from_depth_mm = nan"),
         "bleeding_from_depth_mm"},
        {"unknown skin key", edited("tools.toml", "bleeding_from_depth_mm = 0.5", "dermis_mm = 0.5"), "unknown key 'dermis_mm'"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        Result<ToolCatalogue> r = parseToolCatalogue(c.text, "tools.toml");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().line > 0);
        CHECK_MESSAGE(r.error().message.find(c.expect) != std::string::npos, r.error().describe());
    }
}

TEST_CASE("the default rubric: every zone's depth chart, device targets, an id, a version and a hash") {
    Result<Rubric> r = parseRubric(asset("rubric.toml"), "rubric.toml");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(r->zones.size() == 13);
    CHECK(r->find("cheek_left")->depthFor(Indication::Scars).maxMm == doctest::Approx(2.0));
    CHECK(r->find("periorbital_right")->depthFor(Indication::Rejuvenation).maxMm == doctest::Approx(0.3));
    CHECK(r->density(true).targetPerCm2 == doctest::Approx(100.0));  // seed 000's 8 passes reach it
    CHECK(r->scale(false).radiusMm == doctest::Approx(1.0));  // the pen's pins, about 1 mm apart
    CHECK(r->scale(false).spacingMm <= 0.5);
    CHECK(r->scale(true).radiusMm == doctest::Approx(2.5));   // one pass of the drum: needles 2.4-2.5 mm apart
    CHECK(r->bareSkinWeight > 0.0);
    CHECK(r->density(false).maxPerCm2 > r->density(false).targetPerCm2);
    CHECK(r->id == "pinpoint-default");
    CHECK(r->sha256.size() == 64);
}

TEST_CASE("malformed rubrics give located errors") {
    const std::pair<std::string, const char*> cases[] = {
        {edited("rubric.toml", "[zones.chin]", "[zones.chinn]"), "unknown treatment zone 'chinn'"},
        {edited("rubric.toml", "max_density_per_cm2 = 1500.0", "max_density_per_cm2 = 100.0"), "above target"},
        {edited("rubric.toml", "rejuvenation_depth_mm = [0.5, 1.0]", "rejuvenation_depth_mm = [1.0, 0.5]"), "min <= max"},
        {edited("rubric.toml", "scars_depth_mm = [1.0, 2.0]", "scars_depth_mm = [1000.0, 2000.0]"), "millimetres"},
        {edited("rubric.toml", "required_directions = 2", "required_directions = 4294967298"), "0 to 4"},  // not 2
        {edited("rubric.toml", "scars_depth_mm = [1.0, 2.0]", "scars_depth_mm = [nan, 2.0]"), "finite number"},
        {edited("rubric.toml", "sample_spacing_mm = 0.5", "sample_spacing_mm = 2.0"), "up to density_radius_mm"},
        {edited("rubric.toml", "bare_skin_weight = 1.5", "bare_skin_weight = -1.0"), "must not be negative"},
    };
    for (const auto& [text, expect] : cases) {
        CAPTURE(expect);
        Result<Rubric> r = parseRubric(text, "rubric.toml");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().line > 0);
        CHECK_MESSAGE(r.error().describe().find(expect) != std::string::npos, r.error().describe());
    }
}
