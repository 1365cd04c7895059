#include "core/scoring/case_draft.h"
#include "core/common/safe_file.h"

#include "core/common/toml_reader.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace pinpoint::core {

void CaseDraft::startNew(const std::string& id) {
    // Read through the reader like any file, so the rubric's defaults (zones, steps, limits) are filled in.
    const std::string text = "schema_version = 1\n[scenario]\nid = \"" + id +
                             "\"\ntitle = \"New case\"\nteaches = \"What this case teaches, in one line.\"\nrubric = \"" +
                             rubric_.id + "\"\nrubric_version = \"" + rubric_.version +
                             "\"\n[patient]\nname = \"New patient\"\nage = 40\nsex = \"female\"\nfitzpatrick = 2\n"
                             "[decision]\nexpected = \"proceed\"\n";
    ScenarioReadResult r = parseScenario(text, "new case", rubric_, conditions_, skin_);
    if (r.scenario) scenario = std::move(*r.scenario);
    checked_ = false;
    check();
}

std::vector<Error> CaseDraft::load(const std::string& path) {
    ScenarioReadResult r = readScenario(path, rubric_, conditions_, skin_);
    if (!r.scenario) return r.errors;
    scenario = std::move(*r.scenario);
    // The reader lowers every zone's maximum to the plan's depth cap. A zone only the cap changed is
    // kept on the chart here (the reader caps it again), so the file does not repeat the cap zone by
    // zone and turning the cap off gives the chart back.
    if (scenario.plan.depthCapMm)
        for (ZoneScenarioRules& z : scenario.zones)
            if (const ZoneTargets* chart = rubric_.find(z.zone)) {
                const DepthRange& range = chart->depthFor(scenario.patient.indication);
                if (z.depth.minMm == range.minMm && z.depth.maxMm == std::min(range.maxMm, *scenario.plan.depthCapMm))
                    z.depth = range;
            }
    checked_ = false;
    check();
    return {};
}

const std::vector<FieldProblem>& CaseDraft::check() {
    written_ = writeScenarioToml(scenario, rubric_);
    ScenarioReadResult r = parseScenario(written_.text, scenario.file.empty() ? "case" : scenario.file, rubric_,
                                               conditions_, skin_);
    problems_.clear();
    for (const Error& e : r.errors) problems_.push_back({written_.fieldAt(e.line), e});
    readBack_ = std::move(r.scenario);
    checked_ = true;
    return problems_;
}

std::vector<const FieldProblem*> CaseDraft::problemsAt(const std::string& field) const {
    std::vector<const FieldProblem*> out;
    for (const FieldProblem& p : problems_)
        if (p.field == field || (p.field.size() > field.size() && p.field.compare(0, field.size(), field) == 0 &&
                                 p.field[field.size()] == '.'))
            out.push_back(&p);
    return out;
}

Result<bool> CaseDraft::save(const std::string& path) {
    check();
    if (!problems_.empty())
        return Error{path, 0, 0, std::to_string(problems_.size()) + " problem(s) stand in the case; nothing was saved",
                     "fix the fields marked in red"};
    // Replaced whole (safe_file.h): never a partial file.
    if (Result<bool> saved = replaceFile(path, written_.text); !saved) return saved.error();
    scenario.file = path;
    return true;
}

}  // namespace pinpoint::core
