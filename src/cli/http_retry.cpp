#include "cli/http_retry.h"

#include <algorithm>
#include <chrono>
#include <regex>
#include <thread>

namespace pinpoint::cli {

std::optional<HttpTarget> httpTarget(const std::string& url) {
    std::smatch m;
    if (!std::regex_match(url, m, std::regex(R"((https?://[^/?#]+)(/[^?#]*)?)"))) return std::nullopt;
    HttpTarget t{m[1], m[2]};
    while (!t.prefix.empty() && t.prefix.back() == '/') t.prefix.pop_back();
    return t;
}

std::optional<httplib::Response> requestWithRetries(const std::function<httplib::Result()>& call, int retries,
                                                    std::string& problem) {
    for (int attempt = 0;; ++attempt) {
        httplib::Result res = call();
        const bool busy = res && (res->status == 429 || res->status == 502 || res->status == 503 || res->status == 504);
        if (res && !busy) return *res;
        problem = res ? "HTTP " + std::to_string(res->status) : httplib::to_string(res.error());
        if (attempt >= retries) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(std::min(200 << std::min(attempt, 5), 5000)));
    }
}

}  // namespace pinpoint::cli
