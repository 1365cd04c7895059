#include "core/session/session_file.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>

namespace pinpoint::core {

namespace {

// Keys keep the order they are set in, so lines read "t", "type", then the event's fields.
using ojson = nlohmann::ordered_json;

std::string dump(const ojson& j) {
    // nlohmann writes doubles with the shortest digits that read back as the same value.
    return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

ojson vec(const glm::dvec3& v) { return ojson::array({v.x, v.y, v.z}); }

// A line read from a file (`raw`) and the fields this program knows (`fresh`, `dropped`: optional
// keys now absent). When the fields still match the line, the line is written as it was, byte for
// byte; otherwise the known fields are updated in it and the rest (fields from newer recorders) kept.
std::string keepRaw(const std::string& raw, const ojson& fresh, const std::vector<std::string>& dropped = {}) {
    if (raw.empty()) return dump(fresh);
    ojson old = ojson::parse(raw, nullptr, false);
    if (old.is_discarded() || !old.is_object()) return dump(fresh);
    bool same = true;
    for (const auto& [key, value] : fresh.items()) same = same && old.contains(key) && old[key] == value;
    for (const std::string& key : dropped) same = same && !old.contains(key);
    if (same) return raw;
    for (const auto& [key, value] : fresh.items()) old[key] = value;
    for (const std::string& key : dropped) old.erase(key);
    return dump(old);
}

ojson eventStart(double t, const char* type) {
    ojson j = ojson::object();
    j["t"] = t;
    j["type"] = type;
    return j;
}

struct LineWriter {
    std::string operator()(const ToolEvent& e) const {
        ojson j = eventStart(e.t, "tool");
        if (e.tool == ToolKind::Pen) {
            j["tool"] = "pen";
            j["cartridge"] = e.cartridge;
            j["depth_mm"] = e.depthMm;
            j["speed_hz"] = e.speedHz;
        } else {
            j["tool"] = "roller";
            j["needles"] = e.needles;
            if (!e.roller.empty()) j["roller"] = e.roller;
            j["depth_mm"] = e.depthMm;
        }
        return dump(j);
    }
    std::string operator()(const PoseEvent& e) const {
        ojson j = eventStart(e.t, "pose");
        j["p"] = vec(e.p);
        j["contact"] = e.contact;
        if (e.axis) j["axis"] = vec(*e.axis);
        return dump(j);
    }
    std::string operator()(const DecisionEvent& e) const {
        ojson j = eventStart(e.t, "decision");
        j["decision"] = e.decision;
        return keepRaw(e.rawLine, j);
    }
    std::string operator()(const StepEvent& e) const {
        ojson j = eventStart(e.t, "step");
        j["step"] = e.step;
        return dump(j);
    }
    std::string operator()(const OtherEvent& e) const { return keepRaw(e.rawLine, eventStart(e.t, e.type.c_str())); }
};

bool writeLine(std::FILE* file, const std::string& line) {
    return std::fwrite(line.data(), 1, line.size(), file) == line.size() && std::fputc('\n', file) != EOF &&
           std::fflush(file) == 0;
}

}  // namespace

std::string sessionHeaderLine(const SessionHeader& header) {
    ojson j = ojson::object();
    j["type"] = "header";
    j["format"] = "pinpoint-session";
    j["version"] = header.version;
    std::vector<std::string> dropped;
    const std::pair<const char*, const std::string*> optional[] = {{"scenario", &header.scenarioId},
                                                                   {"scenario_sha256", &header.scenarioSha256},
                                                                   {"trainee", &header.trainee},
                                                                   {"start_time", &header.startTime},
                                                                   {"software_version", &header.softwareVersion}};
    for (const auto& [key, value] : optional) {
        if (value->empty()) {
            dropped.push_back(key);
        } else {
            j[key] = *value;
        }
    }
    if (!header.courseId.empty()) j["course"] = header.courseId;
    else dropped.push_back("course");
    if (header.courseVisit > 0) j["course_visit"] = header.courseVisit;
    else dropped.push_back("course_visit");
    if (header.demo) j["demo"] = true;
    else dropped.push_back("demo");
    return keepRaw(header.rawLine, j, dropped);
}

std::string sessionEventLine(const SessionEvent& event) { return std::visit(LineWriter{}, event); }

Result<std::unique_ptr<SessionWriter>> SessionWriter::create(const std::string& path, const SessionHeader& header,
                                                             const SigningKey* key, SigningOptions signing) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path folder = fs::path(path).parent_path();
    if (folder.empty()) folder = ".";
    if (!fs::is_directory(folder, ec)) {
        return Error{path, 0, 0, "cannot create the session file: the folder '" + folder.string() + "' does not exist",
                     "create the folder first, or record to another path"};
    }
    if (fs::exists(fs::symlink_status(path, ec))) {
        return Error{path, 0, 0, "a file of this name exists already, and a recording is never overwritten",
                     "choose another file name"};
    }
    SessionChain chain;
    const std::string line = key ? chain.seal(withoutSeal(sessionHeaderLine(header))) : withoutSeal(sessionHeaderLine(header));
    // "x": create the file, failing if it appeared since the check above.
    std::FILE* file = std::fopen(path.c_str(), "wx");
    if (!file) {
        if (errno == EEXIST) {
            return Error{path, 0, 0, "a file of this name exists already, and a recording is never overwritten",
                         "choose another file name"};
        }
        return Error{path, 0, 0, std::string("cannot create the session file: ") + std::strerror(errno),
                     "check the folder's permissions and free space"};
    }
    if (!writeLine(file, line)) {
        const std::string reason = std::strerror(errno);
        std::fclose(file);
        std::remove(path.c_str());  // ours, just created, and holding no complete line
        return Error{path, 0, 0, "cannot write the session header: " + reason, "check free space on the disk"};
    }
    std::unique_ptr<SessionWriter> writer(new SessionWriter(path, file));
    if (key) writer->key_ = *key;
    writer->chain_ = chain;
    writer->options_ = signing;
    return writer;
}

SessionWriter::~SessionWriter() {
    if (file_) std::fclose(file_);
}

bool SessionWriter::writeSealed(const std::string& line) {
    return writeLine(file_, key_ ? chain_.seal(withoutSeal(line)) : withoutSeal(line));
}

bool SessionWriter::append(const SessionEvent& event) {
    const double t = eventTime(event);
    if (!file_ || !std::isfinite(t) || t < 0.0 || t < lastT_) return false;
    if (const auto* other = std::get_if<OtherEvent>(&event); other && other->type == "signature") return true;
    if (!writeSealed(sessionEventLine(event))) return false;
    lastT_ = t;
    if (key_ && t >= lastSignedT_ + options_.checkpointSeconds) {
        if (!writeLine(file_, chain_.signatureLine(t, *key_, false))) return false;
        lastSignedT_ = t;
    }
    return true;
}

bool SessionWriter::close() {
    if (!file_) return false;
    bool ok = !key_ || writeLine(file_, chain_.signatureLine(lastT_, *key_, true));
    ok = std::fclose(file_) == 0 && ok;
    file_ = nullptr;
    return ok;
}

}  // namespace pinpoint::core
