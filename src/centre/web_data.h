#pragma once
// Internal to the centre's web routes: what a page needs from the store, fetched for one viewer and
// filtered by the rules of people.h (never a second copy of them). A store failure inside a page is
// thrown as StoreFailed and answered by `guarded` (503, or 404 for something that is not there).
#include "centre/dashboard.h"
#include "centre/people.h"
#include "centre/web_login.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace pinpoint::centre::web {

struct StoreFailed {
    StoreError error;
};

template <class T>
T need(Result<T> r) {
    if (!r) throw StoreFailed{r.error()};
    return std::move(*r);
}

// Everyone (to name trainees and assessors), the sessions the viewer may see (oldest first) and their
// reports, reviews, assessors and marks: a few queries, however many sessions.
struct Visible {
    std::vector<Person> people;
    std::map<std::string, Person> byLogin;
    std::vector<SessionRecord> sessions;
    SessionRecords records;  // of the sessions the filter picked (a superset of `sessions`)
    SessionOwner ownerOf(const SessionRecord& s) const;
    const Person* find(const std::string& login) const;
    std::optional<std::string> latestReport(Id session) const;  // its digest (what lists read), as the store gives it
    std::vector<ReviewRecord> reviewsOf(Id session) const;
    std::vector<Id> assessorsOf(Id session) const;
    std::optional<Mark> markOf(Id session) const;
    std::vector<SessionSummary> summaries() const;  // of `sessions`, each with its newest report
};
// `withRecords`: also read the sessions' records (pages that show only people need not).
Visible visibleTo(Store& store, const Person& viewer, const SessionFilter& filter = {}, bool withRecords = true);
std::optional<ScoreReportRecord> latestReport(Store& store, Id session);

// A page handler run for a logged-in person: `page(login)` writes the response. Not logged in: a
// redirect to /login; a store failure: 503 (404 when what was asked for is not there).
using LoggedInHandler = std::function<void(const WebLogin&, const httplib::Request&, httplib::Response&)>;
httplib::Server::Handler guarded(CentreContext& centre, std::shared_ptr<WebState> web, LoggedInHandler handler);

}  // namespace pinpoint::centre::web
