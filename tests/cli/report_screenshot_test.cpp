// The report as a browser shows it: writes a demo session, a review and the report, has headless
// Chromium take a screenshot, and checks what the screenshot shows: the result boxes at the top in
// their colours, the three rendered heads with the density on them, the timeline chart.
// Exit 77 (skipped) when Chromium is not installed; scripts/setup installs it.
#include "io/png_file.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace fs = std::filesystem;

namespace {

constexpr int kSkipped = 77;
int failures = 0;

void check(bool ok, const std::string& what) {
    std::cout << (ok ? "ok    " : "FAIL  ") << what << "\n";
    if (!ok) ++failures;
}

int run(const std::string& command) {
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string findChromium() {
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
        if (run(std::string("command -v ") + name + " >/dev/null 2>&1") == 0) return name;
    return {};
}

struct Rgb {
    int r, g, b;
};

// Pixels in rows [y0, y1) within `tolerance` of a colour.
long countColour(const pinpoint::io::RgbaPixels& p, Rgb c, int tolerance, std::uint32_t y0 = 0, std::uint32_t y1 = UINT32_MAX) {
    long n = 0;
    for (std::uint32_t y = y0; y < std::min(y1, p.height); ++y)
        for (std::uint32_t x = 0; x < p.width; ++x) {
            const std::uint8_t* px = &p.rgba[(std::size_t{y} * p.width + x) * 4];
            if (std::abs(px[0] - c.r) <= tolerance && std::abs(px[1] - c.g) <= tolerance && std::abs(px[2] - c.b) <= tolerance) ++n;
        }
    return n;
}

// The first row holding at least `minimum` pixels of a colour, or -1.
long firstRowWith(const pinpoint::io::RgbaPixels& p, Rgb c, int tolerance, long minimum) {
    for (std::uint32_t y = 0; y < p.height; ++y)
        if (countColour(p, c, tolerance, y, y + 1) >= minimum) return y;
    return -1;
}

// Strongly coloured pixels (the density ramp on the skin): red, yellow, green, cyan or purple.
long saturated(const pinpoint::io::RgbaPixels& p, std::uint32_t y0, std::uint32_t y1) {
    long n = 0;
    for (std::uint32_t y = y0; y < std::min(y1, p.height); ++y)
        for (std::uint32_t x = 0; x < p.width; ++x) {
            const std::uint8_t* px = &p.rgba[(std::size_t{y} * p.width + x) * 4];
            const int hi = std::max({int{px[0]}, int{px[1]}, int{px[2]}}), lo = std::min({int{px[0]}, int{px[1]}, int{px[2]}});
            if (hi > 150 && hi - lo > 110) ++n;
        }
    return n;
}

}  // namespace

int main() {
    const std::string chromium = findChromium();
    if (chromium.empty()) {
        std::cout << "chromium is not installed: skipped (scripts/setup installs it)\n";
        return kSkipped;
    }
    const fs::path dir = fs::current_path() / ("report-screenshot-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string pinpoint = PINPOINT_BINARY;
    const std::string session = (dir / "forehead.pps").string();
    if (run(pinpoint + " demo --zones forehead,nose --out " + session + " >/dev/null") != 0) {
        std::cout << "FAIL  pinpoint demo\n";
        return 1;
    }
    std::ofstream(dir / "forehead.review.json") << R"({"format":"pinpoint-review","version":1,"assessor":"Dr Screenshot",
 "ratings":[{"item":"respect_for_tissue","score":5},{"item":"time_and_motion","score":4}],
 "comments":[{"t":20,"text":"Good rhythm"}],
 "sign_off":{"result":"pass","by":"Dr Screenshot","at":"2024-05-02T10:00:00Z"}})";
    const std::string out = (dir / "report").string();
    check(run(pinpoint + " report " + session + " --out " + out + " >/dev/null") == 0, "pinpoint report");
    const std::string shot = (dir / "shot.png").string();
    // A fresh profile, no GPU, no sandbox (tests may run as root in a container); 4000 px covers the
    // whole page.
    const std::string command = chromium + " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run "
                                "--user-data-dir=" + (dir / "profile").string() + " --window-size=1100,4000 --screenshot=" +
                                shot + " file://" + out + "/report.html >/dev/null 2>&1";
    check(run(command) == 0, "chromium takes the screenshot");
    auto picture = pinpoint::io::readPng(shot);
    check(picture.ok(), "the screenshot is a PNG");
    if (!picture.ok()) return 1;
    const pinpoint::io::RgbaPixels& p = *picture;
    check(p.width == 1100 && p.height == 4000, "1100x4000 pixels");
    // The verdict boxes: both "pass" boxes have a 2 px green border (#10b981) near the top of the page.
    const long green = firstRowWith(p, {0x10, 0xb9, 0x81}, 12, 200);
    check(green > 0 && green < 500, "the green PASS boxes are at the top (row " + std::to_string(green) + ")");
    check(countColour(p, {0xec, 0xfd, 0xf5}, 3) > 20000, "their light green background fills an area");
    // Headings and text: dark pixels throughout the page.
    check(countColour(p, {0x0f, 0x17, 0x2a}, 40) > 3000, "dark text is drawn");
    // The three pictures: the density on the heads (strong colours), below the tables.
    const long density = saturated(p, 0, p.height);
    check(density > 3000, "the density shows on the rendered heads (" + std::to_string(density) + " coloured pixels)");
    // The timeline: needles-on-skin stretches (#0f766e) and the punctures-per-second area (#38bdf8 at 55%).
    check(countColour(p, {0x0f, 0x76, 0x6e}, 10) > 500, "the timeline shows the contact stretches");
    check(countColour(p, {146, 219, 251}, 12) > 2000, "the timeline shows punctures per second");
    fs::remove_all(dir);
    std::cout << (failures ? "FAILED\n" : "passed\n");
    return failures ? 1 : 0;
}
