#include "render/picture_labels.h"

#include "render/density_colours.h"

#include <glm/common.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#include <stb/stb_easy_font.h>
#pragma GCC diagnostic pop

namespace pinpoint::render {

namespace {

void blend(Picture& p, int x, int y, glm::vec3 srgb, float alpha) {
    if (x < 0 || y < 0 || x >= static_cast<int>(p.width) || y >= static_cast<int>(p.height)) return;
    std::uint8_t* px = &p.rgba[(static_cast<std::size_t>(y) * p.width + static_cast<std::size_t>(x)) * 4];
    for (int c = 0; c < 3; ++c)
        px[c] = static_cast<std::uint8_t>(std::lround((1.0f - alpha) * px[c] + alpha * 255.0f * std::clamp(srgb[c], 0.0f, 1.0f)));
}

void fillRect(Picture& p, glm::vec2 a, glm::vec2 b, glm::vec3 srgb, float alpha = 1.0f) {
    for (int y = static_cast<int>(std::floor(a.y)); y < static_cast<int>(std::ceil(b.y)); ++y)
        for (int x = static_cast<int>(std::floor(a.x)); x < static_cast<int>(std::ceil(b.x)); ++x) blend(p, x, y, srgb, alpha);
}

// Text on a dark box: readable over skin and over any heatmap colour.
void boxedText(Picture& p, glm::vec2 centre, const std::string& text, float scale, glm::vec3 srgb) {
    const glm::vec2 size = textSize(text, scale);
    const glm::vec2 pad(3.0f * scale, 2.0f * scale);
    const glm::vec2 at = glm::round(centre - 0.5f * size);
    fillRect(p, at - pad, at + size + pad, glm::vec3(0.04f), 0.72f);
    drawText(p, at, text, scale, srgb);
}

}  // namespace

glm::vec2 textSize(const std::string& text, float scale) {
    std::vector<char> buffer(text.begin(), text.end());
    buffer.push_back('\0');
    // The font's cells are about 7 pixels high with a descender row; trailing spacing trimmed.
    return glm::vec2(static_cast<float>(stb_easy_font_width(buffer.data())) - 1.0f, 7.0f) * scale;
}

void drawText(Picture& picture, glm::vec2 at, const std::string& text, float scale, glm::vec3 srgb) {
    std::vector<char> buffer(text.begin(), text.end());
    buffer.push_back('\0');
    std::vector<char> quads(300 * (text.size() + 1));
    const int n = stb_easy_font_print(0.0f, 0.0f, buffer.data(), nullptr, quads.data(), static_cast<int>(quads.size()));
    for (int q = 0; q < n; ++q) {
        // Four vertices of 16 bytes (x, y, z, colour); the quads are axis-aligned rectangles.
        float corner[2][2];
        std::memcpy(corner[0], &quads[static_cast<std::size_t>(q) * 64], 2 * sizeof(float));
        std::memcpy(corner[1], &quads[static_cast<std::size_t>(q) * 64 + 32], 2 * sizeof(float));
        fillRect(picture, at + glm::vec2(corner[0][0], corner[0][1]) * scale, at + glm::vec2(corner[1][0], corner[1][1]) * scale,
                 srgb);
    }
}

std::string landmarkNumber(float perCm2) {
    const long n = std::lround(perCm2);
    std::string digits = std::to_string(std::labs(n));
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return (n < 0 ? "-" : "") + digits;
}

void drawDensityLegend(Picture& picture, const DensityScale& scale) {
    const float w = static_cast<float>(picture.width), h = static_cast<float>(picture.height);
    const float text = w >= 560.0f ? 2.0f : 1.0f;
    const float barWidth = std::min(w - 24.0f * text, 150.0f * 3.0f * text);
    const float barHeight = 7.0f * text, line = 10.0f * text;
    const glm::vec2 panel0(0.5f * (w - barWidth) - 10.0f * text, h - 4.0f * line - 10.0f * text);
    const glm::vec2 panel1(0.5f * (w + barWidth) + 10.0f * text, h - 4.0f * text);
    fillRect(picture, panel0, panel1, glm::vec3(0.04f), 0.78f);
    const glm::vec3 white(0.95f);
    const float x0 = 0.5f * (w - barWidth);
    float y = panel0.y + 4.0f * text;
    drawText(picture, {x0, y}, "Punctures per cm2", text, white);
    y += line;
    const int left = static_cast<int>(x0), right = static_cast<int>(x0 + barWidth);
    for (int x = left; x < right; ++x) {
        const float s = kScaleEnd * (static_cast<float>(x - left) + 0.5f) / static_cast<float>(right - left);
        fillRect(picture, {static_cast<float>(x), y}, {static_cast<float>(x + 1), y + barHeight}, densityColourSrgb(s));
    }
    // The landmarks: ticks at the target and the maximum, with their numbers; words under the ends.
    const auto xAt = [&](float s) { return x0 + barWidth * s / kScaleEnd; };
    for (float s : {kTargetPosition, kMaximumPosition})
        fillRect(picture, {xAt(s) - 0.5f * text, y - 2.0f * text}, {xAt(s) + 0.5f * text, y + barHeight + 2.0f * text}, white);
    y += barHeight + 4.0f * text;
    const std::string target = "target " + landmarkNumber(scale.shown.targetPerCm2);
    const std::string maximum = "maximum " + landmarkNumber(scale.shown.maxPerCm2);
    drawText(picture, {xAt(kTargetPosition) - 0.5f * textSize(target, text).x, y}, target, text, white);
    drawText(picture, {xAt(kMaximumPosition) - 0.5f * textSize(maximum, text).x, y}, maximum, text, white);
    y += line;
    drawText(picture, {xAt(0.5f) - 0.5f * textSize(kBelowTargetWords, text).x, y}, kBelowTargetWords, text, white);
    drawText(picture, {xAt(1.5f) - 0.5f * textSize(kCoveredWords, text).x, y}, kCoveredWords, text, white);
    drawText(picture, {xAt(2.5f) - 0.5f * textSize(kOverTreatedWords, text).x, y}, kOverTreatedWords, text, white);
}

void drawZoneLabels(Picture& picture, const Camera& camera, const SceneBuilder& builder) {
    const glm::vec2 size(static_cast<float>(picture.width), static_cast<float>(picture.height));
    const float text = size.y >= 480.0f ? 2.0f : 1.0f;
    std::vector<const SceneBuilder::ZoneLabel*> shown;
    std::vector<std::pair<glm::vec2, glm::vec2>> boxes;
    for (const SceneBuilder::ZoneLabel& label : builder.zoneLabels()) {
        if (!builder.sees(label, camera.eye)) continue;
        if (const std::optional<glm::vec2> at = projectToPixels(camera, size, label.anchor)) {
            shown.push_back(&label);
            boxes.emplace_back(*at, textSize(label.text, text) + glm::vec2(6.0f, 4.0f) * text);
        }
    }
    const std::vector<std::optional<glm::vec2>> placed = spreadLabels(boxes);
    for (std::size_t i = 0; i < shown.size(); ++i)
        if (placed[i])
            boxedText(picture, *placed[i], shown[i]->text, text,
                      shown[i]->forbidden ? glm::vec3(1.0f, 0.55f, 0.5f) : glm::vec3(1.0f));
}

}  // namespace pinpoint::render
