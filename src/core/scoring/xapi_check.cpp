// The xAPI 1.0.3 statement rules a learning record store enforces (xAPI Data, section 2.4, "Statement
// Properties"), as a list of problems; used by the export's tests and the centre's test receiver.
#include "core/scoring/xapi_statement.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <regex>
#include <set>

namespace pinpoint::core {

namespace {

using nlohmann::json;
using Problems = std::vector<std::string>;

// A text property of an object: `fallback` when absent, and an empty string when it is there but is not
// text (which no allowed value equals, so the caller reports it). json::value() would throw instead.
std::string textOf(const json& j, const char* key, const char* fallback) {
    if (!j.is_object() || !j.contains(key)) return fallback;
    return j[key].is_string() ? j[key].get<std::string>() : std::string();
}

bool isLanguageTag(const std::string& text) {
    static const std::regex tag("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$");
    return std::regex_match(text, tag);
}

bool hex(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

void unknownKeys(const json& j, const std::string& path, std::initializer_list<const char*> allowed, Problems& out) {
    const std::set<std::string> known(allowed.begin(), allowed.end());
    for (const auto& [key, value] : j.items())
        if (!known.count(key)) out.push_back(path + "." + key + ": not an xAPI property here");
}

void checkIri(const json& j, const std::string& path, Problems& out) {
    if (!j.is_string() || !isIri(j.get<std::string>())) out.push_back(path + ": must be an absolute IRI");
}

void checkLanguageMap(const json& j, const std::string& path, Problems& out) {
    if (!j.is_object()) {
        out.push_back(path + ": must be a language map (an object of language tag to text)");
        return;
    }
    for (const auto& [key, value] : j.items()) {
        if (!isLanguageTag(key)) out.push_back(path + "." + key + ": not an RFC 5646 language tag");
        if (!value.is_string()) out.push_back(path + "." + key + ": must be a string");
    }
}

void checkExtensions(const json& j, const std::string& path, Problems& out) {
    if (!j.is_object()) {
        out.push_back(path + ": must be an object whose keys are IRIs");
        return;
    }
    for (const auto& [key, value] : j.items())
        if (!isIri(key)) out.push_back(path + ": key '" + key + "' is not an absolute IRI");
}

// An Agent or Group (xAPI Data 2.4.2): an Agent has exactly one inverse functional identifier; a Group
// has one too, or none and a member list (an anonymous group).
void checkActor(const json& j, const std::string& path, Problems& out) {
    if (!j.is_object()) {
        out.push_back(path + ": must be an Agent or Group object");
        return;
    }
    const std::string type = textOf(j, "objectType", "Agent");
    if (type != "Agent" && type != "Group") {
        out.push_back(path + ".objectType: must be \"Agent\" or \"Group\"");
        return;
    }
    unknownKeys(j, path, {"objectType", "name", "mbox", "mbox_sha1sum", "openid", "account", "member"}, out);
    if (j.contains("name") && !j["name"].is_string()) out.push_back(path + ".name: must be a string");
    int identifiers = 0;
    if (j.contains("mbox")) {
        ++identifiers;
        const json& m = j["mbox"];
        if (!m.is_string() || m.get<std::string>().rfind("mailto:", 0) != 0 ||
            m.get<std::string>().find('@') == std::string::npos)
            out.push_back(path + ".mbox: must be a mailto: IRI with an email address");
    }
    if (j.contains("mbox_sha1sum")) {
        ++identifiers;
        if (!j["mbox_sha1sum"].is_string() || j["mbox_sha1sum"].get<std::string>().size() != 40 ||
            !hex(j["mbox_sha1sum"].get<std::string>()))
            out.push_back(path + ".mbox_sha1sum: must be 40 hexadecimal digits (SHA-1)");
    }
    if (j.contains("openid")) {
        ++identifiers;
        checkIri(j["openid"], path + ".openid", out);
    }
    if (j.contains("account")) {
        ++identifiers;
        const json& a = j["account"];
        if (!a.is_object()) {
            out.push_back(path + ".account: must be an object with homePage and name");
        } else {
            unknownKeys(a, path + ".account", {"homePage", "name"}, out);
            if (!a.contains("homePage") || !a["homePage"].is_string() || !isHttpUrl(a["homePage"].get<std::string>()))
                out.push_back(path + ".account.homePage: required, an IRL (http or https URL)");
            if (!a.contains("name") || !a["name"].is_string() || a["name"].get<std::string>().empty())
                out.push_back(path + ".account.name: required, a non-empty string");
        }
    }
    if (type == "Agent") {
        if (identifiers != 1)
            out.push_back(path + ": an Agent needs exactly one of mbox, mbox_sha1sum, openid or account (has " +
                          std::to_string(identifiers) + ")");
        if (j.contains("member")) out.push_back(path + ".member: only a Group has members");
        return;
    }
    if (identifiers > 1) out.push_back(path + ": a Group has at most one of mbox, mbox_sha1sum, openid or account");
    if (identifiers == 0 && (!j.contains("member") || !j["member"].is_array() || j["member"].empty()))
        out.push_back(path + ".member: an anonymous Group needs a list of members");
    if (j.contains("member")) {
        if (!j["member"].is_array()) return out.push_back(path + ".member: must be a list of Agents");
        for (std::size_t i = 0; i < j["member"].size(); ++i) {
            const std::string p = path + ".member[" + std::to_string(i) + "]";
            if (j["member"][i].is_object() && textOf(j["member"][i], "objectType", "Agent") != "Agent")
                out.push_back(p + ": a Group's members are Agents");
            else
                checkActor(j["member"][i], p, out);
        }
    }
}

void checkVerb(const json& j, Problems& out) {
    if (!j.is_object()) return out.push_back("verb: must be an object with an id");
    unknownKeys(j, "verb", {"id", "display"}, out);
    if (!j.contains("id"))
        out.push_back("verb.id: required");
    else
        checkIri(j["id"], "verb.id", out);
    if (j.contains("display")) checkLanguageMap(j["display"], "verb.display", out);
}

void checkActivity(const json& j, const std::string& path, Problems& out) {
    unknownKeys(j, path, {"objectType", "id", "definition"}, out);
    if (!j.contains("id"))
        out.push_back(path + ".id: required");
    else
        checkIri(j["id"], path + ".id", out);
    if (!j.contains("definition")) return;
    const json& d = j["definition"];
    const std::string p = path + ".definition";
    if (!d.is_object()) return out.push_back(p + ": must be an object");
    for (const char* map : {"name", "description"})
        if (d.contains(map)) checkLanguageMap(d[map], p + "." + map, out);
    if (d.contains("type")) checkIri(d["type"], p + ".type", out);
    if (d.contains("moreInfo") && (!d["moreInfo"].is_string() || !isIri(d["moreInfo"].get<std::string>())))
        out.push_back(p + ".moreInfo: must be an IRL");
    if (d.contains("extensions")) checkExtensions(d["extensions"], p + ".extensions", out);
}

void checkObject(const json& j, Problems& out) {
    if (!j.is_object()) return out.push_back("object: must be an object");
    const std::string type = textOf(j, "objectType", "Activity");
    if (type == "Activity")
        checkActivity(j, "object", out);
    else if (type == "Agent" || type == "Group")
        checkActor(j, "object", out);
    else if (type == "StatementRef") {
        if (!j.contains("id") || !j["id"].is_string() || !isUuid(j["id"].get<std::string>()))
            out.push_back("object.id: a StatementRef needs a statement's UUID");
    } else if (type == "SubStatement") {
        for (const char* key : {"actor", "verb", "object"})
            if (!j.contains(key)) out.push_back(std::string("object.") + key + ": required in a SubStatement");
    } else {
        out.push_back("object.objectType: must be Activity, Agent, Group, StatementRef or SubStatement");
    }
}

void checkResult(const json& j, Problems& out) {
    if (!j.is_object()) return out.push_back("result: must be an object");
    unknownKeys(j, "result", {"score", "success", "completion", "response", "duration", "extensions"}, out);
    if (j.contains("score")) {
        const json& s = j["score"];
        if (!s.is_object()) {
            out.push_back("result.score: must be an object");
        } else {
            unknownKeys(s, "result.score", {"scaled", "raw", "min", "max"}, out);
            for (const auto& [key, value] : s.items())
                if (!value.is_number()) out.push_back("result.score." + key + ": must be a number");
            const auto number = [&](const char* key) {
                return s.contains(key) && s[key].is_number() ? s[key].get<double>() : NAN;
            };
            const double scaled = number("scaled"), raw = number("raw"), min = number("min"), max = number("max");
            if (scaled < -1.0 || scaled > 1.0) out.push_back("result.score.scaled: must be from -1 to 1");
            if (min >= max) out.push_back("result.score.min: must be less than max");
            if (raw < min || raw > max) out.push_back("result.score.raw: must be from min to max");
        }
    }
    for (const char* flag : {"success", "completion"})
        if (j.contains(flag) && !j[flag].is_boolean())
            out.push_back(std::string("result.") + flag + ": must be true or false");
    if (j.contains("response") && !j["response"].is_string()) out.push_back("result.response: must be a string");
    if (j.contains("duration") && (!j["duration"].is_string() || !isIsoDuration(j["duration"].get<std::string>())))
        out.push_back("result.duration: must be an ISO 8601 duration, e.g. PT1H2M3.45S");
    if (j.contains("extensions")) checkExtensions(j["extensions"], "result.extensions", out);
}

void checkContext(const json& j, const json& object, Problems& out) {
    if (!j.is_object()) return out.push_back("context: must be an object");
    unknownKeys(j, "context",
                {"registration", "instructor", "team", "contextActivities", "revision", "platform", "language",
                 "statement", "extensions"},
                out);
    if (j.contains("registration") && (!j["registration"].is_string() || !isUuid(j["registration"].get<std::string>())))
        out.push_back("context.registration: must be a UUID");
    if (j.contains("instructor")) checkActor(j["instructor"], "context.instructor", out);
    if (j.contains("team") && (!j["team"].is_object() || textOf(j["team"], "objectType", "") != "Group"))
        out.push_back("context.team: must be a Group");
    for (const char* text : {"revision", "platform"}) {
        if (!j.contains(text)) continue;
        if (!j[text].is_string()) out.push_back(std::string("context.") + text + ": must be a string");
        // xAPI Data 2.4.6: revision and platform only say something about an Activity.
        if (object.is_object() && textOf(object, "objectType", "Activity") != "Activity")
            out.push_back(std::string("context.") + text + ": only allowed when the object is an Activity");
    }
    if (j.contains("language") && (!j["language"].is_string() || !isLanguageTag(j["language"].get<std::string>())))
        out.push_back("context.language: must be an RFC 5646 language tag");
    if (j.contains("contextActivities") && !j["contextActivities"].is_object())
        out.push_back("context.contextActivities: must be an object");
    if (j.contains("extensions")) checkExtensions(j["extensions"], "context.extensions", out);
}

}  // namespace

bool isIri(std::string_view text) {
    static const std::regex iri("^[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+$");
    return std::regex_match(text.begin(), text.end(), iri);
}

bool isHttpUrl(std::string_view text) {
    static const std::regex url("^https?://[^/\\s?#]+([/?#][^\\s]*)?$", std::regex::icase);
    return isIri(text) && std::regex_match(text.begin(), text.end(), url);
}

bool isUuid(std::string_view text) {
    // As the ADL conformance tests read RFC 4122: versions 1 to 5, the 10xx variant.
    static const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                 std::regex::icase);
    return std::regex_match(text.begin(), text.end(), uuid);
}

bool isIsoDuration(std::string_view text) {
    static const std::regex duration(
        "^P(\\d+(\\.\\d+)?Y)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?D)?"
        "(T(\\d+(\\.\\d+)?H)?(\\d+(\\.\\d+)?M)?(\\d+(\\.\\d+)?S)?)?$|^P\\d+W$");
    // At least one part, and a T only before a time part.
    return std::regex_match(text.begin(), text.end(), duration) && text != "P" && text.back() != 'T';
}

bool isRfc3339DateTime(std::string_view text) {
    static const std::regex stamp(
        "^(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|([+-])(\\d{2}):(\\d{2}))$");
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(text.begin(), text.end(), m, stamp)) return false;
    const auto part = [&](int i) { return std::stoi(m[i].str()); };
    const int year = part(1), month = part(2), day = part(3);
    if (month < 1 || month > 12 || day < 1) return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    const int days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day > days[month - 1] || part(4) > 23 || part(5) > 59 || part(6) > 60) return false;  // 60: a leap second
    if (m[9].matched) {
        if (part(10) > 23 || part(11) > 59) return false;
        if (m[9].str() == "-" && part(10) == 0 && part(11) == 0) return false;  // xAPI forbids "-00:00"
    }
    return true;
}

std::vector<std::string> xapiProblems(const nlohmann::json& statement) {
    Problems out;
    if (!statement.is_object()) return {"statement: must be a JSON object"};
    unknownKeys(statement, "statement",
                {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version",
                 "attachments"},
                out);
    if (statement.contains("id") && (!statement["id"].is_string() || !isUuid(statement["id"].get<std::string>())))
        out.push_back("id: must be a UUID (RFC 4122)");
    for (const char* required : {"actor", "verb", "object"})
        if (!statement.contains(required)) out.push_back(std::string(required) + ": required");
    if (statement.contains("actor")) checkActor(statement["actor"], "actor", out);
    if (statement.contains("verb")) checkVerb(statement["verb"], out);
    if (statement.contains("object")) checkObject(statement["object"], out);
    if (statement.contains("result")) checkResult(statement["result"], out);
    if (statement.contains("context"))
        checkContext(statement["context"], statement.contains("object") ? statement["object"] : json(), out);
    for (const char* stamp : {"timestamp", "stored"})
        if (statement.contains(stamp) &&
            (!statement[stamp].is_string() || !isRfc3339DateTime(statement[stamp].get<std::string>())))
            out.push_back(std::string(stamp) +
                          ": must be an RFC 3339 date-time with a time zone, e.g. 2024-05-01T09:30:00Z");
    if (statement.contains("authority")) checkActor(statement["authority"], "authority", out);
    if (statement.contains("version")) {
        static const std::regex version("^1\\.0(\\.\\d+)?$");
        const json& v = statement["version"];
        if (!v.is_string() || !std::regex_match(v.get<std::string>(), version)) out.push_back("version: must be 1.0.x");
    }
    return out;
}

}  // namespace pinpoint::core
