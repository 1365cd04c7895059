#include "core/review/rating_scale.h"

#include "core/common/sha256.h"
#include "core/common/toml_reader.h"

#include <algorithm>
#include <cctype>

namespace pinpoint::core {

namespace {

bool isIdentifier(const std::string& id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_'; });
}

RatingScale parseTable(const TomlReader& r, const toml::table& root) {
    r.onlyKeys(root, {"format", "version", "source", "item"}, "the rating items");
    const toml::node& format = r.required(root, "format", "the rating items");
    if (r.string(format, "format") != "pinpoint-rating-items") r.fail(&format, "format must be \"pinpoint-rating-items\"");
    const toml::node& version = r.required(root, "version", "the rating items");
    if (r.integer(version, "version") != 1) r.fail(&version, "unsupported rating items version", "this Pinpoint reads version 1");
    RatingScale scale;
    scale.source = r.string(r.required(root, "source", "the rating items"), "source");
    const toml::array& items = r.array(r.required(root, "item", "the rating items"), "[[item]]");
    if (items.empty()) r.fail(&root, "the rating items list no [[item]]");
    for (const toml::node& n : items) {
        const toml::table& t = r.table(n, "an [[item]]");
        r.onlyKeys(t, {"id", "title", "anchor_1", "anchor_3", "anchor_5"}, "an [[item]]");
        RatingItem item;
        const toml::node& id = r.required(t, "id", "an [[item]]");
        item.id = r.string(id, "id");
        if (!isIdentifier(item.id)) r.fail(&id, "an item id is lower case letters, digits and _", "e.g. respect_for_tissue");
        if (scale.find(item.id)) r.fail(&id, "item '" + item.id + "' is listed twice");
        item.title = r.string(r.required(t, "title", "an [[item]]"), "title");
        item.anchor1 = r.string(r.required(t, "anchor_1", "an [[item]]"), "anchor_1");
        item.anchor3 = r.string(r.required(t, "anchor_3", "an [[item]]"), "anchor_3");
        item.anchor5 = r.string(r.required(t, "anchor_5", "an [[item]]"), "anchor_5");
        scale.items.push_back(std::move(item));
    }
    return scale;
}

}  // namespace

const RatingItem* RatingScale::find(std::string_view id) const {
    for (const RatingItem& item : items)
        if (item.id == id) return &item;
    return nullptr;
}

std::size_t RatingScale::order(std::string_view id) const {
    const auto it = std::find_if(items.begin(), items.end(), [&](const RatingItem& i) { return i.id == id; });
    return static_cast<std::size_t>(it - items.begin());
}

std::string RatingScale::idList() const {
    std::string out;
    for (const RatingItem& item : items) out += (out.empty() ? "" : ", ") + item.id;
    return out;
}

Result<RatingScale> parseRatingScale(const std::string& text, const std::string& sourceName) {
    return parseTomlDocument<RatingScale>(text, sourceName, "the rating items", [&](const TomlReader& r, const toml::table& root) {
        RatingScale scale = parseTable(r, root);
        scale.file = sourceName;
        scale.sha256 = sha256Hex(text);
        return scale;
    });
}

Result<RatingScale> readRatingScale(const std::string& path) {
    return readDataFile<RatingScale>(path, "the rating items", parseRatingScale);
}

}  // namespace pinpoint::core
