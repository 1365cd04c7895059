// `pinpoint model [--json]`: what the head is and how its skin is divided.
#include "cli/commands.h"
#include "cli/load_head.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

namespace pinpoint::cli {

namespace {

double rounded(double v, double step = 0.001) { return std::round(v / step) * step; }

nlohmann::json point(glm::vec3 p) { return {rounded(p.x), rounded(p.y), rounded(p.z)}; }

nlohmann::json modelJson(const core::Head& head) {
    const core::Bounds b = core::meshBounds(head.mesh());
    nlohmann::json j;
    j["source"] = {{"path", head.source.path}, {"sha256", head.source.sha256}};
    j["units"] = "mm";
    j["vertices"] = head.mesh().vertexCount();
    j["triangles"] = head.mesh().triangleCount();
    j["bounds"] = {{"min", point(b.min)}, {"max", point(b.max)}};
    j["zones"] = nlohmann::json::array();
    j["forbidden"] = nlohmann::json::array();
    for (const core::AreaSummary& a : core::summarizeAreas(head)) {
        nlohmann::json entry = {{"name", a.name}};
        if (a.kind == core::AreaKind::Treatment) entry["treatable"] = true;
        entry["area_cm2"] = rounded(a.areaCm2, 0.01);
        entry["centroid"] = point(a.centroid);
        entry["triangles"] = a.triangles;
        j[a.kind == core::AreaKind::Treatment ? "zones" : "forbidden"].push_back(entry);
    }
    j["landmarks"] = nlohmann::json::object();
    for (const auto& [name, p] : head.zoneFile.landmarks) j["landmarks"][name] = point(p);
    return j;
}

void printTable(const core::Head& head) {
    const core::Bounds b = core::meshBounds(head.mesh());
    std::printf("Head model  %s\n  sha256    %s\n", head.source.path.c_str(), head.source.sha256.c_str());
    std::printf("  surface   %zu vertices, %zu triangles, model space in mm\n", head.mesh().vertexCount(),
                head.mesh().triangleCount());
    std::printf("  bounds    (%.1f, %.1f, %.1f) to (%.1f, %.1f, %.1f)\n", b.min.x, b.min.y, b.min.z, b.max.x, b.max.y,
                b.max.z);
    std::printf("  zones     %s\n\n", head.zoneFile.zones.file.c_str());
    std::printf("%-20s %-10s %9s %9s   %s\n", "area", "kind", "cm2", "triangles", "centroid (mm)");
    double treatable = 0.0;
    for (const core::AreaSummary& a : core::summarizeAreas(head)) {
        const bool treat = a.kind == core::AreaKind::Treatment;
        if (treat && a.name != "neck") treatable += a.areaCm2;
        std::printf("%-20s %-10s %9.2f %9zu   (%.1f, %.1f, %.1f)\n", a.name.c_str(), treat ? "treatment" : "forbidden",
                    a.areaCm2, a.triangles, a.centroid.x, a.centroid.y, a.centroid.z);
    }
    std::printf("\nTreatable face without the neck: %.1f cm2\n", treatable);
}

}  // namespace

Runner addModelCommand(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("model", "Describe the head: source, size, zones and forbidden areas");
    auto options = std::make_shared<HeadOptions>();
    auto json = std::make_shared<bool>(false);
    addHeadOptions(*cmd, *options);
    cmd->add_flag("--json", *json, "Print JSON instead of a table");
    return [options, json]() {
        const std::optional<core::Head> head = loadHeadOrReport(*options);
        if (!head) return kExitBadInput;
        if (*json)
            std::cout << modelJson(*head).dump(2) << "\n";
        else
            printTable(*head);
        return kExitOk;
    };
}

}  // namespace pinpoint::cli
