#include "app/test_hooks.h"

#include <cmath>
#include <cstdio>
#include <iterator>

namespace pinpoint::app {

void TestHooks::screen(const std::string& name) {
    if (!enabled_) return;
    for (auto it = last_.begin(); it != last_.end();) it = it->first.rfind("size ", 0) == 0 ? std::next(it) : last_.erase(it);
    line("screen " + name);
}

void TestHooks::position(const char* kind, const std::string& id, float x, float y) {
    if (!enabled_) return;
    const std::pair<int, int> at(static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y)));
    const std::string key = std::string(kind) + " " + id;
    auto it = last_.find(key);
    if (it != last_.end() && it->second == at) return;
    last_[key] = at;
    line(key + " " + std::to_string(at.first) + " " + std::to_string(at.second));
}

void TestHooks::value(const std::string& name, int v) {
    if (!enabled_) return;
    const auto it = last_.find("value " + name);
    if (it != last_.end() && it->second.first == v) return;
    last_["value " + name] = {v, 0};
    line(name + " " + std::to_string(v));
}

void TestHooks::text(const std::string& name, const std::string& v) {
    if (!enabled_) return;
    auto [it, added] = lastText_.try_emplace(name, v);
    if (!added && it->second == v) return;
    it->second = v;
    line(name + " " + v);
}

void TestHooks::line(const std::string& text) {
    if (!enabled_) return;
    std::printf("%s\n", text.c_str());
    std::fflush(stdout);
}

}  // namespace pinpoint::app
