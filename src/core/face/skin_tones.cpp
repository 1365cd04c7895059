#include "core/face/skin_tones.h"

#include "core/common/toml_reader.h"

#include <algorithm>
#include <cmath>

namespace pinpoint::core {

namespace {

constexpr double kPi = 3.14159265358979323846;

glm::vec3 readLab(const TomlReader& r, const toml::node& n, const char* what) {
    const glm::vec3 lab = r.vector(n, what);
    if (lab.x < 0.0f || lab.x > 100.0f) r.fail(&n, std::string(what) + ": L* must be 0 to 100");
    if (std::abs(lab.y) > 128.0f || std::abs(lab.z) > 128.0f) r.fail(&n, std::string(what) + ": a* and b* must be -128 to 128");
    return lab;
}

SkinType readType(const TomlReader& r, const toml::table& t) {
    r.onlyKeys(t, {"fitzpatrick", "ita_class", "lab", "erythema_shift", "erythema_visibility", "erythema", "bleeding", "source"},
               "a [[type]]");
    SkinType s;
    const toml::node& type = r.required(t, "fitzpatrick", "a [[type]]");
    const std::int64_t f = r.integer(type, "fitzpatrick");
    if (f < 1 || f > 6) r.fail(&type, "fitzpatrick must be a Fitzpatrick skin type, 1 to 6");
    s.fitzpatrick = static_cast<int>(f);
    const toml::node& lab = r.required(t, "lab", "a [[type]]");
    s.lab = readLab(r, lab, "lab");
    const toml::node& ita = r.required(t, "ita_class", "a [[type]]");
    s.itaClass = r.string(ita, "ita_class");
    const double angle = individualTypologyAngle(s.lab);
    if (s.itaClass != itaClassOf(angle))
        r.fail(&lab, "this colour's ITA is " + std::to_string(angle) + " degrees, in the class \"" + itaClassOf(angle) +
                         "\", not \"" + s.itaClass + "\"",
               "ITA = atan((L* - 50) / b*); classes: very light > 55, light 41..55, intermediate 28..41, tan 10..28, "
               "brown -30..10, dark < -30");
    s.erythemaShift = r.vector(r.required(t, "erythema_shift", "a [[type]]"), "erythema_shift");
    const toml::node& visibility = r.required(t, "erythema_visibility", "a [[type]]");
    s.erythemaVisibility = static_cast<float>(r.number(visibility, "erythema_visibility"));
    if (s.erythemaVisibility < 0.0f || s.erythemaVisibility > 1.0f) r.fail(&visibility, "erythema_visibility must be 0 to 1");
    s.erythema = r.string(r.required(t, "erythema", "a [[type]]"), "erythema");
    s.bleeding = r.string(r.required(t, "bleeding", "a [[type]]"), "bleeding");
    r.string(r.required(t, "source", "a [[type]]"), "source");
    return s;
}

SkinTones parse(const TomlReader& r, const toml::table& root) {
    r.onlyKeys(root, {"format", "version", "bleeding", "type"}, "the skin tones");
    const toml::node& format = r.required(root, "format", "the skin tones");
    if (r.string(format, "format") != "pinpoint-skin-tones") r.fail(&format, "format must be \"pinpoint-skin-tones\"");
    const toml::node& version = r.required(root, "version", "the skin tones");
    if (r.integer(version, "version") != 1) r.fail(&version, "unsupported skin tones version", "this Pinpoint reads version 1");
    SkinTones tones;
    const toml::table& bleeding = r.table(r.required(root, "bleeding", "the skin tones"), "[bleeding]");
    r.onlyKeys(bleeding, {"lab", "source"}, "[bleeding]");
    tones.bloodLab = readLab(r, r.required(bleeding, "lab", "[bleeding]"), "lab");
    r.string(r.required(bleeding, "source", "[bleeding]"), "source");
    std::array<bool, 6> seen{};
    for (const toml::node& n : r.array(r.required(root, "type", "the skin tones"), "[[type]]")) {
        SkinType s = readType(r, r.table(n, "a [[type]]"));
        const std::size_t i = static_cast<std::size_t>(s.fitzpatrick - 1);
        if (seen[i]) r.fail(&n, "Fitzpatrick type " + std::to_string(s.fitzpatrick) + " is listed twice");
        seen[i] = true;
        tones.types[i] = std::move(s);
    }
    for (std::size_t i = 0; i < seen.size(); ++i)
        if (!seen[i]) r.fail(&root, "the skin tones give no Fitzpatrick type " + std::to_string(i + 1), "list every type, 1 to 6");
    return tones;
}

}  // namespace

const SkinType& SkinTones::type(int fitzpatrick) const {
    return types[static_cast<std::size_t>(fitzpatrick >= 1 && fitzpatrick <= 6 ? fitzpatrick - 1 : 1)];
}

double individualTypologyAngle(glm::vec3 lab) {
    return std::atan2(static_cast<double>(lab.x) - 50.0, static_cast<double>(lab.z)) * 180.0 / kPi;
}

const char* itaClassOf(double ita) {
    if (ita > 55.0) return "very light";
    if (ita > 41.0) return "light";
    if (ita > 28.0) return "intermediate";
    if (ita > 10.0) return "tan";
    if (ita > -30.0) return "brown";
    return "dark";
}

glm::vec3 labToLinearSrgb(glm::vec3 lab) {
    // CIELAB to XYZ relative to the D65 white (CIE 15), then XYZ to linear sRGB (IEC 61966-2-1).
    const double fy = (lab.x + 16.0) / 116.0;
    const double fx = fy + lab.y / 500.0;
    const double fz = fy - lab.z / 200.0;
    const auto inverse = [](double f) {
        constexpr double delta = 6.0 / 29.0;
        return f > delta ? f * f * f : 3.0 * delta * delta * (f - 4.0 / 29.0);
    };
    const double x = 0.95047 * inverse(fx), y = 1.0 * inverse(fy), z = 1.08883 * inverse(fz);
    const double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
    const double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
    const double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
    return glm::vec3(static_cast<float>(std::clamp(r, 0.0, 1.0)), static_cast<float>(std::clamp(g, 0.0, 1.0)),
                     static_cast<float>(std::clamp(b, 0.0, 1.0)));
}

float linearToSrgb(float c) {
    c = std::clamp(c, 0.0f, 1.0f);
    return c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
}

Result<SkinTones> parseSkinTones(const std::string& text, const std::string& sourceName) {
    return parseTomlDocument<SkinTones>(text, sourceName, "the skin tones", [&](const TomlReader& r, const toml::table& root) {
        SkinTones t = parse(r, root);
        t.file = sourceName;
        return t;
    });
}

Result<SkinTones> readSkinTones(const std::string& path) {
    return readDataFile<SkinTones>(path, "the skin tones", parseSkinTones);
}

}  // namespace pinpoint::core
