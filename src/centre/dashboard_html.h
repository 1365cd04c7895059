#pragma once
// What the dashboard pages share (internal to src/centre): the page wrapper with its style sheet,
// number and date formatting, and the score histogram. Not part of the centre's interface.
#include "centre/live_witness.h"
#include "centre/store.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::centre::html {

std::string escape(std::string_view text);  // report::escapeHtml: & < > " '
// RFC 3986 percent-encoding of all but the unreserved characters: one path segment or query value.
std::string percentEncoded(std::string_view text);
// A whole page: doctype, the shared style sheet, the heading `title` (escaped) and `body` (as given).
std::string page(const std::string& title, const std::string& body);
// A page with `top` (the server's navigation bar) first in its <main> and `bottom` (its forms) last.
std::string framed(const std::string& page, const std::string& top, const std::string& bottom);
std::string number(double v, int decimals = 1);
std::string date(UnixMillis ms);      // 2026-12-01 (UTC)
std::string dateTime(UnixMillis ms);  // 2026-12-01 14:05:09 UTC
// A person by id: their display name, else their login, else "#id" (not escaped).
std::string personName(Id id, const std::vector<Person>& people);
// A session's trainee as every page shows them: the name of the person with that login, else the login;
// "(unnamed trainee)" when the session names nobody.
std::string traineeName(const std::string& login, const std::vector<Person>& people);
std::string traineeName(const std::string& login, const Person* person);  // `person`: theirs, or null when unknown
// How a session was witnessed, in a word or two for a list: "live", "partly live", "afterwards" ...
std::string witnessingWords(Witnessing kind);

// Scores 0-100 counted in ten 10-point bins: [0,10), [10,20), ... [90,100] (100 falls in the last).
// Scores outside 0-100 are clamped; a score that is not a finite number is not counted.
std::array<int, 10> scoreBins(const std::vector<double>& scores);

struct HistogramSeries {
    std::string label;   // for the legend and the bars' tooltips (escaped)
    std::string colour;  // a CSS colour
    std::array<int, 10> bins{};
};

// Bars of 10-point bins, one series or two overlaid (see-through) in each bin, with an optional dashed
// vertical line at `mark` (its label, escaped, above it).
std::string histogramSvg(const std::vector<HistogramSeries>& series, const std::string& ariaLabel,
                         std::optional<double> mark = std::nullopt, const std::string& markLabel = "", int width = 720);

}  // namespace pinpoint::centre::html
