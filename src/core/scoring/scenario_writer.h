#pragma once
// Writes a scenario back as a readable, commented TOML file (docs/scenario-format.md) that the
// scenario reader accepts and reads to the same scenario. The case editor (`pinpoint edit`) keeps
// the case it edits as a Scenario, writes it with this, and checks the text with the reader that
// `pinpoint validate` uses, so the editor has no rules of its own. Only what differs from the rubric
// is written for the zones; everything else is written out, defaults included, so the file shows
// the instructor what the case asks for.
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"

#include <string>
#include <vector>

namespace pinpoint::core {

// Where each field was written: the line (1-based) and the field's name, e.g. "patient.age",
// "question.2.text", "lesion.0.position", "decision.expected". Section headers are fields too
// ("patient", "question.2"), so a problem reported at a table maps to its section.
struct WrittenField {
    int line = 0;
    std::string field;
};

struct WrittenScenario {
    std::string text;
    std::vector<WrittenField> fields;  // in line order

    // The field a problem reported at `line` belongs to: the last field written at or before it
    // ("" before the first).
    std::string fieldAt(int line) const;
};

WrittenScenario writeScenarioToml(const Scenario& scenario, const Rubric& rubric);

}  // namespace pinpoint::core
