// The history box's soft wrap: lines break at spaces within the box's width, the text keeps its length,
// and editing the box stores the text with the box's breaks as spaces again and typed breaks kept.
#include "app/soft_wrap.h"

#include <doctest/doctest.h>

using pinpoint::app::softWrap;
using pinpoint::app::SoftWrapped;
using pinpoint::app::unwrapEdit;

namespace {
float charsWide(std::string_view s) { return static_cast<float>(s.size()); }  // one unit a character
}

TEST_CASE("a long line breaks at the spaces that keep each line within the width") {
    const SoftWrapped w = softWrap("the quick brown fox jumps over", 10.0f, charsWide);
    CHECK(w.shown == "the quick\nbrown fox\njumps over");
    CHECK(w.shown.size() == std::string("the quick brown fox jumps over").size());
    CHECK(w.soft[9]);
    CHECK(w.soft[19]);
    CHECK_FALSE(w.soft[3]);
}

TEST_CASE("typed line breaks stay, short lines stay whole, a word wider than the box stays whole") {
    CHECK(softWrap("short\nlines here", 20.0f, charsWide).shown == "short\nlines here");
    CHECK_FALSE(softWrap("short\nlines here", 20.0f, charsWide).soft[5]);
    CHECK(softWrap("a supercalifragilistic word", 8.0f, charsWide).shown == "a\nsupercalifragilistic\nword");
    CHECK(softWrap("", 8.0f, charsWide).shown.empty());
}

TEST_CASE("typing in a wrapped box stores spaces where the box broke the line") {
    const SoftWrapped before = softWrap("the quick brown fox", 10.0f, charsWide);
    REQUIRE(before.shown == "the quick\nbrown fox");
    // A letter typed at the end: the box's break before "brown" is a space in the text.
    CHECK(unwrapEdit(before, "the quick\nbrown foxy") == "the quick brown foxy");
    // Enter typed after "the": a break of the text's own; the box's break further on is still a space.
    CHECK(unwrapEdit(before, "the\n quick\nbrown fox") == "the\n quick brown fox");
    // Backspace at the start of the second line deletes the box's break: the words join, as in any editor.
    CHECK(unwrapEdit(before, "the quickbrown fox") == "the quickbrown fox");
}

TEST_CASE("a text with no soft breaks comes back unchanged") {
    const SoftWrapped before = softWrap("one\ntwo", 100.0f, charsWide);
    CHECK(unwrapEdit(before, "one\ntwo!") == "one\ntwo!");
}
