#include "core/session/session_parse.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

namespace pinpoint::core::session_detail {

using nlohmann::json;

namespace {

// Without a tool catalogue the reader still rejects settings no device offers.
constexpr double kMinDepthMm = 0.1;
constexpr double kMaxDepthMm = 3.5;
constexpr double kMaxSpeedHz = 1000.0;
constexpr double kTolerance = 1e-6;  // for comparing settings written as decimals
// The longest session a recording may hold: a whole clinic day (our estimate; a full-face treatment
// with intake takes under an hour). Scoring time and memory then grow with a file's lines, never
// with its timestamps: a contact gap longer than the recorder's stall limit is a lift (simulation.md).
constexpr double kMaxSessionSeconds = 8.0 * 3600.0;
// The head stands about 1.5 m above the model-space origin: a tool tip within this many
// millimetres of the origin on every axis was almost certainly written in metres.
constexpr double kMetresSuspicionMm = 3.0;

const char* const kDecisions[] = {"proceed", "proceed_modified", "defer", "decline"};

[[noreturn]] void fail(const LineContext& c, std::string_view key, std::string message, std::string hint = {}) {
    throw LineProblem{key.empty() ? 1 : columnOfKey(c.text, key), std::move(message), std::move(hint)};
}

const json* field(const json& j, const char* key) {
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

// What a JSON value is, for messages: "the string \"12\"", "null", "an array".
std::string describe(const json& v) {
    if (v.is_string()) return "the string " + v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (v.is_boolean() || v.is_null() || v.is_number()) return v.dump();
    if (v.is_array()) return "an array";
    return "an object";
}

const json& required(const json& j, const LineContext& c, const char* key, const char* event, const char* explain) {
    if (const json* v = field(j, key)) return *v;
    fail(c, {}, std::string(event) + " needs '" + key + "'", explain);
}

double number(const json& v, const LineContext& c, const char* key) {
    if (!v.is_number()) {
        fail(c, key, std::string(key) + " must be a number, not " + describe(v),
             v.is_string() ? "write numbers without quotes" : "");
    }
    const double d = v.get<double>();
    if (!std::isfinite(d)) fail(c, key, std::string(key) + " must be a finite number", "NaN and infinity are not allowed");
    return d;
}

std::string string(const json& v, const LineContext& c, const char* key) {
    if (!v.is_string()) fail(c, key, std::string(key) + " must be a string, not " + describe(v));
    return v.get<std::string>();
}

std::string nonEmptyString(const json& v, const LineContext& c, const char* key) {
    std::string s = string(v, c, key);
    if (s.empty()) fail(c, key, std::string(key) + " must not be empty");
    return s;
}

// A whole number written as 192 or 192.0.
long long wholeNumber(const json& v, const LineContext& c, const char* key) {
    const double d = number(v, c, key);
    if (d != std::floor(d) || std::fabs(d) > 1e15) fail(c, key, std::string(key) + " must be a whole number, not " + formatNumber(d));
    return static_cast<long long>(d);
}

glm::dvec3 vector3(const json& v, const LineContext& c, const char* key, const char* meaning) {
    if (!v.is_array() || v.size() != 3) {
        fail(c, key, std::string(key) + " must be an array of three numbers [x, y, z], not " + describe(v) +
                         (v.is_array() ? " of " + std::to_string(v.size()) : std::string()),
             meaning);
    }
    glm::dvec3 out;
    for (int i = 0; i < 3; ++i) out[i] = number(v[static_cast<std::size_t>(i)], c, key);
    return out;
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

double checkTime(double t, const LineContext& c);

double readTime(const json& j, const LineContext& c, bool mayBeOmitted) {
    const json* v = field(j, "t");
    if (!v) {
        if (mayBeOmitted) return c.previousT;
        fail(c, {}, "the event has no 't'", "every event except 'tool' needs t, the seconds since the session started");
    }
    return checkTime(number(*v, c, "t"), c);
}

double checkTime(double t, const LineContext& c) {
    if (t < 0) fail(c, "t", "t must not be negative, not " + formatNumber(t), "t is the seconds since the session started");
    if (t > kMaxSessionSeconds)
        fail(c, "t", "t " + formatNumber(t) + " is beyond the longest session a recording may hold (" +
                         formatNumber(kMaxSessionSeconds) + " s)",
             "t is the seconds since the session started; a treatment session lasts minutes, not days");
    if (t < c.previousT) {
        fail(c, "t", "t goes backwards: " + formatNumber(t) + " after " + formatNumber(c.previousT),
             "events must be written in time order: t never decreases");
    }
    return t;
}

void checkDepthRange(const LineContext& c, double depth, double lo, double hi, const std::string& device) {
    if (depth >= lo - kTolerance && depth <= hi + kTolerance) return;
    std::string hint = "depth_mm is in millimetres, from " + formatNumber(lo) + " to " + formatNumber(hi);
    if (depth / 1000.0 >= lo - kTolerance && depth / 1000.0 <= hi + kTolerance) {
        hint = "did you write micrometres? depth_mm is in millimetres: " + formatNumber(depth) +
               " micrometres = " + formatNumber(depth / 1000.0) + " mm";
    }
    fail(c, "depth_mm",
         "depth_mm " + formatNumber(depth) + " is out of range for the " + device + " (" + formatNumber(lo) + " to " +
             formatNumber(hi) + " mm)",
         hint);
}

void readPen(const json& j, const LineContext& c, ToolEvent& e) {
    constexpr const char* kEvent = "a pen tool event";
    e.cartridge = nonEmptyString(required(j, c, "cartridge", kEvent, "the cartridge id, e.g. \"12pin\""), c, "cartridge");
    e.speedHz = number(required(j, c, "speed_hz", kEvent, "strokes per second, e.g. 100"), c, "speed_hz");
    double minSpeed = 0.0, maxSpeed = kMaxSpeedHz, minDepth = kMinDepthMm, maxDepth = kMaxDepthMm;
    if (const ToolCatalogue* cat = c.catalogue) {
        bool known = false;
        std::vector<std::string> ids;
        for (const Cartridge& k : cat->cartridges) {
            known = known || k.id == e.cartridge;
            ids.push_back(k.id);
        }
        if (!known) fail(c, "cartridge", "unknown cartridge '" + e.cartridge + "'", "known cartridges: " + joined(ids));
        minSpeed = cat->pen.minSpeedHz;
        maxSpeed = cat->pen.maxSpeedHz;
        minDepth = cat->pen.minDepthMm;
        maxDepth = cat->pen.maxDepthMm;
    }
    const bool inRange = c.catalogue ? e.speedHz >= minSpeed - kTolerance : e.speedHz > 0.0;
    if (!inRange || e.speedHz > maxSpeed + kTolerance) {
        std::string hint = "speed_hz is strokes per second";
        if (e.speedHz / 60.0 >= minSpeed && e.speedHz / 60.0 <= maxSpeed + kTolerance) {
            hint = "did you write strokes per minute? speed_hz is strokes per second: " + formatNumber(e.speedHz) +
                   " per minute = " + formatNumber(e.speedHz / 60.0) + " Hz";
        }
        fail(c, "speed_hz",
             "speed_hz " + formatNumber(e.speedHz) + " is out of range (" +
                 (c.catalogue ? formatNumber(minSpeed) + " to " : std::string("above 0 up to ")) +
                 formatNumber(maxSpeed) + " Hz)",
             hint);
    }
    checkDepthRange(c, e.depthMm, minDepth, maxDepth, "pen");
    if (c.catalogue && c.catalogue->pen.depthStepMm > 0.0) {
        const double step = c.catalogue->pen.depthStepMm;
        const double steps = e.depthMm / step;
        if (std::fabs(steps - std::round(steps)) * step > kTolerance) {
            fail(c, "depth_mm", "depth_mm " + formatNumber(e.depthMm) + " is not a setting the pen offers",
                 "the pen's depth is set in steps of " + formatNumber(step) + " mm");
        }
    }
}

void readRoller(const json& j, const LineContext& c, ToolEvent& e) {
    const long long needles = wholeNumber(
        required(j, c, "needles", "a roller tool event", "the roller's needle count, e.g. 192"), c, "needles");
    if (needles <= 0 || needles > 1000000) fail(c, "needles", "needles must be a positive count, not " + std::to_string(needles));
    e.needles = static_cast<int>(needles);
    if (const json* id = field(j, "roller")) e.roller = nonEmptyString(*id, c, "roller");
    const ToolCatalogue* cat = c.catalogue;
    if (!cat) {
        checkDepthRange(c, e.depthMm, kMinDepthMm, kMaxDepthMm, "roller");
        return;
    }
    const Roller* found = nullptr;
    std::vector<std::string> counts, ids;
    for (const Roller& r : cat->rollers) {
        counts.push_back(std::to_string(r.needles()));
        if (!r.id.empty()) ids.push_back("'" + r.id + "'");
        if (e.roller.empty() ? r.needles() == e.needles : r.id == e.roller) found = found ? found : &r;
    }
    if (!found && !e.roller.empty()) fail(c, "roller", "unknown roller '" + e.roller + "'", "known rollers: " + joined(ids));
    if (!found) {
        fail(c, "needles", "no roller with " + std::to_string(e.needles) + " needles in the tool catalogue",
             "the catalogue's rollers have " + joined(counts) + " needles");
    }
    if (found->needles() != e.needles) {
        fail(c, "needles",
             "roller '" + e.roller + "' has " + std::to_string(found->needles()) + " needles, not " +
                 std::to_string(e.needles));
    }
    if (found->needleLengthsMm.empty()) {
        checkDepthRange(c, e.depthMm, kMinDepthMm, kMaxDepthMm, "roller");
        return;
    }
    std::vector<std::string> lengths;
    for (double l : found->needleLengthsMm) {
        if (std::fabs(l - e.depthMm) <= kTolerance) return;
        lengths.push_back(formatNumber(l));
    }
    std::string hint = "a roller's depth is its needle length; this roller comes with " + joined(lengths) + " mm";
    for (double l : found->needleLengthsMm)
        if (std::fabs(l - e.depthMm / 1000.0) <= kTolerance) hint = "did you write micrometres? depth_mm is in millimetres";
    fail(c, "depth_mm", "the " + std::to_string(e.needles) + "-needle roller has no " + formatNumber(e.depthMm) + " mm needles",
         hint);
}

ToolEvent readTool(const json& j, const LineContext& c) {
    ToolEvent e;
    e.t = readTime(j, c, true);
    const std::string tool = string(required(j, c, "tool", "a tool event", "\"pen\" or \"roller\""), c, "tool");
    if (tool == "pen") {
        e.tool = ToolKind::Pen;
    } else if (tool == "roller") {
        e.tool = ToolKind::Roller;
    } else {
        fail(c, "tool", "unknown tool '" + tool + "'", "tool is \"pen\" or \"roller\"");
    }
    e.depthMm = number(required(j, c, "depth_mm", "a tool event", "the needle depth in millimetres, e.g. 0.5"), c, "depth_mm");
    if (e.tool == ToolKind::Pen) {
        readPen(j, c, e);
    } else {
        readRoller(j, c, e);
    }
    return e;
}

PoseEvent readPose(const json& j, const LineContext& c) {
    PoseEvent e;
    e.t = readTime(j, c, false);  // checked again, harmlessly, by checkPose
    e.p = vector3(required(j, c, "p", "a pose event", "the tool tip [x, y, z] in model space, mm"), c, "p",
                  "p is the tool tip in model space, in millimetres");
    const json& contact = required(j, c, "contact", "a pose event", "true while the tip is on the skin");
    if (!contact.is_boolean()) fail(c, "contact", "contact must be true or false, not " + describe(contact));
    e.contact = contact.get<bool>();
    if (const json* a = field(j, "axis")) e.axis = vector3(*a, c, "axis", "the direction the needles point, into the skin");
    return checkPose(e, c);
}

DecisionEvent readDecision(const json& j, const LineContext& c) {
    DecisionEvent e;
    e.t = readTime(j, c, false);
    e.decision = string(required(j, c, "decision", "a decision event", "proceed, proceed_modified, defer or decline"), c,
                        "decision");
    for (const char* d : kDecisions)
        if (e.decision == d) {
            e.rawLine = std::string(c.text);
            return e;
        }
    fail(c, "decision", "unknown decision '" + e.decision + "'", "decision is proceed, proceed_modified, defer or decline");
}

StepEvent readStep(const json& j, const LineContext& c) {
    StepEvent e;
    e.t = readTime(j, c, false);
    e.step = nonEmptyString(required(j, c, "step", "a step event", "the protocol step done, e.g. \"cleanse\""), c, "step");
    return e;
}

}  // namespace

std::string formatNumber(double v) {
    char buffer[64];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, v);
    return std::string(buffer, r.ptr);
}

int columnOfKey(std::string_view line, std::string_view key) {
    const std::string quoted = "\"" + std::string(key) + "\"";
    const auto at = line.find(quoted);
    return at == std::string_view::npos ? 1 : static_cast<int>(at) + 1;
}

PoseEvent checkPose(PoseEvent e, const LineContext& c) {
    e.t = checkTime(e.t, c);
    if (e.axis) {
        double length = glm::length(*e.axis);
        if (std::isinf(length)) {  // components near the largest double: scale down first
            *e.axis /= std::max({std::fabs(e.axis->x), std::fabs(e.axis->y), std::fabs(e.axis->z)});
            length = glm::length(*e.axis);
        }
        if (!(length > 1e-9)) fail(c, "axis", "axis must not be the zero vector", "axis is the direction the needles point, into the skin");
        if (std::fabs(length - 1.0) > 1e-12) *e.axis /= length;
    }
    const glm::dvec3 q = glm::abs(e.p);
    const bool nearOrigin = q.x < kMetresSuspicionMm && q.y < kMetresSuspicionMm && q.z < kMetresSuspicionMm;
    if (nearOrigin && (e.contact || e.p != glm::dvec3(0.0))) {
        fail(c, "p",
             "the tool tip [" + formatNumber(e.p.x) + ", " + formatNumber(e.p.y) + ", " + formatNumber(e.p.z) +
                 "] is nowhere near the head (about 1500 mm above the origin)",
             "positions are in millimetres, in model space; this looks like metres");
    }
    return e;
}

SessionHeader parseHeader(const json& j, const LineContext& c) {
    const json* type = field(j, "type");
    if (!type || *type != "header") {
        fail(c, "type", "the first line is not a session header",
             "a session file starts with {\"type\":\"header\",\"format\":\"pinpoint-session\",\"version\":1}");
    }
    const json* format = field(j, "format");
    if (!format) fail(c, {}, "the header has no 'format'", "write \"format\":\"pinpoint-session\"");
    if (*format != "pinpoint-session") {
        fail(c, "format", "format must be \"pinpoint-session\", not " + describe(*format), "is this a Pinpoint session file?");
    }
    SessionHeader h;
    const long long version =
        wholeNumber(required(j, c, "version", "the header", "this reader reads \"version\":1"), c, "version");
    if (version > 1) {
        fail(c, "version", "session file version " + std::to_string(version) + " is newer than this reader, which reads version 1",
             "update Pinpoint to read this session");
    }
    if (version < 1) fail(c, "version", "version must be 1, not " + std::to_string(version));
    h.version = static_cast<int>(version);
    const std::pair<const char*, std::string*> optional[] = {{"scenario", &h.scenarioId},
                                                             {"scenario_sha256", &h.scenarioSha256},
                                                             {"trainee", &h.trainee},
                                                             {"start_time", &h.startTime},
                                                             {"software_version", &h.softwareVersion},
                                                             {"course", &h.courseId}};
    for (const auto& [key, target] : optional)
        if (const json* v = field(j, key)) *target = string(*v, c, key);
    if (!h.scenarioSha256.empty()) {
        bool hex = h.scenarioSha256.size() == 64;
        for (char ch : h.scenarioSha256) hex = hex && ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'));
        if (!hex) fail(c, "scenario_sha256", "scenario_sha256 must be 64 hexadecimal digits", "the SHA-256 of the scenario file");
    }
    if (const json* visit = field(j, "course_visit")) {
        const long long number = wholeNumber(*visit, c, "course_visit");
        if (number < 1 || number > 1000) fail(c, "course_visit", "course_visit must be 1 to 1000, not " + std::to_string(number));
        h.courseVisit = static_cast<int>(number);
    }
    if (const json* demo = field(j, "demo")) {
        if (!demo->is_boolean()) fail(c, "demo", "demo must be true or false, not " + describe(*demo));
        h.demo = demo->get<bool>();
    }
    h.rawLine = std::string(c.text);
    return h;
}

SessionEvent parseEvent(const json& j, const LineContext& c) {
    const json* type = field(j, "type");
    if (!type) fail(c, {}, "the event has no 'type'", "type is tool, pose, decision, step or a newer event type");
    const std::string kind = nonEmptyString(*type, c, "type");
    if (kind == "pose") return readPose(j, c);
    if (kind == "tool") return readTool(j, c);
    if (kind == "decision") return readDecision(j, c);
    if (kind == "step") return readStep(j, c);
    if (kind == "header") fail(c, "type", "a second header", "only the first line is a header");
    OtherEvent e;
    e.t = readTime(j, c, false);
    e.type = kind;
    e.rawLine = std::string(c.text);
    return e;
}

}  // namespace pinpoint::core::session_detail
