#include "core/session/warning_tracker.h"

namespace pinpoint::core {

std::vector<SessionEvent> WarningTracker::update(double t, const std::vector<TreatmentWarning>& showing) {
    for (const TreatmentWarning& w : showing)
        if (auto it = open_.find({w.kind, w.zone}); it != open_.end()) it->second.lastSeen = t;
    std::vector<SessionEvent> events = close(t, false);
    for (const TreatmentWarning& w : showing)
        if (open_.emplace(Key{w.kind, w.zone}, Open{t, t}).second) events.push_back(warningEvent(t, w));
    return events;
}

std::vector<SessionEvent> WarningTracker::finish(double t) { return close(t, true); }

std::vector<SessionEvent> WarningTracker::close(double t, bool all) {
    std::vector<SessionEvent> events;
    for (auto it = open_.begin(); it != open_.end();) {
        const Open& o = it->second;
        if (all || (o.lastSeen < t && t - o.lastSeen >= clearSeconds_)) {
            events.push_back(warningEndEvent(t, it->first.first, it->first.second, o.lastSeen - o.since));
            it = open_.erase(it);
        } else {
            ++it;
        }
    }
    return events;
}

}  // namespace pinpoint::core
