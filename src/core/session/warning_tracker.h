#pragma once
// From the warnings showing frame by frame to the events a recorder writes: a `warning` when one
// comes on, a `warning_end` when it has gone. A warning is known by its kind and zone. One that
// stays on is one event however many frames it shows; one that goes off for less than
// `clearSeconds` (a flicker at a threshold) is still the same warning; one that comes back after
// that is a new event. Times are the caller's (the core reads no clock).
#include "core/session/treatment_warnings.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace pinpoint::core {

class WarningTracker {
public:
    explicit WarningTracker(double clearSeconds = 0.5) : clearSeconds_(clearSeconds) {}

    // The warnings showing at time t (t never decreases). Returns the events to record, in order:
    // the ends of warnings gone for `clearSeconds`, then the onsets of new ones, all at t.
    std::vector<SessionEvent> update(double t, const std::vector<TreatmentWarning>& showing);
    // The session ends at t: an end for every warning still open.
    std::vector<SessionEvent> finish(double t);
    std::size_t open() const { return open_.size(); }

private:
    struct Open {
        double since = 0.0;     // when it came on
        double lastSeen = 0.0;  // the last time it was showing
    };
    using Key = std::pair<WarningKind, std::string>;  // kind, zone

    std::vector<SessionEvent> close(double t, bool all);

    double clearSeconds_;
    std::map<Key, Open> open_;
};

}  // namespace pinpoint::core
