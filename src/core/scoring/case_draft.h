#pragma once
// The case the editor (`pinpoint edit`) works on: a Scenario kept in memory, checked after every
// change by writing it out (scenario_writer.h) and reading the text back with the reader
// `pinpoint validate` uses. Each problem the reader finds is mapped back to the field it was written
// from, so the editor can show it beside that field. Saving is refused while any problem stands, and
// writes a temporary file that is then renamed over the target, so a reader never sees half a file.
#include "core/common/error.h"
#include "core/geometry/bvh.h"
#include "core/scoring/rubric.h"
#include "core/scoring/scenario.h"
#include "core/scoring/scenario_writer.h"

#include <optional>
#include <string>
#include <vector>

namespace pinpoint::core {

struct FieldProblem {
    std::string field;  // e.g. "patient.age" (WrittenField names); "" for the file as a whole
    Error error;
};

class CaseDraft {
public:
    CaseDraft(const Rubric& rubric, const ConditionCatalogue& conditions, const Bvh* skin)
        : rubric_(rubric), conditions_(conditions), skin_(skin) {}

    // A new case: a healthy adult treated on the rubric's default plan, with nothing else written.
    void startNew(const std::string& id);
    // Loads a scenario file; its problems when it does not read (the draft is then unchanged).
    std::vector<Error> load(const std::string& path);

    Scenario scenario;  // edit freely, then call check()

    // Writes the draft and reads it back; the problems found, each with its field.
    const std::vector<FieldProblem>& check();
    const std::vector<FieldProblem>& problems() const { return problems_; }
    const WrittenScenario& written() const { return written_; }
    // The problems beside `field` (exact name, or under it: "question.2" holds "question.2.text").
    std::vector<const FieldProblem*> problemsAt(const std::string& field) const;
    bool canSave() const { return checked_ && problems_.empty(); }
    // The case as the reader read the written text (what validate, demo and the trainee's flow see,
    // defaults and derived conditions filled in); none while a problem stands.
    const std::optional<Scenario>& readBack() const { return readBack_; }

    // Checks, then writes `path` (temp file + rename) when there is no problem; the error otherwise.
    Result<bool> save(const std::string& path);

private:
    const Rubric& rubric_;
    const ConditionCatalogue& conditions_;
    const Bvh* skin_ = nullptr;
    WrittenScenario written_;
    std::vector<FieldProblem> problems_;
    bool checked_ = false;
    std::optional<Scenario> readBack_;
};

}  // namespace pinpoint::core
