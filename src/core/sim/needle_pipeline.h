#pragma once
// Resolving a simulation's needles on a second thread while the simulation goes on (the two cores of
// a modest machine): the simulation hands over its needles in batches (TreatmentSimulation::
// deferNeedles), either thread resolves a batch (resolveNeedle, which reads only the shared surface),
// and the punctures are delivered in the simulation's order, on the calling thread. Each needle's
// puncture does not depend on which thread found it, so the result is the same, puncture for
// puncture, as resolving every needle at once.
#include "core/sim/treatment_simulation.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace pinpoint::core {

class NeedlePipeline {
public:
    // `sink` receives the punctures in needle order, a run at a time, on the thread that calls
    // poll() and finish(); it may take the run's vector (swap it out). `surface` must outlive the
    // pipeline.
    NeedlePipeline(const TreatmentSurface& surface, std::function<void(std::vector<Puncture>&)> sink);
    ~NeedlePipeline();
    NeedlePipeline(const NeedlePipeline&) = delete;
    NeedlePipeline& operator=(const NeedlePipeline&) = delete;

    // Where the simulation appends its needles (TreatmentSimulation::deferNeedles).
    std::vector<NeedleJob>* jobs() { return &filling_; }
    // After each event: hands over a full batch, helps resolve when the other thread is behind, and
    // delivers the punctures that are ready.
    void poll();
    // Resolves and delivers every needle handed over so far.
    void finish();

private:
    struct Batch {
        std::vector<NeedleJob> jobs;
        std::vector<Puncture> punctures;
        enum class State { Queued, Working, Done } state = State::Queued;
    };
    void submit();
    void resolve(Batch& batch) const;
    Batch* claim(bool newest);  // under the lock: a queued batch, marked as being worked on
    void deliverReady(std::unique_lock<std::mutex>& lock);
    void work();

    const TreatmentSurface& surface_;
    std::function<void(std::vector<Puncture>&)> sink_;
    std::vector<NeedleJob> filling_;
    std::deque<std::unique_ptr<Batch>> batches_;  // in needle order, oldest first, until delivered
    std::vector<std::unique_ptr<Batch>> spare_;   // delivered batches, for their buffers
    std::mutex mutex_;
    std::condition_variable queued_, done_;
    bool stop_ = false;
    std::thread worker_;  // started with the first full batch
};

}  // namespace pinpoint::core
