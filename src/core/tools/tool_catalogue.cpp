#include "core/tools/tool_catalogue.h"

#include "core/common/toml_reader.h"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <set>

namespace pinpoint::core {

namespace {

std::vector<glm::vec2> gridPins(int rows, int columns, double pitch) {
    std::vector<glm::vec2> pins;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c)
            pins.emplace_back((c - (columns - 1) / 2.0) * pitch, (r - (rows - 1) / 2.0) * pitch);
    return pins;
}

std::vector<glm::vec2> readLayout(const TomlReader& r, const toml::table& t) {
    const std::string kind = r.string(r.required(t, "kind", "a layout"), "kind");
    if (kind == "grid") {
        r.onlyKeys(t, {"kind", "rows", "columns", "pitch_mm"}, "a grid layout");
        const auto rows = r.integer(r.required(t, "rows", "a grid layout"), "rows");
        const auto columns = r.integer(r.required(t, "columns", "a grid layout"), "columns");
        const double pitch = r.number(r.required(t, "pitch_mm", "a grid layout"), "pitch_mm");
        if (rows < 1 || columns < 1 || rows > 400 || columns > 400 || rows * columns > 400 || pitch <= 0.0)
            r.fail(&t, "a grid needs 1-400 pins and a pitch above 0 mm");
        return gridPins(static_cast<int>(rows), static_cast<int>(columns), pitch);
    }
    if (kind == "rings") {
        r.onlyKeys(t, {"kind", "centre", "rings"}, "a rings layout");
        std::vector<glm::vec2> pins;
        if (const toml::node* c = t.get("centre"); c && r.boolean(*c, "centre")) pins.emplace_back(0.0f, 0.0f);
        for (const toml::node& ringNode : r.array(r.required(t, "rings", "a rings layout"), "rings")) {
            const toml::table& ring = r.table(ringNode, "a ring");
            r.onlyKeys(ring, {"count", "radius_mm", "phase_deg"}, "a ring");
            const auto count = r.integer(r.required(ring, "count", "a ring"), "count");
            const double radius = r.number(r.required(ring, "radius_mm", "a ring"), "radius_mm");
            const double phase = r.numberOr(ring, "phase_deg", 0.0, "phase_deg") * std::numbers::pi / 180.0;
            if (count < 1 || count > 200 || radius <= 0.0) r.fail(&ring, "a ring needs 1-200 pins and a radius above 0 mm");
            for (int i = 0; i < count; ++i) {
                const double a = phase + 2.0 * std::numbers::pi * i / static_cast<double>(count);
                pins.emplace_back(radius * std::cos(a), radius * std::sin(a));
            }
        }
        return pins;
    }
    if (kind == "disc") {
        r.onlyKeys(t, {"kind", "pitch_mm", "radius_mm"}, "a disc layout");
        const double pitch = r.number(r.required(t, "pitch_mm", "a disc layout"), "pitch_mm");
        const double radius = r.number(r.required(t, "radius_mm", "a disc layout"), "radius_mm");
        if (pitch <= 0.0 || radius < pitch || radius / pitch > 20.0) r.fail(&t, "a disc needs 0 < pitch <= radius <= 20 pitches");
        const int n = 2 * static_cast<int>(radius / pitch) + 1;
        std::vector<glm::vec2> pins;
        for (const glm::vec2& p : gridPins(n, n, pitch))
            if (std::hypot(p.x, p.y) <= radius + 1e-9) pins.push_back(p);
        return pins;
    }
    r.fail(t.get("kind"), "unknown layout kind '" + kind + "'", "use grid, rings or disc, or list the pins");
}

Cartridge readCartridge(const TomlReader& r, const toml::table& t) {
    r.onlyKeys(t, {"id", "name", "layout", "pins", "source"}, "a [[cartridge]]");
    Cartridge c;
    c.id = r.string(r.required(t, "id", "a [[cartridge]]"), "id");
    c.name = r.stringOr(t, "name", c.id, "name");
    c.source = r.stringOr(t, "source", "", "source");
    if (const toml::node* pins = t.get("pins")) {
        for (const toml::node& p : r.array(*pins, "pins")) {
            const toml::array& xy = r.array(p, "a pin");
            if (xy.size() != 2) r.fail(&p, "a pin is [x, y] in mm");
            c.pinsMm.emplace_back(r.number(*xy.get(0), "x"), r.number(*xy.get(1), "y"));
        }
    } else {
        c.pinsMm = readLayout(r, r.table(r.required(t, "layout", "a [[cartridge]]"), "layout"));
    }
    if (c.pinsMm.empty()) r.fail(&t, "cartridge '" + c.id + "' has no pins");
    double reach = 0.0;
    for (const glm::vec2& p : c.pinsMm) reach = std::max(reach, std::hypot(double(p.x), double(p.y)));
    c.footprintDiameterMm = 2.0 * reach;
    if (c.footprintDiameterMm > 15.0) r.fail(&t, "cartridge '" + c.id + "' is wider than 15 mm; are the pins in mm?");
    return c;
}

Roller readRoller(const TomlReader& r, const toml::table& t) {
    r.onlyKeys(t, {"id", "name", "rings", "needles_per_ring", "drum_diameter_mm", "drum_width_mm", "needle_lengths_mm",
                   "source"},
               "a [[roller]]");
    Roller roller;
    roller.id = r.string(r.required(t, "id", "a [[roller]]"), "id");
    roller.name = r.stringOr(t, "name", roller.id, "name");
    roller.source = r.stringOr(t, "source", "", "source");
    // Checked before narrowing to int, and bounded so that needles() = rings * needlesPerRing fits.
    const std::int64_t rings = r.integer(r.required(t, "rings", "a [[roller]]"), "rings");
    const std::int64_t needlesPerRing = r.integer(r.required(t, "needles_per_ring", "a [[roller]]"), "needles_per_ring");
    roller.drumDiameterMm = r.number(r.required(t, "drum_diameter_mm", "a [[roller]]"), "drum_diameter_mm");
    roller.drumWidthMm = r.number(r.required(t, "drum_width_mm", "a [[roller]]"), "drum_width_mm");
    if (rings < 1 || rings > 1000 || needlesPerRing < 3 || needlesPerRing > 1000 || roller.drumDiameterMm <= 0.0 ||
        roller.drumWidthMm <= 0.0)
        r.fail(&t, "roller '" + roller.id + "' needs 1-1000 rings, 3-1000 needles per ring and a drum above 0 mm");
    roller.rings = static_cast<int>(rings);
    roller.needlesPerRing = static_cast<int>(needlesPerRing);
    for (const toml::node& n : r.array(r.required(t, "needle_lengths_mm", "a [[roller]]"), "needle_lengths_mm"))
        roller.needleLengthsMm.push_back(r.number(n, "a needle length"));
    return roller;
}

ToolCatalogue parseCatalogue(const TomlReader& r, const toml::table& root) {
    r.onlyKeys(root, {"format", "version", "pen", "cartridge", "roller", "skin"}, "the tool file");
    const toml::node& format = r.required(root, "format", "the tool file");
    if (r.string(format, "format") != "pinpoint-tools") r.fail(&format, "format must be \"pinpoint-tools\"");
    const toml::node& version = r.required(root, "version", "the tool file");
    if (r.integer(version, "version") != 1) r.fail(&version, "unsupported tool file version", "this Pinpoint reads version 1");

    ToolCatalogue c;
    const toml::table& pen = r.table(r.required(root, "pen", "the tool file"), "[pen]");
    r.onlyKeys(pen, {"min_depth_mm", "max_depth_mm", "depth_step_mm", "min_speed_hz", "max_speed_hz", "speed_levels_hz"}, "[pen]");
    c.pen.minDepthMm = r.numberOr(pen, "min_depth_mm", c.pen.minDepthMm, "min_depth_mm");
    c.pen.maxDepthMm = r.numberOr(pen, "max_depth_mm", c.pen.maxDepthMm, "max_depth_mm");
    c.pen.depthStepMm = r.numberOr(pen, "depth_step_mm", c.pen.depthStepMm, "depth_step_mm");
    c.pen.minSpeedHz = r.numberOr(pen, "min_speed_hz", c.pen.minSpeedHz, "min_speed_hz");
    c.pen.maxSpeedHz = r.numberOr(pen, "max_speed_hz", c.pen.maxSpeedHz, "max_speed_hz");
    if (!(0.0 < c.pen.minDepthMm && c.pen.minDepthMm < c.pen.maxDepthMm && c.pen.depthStepMm > 0.0))
        r.fail(&pen, "pen depths need 0 < min_depth_mm < max_depth_mm and a step above 0");
    if (!(0.0 < c.pen.minSpeedHz && c.pen.minSpeedHz < c.pen.maxSpeedHz))
        r.fail(&pen, "pen speeds need 0 < min_speed_hz < max_speed_hz");
    if (const toml::node* levels = pen.get("speed_levels_hz"))
        for (const toml::node& n : r.array(*levels, "speed_levels_hz")) c.pen.speedLevelsHz.push_back(r.number(n, "a speed level"));

    if (const toml::node* skinNode = root.get("skin")) {
        const toml::table& skin = r.table(*skinNode, "[skin]");
        r.onlyKeys(skin, {"bleeding_from_depth_mm"}, "[skin]");
        c.bleedingFromDepthMm = r.numberOr(skin, "bleeding_from_depth_mm", c.bleedingFromDepthMm, "bleeding_from_depth_mm");
        if (!(c.bleedingFromDepthMm > 0.0 && c.bleedingFromDepthMm <= 5.0))
            r.fail(skin.get("bleeding_from_depth_mm"), "bleeding_from_depth_mm must be above 0 and at most 5");
    }

    std::set<std::string> ids;
    if (const toml::node* list = root.get("cartridge"))
        for (const toml::node& n : r.array(*list, "[[cartridge]]")) {
            Cartridge cart = readCartridge(r, r.table(n, "a [[cartridge]]"));
            if (!ids.insert("cartridge:" + cart.id).second) r.fail(&n, "cartridge '" + cart.id + "' is listed twice");
            c.cartridges.push_back(std::move(cart));
        }
    if (const toml::node* list = root.get("roller"))
        for (const toml::node& n : r.array(*list, "[[roller]]")) {
            Roller roller = readRoller(r, r.table(n, "a [[roller]]"));
            if (!ids.insert("roller:" + roller.id).second) r.fail(&n, "roller '" + roller.id + "' is listed twice");
            for (const Roller& other : c.rollers)
                if (other.needles() == roller.needles())
                    r.fail(&n, "two rollers have " + std::to_string(roller.needles()) + " needles",
                           "session files name a roller by its needle count, so counts must differ");
            c.rollers.push_back(std::move(roller));
        }
    if (c.cartridges.empty()) r.fail(&root, "the tool file lists no [[cartridge]]");
    return c;
}

}  // namespace

double Roller::rowSpacingMm() const { return std::numbers::pi * drumDiameterMm / needlesPerRing; }

const Cartridge* ToolCatalogue::findCartridge(const std::string& id) const {
    for (const Cartridge& c : cartridges)
        if (c.id == id) return &c;
    return nullptr;
}

const Roller* ToolCatalogue::findRollerByNeedles(int needles) const {
    for (const Roller& r : rollers)
        if (r.needles() == needles) return &r;
    return nullptr;
}

const Roller* ToolCatalogue::findRoller(const std::string& id) const {
    for (const Roller& r : rollers)
        if (r.id == id) return &r;
    return nullptr;
}

Result<ToolCatalogue> parseToolCatalogue(const std::string& text, const std::string& sourceName) {
    return parseTomlDocument<ToolCatalogue>(text, sourceName, "the tool file", [&](const TomlReader& r, const toml::table& root) {
        ToolCatalogue c = parseCatalogue(r, root);
        c.file = sourceName;
        return c;
    });
}

Result<ToolCatalogue> readToolCatalogue(const std::string& path) {
    return readDataFile<ToolCatalogue>(path, "the tool file", parseToolCatalogue);
}

}  // namespace pinpoint::core
