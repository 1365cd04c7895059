// Rubric versions an instructor can live with (issue 22, item 6): a case written for an older minor
// release of the rubric's major version is accepted with a note; an earlier major version is refused
// with the way to upgrade; a newer one is refused; `validate --upgrade` rewrites the one value and
// nothing else, and only when the case is valid under the rubric in use.
#include "core/scoring/rubric_version.h"
#include "core/scoring/scenario.h"
#include "core/scoring/scenario_upgrade.h"

#include "shipped_assets.h"

#include <doctest/doctest.h>

#include <string>

using namespace pinpoint::core;
using pinpoint::testing::minimalScenario;
using pinpoint::testing::shippedCatalogue;
using pinpoint::testing::shippedRubric;

namespace {

std::string withVersion(std::string text, const std::string& version) {
    const std::string from = "rubric_version = \"" + shippedRubric().version + "\"";
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), "rubric_version = \"" + version + "\"");
}

ScenarioReadResult parsed(const std::string& text) { return parseScenario(text, "case.toml", shippedRubric(), shippedCatalogue()); }

std::string edited(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("versions are MAJOR.MINOR.PATCH and compare part by part") {
    CHECK(parseRubricVersion("3.1.0") == RubricVersion{3, 1, 0});
    CHECK(parseRubricVersion("10.0.12") == RubricVersion{10, 0, 12});
    for (const char* bad : {"3.1", "3.1.0.1", "3.1.x", "v3.1.0", "3.01.0", "-3.1.0", "3..0", "", "3.1.0 "})
        CHECK_MESSAGE(!parseRubricVersion(bad), std::string(bad));
    CHECK(*parseRubricVersion("3.10.0") > *parseRubricVersion("3.9.9"));  // not compared as text
    CHECK(versionFit("3.1.1", "3.1.1") == VersionFit::Same);
    CHECK(versionFit("3.0.0", "3.1.1") == VersionFit::OlderMinor);
    CHECK(versionFit("3.1.0", "3.1.1") == VersionFit::OlderMinor);
    CHECK(versionFit("3.2.0", "3.1.1") == VersionFit::NewerMinor);
    CHECK(versionFit("2.9.0", "3.1.1") == VersionFit::OlderMajor);
    CHECK(versionFit("4.0.0", "3.1.1") == VersionFit::NewerMajor);
    CHECK(versionFit("three", "3.1.1") == VersionFit::Unreadable);
}

TEST_CASE("the shipped rubric's history ends at its own version, and says what changed since an older one") {
    const Rubric& rubric = shippedRubric();
    REQUIRE(!rubric.changes.empty());
    CHECK(rubric.changes.back().version == rubric.version);
    const std::vector<RubricChange> since = changesSince(rubric, "2.1.0");
    REQUIRE(since.size() >= 2);
    CHECK(since.front().version == "3.0.0");
    CHECK(since.back().version == rubric.version);
    CHECK(changesSince(rubric, rubric.version).empty());
}

TEST_CASE("a rubric whose history is out of order or stops short of its version is refused at the line") {
    const std::string text = pinpoint::testing::sourceFile("assets/rubric.toml");
    const Result<Rubric> stale = parseRubric(edited(text, "rubric_version = \"3.1.1\"", "rubric_version = \"3.2.0\""), "rubric.toml");
    REQUIRE(!stale.ok());
    CHECK(stale.error().message.find("the last [[change]] must describe rubric_version 3.2.0") != std::string::npos);
    CHECK(stale.error().line > 1);
    const Result<Rubric> backwards = parseRubric(edited(text, "version = \"2.1.0\"", "version = \"1.5.0\""), "rubric.toml");
    REQUIRE(!backwards.ok());
    CHECK(backwards.error().message.find("oldest first") != std::string::npos);
    const Result<Rubric> unreadable = parseRubric(edited(text, "version = \"2.1.0\"", "version = \"2.1\""), "rubric.toml");
    REQUIRE(!unreadable.ok());
    CHECK(unreadable.error().message.find("is not a version") != std::string::npos);
}

TEST_CASE("a case written for an older minor release is accepted, with a note that says what changed") {
    const ScenarioReadResult same = parsed(minimalScenario());
    REQUIRE(same.errors.empty());
    CHECK(same.notes.empty());

    const ScenarioReadResult older = parsed(withVersion(minimalScenario(), "3.0.0"));
    REQUIRE_MESSAGE(older.errors.empty(), (older.errors.empty() ? "" : older.errors[0].describe()));
    REQUIRE(older.scenario);
    REQUIRE(older.notes.size() == 1);
    CHECK(older.notes[0].line == 7);  // at its rubric_version
    CHECK(older.notes[0].message.find("written for rubric 3.0.0; scored under " + shippedRubric().version) != std::string::npos);
    CHECK(older.notes[0].message.find("3.1.0: ") != std::string::npos);  // a change since 3.0.0
    CHECK(older.scenario->rubricVersion == "3.0.0");
}

TEST_CASE("an earlier major version, a newer version and an unreadable one are refused at rubric_version") {
    struct Case {
        const char* version;
        const char* says;
        const char* hint;
    };
    for (const Case c : {Case{"2.1.0", "an earlier major version", "pinpoint validate --upgrade case.toml"},
                         Case{"3.2.0", "newer than this Pinpoint's", "install the Pinpoint that ships rubric 3.2.0"},
                         Case{"4.0.0", "newer than this Pinpoint's", "write the case for"},
                         Case{"3.1", "is not a version", "MAJOR.MINOR.PATCH"}}) {
        CAPTURE(c.version);
        const ScenarioReadResult r = parsed(withVersion(minimalScenario(), c.version));
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].line == 7);
        CHECK(r.errors[0].message.find(c.says) != std::string::npos);
        CHECK(r.errors[0].hint.find(c.hint) != std::string::npos);
    }
}

TEST_CASE("upgrading rewrites the one value, keeps every comment and byte, and says what changed") {
    const std::string old = withVersion("# A case from last year's course.\n" + minimalScenario(), "2.1.0");
    const std::string commented = edited(old, "rubric_version = \"2.1.0\"", "rubric_version = '2.1.0'   # written for 2.1.0");
    const ScenarioUpgradeResult r = upgradeScenario(commented, "case.toml", shippedRubric(), shippedCatalogue());
    REQUIRE_MESSAGE(r.errors.empty(), (r.errors.empty() ? "" : r.errors[0].describe()));
    REQUIRE(r.upgrade);
    CHECK(r.upgrade->changed);
    CHECK(r.upgrade->from == "2.1.0");
    CHECK(r.upgrade->line == 8);
    CHECK(r.upgrade->text == edited(commented, "'2.1.0'", "'" + shippedRubric().version + "'"));
    REQUIRE(!r.upgrade->changes.empty());
    CHECK(r.upgrade->changes.front().version == "3.0.0");
    CHECK(parsed(r.upgrade->text).errors.empty());

    const ScenarioUpgradeResult again = upgradeScenario(r.upgrade->text, "case.toml", shippedRubric(), shippedCatalogue());
    REQUIRE(again.upgrade);
    CHECK(!again.upgrade->changed);
    CHECK(again.upgrade->text == r.upgrade->text);
}

TEST_CASE("a case that is not valid under the rubric in use, or newer than it, is not upgraded") {
    const std::string broken = withVersion(edited(minimalScenario(), "age = 40", "age = 400"), "2.1.0");
    const ScenarioUpgradeResult invalid = upgradeScenario(broken, "case.toml", shippedRubric(), shippedCatalogue());
    CHECK(!invalid.upgrade);
    REQUIRE(invalid.errors.size() == 1);
    CHECK(invalid.errors[0].line == 10);  // the age, not the version

    const ScenarioUpgradeResult newer =
        upgradeScenario(withVersion(minimalScenario(), "4.0.0"), "case.toml", shippedRubric(), shippedCatalogue());
    CHECK(!newer.upgrade);
    REQUIRE(newer.errors.size() == 1);
    CHECK(newer.errors[0].message.find("cannot be moved back") != std::string::npos);

    const ScenarioUpgradeResult none = upgradeScenario(edited(minimalScenario(), "rubric_version = \"3.1.1\"\n", ""), "case.toml",
                                                       shippedRubric(), shippedCatalogue());
    CHECK(!none.upgrade);
    REQUIRE(none.errors.size() == 1);
    CHECK(none.errors[0].message.find("no rubric_version") != std::string::npos);
}
