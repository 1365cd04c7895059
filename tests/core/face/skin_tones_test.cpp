// Skin colour by Fitzpatrick type (assets/skin_tones.toml): the data file reads, each colour's ITA
// falls in its class, types darken from I to VI, erythema shows less on V-VI; CIELAB to sRGB matches
// known values; a colour in the wrong ITA class is a located error.
#include "core/face/skin_tones.h"

#include <doctest/doctest.h>

#include <cmath>

using namespace pinpoint::core;

namespace {

glm::vec3 encoded(glm::vec3 linear) {
    return {linearToSrgb(linear.x), linearToSrgb(linear.y), linearToSrgb(linear.z)};
}

const char* kMinimal = R"(format = "pinpoint-skin-tones"
version = 1
[bleeding]
lab = [28.0, 42.0, 22.0]
source = "x"
)";

std::string typeEntry(int f, const char* itaClass, const char* lab) {
    return std::string("[[type]]\nfitzpatrick = ") + std::to_string(f) + "\nita_class = \"" + itaClass + "\"\nlab = " + lab +
           "\nerythema_shift = [-5.0, 10.0, 1.0]\nerythema_visibility = 0.5\nerythema = \"x\"\nbleeding = \"x\"\nsource = \"x\"\n";
}

}  // namespace

TEST_CASE("CIELAB to sRGB gives the known colours (D65)") {
    const glm::vec3 white = encoded(labToLinearSrgb({100.0f, 0.0f, 0.0f}));
    CHECK(white.x == doctest::Approx(1.0).epsilon(0.002));
    CHECK(white.y == doctest::Approx(1.0).epsilon(0.002));
    CHECK(white.z == doctest::Approx(1.0).epsilon(0.002));
    const glm::vec3 black = labToLinearSrgb({0.0f, 0.0f, 0.0f});
    CHECK(black.x == doctest::Approx(0.0));
    // Mid grey: L* 50 is sRGB 119/255 (linear 0.184).
    const glm::vec3 grey = encoded(labToLinearSrgb({50.0f, 0.0f, 0.0f}));
    CHECK(grey.x * 255.0f == doctest::Approx(119.0).epsilon(0.01));
    CHECK(grey.y * 255.0f == doctest::Approx(119.0).epsilon(0.01));
    CHECK(grey.z * 255.0f == doctest::Approx(119.0).epsilon(0.01));
    // sRGB primaries: red (255, 0, 0) is L* 53.24, a* 80.09, b* 67.20.
    const glm::vec3 red = encoded(labToLinearSrgb({53.2408f, 80.0925f, 67.2032f}));
    CHECK(red.x * 255.0f == doctest::Approx(255.0).epsilon(0.01));
    CHECK(red.y * 255.0f < 1.5f);
    CHECK(red.z * 255.0f < 1.5f);
    // A light skin colour: L* 66, a* 9, b* 16 is about sRGB (187, 154, 132).
    const glm::vec3 skin = encoded(labToLinearSrgb({66.0f, 9.0f, 16.0f})) * 255.0f;
    CHECK(skin.x == doctest::Approx(187.0).epsilon(0.01));
    CHECK(skin.y == doctest::Approx(154.0).epsilon(0.01));
    CHECK(skin.z == doctest::Approx(132.0).epsilon(0.01));
}

TEST_CASE("the individual typology angle and its classes") {
    CHECK(individualTypologyAngle({60.0f, 0.0f, 10.0f}) == doctest::Approx(45.0));
    CHECK(individualTypologyAngle({40.0f, 0.0f, 10.0f}) == doctest::Approx(-45.0));
    CHECK(std::string(itaClassOf(56.0)) == "very light");
    CHECK(std::string(itaClassOf(45.0)) == "light");
    CHECK(std::string(itaClassOf(30.0)) == "intermediate");
    CHECK(std::string(itaClassOf(20.0)) == "tan");
    CHECK(std::string(itaClassOf(0.0)) == "brown");
    CHECK(std::string(itaClassOf(-31.0)) == "dark");
}

TEST_CASE("the shipped skin tones: six types, darker from I to VI, erythema less visible on V-VI") {
    const Result<SkinTones> tones = readSkinTones(std::string(PINPOINT_SOURCE_DIR) + "/assets/skin_tones.toml");
    REQUIRE_MESSAGE(tones.ok(), tones.error().describe());
    for (int f = 1; f <= 6; ++f) {
        const SkinType& t = tones->type(f);
        CHECK(t.fitzpatrick == f);
        CHECK(t.itaClass == itaClassOf(individualTypologyAngle(t.lab)));
        if (f > 1) {
            CHECK(t.lab.x < tones->type(f - 1).lab.x);
            CHECK(individualTypologyAngle(t.lab) < individualTypologyAngle(tones->type(f - 1).lab));
            CHECK(t.erythemaVisibility * t.erythemaShift.y <= tones->type(f - 1).erythemaVisibility * tones->type(f - 1).erythemaShift.y);
        }
    }
    CHECK(tones->type(6).erythemaVisibility * tones->type(6).erythemaShift.y <
          0.25f * tones->type(2).erythemaVisibility * tones->type(2).erythemaShift.y);
    CHECK(tones->type(0).fitzpatrick == 2);  // no type given: type II
}

TEST_CASE("a skin colour outside its ITA class is a located error") {
    std::string text = kMinimal;
    const char* classes[] = {"very light", "light", "intermediate", "tan", "brown", "dark"};
    const char* labs[] = {"[71.0, 8.0, 13.5]", "[66.0, 9.0, 16.0]", "[61.0, 10.0, 18.0]",
                          "[55.0, 11.0, 19.0]", "[45.0, 12.0, 19.0]", "[33.0, 10.0, 14.0]"};
    for (int f = 1; f <= 6; ++f) text += typeEntry(f, classes[f - 1], labs[f - 1]);
    REQUIRE_MESSAGE(parseSkinTones(text, "t.toml").ok(), parseSkinTones(text, "t.toml").error().describe());

    std::string wrong = kMinimal;
    for (int f = 1; f <= 6; ++f) wrong += typeEntry(f, classes[f - 1], f == 6 ? "[45.0, 12.0, 19.0]" : labs[f - 1]);
    const Result<SkinTones> bad = parseSkinTones(wrong, "t.toml");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().line > 0);
    CHECK(bad.error().message.find("brown") != std::string::npos);

    std::string missing = kMinimal;
    for (int f = 1; f <= 5; ++f) missing += typeEntry(f, classes[f - 1], labs[f - 1]);
    const Result<SkinTones> incomplete = parseSkinTones(missing, "t.toml");
    REQUIRE_FALSE(incomplete.ok());
    CHECK(incomplete.error().message.find("type 6") != std::string::npos);
}
