// The scenario library for stations (station token): the current version of each scenario, and any
// version's text by its SHA-256. `pinpoint scenarios fetch` checks each text against the SHA-256 listed.
#include "centre/centre_routes.h"
#include "centre/http_replies.h"

#include <nlohmann/json.hpp>

namespace pinpoint::centre {

namespace {

using nlohmann::json;

void listScenarios(CentreContext& centre, const httplib::Request& req, httplib::Response& res) {
    if (!authoriseStation(centre, req, res)) return;
    Result<std::vector<ScenarioVersion>> current = centre.store.currentScenarios();
    if (!current) return fail(res, current.error());
    json list = json::array();
    for (const ScenarioVersion& v : *current)
        list.push_back({{"id", v.scenario}, {"title", v.title}, {"sha256", v.sha256}, {"added_ms", v.added}});
    reply(res, 200, {{"scenarios", list}});
}

void getScenario(CentreContext& centre, const httplib::Request& req, httplib::Response& res) {
    if (!authoriseStation(centre, req, res)) return;
    const std::string id = req.matches[1];
    std::optional<ScenarioVersion> found;
    if (req.has_param("sha256")) {
        Result<std::optional<ScenarioVersion>> version = centre.store.scenarioVersion(req.get_param_value("sha256"));
        if (!version) return fail(res, version.error());
        if (*version && (*version)->scenario == id) found = **version;
    } else {
        Result<std::vector<ScenarioVersion>> current = centre.store.currentScenarios();
        if (!current) return fail(res, current.error());
        for (const ScenarioVersion& v : *current)
            if (v.scenario == id) found = v;
    }
    if (!found)
        return fail(res, 404, "not_found", req.has_param("sha256") ? "the library has no such version of scenario '" + id + "'"
                                                                   : "the library has no scenario '" + id + "'");
    res.status = 200;
    res.set_header("X-Scenario-Sha256", found->sha256);
    res.set_content(found->text, "application/toml");
}

}  // namespace

void addLibraryRoutes(httplib::Server& http, CentreContext& centre) {
    http.Get("/api/v1/scenarios",
             [&centre](const httplib::Request& req, httplib::Response& res) { listScenarios(centre, req, res); });
    http.Get(R"(/api/v1/scenarios/([^/]+))",
             [&centre](const httplib::Request& req, httplib::Response& res) { getScenario(centre, req, res); });
}

}  // namespace pinpoint::centre
