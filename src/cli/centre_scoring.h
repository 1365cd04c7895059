#pragma once
// How the centre scores a session it received: the same path as `pinpoint score --json` (the scenario
// the header names, from the scenario library; the report with its evidence), over the stored text.
#include "centre/centre_server.h"
#include "cli/treatment_context.h"
#include "core/session/trusted_recorders.h"

namespace pinpoint::cli {

// The scorer keeps `context` and `trusted` by reference: they must outlive it. Used from one thread
// (the centre's scoring worker).
centre::SessionScorer centreSessionScorer(const TreatmentContext& context, const core::TrustedRecorders& trusted);

}  // namespace pinpoint::cli
