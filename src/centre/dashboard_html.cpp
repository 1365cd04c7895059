#include "centre/dashboard_html.h"

#include "report/timeline_svg.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace pinpoint::centre::html {

namespace {

constexpr const char* kCss = R"css(
*{box-sizing:border-box}
body{margin:0;background:#eef2f6;color:#0f172a;font:15px/1.45 "DejaVu Sans","Liberation Sans",Arial,sans-serif}
main{max-width:1000px;margin:0 auto;padding:20px 20px 40px;background:#fff;min-height:100vh}
.brand{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#64748b}
h1{font-size:24px;margin:4px 0 14px}
h2{font-size:18px;margin:22px 0 8px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e2e8f0;vertical-align:top}
th{font-size:13px;color:#475569;background:#f8fafc}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
.pass{color:#047857;font-weight:600}.fail{color:#b91c1c;font-weight:600}.muted{color:#64748b}
svg{max-width:100%;height:auto}
.legend span{display:inline-block;margin-right:14px;font-size:13px}
.legend i{display:inline-block;width:14px;height:3px;margin-right:5px;vertical-align:middle}
.tiles{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 14px}
.tile{flex:1 1 150px;border:1px solid #e2e8f0;border-radius:6px;padding:8px 12px;background:#f8fafc}
.tile b{display:block;font-size:22px}.tile span{font-size:13px;color:#475569}
.note{font-size:13px;color:#475569;margin:6px 0}
code{font:13px "DejaVu Sans Mono",monospace;background:#f1f5f9;padding:2px 4px;border-radius:3px;overflow-wrap:anywhere}
nav.top{display:flex;flex-wrap:wrap;align-items:center;gap:6px 16px;margin:-20px -20px 14px;padding:10px 20px;background:#0f172a}
nav.top a{color:#e2e8f0;text-decoration:none;font-size:14px}nav.top a:hover{text-decoration:underline}
nav.top .who{margin-left:auto;color:#94a3b8;font-size:13px}
nav.top form{margin:0}nav.top button{background:none;border:1px solid #64748b;color:#e2e8f0;padding:3px 10px;font-size:13px}
form.box{border:1px solid #e2e8f0;border-radius:6px;padding:12px 14px;background:#f8fafc;margin:10px 0;max-width:520px}
form.inline{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:0}
label{display:block;font-size:13px;color:#475569;margin:8px 0 3px}
input[type=text],input[type=password],select{font:inherit;padding:6px 8px;border:1px solid #cbd5e1;border-radius:4px;max-width:100%}
input[type=text],input[type=password]{width:100%}
button{font:inherit;padding:6px 14px;border:1px solid #1d4ed8;border-radius:4px;background:#2563eb;color:#fff;cursor:pointer}
.error{color:#b91c1c;font-weight:600}
ul.links{padding-left:20px}ul.links li{margin:3px 0}
@media (max-width:640px){main{padding:12px}th,td{padding:6px}nav.top{margin:-12px -12px 12px;padding:8px 12px}}
)css";

}  // namespace

std::string escape(std::string_view text) { return report::escapeHtml(text); }

std::string percentEncoded(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string page(const std::string& title, const std::string& body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" +
           escape(title) + "</title><style>" + kCss + "</style></head><body><main><div class=\"brand\">Pinpoint centre</div><h1>" +
           escape(title) + "</h1>" + body + "</main></body></html>\n";
}

std::string framed(const std::string& page, const std::string& top, const std::string& bottom) {
    std::string out = page;
    if (const std::size_t end = out.rfind("</main>"); end != std::string::npos) out.insert(end, bottom);
    if (const std::size_t start = out.find("<main>"); start != std::string::npos) out.insert(start + 6, top);
    return out;
}

std::string number(double v, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

namespace {
std::string formatUtc(UnixMillis ms, const char* format) {
    const std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[40];
    std::strftime(text, sizeof text, format, &utc);
    return text;
}
}  // namespace

std::string date(UnixMillis ms) { return formatUtc(ms, "%Y-%m-%d"); }
std::string dateTime(UnixMillis ms) { return formatUtc(ms, "%Y-%m-%d %H:%M:%S UTC"); }

std::array<int, 10> scoreBins(const std::vector<double>& scores) {
    std::array<int, 10> bins{};
    for (const double s : scores) {
        if (!std::isfinite(s)) continue;
        const int bin = std::clamp(static_cast<int>(std::floor(std::clamp(s, 0.0, 100.0) / 10.0)), 0, 9);
        ++bins[static_cast<std::size_t>(bin)];
    }
    return bins;
}

std::string histogramSvg(const std::vector<HistogramSeries>& series, const std::string& ariaLabel,
                         std::optional<double> mark, const std::string& markLabel, int width) {
    const int height = 240, left = 40, right = 16, top = 22, bottom = 30;
    const double plotW = width - left - right, plotH = height - top - bottom;
    int most = 1;
    for (const HistogramSeries& s : series)
        for (const int n : s.bins) most = std::max(most, n);
    // A whole-number axis: at most five steps.
    const int step = std::max(1, static_cast<int>(std::ceil(most / 5.0)));
    const int axisTop = step * static_cast<int>(std::ceil(static_cast<double>(most) / step));
    const auto x = [&](double score) { return left + plotW * std::clamp(score, 0.0, 100.0) / 100.0; };
    const auto y = [&](double count) { return top + plotH * (1.0 - count / axisTop); };
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "\" role=\"img\" aria-label=\"" + escape(ariaLabel) + "\">";
    for (int v = 0; v <= axisTop; v += step)
        svg += "<line x1=\"" + number(left, 0) + "\" x2=\"" + number(width - right, 0) + "\" y1=\"" + number(y(v)) + "\" y2=\"" +
               number(y(v)) + "\" stroke=\"#e2e8f0\"/><text x=\"" + number(left - 6, 0) + "\" y=\"" + number(y(v) + 4) +
               "\" font-size=\"11\" text-anchor=\"end\" fill=\"#64748b\">" + std::to_string(v) + "</text>";
    for (int b = 0; b <= 10; ++b)
        svg += "<text x=\"" + number(x(b * 10.0)) + "\" y=\"" + number(height - 10.0) +
               "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#64748b\">" + std::to_string(b * 10) + "</text>";
    const double binW = plotW / 10.0, gap = 3.0;
    const double barW = binW - 2 * gap;
    // Two series overlap in each bin, see-through, so each bar spans its true 10 points.
    const std::string opacity = series.size() > 1 ? "\" fill-opacity=\"0.55\" stroke=\"" : "";
    for (std::size_t k = 0; k < series.size(); ++k)
        for (int b = 0; b < 10; ++b) {
            const int n = series[k].bins[static_cast<std::size_t>(b)];
            if (n == 0) continue;
            svg += "<rect class=\"bar\" data-bin=\"" + std::to_string(b * 10) + "\" data-count=\"" + std::to_string(n) +
                   "\" x=\"" + number(x(b * 10.0) + gap) + "\" y=\"" + number(y(n)) +
                   "\" width=\"" + number(barW) + "\" height=\"" + number(y(0) - y(n)) + "\" fill=\"" + escape(series[k].colour) +
                   (opacity.empty() ? "" : opacity + escape(series[k].colour)) + "\"><title>" + escape(series[k].label) + ": " + std::to_string(n) + " scored " + std::to_string(b * 10) +
                   (b == 9 ? "-100" : "-" + std::to_string(b * 10 + 9)) + "</title></rect>";
        }
    svg += "<line x1=\"" + number(left, 0) + "\" x2=\"" + number(width - right, 0) + "\" y1=\"" + number(y(0)) + "\" y2=\"" +
           number(y(0)) + "\" stroke=\"#94a3b8\"/>";
    if (mark && std::isfinite(*mark)) {
        const double mx = x(*mark);
        svg += "<line class=\"mark\" x1=\"" + number(mx) + "\" x2=\"" + number(mx) + "\" y1=\"" + number(top - 6.0) + "\" y2=\"" +
               number(y(0)) + "\" stroke=\"#b91c1c\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/><text x=\"" +
               number(std::min(mx + 4, width - right - 2.0)) + "\" y=\"" + number(top - 8.0) + "\" font-size=\"12\" fill=\"#b91c1c\"" +
               (mx > width - 140 ? " text-anchor=\"end\"" : "") + ">" + escape(markLabel) + "</text>";
    }
    return svg + "</svg>";
}

std::string witnessingWords(Witnessing kind) {
    switch (kind) {
        case Witnessing::Live: return "<span class=\"pass\">live</span>";
        case Witnessing::PartlyLive: return "partly live";
        case Witnessing::Afterwards: return "<span class=\"muted\">uploaded afterwards</span>";
        case Witnessing::CannotTell: return "<span class=\"muted\">cannot tell</span>";
        case Witnessing::NotWitnessed: break;
    }
    return "<span class=\"muted\">not witnessed</span>";
}

std::string traineeName(const std::string& login, const Person* person) {
    if (login.empty()) return "(unnamed trainee)";
    return person && !person->displayName.empty() ? person->displayName : login;
}

std::string traineeName(const std::string& login, const std::vector<Person>& people) {
    const auto it = std::find_if(people.begin(), people.end(), [&](const Person& p) { return p.login == login; });
    return traineeName(login, it == people.end() ? nullptr : &*it);
}

std::string personName(Id id, const std::vector<Person>& people) {
    for (const Person& p : people)
        if (p.id == id) return p.displayName.empty() ? p.login : p.displayName;
    return "#" + std::to_string(id);
}

}  // namespace pinpoint::centre::html
