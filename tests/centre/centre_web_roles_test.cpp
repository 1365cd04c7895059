// The web dashboard's pages and forms against the real `pinpoint centre serve`: what each role sees
// (people.h's rules, through HTTP), the review link, and the forms' CSRF and origin checks, with the
// marks and assignments they store.
#include "web_test_support.h"

using namespace centre_test;

namespace {

int status(Browser& b, const std::string& path) {
    const httplib::Result r = b.get(path);
    REQUIRE(r);
    return r->status;
}

}  // namespace

TEST_CASE("web: each role sees exactly what people.h allows - what it may not see is not found") {
    TestDatabase db;
    Folder f;
    const SeededCentre seeded = seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"));
    const std::string annas = "/sessions/" + seeded.sessionOf.at("anna"), bens = "/sessions/" + seeded.sessionOf.at("ben"),
                      caras = "/sessions/" + seeded.sessionOf.at("cara");

    auto anna = loggedIn(centre, "anna");
    CHECK(status(*anna, annas) == 200);
    CHECK(status(*anna, bens) == 404);  // another trainee's session: as if there were none
    CHECK(status(*anna, caras) == 404);
    CHECK(status(*anna, "/sessions/0123456789abcdef") == 404);
    CHECK(anna->get(bens)->body == anna->get("/sessions/0123456789abcdef")->body);
    CHECK(status(*anna, "/trainees/anna") == 200);
    CHECK(status(*anna, "/trainees/ben") == 404);
    CHECK(status(*anna, "/cohorts/spring") == 404);
    CHECK(status(*anna, "/queue") == 404);
    CHECK(status(*anna, "/assessment") == 404);
    CHECK(status(*anna, "/scenarios/forehead-basic") == 200);
    const std::string annaHome = anna->get("/")->body;
    CHECK(has(annaHome, seeded.sessionOf.at("anna")));
    CHECK_FALSE(has(annaHome, seeded.sessionOf.at("ben")));
    CHECK_FALSE(has(annaHome, "Ben Bell"));
    const std::string annaScenario = anna->get("/scenarios/forehead-basic")->body;
    CHECK(has(annaScenario, "<b>1</b><span>sessions recorded</span>"));  // only her own counted
    const std::string annaPage = anna->get(annas)->body;
    CHECK_FALSE(has(annaPage, "Mark expert"));
    CHECK(has(annaPage, "pinpoint://review/" + seeded.sessionOf.at("anna") + "?centre=http%3A%2F%2F127.0.0.1%3A" +
                            std::to_string(centre.port())));

    auto ida = loggedIn(centre, "ida");  // instructor, spring
    CHECK(status(*ida, annas) == 200);
    CHECK(status(*ida, bens) == 200);
    CHECK(status(*ida, caras) == 404);
    CHECK(has(ida->get(annas)->body, "Mark expert"));
    const std::string spring = ida->get("/cohorts/spring")->body;
    CHECK(has(spring, "Anna Ames"));
    CHECK(has(spring, "Ben Bell"));
    CHECK_FALSE(has(spring, "Cara Cole"));
    CHECK(status(*ida, "/cohorts/autumn") == 404);
    CHECK(status(*ida, "/trainees/cara") == 404);
    const std::string idaQueue = ida->get("/queue")->body;
    CHECK(has(idaQueue, "Sessions awaiting review"));
    CHECK(has(idaQueue, "action=\"/queue/assign\""));
    CHECK_FALSE(has(idaQueue, seeded.sessionOf.at("cara")));
    CHECK(status(*ida, "/assessment") == 200);

    auto asa = loggedIn(centre, "asa");  // assessor, spring
    CHECK(status(*asa, annas) == 200);
    CHECK(status(*asa, caras) == 404);
    CHECK_FALSE(has(asa->get(annas)->body, "Mark expert"));
    const std::string asaQueue = asa->get("/queue")->body;
    CHECK(has(asaQueue, "Review queue of Asa Ash"));
    CHECK(has(asaQueue, "Nothing waiting for your review."));
    CHECK_FALSE(has(asaQueue, "/queue/assign"));

    auto root = loggedIn(centre, "root");
    for (const std::string& path : {annas, bens, caras, std::string("/cohorts/spring"), std::string("/cohorts/autumn"),
                                    std::string("/trainees/cara"), std::string("/queue"), std::string("/assessment")})
        CHECK_MESSAGE(status(*root, path) == 200, path);
    const std::string rootHome = root->get("/")->body;
    CHECK(has(rootHome, "href=\"/cohorts/autumn\""));
    CHECK(has(rootHome, "href=\"/cohorts/spring\""));

    // Behind a proxy, the review link names the address the browser used.
    const std::string proxied = root->get(annas, {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-Host", "centre.academy.example"}})->body;
    CHECK(has(proxied, "?centre=https%3A%2F%2Fcentre.academy.example\""));
}

TEST_CASE("web: a form without the right CSRF token or from another site is refused and changes nothing") {
    TestDatabase db;
    Folder f;
    const SeededCentre seeded = seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"));
    auto store = db.open();
    const std::string annaKey = seeded.sessionOf.at("anna");
    const pinpoint::centre::Id annaId = seeded.idOf(annaKey, *store);
    auto ida = loggedIn(centre, "ida");
    REQUIRE(ida->get("/sessions/" + annaKey));
    const std::string path = "/sessions/" + annaKey + "/mark";

    httplib::Result r = ida->post(path, {{"mark", "expert"}}, "-");
    REQUIRE(r);
    CHECK(r->status == 403);
    r = ida->post(path, {{"mark", "expert"}}, std::string(64, 'a'));
    REQUIRE(r);
    CHECK(r->status == 403);
    auto asa = loggedIn(centre, "asa");
    r = ida->post(path, {{"mark", "expert"}}, asa->csrf());  // another login's token
    REQUIRE(r);
    CHECK(r->status == 403);
    r = ida->post(path, {{"mark", "expert"}}, "", {{"Origin", "http://evil.example"}});
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK_FALSE(store_test::require(store->markOf(annaId)).has_value());

    r = ida->post("/queue/assign", {{"session", annaKey}, {"assessor", "asa"}}, "-");
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(store_test::require(store->assessorsOf(annaId)).empty());
}

TEST_CASE("web: an instructor marks a session and assigns two assessors - what people.h forbids is refused") {
    TestDatabase db;
    Folder f;
    const SeededCentre seeded = seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"));
    auto store = db.open();
    const std::string annaKey = seeded.sessionOf.at("anna"), caraKey = seeded.sessionOf.at("cara");
    const pinpoint::centre::Id annaId = seeded.idOf(annaKey, *store), caraId = seeded.idOf(caraKey, *store);

    auto ida = loggedIn(centre, "ida");
    REQUIRE(ida->get("/sessions/" + annaKey));
    httplib::Result r = ida->post("/sessions/" + annaKey + "/mark", {{"mark", "expert"}});
    REQUIRE(r);
    CHECK(r->status == 303);
    CHECK(r->get_header_value("Location") == "/sessions/" + annaKey);
    CHECK(store_test::require(store->markOf(annaId)) == pinpoint::centre::Mark::Expert);
    CHECK(has(ida->get("/sessions/" + annaKey)->body, "Marked <b>expert</b>."));
    CHECK(ida->post("/sessions/" + annaKey + "/mark", {{"mark", "novice"}})->status == 303);
    CHECK(store_test::require(store->markOf(annaId)) == pinpoint::centre::Mark::Novice);
    CHECK(ida->post("/sessions/" + annaKey + "/mark", {{"mark", "brilliant"}})->status == 400);
    CHECK(store_test::require(store->markOf(annaId)) == pinpoint::centre::Mark::Novice);
    CHECK(ida->post("/sessions/" + caraKey + "/mark", {{"mark", "expert"}})->status == 404);  // not her cohort
    CHECK_FALSE(store_test::require(store->markOf(caraId)).has_value());

    // A certification session: two assessors of the cohort, chosen on the queue page.
    const std::string queue = ida->get("/queue")->body;
    CHECK(has(queue, "2 more assessors to assign"));
    CHECK(has(queue, "aria-label=\"Assessor 2\""));
    CHECK(ida->post("/queue/assign", {{"session", annaKey}, {"assessor", "axel"}})->status == 400);  // autumn's assessor
    CHECK(store_test::require(store->assessorsOf(annaId)).empty());
    // The same assessor twice is one assessor (the form's two values are one to the server).
    CHECK(ida->post("/queue/assign", {{"session", annaKey}, {"assessor", "asa"}, {"assessor", "asa"}})->status == 303);
    CHECK(store_test::require(store->assessorsOf(annaId)) == std::vector<pinpoint::centre::Id>{seeded.people.at("asa").id});
    r = ida->post("/queue/assign", {{"session", annaKey}, {"assessor", "asa"}, {"assessor", "alf"}});
    REQUIRE(r);
    CHECK(r->status == 303);
    const auto assigned = store_test::require(store->assessorsOf(annaId));
    CHECK(assigned == std::vector<pinpoint::centre::Id>{std::min(seeded.people.at("asa").id, seeded.people.at("alf").id),
                                                         std::max(seeded.people.at("asa").id, seeded.people.at("alf").id)});

    // The assessor now finds it in their queue, and may neither mark nor assign.
    auto asa = loggedIn(centre, "asa");
    CHECK(has(asa->get("/queue")->body, "/sessions/" + annaKey));
    REQUIRE(asa->get("/sessions/" + annaKey));
    CHECK(asa->post("/sessions/" + annaKey + "/mark", {{"mark", "expert"}})->status == 403);
    CHECK(asa->post("/queue/assign", {{"session", seeded.sessionOf.at("ben")}, {"assessor", "alf"}})->status == 403);
    CHECK(store_test::require(store->markOf(annaId)) == pinpoint::centre::Mark::Novice);
    CHECK(store_test::require(store->assessorsOf(seeded.idOf(seeded.sessionOf.at("ben"), *store))).empty());
    // A trainee posting to their own session's form: not found for what they may not do either.
    auto anna = loggedIn(centre, "anna");
    REQUIRE(anna->get("/sessions/" + annaKey));
    CHECK(anna->post("/sessions/" + annaKey + "/mark", {{"mark", "expert"}})->status == 403);
}

TEST_CASE("web: trainees are shown by name on every page - a session page says when it was recorded and when received") {
    TestDatabase db;
    Folder f;
    const SeededCentre seeded = seedCentre(db);
    CentreProcess centre(db.where(), f.path("keys"));
    Browser ida(centre);
    REQUIRE(ida.login("ida", kPassword)->status == 303);
    // The home page's recent sessions, the review queue and the session page name Anna as the cohort
    // table does, not by her login.
    for (const std::string& path : {std::string("/"), std::string("/queue"), "/sessions/" + seeded.sessionOf.at("anna")}) {
        const std::string body = ida.get(path)->body;
        CHECK_MESSAGE(has(body, "Anna Ames"), path);
        CHECK_MESSAGE(!has(body, "<td>anna</td>"), path);
        CHECK_MESSAGE(!has(body, "<td>anna<br>"), path);
        CHECK_MESSAGE(!has(body, "<p>anna &middot;"), path);
    }
    // The recording's own start (the station's clock, from its header) beside when the centre received it.
    const std::string page = ida.get("/sessions/" + seeded.sessionOf.at("anna"))->body;
    CHECK_MESSAGE(has(page, "recorded 2026-12-01 10:00:"), page.substr(page.find("<main"), 600));
    CHECK(has(page, "received by the centre " ));
}
