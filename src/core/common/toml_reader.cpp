#include "core/common/toml_reader.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace pinpoint::core {

void TomlReader::fail(const toml::node* at, const std::string& message, const std::string& hint) const {
    Error e{file_, 0, 0, message, hint};
    if (at) {
        e.line = static_cast<int>(at->source().begin.line);
        e.column = static_cast<int>(at->source().begin.column);
    }
    throw TomlProblem{e};
}

void TomlReader::onlyKeys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                          const char* what) const {
    onlyKeys(table, std::span<const std::string_view>(allowed.begin(), allowed.size()), what);
}

void TomlReader::onlyKeys(const toml::table& table, std::span<const std::string_view> allowed, const char* what) const {
    for (auto&& [key, node] : table) {
        bool known = false;
        for (std::string_view a : allowed) known = known || key.str() == a;
        if (!known) {
            std::string list;
            for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
            fail(&node, "unknown key '" + std::string(key.str()) + "' in " + what, "allowed: " + list);
        }
    }
}

const toml::node& TomlReader::required(const toml::table& table, std::string_view key, const char* what) const {
    const toml::node* n = table.get(key);
    if (!n) fail(&table, std::string(what) + " needs '" + std::string(key) + "'");
    return *n;
}

std::string TomlReader::string(const toml::node& n, const char* what) const {
    if (auto s = n.value<std::string>()) return *s;
    fail(&n, std::string(what) + " must be a string");
}

double TomlReader::number(const toml::node& n, const char* what) const {
    if (!n.is_number()) fail(&n, std::string(what) + " must be a number");
    const double v = *n.value<double>();
    // nan passes every `x <= limit` check and turns into undefined behaviour when cast to an int.
    if (!std::isfinite(v)) fail(&n, std::string(what) + " must be a finite number", "nan and inf are not allowed");
    return v;
}

std::int64_t TomlReader::integer(const toml::node& n, const char* what) const {
    if (n.is_integer()) return *n.value<std::int64_t>();
    fail(&n, std::string(what) + " must be a whole number");
}

bool TomlReader::boolean(const toml::node& n, const char* what) const {
    if (n.is_boolean()) return *n.value<bool>();
    fail(&n, std::string(what) + " must be true or false");
}

const toml::table& TomlReader::table(const toml::node& n, const char* what) const {
    if (const toml::table* t = n.as_table()) return *t;
    fail(&n, std::string(what) + " must be a table");
}

const toml::array& TomlReader::array(const toml::node& n, const char* what) const {
    if (const toml::array* a = n.as_array()) return *a;
    fail(&n, std::string(what) + " must be an array");
}

glm::vec3 TomlReader::vector(const toml::node& n, const char* what) const {
    const toml::array* a = n.as_array();
    if (!a || a->size() != 3) fail(&n, std::string(what) + " must be an array of three numbers [x, y, z] (mm)");
    glm::vec3 v;
    for (int i = 0; i < 3; ++i) v[i] = static_cast<float>(number(*a->get(i), what));
    return v;
}

glm::vec3 TomlReader::point(const toml::node& n, const char* what,
                            const std::map<std::string, glm::vec3>& landmarks) const {
    if (auto name = n.value<std::string>()) {
        auto it = landmarks.find(*name);
        if (it == landmarks.end()) fail(&n, "unknown landmark '" + *name + "'", "define it under [landmarks]");
        return it->second;
    }
    return vector(n, what);
}

double TomlReader::numberOr(const toml::table& t, std::string_view key, double fallback, const char* what) const {
    const toml::node* n = t.get(key);
    return n ? number(*n, what) : fallback;
}

std::string TomlReader::stringOr(const toml::table& t, std::string_view key, std::string fallback,
                                 const char* what) const {
    const toml::node* n = t.get(key);
    return n ? string(*n, what) : fallback;
}

std::string fileName(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::optional<std::string> readTextFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return text.str();
}

}  // namespace pinpoint::core
