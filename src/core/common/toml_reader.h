#pragma once
// Reading the project's TOML data files (zones, tools, rubric, scenarios) with errors located at
// file:line:col. Problems are thrown as TomlProblem inside a parse and turned into an Error at its
// edge by parseTomlDocument, so no exception leaves the core.
#include "core/common/error.h"

#include <glm/vec3.hpp>
#include <toml++/toml.h>

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pinpoint::core {

struct TomlProblem {
    Error error;
};

class TomlReader {
public:
    explicit TomlReader(std::string file) : file_(std::move(file)) {}
    const std::string& file() const { return file_; }

    [[noreturn]] void fail(const toml::node* at, const std::string& message, const std::string& hint = {}) const;
    void onlyKeys(const toml::table& table, std::initializer_list<std::string_view> allowed, const char* what) const;
    void onlyKeys(const toml::table& table, std::span<const std::string_view> allowed, const char* what) const;
    const toml::node& required(const toml::table& table, std::string_view key, const char* what) const;
    std::string string(const toml::node& n, const char* what) const;
    double number(const toml::node& n, const char* what) const;
    std::int64_t integer(const toml::node& n, const char* what) const;
    bool boolean(const toml::node& n, const char* what) const;
    const toml::table& table(const toml::node& n, const char* what) const;
    const toml::array& array(const toml::node& n, const char* what) const;
    glm::vec3 vector(const toml::node& n, const char* what) const;
    // A point: [x, y, z] in mm or the name of a landmark.
    glm::vec3 point(const toml::node& n, const char* what, const std::map<std::string, glm::vec3>& landmarks) const;

    // Optional members with a default.
    double numberOr(const toml::table& t, std::string_view key, double fallback, const char* what) const;
    std::string stringOr(const toml::table& t, std::string_view key, std::string fallback, const char* what) const;

private:
    std::string file_;
};

// The last part of a path ("zones.toml" of "assets/zones.toml").
std::string fileName(const std::string& path);

// Parses `text` as TOML and runs `build` on it; TOML syntax errors and TomlProblems become Errors.
template <class T>
Result<T> parseTomlDocument(const std::string& text, const std::string& sourceName, const char* what,
                            const std::function<T(const TomlReader&, const toml::table&)>& build) {
    const TomlReader reader(sourceName);
    try {
        const toml::table root = toml::parse(text, sourceName);
        return build(reader, root);
    } catch (const toml::parse_error& e) {
        return Error{sourceName, static_cast<int>(e.source().begin.line), static_cast<int>(e.source().begin.column),
                     std::string(e.description()), std::string(what) + " is not valid TOML"};
    } catch (const TomlProblem& p) {
        return p.error;
    }
}

// The whole file, or nullopt if it cannot be read.
std::optional<std::string> readTextFile(const std::string& path);

// Reads one of the project's data files and parses it; a file that cannot be read is reported as
// "cannot read <what>" with a hint naming the asset folder.
template <class T, class Parse>
Result<T> readDataFile(const std::string& path, const char* what, Parse parse) {
    std::optional<std::string> text = readTextFile(path);
    if (!text)
        return Error{path, 0, 0, std::string("cannot read ") + what,
                     "check the path, or set PINPOINT_ASSETS to the folder that holds " + fileName(path)};
    return parse(*text, path);
}

}  // namespace pinpoint::core
