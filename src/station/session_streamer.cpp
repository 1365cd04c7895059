#include "station/session_streamer.h"

#include "station/centre_link.h"
#include "station/session_files.h"
#include "station/session_sending.h"

#include <algorithm>
#include <atomic>

namespace pinpoint::station {

using nlohmann::json;

namespace {

std::string withThousands(long n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string sessions(int n) { return std::to_string(n) + (n == 1 ? " session" : " sessions"); }

}  // namespace

std::string describe(const CentreState& s) {
    switch (s.link) {
    case CentreState::Link::Connecting:
        return "Centre: connecting";
    case CentreState::Link::Offline:
        return "Centre offline: " + sessions(s.queued) + " queued";
    case CentreState::Link::Refused:
        return "Centre refused: " + s.message;
    case CentreState::Link::Online:
        break;
    }
    std::string text = "Centre: witnessed " + withThousands(s.witnessed) + " lines";
    if (s.queued > 1) text += ", " + sessions(s.queued) + " to send";
    if (!s.message.empty()) text += " (" + s.message + ")";
    return text;
}

struct SessionStreamer::Tracked {
    explicit Tracked(const std::string& path, bool live) : file(path), live(live) {}
    GrowingSession file;
    std::atomic<bool> live;
    int acknowledged = -1;  // -1 until read from the file's acknowledgement
    int next = 0;           // the next line to send
    json receipt;
    bool done = false;
};

SessionStreamer::SessionStreamer(StreamerSettings settings) : settings_(std::move(settings)) {
    thread_ = std::thread([this] { run(); });
}

SessionStreamer::~SessionStreamer() { stop(); }

void SessionStreamer::add(const std::string& file, bool live) {
    std::lock_guard lock(mutex_);
    for (const auto& t : files_)
        if (t->file.path() == file) {
            if (live) t->live = true;
            return;
        }
    files_.push_back(std::make_shared<Tracked>(file, live));
    ++state_.queued;
    nudged_ = true;
    wake_.notify_all();
}

void SessionStreamer::follow(const std::string& file) { add(file, true); }
void SessionStreamer::queue(const std::string& file) { add(file, false); }

void SessionStreamer::stopFollowing() {
    std::lock_guard lock(mutex_);
    for (const auto& t : files_) t->live = false;
    nudged_ = true;
    wake_.notify_all();
}

void SessionStreamer::nudge() {
    std::lock_guard lock(mutex_);
    nudged_ = true;
    wake_.notify_all();
}

CentreState SessionStreamer::state() const {
    std::lock_guard lock(mutex_);
    return state_;
}

bool SessionStreamer::waitUntilSent(std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return sent_.wait_for(lock, limit, [&] { return files_.empty() || stopping_; }) && files_.empty();
}

void SessionStreamer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        wake_.notify_all();
        sent_.notify_all();
        // A request waiting on a centre that accepts but does not answer would hold the closing app.
        if (link_) link_->abort();
    }
    if (thread_.joinable()) thread_.join();
}

void SessionStreamer::run() {
    // The offline queue, found here rather than on the caller's thread: it reads every file in the folder.
    if (!settings_.queueFolder.empty())
        for (const std::string& file : pendingSessions(settings_.queueFolder)) add(file, false);
    CentreLink link(settings_.centre, settings_.token, settings_.centreKey, 0, settings_.answerWait);
    {
        std::lock_guard lock(mutex_);
        link_ = &link;
    }
    auto setLink = [&](CentreState::Link l, const std::string& message) {
        std::lock_guard lock(mutex_);
        state_.link = l;
        state_.message = message;
    };
    bool keyChecked = false;
    std::chrono::milliseconds backoff = settings_.interval;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                link_ = nullptr;
                return;
            }
        }
        bool reached = link.valid();
        if (!link.valid()) {
            setLink(CentreState::Link::Refused, link.why());
        } else if (!keyChecked) {
            // Before anything is sent to whoever answers, and again after each absence: the centre's key.
            const bool pinned = link.centreKey().has_value();
            if (link.checkCentreKey()) {
                keyChecked = true;
                if (!pinned && settings_.pin) settings_.pin(*link.centreKey());
            } else {
                reached = false;
                setLink(link.unreachable() ? CentreState::Link::Offline : CentreState::Link::Refused, link.why());
            }
        }
        if (keyChecked) reached = sendRound(link);
        if (!reached) keyChecked = false;
        const std::chrono::milliseconds wait = reached ? settings_.interval : backoff;
        backoff = reached ? settings_.interval : std::min(backoff * 2, settings_.longestWait);
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, wait, [&] { return stopping_ || (nudged_ && reached); });
        nudged_ = false;
    }
}

bool SessionStreamer::sendRound(CentreLink& link) {
    std::vector<std::shared_ptr<Tracked>> files;
    {
        std::lock_guard lock(mutex_);
        files = files_;
    }
    // The session being recorded first: it is what the centre witnesses live.
    std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a->live && !b->live; });
    bool reached = true, badReceipt = false;  // badReceipt: the link is refused (receipt, token)
    std::string problem;
    for (const auto& t : files) {
        if (!reached) break;
        if (!t->file.poll()) {
            problem = t->file.why();
            continue;
        }
        const std::vector<std::string>& lines = t->file.lines();
        const int n = static_cast<int>(lines.size());
        if (n == 0) continue;
        if (t->acknowledged < 0) {
            const std::optional<Acknowledgement> ack = readAcknowledgement(t->file.path());
            const bool known = ack && ack->session == t->file.key();
            if (known && !ack->refused.empty()) {
                t->done = true;
                continue;
            }
            t->acknowledged = known ? ack->stored : 0;
            t->receipt = known ? ack->receipt : json::object();
            t->next = resumePoint(t->acknowledged, n);
        }
        if (t->file.key().empty()) {
            const std::string why = "line 1 carries no seal: the session is not signed, and the centre keeps only signed sessions";
            writeAcknowledgement(t->file.path(), {"", 0, json::object(), why});
            problem = t->file.path() + ": " + why;
            t->done = true;
            continue;
        }
        if (t->next < n) {
            const SendResult r = sendLines(link, t->file.key(), lines, t->next, settings_.batchLines);
            if (r.stored > t->acknowledged || !r.receipt.empty()) {
                t->acknowledged = std::max(t->acknowledged, r.stored);
                if (!r.receipt.empty()) t->receipt = r.receipt;
                writeAcknowledgement(t->file.path(), {t->file.key(), t->acknowledged, t->receipt, ""});
            }
            t->next = r.kind == SendResult::Kind::Done ? r.stored : resumePoint(t->acknowledged, n);
            if (r.kind == SendResult::Kind::Unreachable) {
                reached = false;
                problem = r.message;
            } else if (r.kind == SendResult::Kind::BadReceipt) {
                reached = false;  // the key is checked again before anything more is sent
                badReceipt = true;
                problem = r.message;
            } else if (refusesFile(r)) {
                problem = t->file.path() + ": " + r.message;
                writeAcknowledgement(t->file.path(), {t->file.key(), t->acknowledged, t->receipt, r.message});
                t->done = true;
            } else if (r.kind == SendResult::Kind::Refused) {
                // The station is refused (a wrong or revoked token), not the file: nothing is marked, and
                // everything is sent once the station's configuration is put right.
                reached = false;
                badReceipt = true;
                problem = r.message;
            }
        }
        if (t->acknowledged >= n && (!t->live || t->file.closed())) t->done = true;
    }
    std::lock_guard lock(mutex_);
    state_.link = badReceipt ? CentreState::Link::Refused : reached ? CentreState::Link::Online : CentreState::Link::Offline;
    state_.message = problem;
    for (auto it = files_.rbegin(); it != files_.rend(); ++it)
        if ((*it)->live) {
            state_.witnessed = std::max((*it)->acknowledged, 0);
            break;
        }
    std::erase_if(files_, [](const auto& t) { return t->done; });
    state_.queued = static_cast<int>(std::count_if(files_.begin(), files_.end(), [](const auto& t) {
        return t->acknowledged < static_cast<int>(t->file.lines().size()) || t->acknowledged < 0 || t->file.lines().empty();
    }));
    if (files_.empty()) sent_.notify_all();
    return reached;
}

}  // namespace pinpoint::station
