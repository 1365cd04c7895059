#include "station/http_retry.h"

#include <algorithm>
#include <chrono>
#include <regex>
#include <thread>

namespace pinpoint::station {

std::optional<HttpTarget> httpTarget(const std::string& url) {
    std::smatch m;
    if (!std::regex_match(url, m, std::regex(R"((https?://[^/?#]+)(/[^?#]*)?)"))) return std::nullopt;
    HttpTarget t{m[1], m[2]};
    while (!t.prefix.empty() && t.prefix.back() == '/') t.prefix.pop_back();
    return t;
}

std::optional<httplib::Response> requestWithRetries(const std::function<httplib::Result()>& call, int retries,
                                                    std::string& problem) {
    double slowedDown = 0.0;  // seconds waited because the server asked (429)
    for (int failures = 0;;) {
        httplib::Result res = call();
        const bool busy = res && (res->status == 429 || res->status == 502 || res->status == 503 || res->status == 504);
        if (res && !busy) return *res;
        problem = res ? "HTTP " + std::to_string(res->status) : httplib::to_string(res.error());
        if (res && res->status == 429) {  // slow down as asked: not a failure, up to a minute in all
            double wait = 1.0;
            try {
                wait = std::clamp(std::stod(res->get_header_value("Retry-After")), 0.05, 10.0);
            } catch (const std::exception&) {
            }
            if ((slowedDown += wait) > 60.0) return std::nullopt;
            std::this_thread::sleep_for(std::chrono::duration<double>(wait));
            continue;
        }
        if (failures >= retries) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min(200 << std::min(failures, 5), 5000)));
        ++failures;
    }
}

}  // namespace pinpoint::station
