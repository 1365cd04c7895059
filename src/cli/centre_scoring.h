#pragma once
// How the centre scores a session it received: the same path as `pinpoint score --json` (the report with
// its evidence), over the stored text, against exactly the scenario version the header names (its
// SHA-256), from the centre's scenario library in the store. A session whose version the library lacks
// gets an error report that says so, never a score against another version. A header without a
// SHA-256 is scored against the scenario's current version; one without a scenario, against the default
// scenario file, as `pinpoint score` does.
#include "centre/centre_server.h"
#include "cli/treatment_context.h"
#include "core/session/trusted_recorders.h"

namespace pinpoint::cli {

// The scorer keeps `context` and `trusted` by reference: they must outlive it. Used from one thread
// (the centre's scoring worker).
centre::SessionScorer centreSessionScorer(const TreatmentContext& context, const core::TrustedRecorders& trusted,
                                          centre::Store& library);

}  // namespace pinpoint::cli
