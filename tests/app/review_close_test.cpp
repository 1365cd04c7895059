// Closing the review window: anything entered and not saved is noticed, and a close request then
// asks (Save and close / Close without saving / Keep reviewing) instead of losing it.
#include "app/review_close.h"

#include <doctest/doctest.h>

using namespace pinpoint;
using app::AssessorEntries;
using app::CloseChoice;
using app::ReviewCloseGuard;

namespace {

AssessorEntries loaded() {
    AssessorEntries e;
    e.assessor = "Dr Test";
    e.ratings = {{"respect_for_tissue", 4}};
    e.comments = {{12.5, "good pressure", ""}};
    return e;
}

}  // namespace

TEST_CASE("nothing entered since loading or saving: the window closes at once") {
    ReviewCloseGuard guard;
    guard.saved(loaded());
    CHECK_FALSE(guard.unsaved(loaded()));
    CHECK(guard.requestClose(loaded()));
    CHECK_FALSE(guard.asking());

    ReviewCloseGuard fresh;  // no review file yet, nothing entered
    CHECK(fresh.requestClose(AssessorEntries{}));
}

TEST_CASE("each kind of change is unsaved: a rating, a comment, the name, the sign-off") {
    ReviewCloseGuard guard;
    guard.saved(loaded());
    AssessorEntries rated = loaded();
    rated.ratings[0].score = 5;
    CHECK(guard.unsaved(rated));
    AssessorEntries commented = loaded();
    commented.comments.push_back({30.0, "tilted on the temple", "instrument_handling"});
    CHECK(guard.unsaved(commented));
    AssessorEntries renamed = loaded();
    renamed.assessor = "Dr Other";
    CHECK(guard.unsaved(renamed));
    AssessorEntries signedOff = loaded();
    signedOff.signOff = app::SignOffChoice::Fail;
    CHECK(guard.unsaved(signedOff));
    // Saved: nothing is unsaved any more.
    guard.saved(signedOff);
    CHECK_FALSE(guard.unsaved(signedOff));
    CHECK(guard.unsaved(loaded()));
}

TEST_CASE("closing with unsaved changes asks - the three answers") {
    AssessorEntries changed = loaded();
    changed.signOff = app::SignOffChoice::Pass;
    int saves = 0;
    const auto saveWorks = [&] { ++saves; return true; };
    // Each SUBCASE runs this part afresh: the window asked to close with a sign-off not saved.
    ReviewCloseGuard guard;
    guard.saved(loaded());
    CHECK_FALSE(guard.requestClose(changed));
    CHECK(guard.asking());

    SUBCASE("keep reviewing: the window stays, and the next close asks again") {
        CHECK_FALSE(guard.requestClose(changed));  // the close button again while asking: still one question
        CHECK_FALSE(guard.answer(CloseChoice::KeepOpen, saveWorks));
        CHECK_FALSE(guard.asking());
        CHECK(saves == 0);
        CHECK_FALSE(guard.requestClose(changed));
        CHECK(guard.asking());
    }
    SUBCASE("close without saving: closes, nothing written") {
        CHECK(guard.answer(CloseChoice::CloseWithoutSaving, saveWorks));
        CHECK(saves == 0);
    }
    SUBCASE("save and close: saves, then closes") {
        CHECK(guard.answer(CloseChoice::SaveAndClose, saveWorks));
        CHECK(saves == 1);
    }
    SUBCASE("save and close when the save fails: the window stays open") {
        CHECK_FALSE(guard.answer(CloseChoice::SaveAndClose, [] { return false; }));
        CHECK_FALSE(guard.asking());
        CHECK(guard.unsaved(changed));
    }
}
