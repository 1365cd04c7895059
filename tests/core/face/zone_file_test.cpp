#include "core/face/area_names.h"
#include "core/face/zone_file.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace pinpoint::core;

namespace {

std::string shippedText() {
    std::ifstream in(std::string(PINPOINT_SOURCE_DIR) + "/assets/zones.toml");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The shipped file with the first occurrence of `from` replaced by `to`.
std::string edited(const std::string& from, const std::string& to) {
    std::string text = shippedText();
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

int lineOf(const std::string& text, const std::string& needle) {
    const auto at = text.find(needle);
    REQUIRE(at != std::string::npos);
    int line = 1;
    for (std::size_t i = 0; i < at; ++i) line += text[i] == '\n';
    return line;
}

Error errorOf(const std::string& text) {
    Result<ZoneFile> r = parseZoneFile(text, "zones.toml");
    REQUIRE_FALSE(r.ok());
    return r.error();
}

}  // namespace

TEST_CASE("the shipped zone file declares every zone and forbidden area and has landmarks") {
    Result<ZoneFile> r = parseZoneFile(shippedText(), "zones.toml");
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    CHECK(r->zones.areas.size() == kTreatmentZones.size() + kForbiddenAreas.size());
    CHECK(r->landmarks.count("nose_tip") == 1);
    CHECK(r->zones.rules.size() > 10);
    // Mirrored rules pair a _left area with its _right twin.
    for (const ZoneRule& rule : r->zones.rules)
        if (rule.mirrored) {
            std::string left = r->zones.areas[rule.area].name;
            CHECK(left.replace(left.size() - 4, 4, "right") == r->zones.areas[rule.mirrorArea].name);
        }
}

TEST_CASE("a landmark name can stand for a point") {
    Result<ZoneFile> r = parseZoneFile(shippedText(), "zones.toml");
    REQUIRE(r.ok());
    bool found = false;
    for (const ZoneRule& rule : r->zones.rules)
        for (const HalfSpace& h : rule.halfSpaces)
            found = found || h.point == r->landmarks.at("chin_point");
    CHECK(found);
}

TEST_CASE("an unknown zone name is reported at its line and column, with the fixed names") {
    const std::string text = edited("name = \"forehead\"", "name = \"fourhead\"");
    const Error e = errorOf(text);
    CHECK(e.file == "zones.toml");
    CHECK(e.line == lineOf(text, "fourhead"));
    CHECK(e.column == 8);
    CHECK(e.message.find("unknown treatment zone 'fourhead'") != std::string::npos);
    CHECK(e.hint.find("forehead") != std::string::npos);
    CHECK(e.describe().rfind("zones.toml:" + std::to_string(e.line) + ":8: ", 0) == 0);
}

TEST_CASE("malformed zone files give located, actionable errors") {
    struct Case {
        const char* what;
        std::string text;
        std::string expect;  // part of the message
    };
    const Case cases[] = {
        {"not TOML", "format = \"pinpoint-zones\"\nversion = = 1\n", ""},
        {"wrong format", edited("format = \"pinpoint-zones\"", "format = \"zones\""), "format must be"},
        {"wrong version", edited("version = 1", "version = 7"), "unsupported zone file version"},
        {"unknown top-level key", edited("version = 1", "version = 1\ncolour = 3"), "unknown key 'colour'"},
        {"forbidden area with a zone's name", edited("name = \"ears\"", "name = \"cheek\""), "unknown forbidden area"},
        {"area declared twice", edited("name = \"temple_left\"", "name = \"forehead\""), "declared twice"},
        {"kind misspelt", edited("kind = \"forbidden\"", "kind = \"forbiden\""), "kind must be"},
        {"rule for an undeclared area", edited("area = \"nostrils\"", "area = \"nostril\""), "not declared"},
        {"unknown landmark", edited("point = \"chin_point\"", "point = \"chin_tip\""), "unknown landmark 'chin_tip'"},
        {"negative radius", edited("radii = [23.0, 8.0, 25.0]", "radii = [23.0, -8.0, 25.0]"), "greater than 0"},
        {"two numbers for a point", edited("centre = [0.0, 1484.0, 135.0]", "centre = [0.0, 1484.0]"), "three numbers"},
        {"zero normal", edited("normal = [0.0, 1.0, 0.0] }", "normal = [0.0, 0.0, 0.0] }"), "zero vector"},
        {"mirror from the right", edited("area = \"cheek_left\"\nmirror = \"cheek_right\"", "area = \"cheek_right\"\nmirror = \"cheek_left\""), "patient's left"},
        {"min_cos out of range", edited("min_cos = 0.2", "min_cos = 2.0"), "between -1 and 1"},
        {"unknown part", edited("part = \"eye\"", "part = \"eyeball\""), "part must be"},
        {"unknown rule key", edited("part = \"eye\"", "part = \"eye\"\ninsde = 1"), "unknown key 'insde'"},
        {"nan radius", edited("radii = [23.0, 8.0, 25.0]", "radii = [23.0, nan, 25.0]"), "finite number"},  // passed `<= 0`
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        const Error e = errorOf(c.text);
        CHECK(e.line > 0);
        CHECK(e.column > 0);
        if (!c.expect.empty()) CHECK_MESSAGE(e.message.find(c.expect) != std::string::npos, e.describe());
    }
}

TEST_CASE("a missing treatment zone is named") {
    std::string text = shippedText();
    const auto start = text.find("[[area]]\nname = \"chin\"");
    REQUIRE(start != std::string::npos);
    const auto end = text.find("[[area]]", start + 1);
    text.erase(start, end - start);
    const Error e = errorOf(text);
    CHECK(e.message.find("'chin' is not declared") != std::string::npos);
}

TEST_CASE("a missing file is reported with what to do") {
    Result<ZoneFile> r = readZoneFile("no/such/zones.toml");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().file == "no/such/zones.toml");
    CHECK(r.error().message.find("cannot read") != std::string::npos);
    CHECK(r.error().hint.find("PINPOINT_ASSETS") != std::string::npos);
}
