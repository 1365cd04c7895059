#include "centre/sign_in_throttle.h"

#include <algorithm>

namespace pinpoint::centre {

namespace {

std::chrono::seconds wholeSeconds(SignInThrottle::Clock::duration d) {
    return std::chrono::ceil<std::chrono::seconds>(std::max(d, SignInThrottle::Clock::duration::zero()));
}

}  // namespace

std::chrono::seconds SignInThrottle::delay(int failures, int free) const {
    if (failures < free) return std::chrono::seconds(0);
    const int doublings = std::min(failures - free, 20);
    const auto d = rules_.firstDelay * (1LL << doublings);
    return std::min<std::chrono::seconds>(d, rules_.maxDelay);
}

void SignInThrottle::forgetQuiet(std::unordered_map<std::string, Entry>& table, Clock::time_point now) {
    for (auto it = table.begin(); it != table.end();)
        it = now - it->second.last >= rules_.forgetAfter ? table.erase(it) : std::next(it);
    if (table.size() < rules_.maxEntries) return;
    // Still full of recent entries: drop the oldest half (a flood of made-up keys cannot grow the table).
    std::vector<std::pair<Clock::time_point, std::string>> byAge;
    for (const auto& [key, e] : table) byAge.emplace_back(e.last, key);
    std::sort(byAge.begin(), byAge.end());
    for (std::size_t i = 0; i < byAge.size() / 2; ++i) table.erase(byAge[i].second);
}

SignInThrottle::Entry& SignInThrottle::entry(std::unordered_map<std::string, Entry>& table, const std::string& key,
                                             Clock::time_point now) {
    auto it = table.find(key);
    if (it != table.end() && now - it->second.last >= rules_.forgetAfter) {
        table.erase(it);
        it = table.end();
    }
    if (it == table.end()) {
        if (table.size() >= rules_.maxEntries) forgetQuiet(table, now);
        it = table.emplace(key, Entry{0, now, now, {}}).first;
    }
    return it->second;
}

bool SignInThrottle::failingLately(const std::unordered_map<std::string, Entry>& table, const std::string& key,
                                   Clock::time_point now) const {
    const auto it = table.find(key);
    return it != table.end() && it->second.failures > 0 && now - it->second.last < rules_.forgetAfter;
}

SignInThrottle::Reservation SignInThrottle::reserve(const std::string& login, const std::string& address, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    Reservation r;
    r.login = login;
    r.address = address;
    const bool addressFailing = failingLately(addresses_, address, now);
    Entry& byAddress = entry(addresses_, address, now);
    Entry& byLogin = entry(logins_, login, now);
    Clock::time_point wait = byAddress.nextAllowed;
    if (addressFailing) wait = std::max(wait, byLogin.nextAllowed);
    if (now < wait) {
        r.retryAfter = wholeSeconds(wait - now);
        return r;
    }
    r.allowed = true;
    for (auto [e, free] : {std::pair{&byAddress, rules_.freeAddressFailures}, std::pair{&byLogin, rules_.freeFailures}}) {
        e->failures += 1;
        e->last = now;
        e->nextAllowed = now + delay(e->failures, free);
    }
    if (byLogin.addresses.size() < 1000 || byLogin.addresses.count(address)) byLogin.addresses[address] += 1;
    return r;
}

void SignInThrottle::giveBack(const Reservation& r) {
    if (!r.allowed) return;
    std::lock_guard lock(mutex_);
    for (auto [table, key, free] : {std::tuple{&addresses_, &r.address, rules_.freeAddressFailures},
                                    std::tuple{&logins_, &r.login, rules_.freeFailures}}) {
        const auto it = table->find(*key);
        if (it == table->end() || it->second.failures == 0) continue;
        Entry& e = it->second;
        e.failures -= 1;
        e.nextAllowed = e.last + delay(e.failures, free);
        if (table == &logins_) {
            const auto a = e.addresses.find(r.address);
            if (a != e.addresses.end() && --a->second == 0) e.addresses.erase(a);
        }
    }
}

std::vector<SignInThrottle::Guessed> SignInThrottle::beingGuessed(Clock::time_point now) const {
    std::lock_guard lock(mutex_);
    std::vector<Guessed> out;
    for (const auto& [login, e] : logins_)
        if (e.failures >= rules_.freeFailures && now - e.last < rules_.forgetAfter)
            out.push_back({login, e.failures, e.addresses.size(), wholeSeconds(now - e.last), wholeSeconds(e.nextAllowed - now)});
    std::sort(out.begin(), out.end(), [](const Guessed& a, const Guessed& b) {
        return a.failures != b.failures ? a.failures > b.failures : a.login < b.login;
    });
    return out;
}

}  // namespace pinpoint::centre
