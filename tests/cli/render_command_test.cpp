// `pinpoint render` end to end: a PNG comes out; bad input gives one line and exit 2.
#include "run_command.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

using pinpoint::testing::runPinpoint;

namespace {

const std::string kLavapipe = "VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/lvp_icd.x86_64.json";

struct PngSize {
    bool valid = false;
    std::uint32_t width = 0, height = 0;
};

// Reads the PNG signature and the IHDR chunk.
PngSize pngSize(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char b[24] = {};
    in.read(reinterpret_cast<char*>(b), sizeof b);
    PngSize s;
    const unsigned char signature[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    if (!in || !std::equal(signature, signature + 8, b) || std::string(b + 12, b + 16) != "IHDR") return s;
    s.valid = true;
    s.width = (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19];
    s.height = (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23];
    return s;
}

std::string outPath(const std::string& name) {
    return (std::filesystem::current_path() / ("render-cli-" + name + ".png")).string();
}

}  // namespace

TEST_CASE("pinpoint render writes a PNG of the requested size") {
    const std::string out = outPath("default");
    std::remove(out.c_str());
    const auto r = runPinpoint("render --size 200x150 --out " + out, kLavapipe);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const PngSize s = pngSize(out);
    CHECK(s.valid);
    CHECK(s.width == 200);
    CHECK(s.height == 150);
    std::remove(out.c_str());
}

TEST_CASE("pinpoint render takes every view and overlay") {
    const std::string out = outPath("views");
    for (const char* args : {"--view left --overlay zones", "--view three-quarter-right --overlay density",
                             "--view right --overlay density --demo-density --msaa 1",
                             "--view front --overlay density --demo-density --legend",
                             "--overlay zones --scenario " PINPOINT_SCENARIO_DIR "/raised-mole-cheek.toml"}) {
        CAPTURE(args);
        const auto r = runPinpoint(std::string("render --size 96x64 ") + args + " --out " + out, kLavapipe);
        CHECK_MESSAGE(r.exitCode == 0, r.err);
        CHECK(pngSize(out).valid);
    }
    std::remove(out.c_str());
}

TEST_CASE("pinpoint render: a bad size is exit 2 with one line saying what is expected") {
    for (const char* size : {"0x100", "100", "axb", "100x100x3", "99999x100", "-5x10"}) {
        CAPTURE(size);
        const auto r = runPinpoint(std::string("render --size ") + size + " --out " + outPath("bad"), kLavapipe);
        CHECK(r.exitCode == 2);
        CHECK(r.err.find("WIDTHxHEIGHT") != std::string::npos);
    }
}

TEST_CASE("pinpoint render: an unwritable output, an unknown view, a missing --out: exit 2") {
    auto r = runPinpoint("render --size 64x48 --out /no/such/folder/x.png", kLavapipe);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("/no/such/folder/x.png") != std::string::npos);
    CHECK(runPinpoint("render --view top --out x.png", kLavapipe).exitCode == 2);
    CHECK(runPinpoint("render --overlay heat --out x.png", kLavapipe).exitCode == 2);
    r = runPinpoint("render", kLavapipe);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("--out") != std::string::npos);
}

TEST_CASE("pinpoint render without a Vulkan driver: one line, what to install, exit 2") {
    const auto r = runPinpoint("render --size 64x48 --out " + outPath("nodevice"), "VK_ICD_FILENAMES=/no/such/icd.json");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("Vulkan") != std::string::npos);
    CHECK(r.err.find("mesa-vulkan-drivers") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
}

TEST_CASE("pinpoint render --bench prints the frame time") {
    const auto r = runPinpoint("render --bench --frames 3 --size 160x120 --overlay density", kLavapipe);
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out.find("ms") != std::string::npos);
    CHECK(r.out.find("frame time") != std::string::npos);
}
