#include "render_support.h"

#include "io/head_loader.h"
#include "io/png_file.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>

namespace pinpoint::testing {

namespace {
// Lavapipe's output is bit-identical run to run; the tolerance absorbs small changes between Mesa
// versions without letting a real change through.
constexpr double kMaxMeanAbsolute = 1.0;
constexpr double kMaxDifferingShare = 0.005;
constexpr int kDifferingThreshold = 24;
}  // namespace

std::string ValidationLog::describe() const {
    std::ostringstream s;
    for (const render::ValidationMessage& m : messages)
        s << (m.severity == render::MessageSeverity::Error ? "error: " : "warning: ") << m.text << "\n";
    return s.str();
}

std::unique_ptr<render::Context> validatedContext(ValidationLog& log, render::ContextOptions options) {
    options.validation = true;
    options.onMessage = [&log](const render::ValidationMessage& m) { log.messages.push_back(m); };
    auto context = render::Context::create(options);
    if (!context) throw std::runtime_error(context.error().describe());
    return std::move(*context);
}

const core::Head& testHead() {
    static const core::Head head = [] {
        io::HeadLoadOptions options;
        options.cacheDir = PINPOINT_TEST_CACHE_DIR;
        auto loaded = io::loadHead(options);
        if (!loaded) throw std::runtime_error(loaded.error().describe());
        return std::move(*loaded);
    }();
    return head;
}

ImageDifference compareImages(const render::Picture& actual, std::uint32_t width, std::uint32_t height,
                              const std::vector<std::uint8_t>& expected, int threshold) {
    ImageDifference d;
    d.sameSize = actual.width == width && actual.height == height && actual.rgba.size() == expected.size();
    if (!d.sameSize) return d;
    const std::size_t pixels = std::size_t{width} * height;
    double sum = 0.0;
    std::size_t differing = 0;
    for (std::size_t p = 0; p < pixels; ++p) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) {
            const int delta = std::abs(int{actual.rgba[p * 4 + c]} - int{expected[p * 4 + c]});
            sum += delta;
            worst = std::max(worst, delta);
        }
        if (worst > threshold) ++differing;
    }
    d.meanAbsolute = sum / static_cast<double>(pixels * 3);
    d.differingShare = static_cast<double>(differing) / static_cast<double>(pixels);
    return d;
}

std::string checkGolden(const std::string& name, const render::Picture& picture) {
    const std::filesystem::path golden = std::filesystem::path(PINPOINT_GOLDEN_DIR) / (name + ".png");
    io::RgbaPixels actual{picture.width, picture.height, picture.rgba};
    const char* update = std::getenv("PINPOINT_UPDATE_GOLDENS");
    if (update != nullptr && std::string(update) == "1") {
        auto written = io::writePng(golden.string(), actual);
        return written ? std::string() : written.error().describe();
    }
    auto expected = io::readPng(golden.string());
    if (!expected) return expected.error().describe() + " (create it with scripts/update-goldens)";
    const ImageDifference d =
        compareImages(picture, expected->width, expected->height, expected->rgba, kDifferingThreshold);
    if (d.sameSize && d.meanAbsolute <= kMaxMeanAbsolute && d.differingShare <= kMaxDifferingShare) return {};

    const std::filesystem::path out(PINPOINT_RENDER_TEST_OUT);
    std::filesystem::create_directories(out);
    (void)io::writePng((out / (name + ".actual.png")).string(), actual);
    std::ostringstream s;
    s << name << ": differs from " << golden.string() << ": ";
    if (!d.sameSize) {
        s << "size " << picture.width << "x" << picture.height << ", golden " << expected->width << "x"
          << expected->height;
        return s.str();
    }
    io::RgbaPixels diff = actual;  // differences amplified 4x, on black
    for (std::size_t i = 0; i < diff.rgba.size(); ++i)
        diff.rgba[i] = i % 4 == 3 ? 255
                                  : static_cast<std::uint8_t>(std::min(
                                        255, 4 * std::abs(int{actual.rgba[i]} - int{expected->rgba[i]})));
    (void)io::writePng((out / (name + ".diff.png")).string(), diff);
    s << "mean difference " << d.meanAbsolute << " levels (limit " << kMaxMeanAbsolute << "), "
      << 100.0 * d.differingShare << "% of pixels off by more than " << kDifferingThreshold << " (limit "
      << 100.0 * kMaxDifferingShare << "%); see " << (out / (name + ".actual.png")).string()
      << " and .diff.png; if the change is intended run scripts/update-goldens";
    return s.str();
}

double coverage(const render::Picture& picture) {
    const std::size_t pixels = std::size_t{picture.width} * picture.height;
    std::size_t covered = 0;
    for (std::size_t p = 0; p < pixels; ++p)
        for (int c = 0; c < 3; ++c)
            if (picture.rgba[p * 4 + c] != picture.rgba[c]) {
                ++covered;
                break;
            }
    return static_cast<double>(covered) / static_cast<double>(pixels);
}

}  // namespace pinpoint::testing
