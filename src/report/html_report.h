#pragma once
// The assessor's report on one session: one self-contained HTML page (pictures embedded as PNG data,
// the timeline as inline SVG, no scripts, nothing fetched) that reads well on screen and on paper.
#include "core/review/review_file.h"
#include "core/review/session_timeline.h"
#include "core/scoring/evidence.h"
#include "core/scoring/scenario.h"
#include "core/scoring/scoring_engine.h"
#include "core/session/session.h"
#include "core/session/session_signing.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::report {

struct ReportPicture {
    std::string caption;              // "Front", "Patient's left", ...
    std::vector<std::uint8_t> png;    // empty: not rendered (the page says so)
};

struct ReportInput {
    std::string sessionFile;
    std::string sessionSha256;
    const core::Session* session = nullptr;
    core::SignatureCheck signature;
    const core::Scenario* scenario = nullptr;
    const core::ScoreResult* score = nullptr;
    std::optional<core::Evidence> evidence;   // what the recording is worth as proof (shown beside the result)
    std::string rubricId, rubricVersion;
    const core::AftercareRules* aftercare = nullptr;  // the rubric's advice list, for the advice's words
    core::SessionTimeline timeline;
    std::optional<core::Review> review;
    const core::RatingScale* ratings = nullptr;  // the items the review is rated on (required with a review)
    std::string reviewFile;
    std::vector<std::string> reviewWarnings;  // e.g. written for another version of the session
    std::vector<ReportPicture> pictures;
    std::string picturesNote;                 // why pictures are missing, when they are
    // The pictures' colours (from render/density_colours.h, handed over as data): positions on the
    // landmark scale (0-1 below target, 1-2 target to maximum, 2-3 over-treated) and sRGB colours
    // "#rrggbb"; two stops at one position make an edge. Empty: no legend.
    std::vector<std::pair<double, std::string>> densityColours;
    double densityTargetPerCm2 = 1000.0;      // the landmarks' numbers (core::heatmapScale)
    double densityMaxPerCm2 = 4000.0;
    bool zonesOwnTargets = false;             // some zones are coloured by targets of their own
    std::string generatedAt;                  // ISO 8601
    std::string softwareVersion;
};

std::string reportHtml(const ReportInput& input);

std::string base64(const std::vector<std::uint8_t>& bytes);

}  // namespace pinpoint::report
