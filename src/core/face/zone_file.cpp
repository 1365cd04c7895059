#include "core/face/zone_file.h"

#include "core/face/area_names.h"

#include "core/common/toml_reader.h"

#include <glm/geometric.hpp>

#include <set>

namespace pinpoint::core {

namespace {

struct Context {
    const TomlReader& r;
    const std::map<std::string, glm::vec3>& landmarks;
};

Ellipsoid readEllipsoid(const Context& c, const toml::node& n) {
    const toml::table& t = c.r.table(n, "an ellipsoid");
    c.r.onlyKeys(t, {"centre", "radii"}, "an ellipsoid");
    Ellipsoid e{c.r.point(c.r.required(t, "centre", "an ellipsoid"), "centre", c.landmarks),
                c.r.vector(c.r.required(t, "radii", "an ellipsoid"), "radii")};
    if (e.radii.x <= 0 || e.radii.y <= 0 || e.radii.z <= 0)
        c.r.fail(t.get("radii"), "ellipsoid radii must all be greater than 0 mm");
    return e;
}

std::vector<Ellipsoid> readEllipsoids(const Context& c, const toml::node& n) {
    std::vector<Ellipsoid> out;
    if (const toml::array* a = n.as_array()) {
        for (const toml::node& item : *a) out.push_back(readEllipsoid(c, item));
    } else {
        out.push_back(readEllipsoid(c, n));
    }
    return out;
}

glm::vec3 unitVector(const Context& c, const toml::node& n, const char* what) {
    const glm::vec3 v = c.r.vector(n, what);
    if (glm::length(v) < 1e-6f) c.r.fail(&n, std::string(what) + " must not be the zero vector");
    return glm::normalize(v);
}

std::vector<HalfSpace> readHalfSpaces(const Context& c, const toml::node& n) {
    std::vector<HalfSpace> out;
    auto one = [&](const toml::node& item) {
        const toml::table& t = c.r.table(item, "a half-space");
        c.r.onlyKeys(t, {"point", "normal"}, "a half-space");
        out.push_back({c.r.point(c.r.required(t, "point", "a half-space"), "point", c.landmarks),
                       unitVector(c, c.r.required(t, "normal", "a half-space"), "normal")});
    };
    if (const toml::array* a = n.as_array()) {
        for (const toml::node& item : *a) one(item);
    } else {
        one(n);
    }
    return out;
}

std::size_t areaIndex(const Context& c, const ZoneDefinition& z, const toml::node& n) {
    const std::string name = c.r.string(n, "area");
    for (std::size_t i = 0; i < z.areas.size(); ++i)
        if (z.areas[i].name == name) return i;
    c.r.fail(&n, "rule names area '" + name + "', which is not declared", "declare it in an [[area]] table first");
}

ZoneRule readRule(const Context& c, const ZoneDefinition& z, const toml::table& t) {
    c.r.onlyKeys(t, {"area", "mirror", "part", "inside", "outside", "above", "facing"}, "a [[rule]]");
    ZoneRule rule;
    rule.line = static_cast<int>(t.source().begin.line);
    rule.area = areaIndex(c, z, c.r.required(t, "area", "a [[rule]]"));
    if (const toml::node* m = t.get("mirror")) {
        rule.mirrored = true;
        rule.mirrorArea = areaIndex(c, z, *m);
        if (!z.areas[rule.area].name.ends_with("_left") || !z.areas[rule.mirrorArea].name.ends_with("_right"))
            c.r.fail(m, "a mirrored rule is written for the patient's left: area must end in _left, mirror in _right");
    }
    if (const toml::node* p = t.get("part")) {
        const std::string part = c.r.string(*p, "part");
        if (part == "skin") rule.part = SurfacePart::Skin;
        else if (part == "eye") rule.part = SurfacePart::Eye;
        else if (part == "inner") rule.part = SurfacePart::Inner;
        else c.r.fail(p, "part must be \"skin\", \"eye\" or \"inner\"");
    }
    if (const toml::node* n = t.get("inside")) rule.insideAny = readEllipsoids(c, *n);
    if (const toml::node* n = t.get("outside")) rule.outsideAll = readEllipsoids(c, *n);
    if (const toml::node* n = t.get("above")) rule.halfSpaces = readHalfSpaces(c, *n);
    if (const toml::node* n = t.get("facing")) {
        const toml::table& f = c.r.table(*n, "facing");
        c.r.onlyKeys(f, {"direction", "min_cos"}, "facing");
        const float minCos = static_cast<float>(c.r.number(c.r.required(f, "min_cos", "facing"), "min_cos"));
        if (minCos < -1.0f || minCos > 1.0f) c.r.fail(f.get("min_cos"), "min_cos must lie between -1 and 1");
        rule.facing = Facing{unitVector(c, c.r.required(f, "direction", "facing"), "direction"), minCos};
    }
    return rule;
}

Area readArea(const TomlReader& r, const toml::table& t) {
    r.onlyKeys(t, {"name", "kind", "description"}, "an [[area]]");
    Area a;
    const toml::node& nameNode = r.required(t, "name", "an [[area]]");
    a.name = r.string(nameNode, "name");
    const toml::node& kindNode = r.required(t, "kind", "an [[area]]");
    const std::string kind = r.string(kindNode, "kind");
    if (kind == "treatment") a.kind = AreaKind::Treatment;
    else if (kind == "forbidden") a.kind = AreaKind::Forbidden;
    else r.fail(&kindNode, "kind must be \"treatment\" or \"forbidden\"");
    if (a.kind == AreaKind::Treatment && !isTreatmentZoneName(a.name))
        r.fail(&nameNode, "unknown treatment zone '" + a.name + "'",
               "zone names are fixed: forehead, temple_left/right, periorbital_left/right, nose, cheek_left/right, "
               "perioral, chin, jaw_left/right, neck");
    if (a.kind == AreaKind::Forbidden && !isForbiddenAreaName(a.name))
        r.fail(&nameNode, "unknown forbidden area '" + a.name + "'",
               "forbidden areas are fixed: eyes, lip_vermilion, nostrils, ears, scalp");
    if (const toml::node* d = t.get("description")) a.description = r.string(*d, "description");
    return a;
}

ZoneFile parseTable(const TomlReader& r, const toml::table& root) {
    r.onlyKeys(root, {"format", "version", "source", "landmarks", "area", "rule"}, "the zone file");
    const toml::node& format = r.required(root, "format", "the zone file");
    if (r.string(format, "format") != "pinpoint-zones") r.fail(&format, "format must be \"pinpoint-zones\"");
    const toml::node& version = r.required(root, "version", "the zone file");
    if (!version.is_integer() || *version.value<std::int64_t>() != 1)
        r.fail(&version, "unsupported zone file version", "this Pinpoint reads version 1");

    ZoneFile out;
    if (const toml::node* lm = root.get("landmarks")) {
        for (auto&& [key, node] : r.table(*lm, "[landmarks]"))
            out.landmarks[std::string(key.str())] = r.vector(node, "a landmark");
    }
    const Context c{r, out.landmarks};

    const toml::array* areas = root.get("area") ? root.get("area")->as_array() : nullptr;
    if (!areas || !areas->is_array_of_tables()) r.fail(&root, "the zone file needs [[area]] tables");
    std::set<std::string> seen;
    for (const toml::node& n : *areas) {
        Area a = readArea(r, *n.as_table());
        if (!seen.insert(a.name).second) r.fail(&n, "area '" + a.name + "' is declared twice");
        out.zones.areas.push_back(std::move(a));
    }
    for (std::string_view z : kTreatmentZones)
        if (!seen.count(std::string(z))) r.fail(areas, "treatment zone '" + std::string(z) + "' is not declared");
    for (std::string_view z : kForbiddenAreas)
        if (!seen.count(std::string(z))) r.fail(areas, "forbidden area '" + std::string(z) + "' is not declared");

    const toml::array* rules = root.get("rule") ? root.get("rule")->as_array() : nullptr;
    if (!rules || !rules->is_array_of_tables()) r.fail(&root, "the zone file needs [[rule]] tables");
    for (const toml::node& n : *rules) out.zones.rules.push_back(readRule(c, out.zones, *n.as_table()));
    return out;
}

}  // namespace

Result<ZoneFile> parseZoneFile(const std::string& text, const std::string& sourceName) {
    return parseTomlDocument<ZoneFile>(text, sourceName, "the zone file", [&](const TomlReader& r, const toml::table& root) {
        ZoneFile out = parseTable(r, root);
        out.zones.file = sourceName;
        return out;
    });
}

Result<ZoneFile> readZoneFile(const std::string& path) {
    return readDataFile<ZoneFile>(path, "the zone file", parseZoneFile);
}

}  // namespace pinpoint::core
