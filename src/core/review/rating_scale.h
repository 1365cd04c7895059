#pragma once
// The assessor's global rating items (assets/rating_items.toml), in the manner of OSATS: each item
// scored 1-5 with what a 1, a 3 and a 5 look like. Data, not code: an academy may word them for its
// own course; a review file names items by id.
#include "core/common/error.h"

#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::core {

struct RatingItem {
    std::string id;
    std::string title;
    std::string anchor1;  // what a 1 looks like
    std::string anchor3;
    std::string anchor5;
};

struct RatingScale {
    std::string file;
    std::string sha256;             // of the file's bytes
    std::vector<RatingItem> items;  // in the order they are shown
    std::string source;             // where the items come from

    const RatingItem* find(std::string_view id) const;
    std::size_t order(std::string_view id) const;  // its place in `items` (items.size() when unknown)
    std::string idList() const;                    // "a, b, c", for messages
};

Result<RatingScale> parseRatingScale(const std::string& text, const std::string& sourceName);
Result<RatingScale> readRatingScale(const std::string& path);

}  // namespace pinpoint::core
