#pragma once
// The report's stylesheet: plain, print-friendly, no web fonts (the page must be self-contained).
#include <string_view>

namespace pinpoint::report {

inline constexpr std::string_view kReportCss = R"css(
*{box-sizing:border-box}
body{margin:0;background:#eef2f6;color:#0f172a;font:15px/1.45 "DejaVu Sans","Liberation Sans",Arial,sans-serif}
main{max-width:1000px;margin:0 auto;padding:24px 28px 40px;background:#fff;min-height:100vh}
header .brand{font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#64748b}
h1{font-size:26px;margin:4px 0 14px}
h2{font-size:18px;margin:26px 0 8px;padding-bottom:4px;border-bottom:2px solid #e2e8f0}
h3{font-size:15px;margin:16px 0 6px}
code{font-size:12px;word-break:break-all}
.muted{color:#64748b}.small{font-size:12px;margin-top:4px}
.ok{color:#047857;font-weight:600}.bad{color:#b91c1c;font-weight:600}
.integrity{padding:10px 14px;border-radius:6px;margin-bottom:14px;font-size:14px}
.integrity.good{background:#ecfdf5;border:1px solid #6ee7b7}
.integrity.bad{background:#fef2f2;border:2px solid #f87171}
.summary{display:flex;gap:14px;margin-bottom:14px}
.verdict{flex:1;padding:12px 16px;border-radius:8px;border:2px solid}
.verdict .label{font-size:12px;text-transform:uppercase;letter-spacing:.06em;opacity:.8}
.verdict .big{font-size:30px;font-weight:700;line-height:1.2}
.verdict.pass{background:#ecfdf5;border-color:#10b981;color:#065f46}
.verdict.fail{background:#fef2f2;border-color:#ef4444;color:#991b1b}
.verdict .reasons{margin:6px 0 0;padding-left:18px}
.verdict.pending{background:#f8fafc;border-color:#94a3b8;color:#334155}
table{border-collapse:collapse;width:100%}
.facts td{padding:3px 8px 3px 0;vertical-align:top}.facts td:first-child{width:130px;color:#64748b}
.grid th,.grid td{border-bottom:1px solid #e2e8f0;padding:5px 8px;text-align:left;vertical-align:top}
.grid th{background:#f8fafc;font-size:13px;color:#334155}
.zones td:nth-child(n+3){text-align:right;white-space:nowrap}.zones th:nth-child(n+3){text-align:right}
.zones tr.unplanned{background:#fff7ed}
.components td:nth-child(2){width:70px;text-align:right;font-weight:600}.components td:first-child{width:200px}
.bar{height:10px;background:#e2e8f0;border-radius:5px;overflow:hidden;min-width:200px}
.bar div{height:100%;background:#0ea5e9}
.deductions{margin:6px 0;padding-left:20px;font-size:14px}
details summary{cursor:pointer;color:#334155;margin-top:8px}
.pictures{display:flex;gap:10px}
figure{flex:1;margin:0;text-align:center}
figure img{width:100%;border:1px solid #e2e8f0;border-radius:6px}
figcaption{font-size:13px;color:#334155}
.missing{height:200px;display:flex;align-items:center;justify-content:center;background:#f1f5f9;color:#64748b}
.legend{margin:10px 40px 0;font-size:12px;color:#334155}
.legend svg{width:100%;height:auto;display:block}
svg.timeline{width:100%;height:auto;margin-top:6px}
.ratings td:nth-child(2){white-space:nowrap;width:140px}
.ratings .anchor{font-size:12px;color:#475569}
.score{font-weight:700;font-size:16px;margin-right:4px}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;background:#e2e8f0;margin-right:2px}
.dot.on{background:#0f766e}
.events td:first-child,.comments td:first-child{width:60px;font-variant-numeric:tabular-nums}
footer{margin-top:30px;padding-top:10px;border-top:1px solid #e2e8f0;font-size:11px;color:#64748b}
@media print{body{background:#fff}main{padding:0}section{break-inside:avoid}details>*{display:block}}
)css";

}  // namespace pinpoint::report
