#pragma once
// Helpers shared by the session file tests.
#include "core/session/session_file.h"

#include <doctest/doctest.h>

#include <glm/geometric.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace session_test {

using namespace pinpoint::core;
namespace fs = std::filesystem;

inline const std::string kHeader = R"({"type":"header","format":"pinpoint-session","version":1})";

inline std::string dataDir() { return std::string(PINPOINT_TEST_DATA_DIR) + "/sessions/"; }

// A session text: the header, then the given lines, each ending in '\n'.
inline std::string sessionText(const std::vector<std::string>& lines) {
    std::string text = kHeader + "\n";
    for (const std::string& l : lines) text += l + "\n";
    return text;
}

inline Error errorOf(const std::string& text, const ToolCatalogue* catalogue = nullptr) {
    Result<Session> r = parseSession(text, "s.pps", catalogue);
    REQUIRE_FALSE(r.ok());
    return r.error();
}

inline bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

inline bool sameBits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }
inline bool sameBits(const glm::dvec3& a, const glm::dvec3& b) {
    return sameBits(a.x, b.x) && sameBits(a.y, b.y) && sameBits(a.z, b.z);
}

// A fresh folder under the system's temporary folder, removed afterwards.
struct TempDir {
    fs::path path;
    TempDir() {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("pinpoint-session-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

inline std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A small catalogue, built by hand (independent of the assets/tools.toml loader).
inline ToolCatalogue testCatalogue() {
    ToolCatalogue c;
    c.file = "test-tools";
    c.cartridges.push_back({"12pin", "12-pin", {{0.0f, 0.0f}}, 7.0, ""});
    c.cartridges.push_back({"nano", "nano", {{0.0f, 0.0f}}, 7.0, ""});
    c.pen = PenSettingsRange{0.2, 3.0, 0.1, 10.0, 150.0, {}};
    Roller r;
    r.id = "192";
    r.rings = 8;
    r.needlesPerRing = 24;
    r.needleLengthsMm = {0.25, 0.5, 1.0};
    c.rollers.push_back(r);
    return c;
}

inline std::vector<SessionEvent> sampleEvents() {
    std::vector<SessionEvent> events;
    events.push_back(ToolEvent{0.0, ToolKind::Pen, "12pin", 0.5, 100.0, 0, ""});
    events.push_back(StepEvent{0.0, "cleanse"});
    double t = 1.0 / 3.0;
    for (int i = 0; i < 50; ++i) {
        PoseEvent p;
        p.t = t;
        p.p = glm::dvec3(0.1 * i + 1.0 / 7.0, 1484.0 + std::sqrt(2.0) * i, 135.000000000001 - i * 0.3);
        p.contact = i % 3 != 0;
        if (i % 2 == 0) p.axis = glm::normalize(glm::dvec3(0.1 * i + 0.01, -1.0, -0.3));
        events.push_back(p);
        t += 1.0 / 120.0;
    }
    events.push_back(ToolEvent{t, ToolKind::Roller, "", 0.25, 0.0, 192, "192"});
    events.push_back(DecisionEvent{t, "proceed_modified", ""});
    events.push_back(OtherEvent{t + 1e-9, "annotation", ""});
    events.push_back(StepEvent{t + 2.5, "post_care_given"});
    return events;
}

inline void checkSame(const SessionEvent& a, const SessionEvent& b) {
    REQUIRE(a.index() == b.index());
    CHECK(sameBits(eventTime(a), eventTime(b)));
    if (const auto* x = std::get_if<ToolEvent>(&a)) {
        const auto& y = std::get<ToolEvent>(b);
        CHECK(x->tool == y.tool);
        CHECK(x->cartridge == y.cartridge);
        CHECK(sameBits(x->depthMm, y.depthMm));
        CHECK(sameBits(x->speedHz, y.speedHz));
        CHECK(x->needles == y.needles);
        CHECK(x->roller == y.roller);
    } else if (const auto* x = std::get_if<PoseEvent>(&a)) {
        const auto& y = std::get<PoseEvent>(b);
        CHECK(sameBits(x->p, y.p));
        CHECK(x->contact == y.contact);
        REQUIRE(x->axis.has_value() == y.axis.has_value());
        if (x->axis) CHECK(sameBits(*x->axis, *y.axis));
    } else if (const auto* x = std::get_if<DecisionEvent>(&a)) {
        CHECK(x->decision == std::get<DecisionEvent>(b).decision);
    } else if (const auto* x = std::get_if<StepEvent>(&a)) {
        CHECK(x->step == std::get<StepEvent>(b).step);
    } else {
        CHECK(std::get<OtherEvent>(a).type == std::get<OtherEvent>(b).type);
    }
}

}  // namespace session_test
