#include "core/sim/needle_pipeline.h"

namespace pinpoint::core {

namespace {
// Needles per batch: enough that handing one over costs little beside resolving it (a few hundred
// microseconds of work), few enough that the two threads share the work evenly.
constexpr std::size_t kBatchNeedles = 2048;
}  // namespace

NeedlePipeline::NeedlePipeline(const TreatmentSurface& surface, std::function<void(std::vector<Puncture>&)> sink)
    : surface_(surface), sink_(std::move(sink)) {
    filling_.reserve(kBatchNeedles);
}

NeedlePipeline::~NeedlePipeline() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    queued_.notify_all();
    if (worker_.joinable()) worker_.join();
}

void NeedlePipeline::resolve(Batch& batch) const {
    batch.punctures.clear();
    batch.punctures.reserve(batch.jobs.size());
    for (const NeedleJob& job : batch.jobs)
        if (const std::optional<Puncture> p = resolveNeedle(surface_, job)) batch.punctures.push_back(*p);
}

NeedlePipeline::Batch* NeedlePipeline::claim(bool newest) {
    Batch* found = nullptr;
    for (auto& b : batches_)
        if (b->state == Batch::State::Queued) {
            found = b.get();
            if (!newest) break;
        }
    if (found) found->state = Batch::State::Working;
    return found;
}

void NeedlePipeline::submit() {
    std::unique_ptr<Batch> batch;
    if (!spare_.empty()) {
        batch = std::move(spare_.back());
        spare_.pop_back();
        batch->state = Batch::State::Queued;
    } else {
        batch = std::make_unique<Batch>();
    }
    batch->jobs.swap(filling_);
    filling_.clear();
    filling_.reserve(kBatchNeedles);
    {
        std::lock_guard lock(mutex_);
        batches_.push_back(std::move(batch));
    }
    queued_.notify_one();
}

void NeedlePipeline::deliverReady(std::unique_lock<std::mutex>& lock) {
    while (!batches_.empty() && batches_.front()->state == Batch::State::Done) {
        std::unique_ptr<Batch> batch = std::move(batches_.front());
        batches_.pop_front();
        lock.unlock();
        sink_(batch->punctures);
        lock.lock();
        spare_.push_back(std::move(batch));
    }
}

void NeedlePipeline::poll() {
    if (filling_.size() < kBatchNeedles) return;
    if (!worker_.joinable()) worker_ = std::thread([this] { work(); });
    submit();
    std::unique_lock lock(mutex_);
    // The other thread is behind: resolve the newest waiting batch here (it keeps to the oldest, so
    // the punctures come out in order as soon as possible).
    std::size_t waiting = 0;
    for (const auto& b : batches_) waiting += b->state == Batch::State::Queued;
    if (waiting >= 2) {
        Batch* batch = claim(true);
        lock.unlock();
        resolve(*batch);
        lock.lock();
        batch->state = Batch::State::Done;
    }
    deliverReady(lock);
}

void NeedlePipeline::finish() {
    if (!filling_.empty()) submit();
    std::unique_lock lock(mutex_);
    while (!batches_.empty()) {
        if (Batch* batch = claim(false)) {
            lock.unlock();
            resolve(*batch);
            lock.lock();
            batch->state = Batch::State::Done;
        } else if (batches_.front()->state != Batch::State::Done) {
            done_.wait(lock, [&] { return batches_.front()->state == Batch::State::Done; });
        }
        deliverReady(lock);
    }
}

void NeedlePipeline::work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        Batch* batch = nullptr;
        queued_.wait(lock, [&] { return stop_ || (batch = claim(false)) != nullptr; });
        if (!batch) return;
        lock.unlock();
        resolve(*batch);
        lock.lock();
        batch->state = Batch::State::Done;
        done_.notify_one();
    }
}

}  // namespace pinpoint::core
