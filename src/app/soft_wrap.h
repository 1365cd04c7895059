#pragma once
// Soft wrapping for a multi-line text box (ImGui 1.86's InputTextMultiline does not wrap): the box shows
// the text with some of its spaces turned into line breaks, so the text keeps its length and the cursor
// its place. Those breaks belong to the box, not to the text: what is stored has spaces there again.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pinpoint::app {

struct SoftWrapped {
    std::string shown;       // the text as the box shows it, soft breaks in place of spaces
    std::vector<bool> soft;  // per character of `shown`: a break the box made (a space in the text)
};

// Breaks each line of `text` at spaces so that no line is wider than `width` as `measure` says; a word
// wider than the box stays whole on a line of its own.
SoftWrapped softWrap(const std::string& text, float width, const std::function<float(std::string_view)>& measure);

// The text after the box showing `before` was edited into `edited`: breaks the box made, outside the
// part that changed, are spaces again; breaks typed (Enter) are the text's own.
std::string unwrapEdit(const SoftWrapped& before, const std::string& edited);

}  // namespace pinpoint::app
