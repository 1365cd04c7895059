#pragma once
// The last step of a careful demo: simulate the session as recorded and lift the tool wherever a
// needle went where it must not (forbidden skin, an avoided zone, a lesion, a zone whose depth range
// does not take the setting), until no needle does. The reference session is then right by
// construction, not just by planning.
#include "core/session/session.h"
#include "core/sim/demo_session.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"

#include <functional>

namespace pinpoint::core {

// `wrong(puncture)` says whether a needle should not have gone there. Returns the number of rounds.
int liftWhereNeedlesGoWrong(Session& session, const TreatmentSurface& surface, const ToolCatalogue& tools,
                            const std::function<bool(const Puncture&)>& wrong, int maxRounds = 6);

}  // namespace pinpoint::core
