#pragma once
// The shipped rubric and condition catalogue, read once, for the scenario tests.
#include "core/common/toml_reader.h"
#include "core/scoring/scenario.h"

#include <doctest/doctest.h>

#include <string>

namespace pinpoint::testing {

inline std::string sourceFile(const std::string& relative) {
    auto text = core::readTextFile(std::string(PINPOINT_SOURCE_DIR) + "/" + relative);
    REQUIRE_MESSAGE(text.has_value(), relative);
    return *text;
}

// The smallest valid scenario: everything else comes from the shipped rubric (14 lines).
inline const std::string& minimalScenario() {
    static const std::string text = R"(schema_version = 1
[scenario]
id = "minimal"
title = "Minimal"
teaches = "Defaults."
rubric = "pinpoint-default"
rubric_version = "3.1.1"
[patient]
name = "A Patient"
age = 40
sex = "female"
fitzpatrick = 2
[decision]
expected = "proceed"
)";
    return text;
}

inline const core::Rubric& shippedRubric() {
    static const core::Rubric r = [] {
        core::Result<core::Rubric> loaded = core::parseRubric(sourceFile("assets/rubric.toml"), "rubric.toml");
        REQUIRE_MESSAGE(loaded.ok(), loaded.error().describe());
        return *loaded;
    }();
    return r;
}

inline const core::ConditionCatalogue& shippedCatalogue() {
    static const core::ConditionCatalogue c = [] {
        core::Result<core::ConditionCatalogue> loaded =
            core::parseConditionCatalogue(sourceFile("assets/conditions.toml"), "conditions.toml");
        REQUIRE_MESSAGE(loaded.ok(), loaded.error().describe());
        return *loaded;
    }();
    return c;
}

}  // namespace pinpoint::testing
