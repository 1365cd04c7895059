#pragma once
// A per-token rate limit for the centre (a token bucket): each token may make `burst` requests at
// once and `perSecond` after that. Thread-safe. The table is bounded: when it is full, buckets that
// have refilled (idle tokens) are dropped; if none has, a new token is refused for now, so made-up
// tokens can neither grow the table without end nor reset a busy token's bucket.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pinpoint::centre {

class RateLimit {
public:
    using Clock = std::chrono::steady_clock;
    RateLimit(double perSecond, double burst, std::size_t maxTokens = 10000)
        : perSecond_(perSecond), burst_(burst), maxTokens_(maxTokens) {}

    // True when `token` may make a request now (and counts it).
    bool allow(const std::string& token, Clock::time_point now = Clock::now()) {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = buckets_.find(token);
        if (it == buckets_.end()) {
            if (buckets_.size() >= maxTokens_) forgetIdle(now);
            // Full of busy tokens (a flood of made-up ones): a newcomer waits rather than anyone's
            // bucket being reset, until some bucket has refilled (burst / perSecond seconds).
            if (buckets_.size() >= maxTokens_) return false;
            it = buckets_.emplace(token, Bucket{burst_, now}).first;
        }
        Bucket& b = it->second;
        b.tokens = std::min(burst_, b.tokens + seconds(now - b.last) * perSecond_);
        b.last = now;
        if (b.tokens < 1.0) return false;
        b.tokens -= 1.0;
        return true;
    }

    // True when `token` has used up its requests for now; counts nothing (for limiting only failures:
    // ask first, then allow() when the request failed).
    bool spent(const std::string& token, Clock::time_point now = Clock::now()) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto it = buckets_.find(token);
        if (it == buckets_.end()) return buckets_.size() >= maxTokens_ && !anyIdle(now);
        return std::min(burst_, it->second.tokens + seconds(now - it->second.last) * perSecond_) < 1.0;
    }

private:
    struct Bucket {
        double tokens;
        Clock::time_point last;
    };
    static double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }
    void forgetIdle(Clock::time_point now) {
        for (auto it = buckets_.begin(); it != buckets_.end();)
            it = it->second.tokens + seconds(now - it->second.last) * perSecond_ >= burst_ ? buckets_.erase(it) : std::next(it);
    }
    bool anyIdle(Clock::time_point now) const {
        for (const auto& [token, b] : buckets_)
            if (b.tokens + seconds(now - b.last) * perSecond_ >= burst_) return true;
        return false;
    }
    double perSecond_;
    double burst_;
    std::size_t maxTokens_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace pinpoint::centre
