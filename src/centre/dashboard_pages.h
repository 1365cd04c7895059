#pragma once
// More of the centre's dashboard pages (docs/centre.md), pure functions from what the store holds to
// self-contained HTML with inline SVG (no scripts): a scenario's statistics, the assessor's queue, the
// assessment quality page (agreement between assessors and the contrasting-groups pass mark) and one
// session's page. The server decides who may see which (people.h) and fetches the records.
#include "centre/dashboard.h"
#include "core/review/agreement.h"
#include "core/review/pass_mark.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace pinpoint::centre {

// ---- A scenario's statistics -------------------------------------------------------------------

struct ErrorCount {
    std::string code;
    int sessions = 0;    // scored sessions with this critical error at least once
    double share = 0.0;  // of the scored sessions, 0-1
};

struct ScenarioStats {
    int sessions = 0;                // recorded, scored or not
    int scored = 0;
    int trainees = 0;                // distinct trainees ("" counts as one unnamed trainee)
    int passed = 0;                  // of the scored
    double passRate = 0.0;           // passed / scored, 0-1 (0 when none scored)
    std::array<int, 10> bins{};      // scored sessions by score: [0,10), [10,20), ... [90,100]
    std::vector<ErrorCount> errors;  // most sessions first, then by code
};

ScenarioStats scenarioStats(const std::vector<SessionSummary>& sessions);
// `passMark`: the scenario's pass mark when known, drawn over the histogram.
std::string scenarioPage(const std::string& scenario, const std::vector<SessionSummary>& sessions,
                         std::optional<double> passMark);

// ---- The assessor's queue ----------------------------------------------------------------------

struct QueueInput {  // one session with what the store holds about its review
    SessionSummary session;
    std::vector<Id> assigned;             // assessorsOf
    std::vector<ReviewRecord> reviews;    // reviews
};

struct QueueRow {
    SessionSummary session;
    int needed = 1;                          // 2 for a certification session (certifiable), else 1
    int reviewsIn = 0;                       // distinct assessors who have reviewed it
    std::vector<std::string> assigned;       // display names (login when none; "#id" when unknown)
    std::vector<std::string> awaiting;       // assigned assessors who have not reviewed it yet
    int unassignedSlots = 0;                 // reviews still needed beyond the assessors assigned
};

// The sessions still needing a review (fewer distinct assessors' reviews than `needed`), oldest
// first. With `forAssessor`: only those assigned to that person and not yet reviewed by them.
std::vector<QueueRow> reviewQueue(const std::vector<QueueInput>& sessions, const std::vector<Person>& people,
                                  std::optional<Id> forAssessor = std::nullopt);
// `forAssessor`: the person whose queue it is ("Your queue"), or nullopt for every session awaiting review.
std::string queuePage(const std::vector<QueueRow>& rows, const std::optional<Person>& forAssessor);

// ---- Assessment quality ------------------------------------------------------------------------

struct ReviewedSession {  // a session and its reviews
    Id session = 0;
    std::vector<ReviewRecord> reviews;
};

struct ItemAgreement {
    std::string item;      // the rating item's id
    core::IccResult icc;   // computed by core::iccAbsoluteAgreement
};

struct MarkedScore {  // a scored session an instructor marked expert or novice
    double score = 0.0;
    Mark mark = Mark::Novice;
};

// Two assessors who reviewed some of the same sessions, compared as a fixed pair.
struct PairAgreement {
    Id first = 0, second = 0;          // the assessors (people), first < second
    int sessions = 0;                  // sessions both reviewed
    std::vector<ItemAgreement> items;  // ICC(2,1) of the two, per rating item
    core::KappaResult signOff;         // their pass/fail, Cohen's kappa
};
inline constexpr int kPairSessionsShown = 5;  // fewer shared sessions than this: the pair is not listed

struct AssessmentQuality {
    int sessions = 0;                     // given
    int withTwoReviews = 0;               // reviewed by two or more assessors: the agreement is made from these
    int leftOut = 0;                      // fewer than two assessors' reviews: left out of the agreement
    int unreadableRatings = 0;            // reviews whose ratings JSON could not be read (counted as unrated)
    // Every compared session was reviewed by the same assessors (`panel`): per item ICC(2,1) with a
    // column per assessor, and kappa between the two when there are two. Otherwise the assessors change
    // between sessions: per item ICC(1,1) and kappa over each session's first two reviews, which measure
    // how far any two assessors of the centre agree; `pairs` then compares each pair that shared enough sessions.
    bool samePanel = true;
    std::vector<Id> panel;                // with samePanel: the assessors, by id
    std::vector<ItemAgreement> items;     // by item id
    core::KappaResult signOff;            // pass/fail: the panel's two, or each session's first two reviewers
    std::vector<PairAgreement> pairs;     // when not a panel of two: pairs with kPairSessionsShown or more sessions, most first
    std::vector<double> expertScores, noviceScores;
    core::ContrastingGroups groups;       // computed by core::contrastingGroupsPassMark
};

// Ratings JSON: an object of item -> score ({"asepsis": 4}) or a review file's {"ratings": [{"item":
// ..., "score": ...}]}. Each assessor's newest review of a session counts; "first" and "second" review
// go by the time each assessor first reviewed it.
AssessmentQuality assessmentQuality(const std::vector<ReviewedSession>& sessions, const std::vector<MarkedScore>& marked);
// `people`: to name the assessors of the pairs ("#id" for one not given).
std::string assessmentPage(const std::string& title, const AssessmentQuality& quality, const std::vector<Person>& people = {});

// Plain-language bands, cited in docs/centre.md: Koo & Li (2016) for an ICC, Landis & Koch (1977) for kappa.
const char* iccBand(double icc);      // "poor", "moderate", "good", "excellent"
const char* kappaBand(double kappa);  // "less than chance", "slight", "fair", "moderate", "substantial", "almost perfect"

// ---- One session -------------------------------------------------------------------------------

struct SessionPageInput {
    SessionRecord session;
    std::optional<ScoreReportRecord> latest;  // its newest score report
    std::vector<Receipt> receipts;
    std::vector<ReviewRecord> reviews;
    std::vector<Person> people;               // to name the assessors
    std::string centreUrl;                    // the centre's base URL, for the review link ("" when not known)
};

// pinpoint://review/KEY?centre=URL (key and URL percent-encoded; no query when `centreUrl` is empty):
// `pinpoint review` opens it, fetching the session from the centre at URL.
std::string reviewLink(const std::string& sessionKey, const std::string& centreUrl);
std::string sessionPage(const SessionPageInput& input);

}  // namespace pinpoint::centre
