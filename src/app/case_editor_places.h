#pragma once
// Where a field of the case stands in the editor's forms, in the words the forms use: what the list
// of problems names instead of the file's keys ("Patient tab, Age" rather than "patient.age").
#include <string>

namespace pinpoint::app::case_editor {

// `field`: a name the case writer gives a line ("patient.age", "question.2.answer",
// "zones.forehead.depth_mm", "scoring.weights.depth"); "" for the file as a whole.
std::string formPlace(const std::string& field);

}  // namespace pinpoint::app::case_editor
