#include "core/sim/demo_check.h"

#include <algorithm>

namespace pinpoint::core {

int liftWhereNeedlesGoWrong(Session& session, const TreatmentSurface& surface, const ToolCatalogue& tools,
                            const std::function<bool(const Puncture&)>& wrong, int maxRounds) {
    // The touching poses, by time, to find the ones around a stroke.
    std::vector<std::size_t> poses;
    for (std::size_t i = 0; i < session.events.size(); ++i)
        if (std::holds_alternative<PoseEvent>(session.events[i])) poses.push_back(i);
    auto pose = [&](std::size_t k) -> PoseEvent& { return std::get<PoseEvent>(session.events[poses[k]]); };

    for (int round = 1; round <= maxRounds; ++round) {
        const SimulationOutput out = simulateSession(surface, tools, session);
        std::vector<double> badTimes;
        for (const Puncture& p : out.punctures)
            if (wrong(p) && (badTimes.empty() || badTimes.back() != p.t)) badTimes.push_back(p.t);
        if (badTimes.empty()) return round;
        for (double t : badTimes) {
            // The segment [pose k, pose k+1) holding the stroke: lift at both ends.
            std::size_t lo = 0, hi = poses.size();
            while (hi - lo > 1) {
                const std::size_t mid = (lo + hi) / 2;
                (pose(mid).t <= t ? lo : hi) = mid;
            }
            pose(lo).contact = false;
            if (lo + 1 < poses.size()) pose(lo + 1).contact = false;
        }
    }
    return maxRounds;
}

}  // namespace pinpoint::core
