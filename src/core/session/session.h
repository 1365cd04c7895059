#pragma once
// A recorded session (*.pps): JSON Lines, one event per line, append-only (docs/session-format.md;
// the contract is in ../shared/docs/design.md). Punctures are never stored: they are re-derived from
// the poses and tool settings.
#include <glm/vec3.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pinpoint::core {

struct SessionHeader {
    int version = 1;
    std::string scenarioId;       // optional fields: empty when absent
    std::string scenarioSha256;
    std::string trainee;
    std::string startTime;        // ISO 8601 as written by the recorder
    std::string softwareVersion;
    bool demo = false;            // "demo":true: written by `pinpoint demo`, never a trainee's recording
    std::string courseId;         // the patient's course this session belongs to (the scenario's [course] id)
    int courseVisit = 0;          // its visit number in the course, from 1; 0: absent
    std::string rawLine;          // the header line as read (kept for re-writing and hashing)
};

enum class ToolKind { Pen, Roller };

// The settings in force from `t` on.
struct ToolEvent {
    double t = 0.0;
    ToolKind tool = ToolKind::Pen;
    std::string cartridge;     // pen: cartridge id
    double depthMm = 0.0;
    double speedHz = 0.0;      // pen: strokes per second
    int needles = 0;           // roller: needle count, which identifies the roller
    std::string roller;        // roller: optional id
};

struct PoseEvent {
    double t = 0.0;
    glm::dvec3 p{0.0};                // tool tip, model space mm
    bool contact = false;
    std::optional<glm::dvec3> axis;   // direction the needles point (into the skin), unit
};

struct DecisionEvent {
    double t = 0.0;
    std::string decision;  // proceed | proceed_modified | defer | decline
    std::string rawLine;   // keeps further fields (reasons, modifications) for later readers
};

struct StepEvent {
    double t = 0.0;
    std::string step;  // cleanse, numbing_applied, numbing_removed, disinfect, post_care_given, ...
};

// A type this reader does not know: kept, ignored by scoring.
struct OtherEvent {
    double t = 0.0;
    std::string type;
    std::string rawLine;
};

using SessionEvent = std::variant<ToolEvent, PoseEvent, DecisionEvent, StepEvent, OtherEvent>;

struct SessionWarning {
    int line = 0;
    std::string message;
};

struct Session {
    std::string file;
    SessionHeader header;
    std::vector<SessionEvent> events;   // in file order (t non-decreasing)
    std::vector<int> eventLines;        // the 1-based line of each event
    std::vector<SessionWarning> warnings;  // e.g. a last line cut off mid-way and dropped
};

double eventTime(const SessionEvent& e);

}  // namespace pinpoint::core
