#include "app/soft_wrap.h"

#include <algorithm>
#include <optional>

namespace pinpoint::app {

SoftWrapped softWrap(const std::string& text, float width, const std::function<float(std::string_view)>& measure) {
    SoftWrapped out{text, std::vector<bool>(text.size(), false)};
    const std::string_view all(text);
    std::size_t lineBegin = 0;
    std::optional<std::size_t> lastSpace;  // where the current line may break
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool end = i == text.size() || text[i] == '\n';
        if (!end && text[i] != ' ') continue;
        // A word ends at i: when the line up to here is too wide, break at the space before the word.
        if (lastSpace && measure(all.substr(lineBegin, i - lineBegin)) > width) {
            out.shown[*lastSpace] = '\n';
            out.soft[*lastSpace] = true;
            lineBegin = *lastSpace + 1;
        }
        lastSpace = std::nullopt;
        if (end) {
            lineBegin = i + 1;
        } else if (i > lineBegin) {
            lastSpace = i;
        }
    }
    return out;
}

std::string unwrapEdit(const SoftWrapped& before, const std::string& edited) {
    const std::string& old = before.shown;
    const std::size_t shorter = std::min(old.size(), edited.size());
    std::size_t prefix = 0;
    while (prefix < shorter && old[prefix] == edited[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < shorter - prefix && old[old.size() - 1 - suffix] == edited[edited.size() - 1 - suffix]) ++suffix;
    std::string text = edited;
    for (std::size_t i = 0; i < prefix; ++i)
        if (before.soft[i]) text[i] = ' ';
    for (std::size_t k = 1; k <= suffix; ++k)
        if (before.soft[old.size() - k]) text[edited.size() - k] = ' ';
    return text;
}

}  // namespace pinpoint::app
