// The case editor's form for a course over visits ([course]): today's visit and skin, and the earlier
// sessions with their dates, device, depth per zone and what was seen after them. Whether today may
// go ahead is the reader's (the catalogue's interval and skin conditions), shown as it reads the case.
#include "app/case_editor_state.h"
#include "core/face/area_names.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace pinpoint::app::case_editor {

namespace {

// yyyy-mm-dd for a day counted from 1970-01-01 (the inverse of core::daysFromIsoDate).
std::string isoDate(int days) {
    const std::chrono::year_month_day d{std::chrono::sys_days{std::chrono::days{days}}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return text;
}

int todayOnThisComputer() {
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return static_cast<int>(now.time_since_epoch().count());
}

bool chooseFrom(const char* label, std::string& value, const auto& options, float width) {
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(label, value.c_str())) {
        for (const auto& option : options) {
            const std::string name(option);
            if (ImGui::Selectable(name.c_str(), name == value)) {
                value = name;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

// A new earlier visit: six weeks before today (or halfway between the last one and today), with the
// device and the plan's zones at today's shallowest depth, for the instructor to change.
core::EarlierVisit newVisit(const core::Scenario& c) {
    const core::Course& course = *c.course;
    core::EarlierVisit v;
    const std::optional<int> today = core::daysFromIsoDate(course.today);
    const std::optional<int> last =
        course.visits.empty() ? std::nullopt : core::daysFromIsoDate(course.visits.back().date);
    if (today) v.date = isoDate(last ? (*last + *today) / 2 : *today - 42);
    v.device = c.allowedTools.empty() ? "pen" : c.allowedTools.front();
    for (const core::ZoneScenarioRules& z : c.zones)
        if (z.treat) v.depthMm.emplace_back(z.zone, z.depth.minMm);
    return v;
}

void drawEarlierVisit(EditorState& s, core::EarlierVisit& v, const std::string& field) {
    s.changed |= editText("Date (yyyy-mm-dd)", v.date);
    hookItem(s, "field." + field + ".date");
    showProblems(s, field + ".date");
    s.changed |= chooseFrom("Device", v.device, std::array<const char*, 2>{"pen", "roller"}, 160.0f);
    showProblems(s, field + ".device");
    ImGui::TextUnformatted("Depth per zone (mm), as set at that visit:");
    for (std::size_t d = 0; d < v.depthMm.size(); ++d) {
        ImGui::PushID(static_cast<int>(d));
        s.changed |= chooseFrom("##zone", v.depthMm[d].first, core::kTreatmentZones, 180.0f);
        ImGui::SameLine();
        s.changed |= editNumber("##depth", v.depthMm[d].second, 0.05, 2, 120.0f);
        ImGui::SameLine();
        if (ImGui::SmallButton("remove")) {
            v.depthMm.erase(v.depthMm.begin() + static_cast<std::ptrdiff_t>(d));
            s.changed = true;
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
    if (ImGui::SmallButton("Add a zone")) {
        for (std::string_view zone : core::kTreatmentZones)
            if (std::none_of(v.depthMm.begin(), v.depthMm.end(), [&](const auto& d) { return d.first == zone; })) {
                v.depthMm.emplace_back(std::string(zone), 0.5);
                break;
            }
        s.changed = true;
    }
    showProblems(s, field + ".depth_mm");
    ImGui::TextUnformatted("Seen after it (healing, reactions):");
    s.changed |= editWrappedText("##seen", v.seenAfter, 54.0f);
    showProblems(s, field + ".seen_after");
    showSectionProblems(s, field);
}

}  // namespace

void drawCourse(EditorState& s) {
    core::Scenario& c = s.draft->scenario;
    bool followUp = c.course.has_value();
    if (ImGui::Checkbox("A follow-up visit: the patient had sessions of this course before", &followUp)) {
        if (followUp) {
            c.course.emplace();
            c.course->id = c.id;
            c.course->today = isoDate(todayOnThisComputer());
        } else {
            c.course.reset();
        }
        s.changed = true;
    }
    hookItem(s, "field.course");
    if (!c.course) {
        ImGui::TextWrapped("A first visit. Tick the box to describe the earlier sessions and today's skin; the "
                           "catalogue then decides whether today may go ahead (too soon, skin not healed, infected).");
        return;
    }
    core::Course& course = *c.course;
    s.changed |= editText("Course id", course.id);
    showProblems(s, "course.id");
    hint("Shared by every case of this patient's course.");
    s.changed |= editText("Today (yyyy-mm-dd)", course.today);
    hookItem(s, "field.course.today");
    showProblems(s, "course.today");
    const std::optional<int> today = core::daysFromIsoDate(course.today);
    const std::optional<int> last =
        course.visits.empty() ? std::nullopt : core::daysFromIsoDate(course.visits.back().date);
    if (today && last)
        hint("Visit " + std::to_string(course.visit) + ", " + std::to_string(*today - *last) +
             " days after the last session.");
    else
        hint("Visit " + std::to_string(course.visit) + ".");
    showProblems(s, "course.visit");
    s.changed |= chooseFrom("Today's skin", course.skin, core::kSkinStates, 200.0f);
    showProblems(s, "course.skin");
    ImGui::TextUnformatted("What today's skin looks like:");
    s.changed |= editWrappedText("##skin_note", course.skinNote, 54.0f);
    showProblems(s, "course.skin_note");
    // What the reader makes of the course: the conditions it adds (too soon, not healed, infected).
    if (const std::optional<core::Scenario>& read = s.draft->readBack()) {
        bool any = false;
        for (const core::PatientCondition& pc : read->patient.conditions)
            if (pc.fromCourse) {
                ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.75f, 0.3f, 1.0f));
                ImGui::TextWrapped("The course gives %s: %s", pc.id.c_str(), pc.note.c_str());
                ImGui::PopStyleColor();
                any = true;
            }
        if (!any) hint("The course gives no condition: the interval and today's skin allow a session.");
    }
    showSectionProblems(s, "course");
    for (std::size_t i = 0; i < course.visits.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::Separator();
        ImGui::TextDisabled("Earlier visit %zu", i + 1);
        drawEarlierVisit(s, course.visits[i], "course.earlier_visit." + std::to_string(i));
        if (ImGui::Button("Remove this visit")) {
            course.visits.erase(course.visits.begin() + static_cast<std::ptrdiff_t>(i));
            s.changed = true;
            ImGui::PopID();
            break;
        }
        ImGui::PopID();
    }
    ImGui::Separator();
    if (ImGui::Button("Add an earlier visit")) {
        course.visits.push_back(newVisit(c));
        s.changed = true;
    }
    hookItem(s, "add_visit");
    // Today's number follows the earlier visits (the format's rule), also after one was added or removed.
    if (course.visit != static_cast<int>(course.visits.size()) + 1) {
        course.visit = static_cast<int>(course.visits.size()) + 1;
        s.changed = true;
    }
    hint("Oldest first. Today's depth per zone is on the Decision tab, beside each zone of the plan.");
}

}  // namespace pinpoint::app::case_editor
