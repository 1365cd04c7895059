// The window's renderer under an X server (Xvfb): both ways of drawing the head (the kept picture
// and straight into the window image), density changes brought by frames that are not drawn, and
// when the swapchain is rebuilt. A real GLFW window and surface, lavapipe, validation on. Without a
// display the window cases say so and pass (the app tests skip the same way).
#include "render_support.h"
#include "test_interface.h"

#include "io/png_file.h"
#include "render/head_surface.h"
#include "render/imgui_layer.h"
#include "render/views.h"
#include "render/window_renderer.h"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <future>
#include <stdexcept>

using namespace pinpoint;
using testing::ValidationLog;

namespace {

constexpr std::uint32_t kWidth = 320, kHeight = 240;
constexpr vk::Extent2D kSize{kWidth, kHeight};

struct TestWindow {
    GLFWwindow* window = nullptr;
    ~TestWindow() {
        if (window) glfwDestroyWindow(window);
        glfwTerminate();
    }
};

std::unique_ptr<TestWindow> openWindow() {
    auto w = std::make_unique<TestWindow>();
    if (!glfwInit()) return nullptr;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
    w->window = glfwCreateWindow(static_cast<int>(kWidth), static_cast<int>(kHeight), "pinpoint test", nullptr, nullptr);
    if (!w->window) return nullptr;
    return w;
}

render::ContextOptions windowContextOptions() {
    render::ContextOptions options;
    std::uint32_t count = 0;
    const char** names = glfwGetRequiredInstanceExtensions(&count);
    for (std::uint32_t i = 0; i < count; ++i) options.instanceExtensions.emplace_back(names[i]);
    options.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    return options;
}

std::unique_ptr<render::WindowRenderer> makeRenderer(const render::Context& context, const TestWindow& window,
                                                     const render::HeadSurface& surface,
                                                     render::WindowRendererOptions options) {
    VkSurfaceKHR raw = VK_NULL_HANDLE;
    REQUIRE(glfwCreateWindowSurface(static_cast<VkInstance>(*context.instance()), window.window, nullptr, &raw) ==
            VK_SUCCESS);
    options.vsync = false;
    auto renderer = render::WindowRenderer::create(context, vk::raii::SurfaceKHR(context.instance(), raw), surface,
                                                   kSize, options);
    REQUIRE_MESSAGE(renderer.ok(), (renderer.ok() ? std::string() : renderer.error().describe()));  // -s evaluates it on success too
    return std::move(*renderer);
}

render::Scene frontScene() {
    render::Scene scene;
    scene.camera = render::frameBounds(render::View::Front, core::meshBounds(testing::testHead().mesh()),
                                       static_cast<float>(kWidth) / kHeight);
    scene.overlay = render::Overlay::Density;
    scene.densityFullScale = 200.0f;
    return scene;
}

glm::vec3 areaCentre(const std::string& name) {
    for (const core::AreaSummary& a : core::summarizeAreas(testing::testHead()))
        if (a.name == name) return a.centroid;
    FAIL("no area " << name);
    return {};
}

// Vertices within `radiusMm` of `at` (among those numbered `from` to `to`) get `perCm2`, reported in
// `scene` as the live density reports them (a new revision, the range of vertices changed and the box
// around them). Returns the range.
std::pair<std::size_t, std::size_t> puncture(render::Scene& scene, std::vector<float>& density, glm::vec3 at,
                                             float radiusMm, float perCm2, std::size_t from = 0,
                                             std::size_t to = SIZE_MAX) {
    const core::SurfaceMesh& mesh = testing::testHead().mesh();
    core::Bounds box{glm::vec3(1e30f), glm::vec3(-1e30f)};
    std::size_t first = density.size(), last = 0;
    for (std::size_t v = from; v < std::min(to, mesh.vertexCount()); ++v) {
        if (glm::length(mesh.positions[v] - at) > radiusMm) continue;
        density[v] += perCm2;
        box.min = glm::min(box.min, mesh.positions[v]);
        box.max = glm::max(box.max, mesh.positions[v]);
        first = std::min(first, v);
        last = std::max(last, v);
    }
    REQUIRE(first <= last);
    scene.vertexDensity = density;
    scene.densityRevision += 1;
    scene.densityChangedFirst = first;
    scene.densityChangedCount = last - first + 1;
    scene.densityChangedBox = box;
    return {first, last + 1};
}

render::Picture captureFrame(render::WindowRenderer& renderer, const render::Scene& scene) {
    renderer.captureNextFrame();
    REQUIRE(renderer.drawFrame(scene, kSize) == render::FrameResult::Drawn);
    render::Picture p = renderer.captured();
    REQUIRE_MESSAGE(p.width == kWidth, "the window's images cannot be read back here");
    return p;
}

// Runs `body` with a window, a context with validation on and the test head's surface; skipped without
// a display; any validation message fails the test.
void inWindow(const std::function<void(const TestWindow&, const render::Context&, const render::HeadSurface&)>& body) {
    const auto window = openWindow();
    if (!window) {
        MESSAGE("no display: the window part is skipped");
        return;
    }
    ValidationLog log;
    {
        auto context = testing::validatedContext(log, windowContextOptions());
        const render::HeadSurface surface = render::headSurface(testing::testHead());
        body(*window, *context, surface);
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

const char* modeName(render::KeptPicture mode) { return mode == render::KeptPicture::On ? "kept" : "direct"; }

}  // namespace

TEST_CASE("the window keeps its picture on a CPU device only, unless told otherwise") {
    using render::KeptPicture;
    CHECK(render::keepsPicture(KeptPicture::Auto, vk::PhysicalDeviceType::eCpu));
    CHECK_FALSE(render::keepsPicture(KeptPicture::Auto, vk::PhysicalDeviceType::eDiscreteGpu));
    CHECK_FALSE(render::keepsPicture(KeptPicture::Auto, vk::PhysicalDeviceType::eIntegratedGpu));
    CHECK(render::keepsPicture(KeptPicture::On, vk::PhysicalDeviceType::eDiscreteGpu));
    CHECK_FALSE(render::keepsPicture(KeptPicture::Off, vk::PhysicalDeviceType::eCpu));
    CHECK(render::keptPictureNamed("off") == KeptPicture::Off);
    CHECK_FALSE(render::keptPictureNamed("sometimes"));
}

TEST_CASE("the swapchain is rebuilt when the size asked for changes, not when the surface keeps its own") {
    CHECK_FALSE(render::needsNewSwapchain(false, {300, 200}, {300, 200}));
    CHECK(render::needsNewSwapchain(false, {300, 201}, {300, 200}));
    CHECK(render::needsNewSwapchain(true, {300, 200}, {300, 200}));

    inWindow([](const TestWindow& window, const render::Context& context, const render::HeadSurface& surface) {
        auto renderer = makeRenderer(context, window, surface, {});
        // An X11 surface's images are the window's size whatever is asked: a size that never matches.
        const vk::Extent2D asked{kWidth - 20, kHeight - 40};
        for (int i = 0; i < 4; ++i) REQUIRE(renderer->drawFrame(frontScene(), asked) == render::FrameResult::Drawn);
        REQUIRE(renderer->extent() == kSize);
        CHECK(renderer->swapchainRebuilds() == 1);
        for (int i = 0; i < 2; ++i) REQUIRE(renderer->drawFrame(frontScene(), kSize) == render::FrameResult::Drawn);
        CHECK(renderer->swapchainRebuilds() == 2);
    });
}

TEST_CASE("density changed by a frame that is not drawn reaches both frames' buffers and the picture") {
    const auto window = openWindow();
    if (!window) {
        MESSAGE("no display: skipped");
        return;
    }
    ValidationLog log;
    for (const render::KeptPicture mode : {render::KeptPicture::On, render::KeptPicture::Off}) {
        CAPTURE(std::string(modeName(mode)));
        auto context = testing::validatedContext(log, windowContextOptions());
        const render::HeadSurface surface = render::headSurface(testing::testHead());
        std::vector<float> density(testing::testHead().mesh().vertexCount(), 0.0f);
        render::Scene scene = frontScene();
        // The pen moves a little every frame, so that each frame draws something (with the kept
        // picture, a frame that redraws nothing leaves its buffers for later).
        render::ToolShape pen;
        const glm::vec3 cheek = areaCentre("cheek_left");
        const auto penAt = [&](int step) {
            pen.tip = cheek + glm::vec3(2.0f * static_cast<float>(step), 0.0f, 0.0f);
            scene.tool = pen;
        };
        std::array<render::Picture, 2> afterSkip;
        {
            auto renderer = makeRenderer(*context, *window, surface, {true, 1, mode});
            REQUIRE(renderer->keepsPicture() == (mode == render::KeptPicture::On));
            scene.vertexDensity = density;
            scene.densityRevision = 1;
            for (int i = 0; i < 2; ++i) {
                penAt(i);
                REQUIRE(renderer->drawFrame(scene, kSize) == render::FrameResult::Drawn);
            }
            const std::size_t before = renderer->densityBytesUploaded();
            // The forehead is needled in a frame that is not drawn (the window minimised), then the chin;
            // vertices from two halves of the numbering, so neither range holds the other.
            const std::size_t half = density.size() / 2;
            const auto a = puncture(scene, density, areaCentre("forehead"), 10.0f, 150.0f, 0, half);
            penAt(2);
            REQUIRE(renderer->drawFrame(scene, {0, 0}) == render::FrameResult::Minimised);
            const auto b = puncture(scene, density, areaCentre("chin"), 10.0f, 150.0f, half);
            REQUIRE(a.second <= b.first);
            penAt(3);
            REQUIRE(renderer->drawFrame(scene, kSize) == render::FrameResult::Drawn);
            const std::size_t span = std::max(a.second, b.second) - std::min(a.first, b.first);
            CHECK(renderer->densityBytesUploaded() - before == 2 * sizeof(float) * span);
            // The other frame in flight gets the same changes when it comes round.
            penAt(4);
            REQUIRE(renderer->drawFrame(scene, kSize) == render::FrameResult::Drawn);
            CHECK(renderer->densityBytesUploaded() - before == 2 * 2 * sizeof(float) * span);
            for (int i = 0; i < 2; ++i) {  // one picture from each frame's buffers
                penAt(5 + i);
                afterSkip[i] = captureFrame(*renderer, scene);
            }
        }
        // The same density sent whole to a new renderer, the pen in the same places.
        auto fresh = makeRenderer(*context, *window, surface, {true, 1, mode});
        scene.densityChangedFirst = 0;
        scene.densityChangedCount = SIZE_MAX;
        scene.densityChangedBox.reset();
        for (int i = 0; i < 2; ++i) {
            penAt(5 + i);
            const render::Picture whole = captureFrame(*fresh, scene);
            CHECK(testing::coverage(whole) > 0.1);
            CHECK(afterSkip[i].rgba == whole.rgba);
        }
        fresh.reset();
        context.reset();
    }
    CHECK_MESSAGE(log.messages.empty(), log.describe());
}

TEST_CASE("both ways of drawing the window give the same head, validated, with and without multisampling") {
    inWindow([](const TestWindow& window, const render::Context& context, const render::HeadSurface& surface) {
        std::vector<float> density(testing::testHead().mesh().vertexCount(), 0.0f);
        render::Scene scene = frontScene();
        render::ToolShape pen;
        pen.tip = areaCentre("forehead");
        scene.tool = pen;
        std::vector<render::Picture> pictures;
        for (const auto& [mode, samples] : {std::pair{render::KeptPicture::On, 1u}, std::pair{render::KeptPicture::Off, 1u},
                                            std::pair{render::KeptPicture::Off, 4u}}) {
            CAPTURE(std::string(modeName(mode)));
            CAPTURE(samples);
            auto renderer = makeRenderer(context, window, surface, {true, samples, mode});
            CHECK(renderer->samples() == render::sampleCountFor(samples));
            render::Scene s = scene;
            std::vector<float> d = density;
            puncture(s, d, areaCentre("forehead"), 12.0f, 120.0f);
            for (int i = 0; i < 3; ++i) REQUIRE(renderer->drawFrame(s, kSize) == render::FrameResult::Drawn);
            s.tool->tip += glm::vec3(3.0f, 0.0f, 0.0f);  // the pen moves: the kept picture redraws a part
            REQUIRE(renderer->drawFrame(s, kSize) == render::FrameResult::Drawn);
            pictures.push_back(captureFrame(*renderer, s));
            CHECK(testing::coverage(pictures.back()) > 0.1);
            CHECK(renderer->wholeRedraws() == (mode == render::KeptPicture::On ? 1u : 5u));
        }
        // The same scene code draws both: single-sampled, the same pixels; multisampled, only edges differ.
        CHECK(pictures[0].rgba == pictures[1].rgba);
        const testing::ImageDifference d = testing::compareImages(pictures[2], kWidth, kHeight, pictures[1].rgba, 24);
        CHECK(d.meanAbsolute < 2.0);
        CHECK(d.differingShare < 0.02);
    });
}

TEST_CASE("a frame whose recording throws leaves the next frame free to draw (no fence left unsignalled)") {
    inWindow([](const TestWindow& window, const render::Context& context, const render::HeadSurface& surface) {
        auto renderer = makeRenderer(context, window, surface, {});
        const render::Scene scene = frontScene();
        REQUIRE(renderer->drawFrame(scene, kSize) == render::FrameResult::Drawn);
        struct Failing : render::WindowOverlay {
            render::PixelRegions changedPixels() override { return render::PixelRegions::all(kWidth, kHeight); }
            void record(const vk::raii::CommandBuffer&, const render::PixelRegions&) override {
                throw std::runtime_error("the interface failed");
            }
        } failing;
        CHECK_THROWS_AS(renderer->drawFrame(scene, kSize, &failing), std::runtime_error);
        // A fence reset before the failed recording would make this wait forever: give it 20 s.
        auto next = std::async(std::launch::async, [&] {
            bool drawn = true;
            for (int i = 0; i < 3; ++i) drawn = drawn && renderer->drawFrame(scene, kSize) == render::FrameResult::Drawn;
            return drawn;
        });
        if (next.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
            std::fputs("FAILED: the frame after a failed one never finished waiting\n", stderr);
            std::fflush(stderr);
            std::_Exit(1);  // the renderer's thread is stuck in the driver: nothing can be cleaned up
        }
        CHECK(next.get());
    });
}

namespace {

// The interface of step `step`: a panel whose counter changes every step and whose warning comes
// and goes, and a translucent legend over the head that moves once.
void buildInterface(int step) {
    ImGui::NewFrame();
    const ImGuiWindowFlags fixed = ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize;
    ImGui::SetNextWindowPos(ImVec2(200, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(120, 240), ImGuiCond_Always);
    ImGui::Begin("Treatment", nullptr, fixed);
    ImGui::Text("Punctures: %d", 1890 + 7 * step);
    if (step % 3 == 1) ImGui::TextColored(ImVec4(1, 0.5f, 0.3f, 1), "! Too fast");
    ImGui::Button("Finish");
    ImGui::End();
    ImGui::SetNextWindowPos(step < 4 ? ImVec2(10, 180) : ImVec2(30, 150), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(150, 50), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.6f);
    ImGui::Begin("Legend", nullptr, fixed | ImGuiWindowFlags_NoTitleBar);
    ImGui::TextUnformatted("target  maximum");
    ImGui::End();
    ImGui::Render();
}

}  // namespace

TEST_CASE("the kept window image, redrawn only where the head or the interface changed, equals one drawn whole") {
    inWindow([](const TestWindow& window, const render::Context& context, const render::HeadSurface& surface) {
        constexpr int kSteps = 9;
        std::vector<std::vector<render::Picture>> pictures;
        std::uint64_t keptPixels = 0;
        for (const render::KeptPicture mode : {render::KeptPicture::On, render::KeptPicture::Off}) {
            CAPTURE(std::string(modeName(mode)));
            auto renderer = makeRenderer(context, window, surface, {true, 1u, mode});
            REQUIRE(renderer->imageCount() >= 2);
            const testing::TestInterface imgui(kWidth, kHeight);  // each way of drawing starts from the same state
            render::ImGuiLayer ui(context, renderer->overlayRenderPass(), renderer->overlaySamples(),
                                  renderer->minImageCount(), renderer->imageCount());
            std::vector<float> density(testing::testHead().mesh().vertexCount(), 0.0f);
            render::Scene scene = frontScene();
            render::ToolShape pen;
            pen.tip = areaCentre("forehead") - glm::vec3(12.0f, 0.0f, 0.0f);
            scene.tool = pen;
            pictures.emplace_back();
            for (int step = 0; step < kSteps; ++step) {
                CAPTURE(step);
                // The pen moves and needles every other step; the camera stays.
                scene.tool->tip += glm::vec3(3.0f, 0.0f, 0.0f);
                if (step % 2 == 0) puncture(scene, density, scene.tool->tip, 12.0f, 150.0f);
                ui.newFrame();
                buildInterface(step);
                // Some frames uncaptured, so that images are reused with what others changed in between.
                if (step % 3 == 2) REQUIRE(renderer->drawFrame(scene, kSize, &ui) == render::FrameResult::Drawn);
                renderer->captureNextFrame();
                REQUIRE(renderer->drawFrame(scene, kSize, &ui) == render::FrameResult::Drawn);
                pictures.back().push_back(renderer->captured());
                REQUIRE(pictures.back().back().width == kWidth);
            }
            if (mode == render::KeptPicture::On) keptPixels = renderer->windowPixelsDrawn();
            else CHECK(renderer->windowPixelsDrawn() == std::uint64_t{kWidth} * kHeight * (kSteps + kSteps / 3));
            renderer->waitIdle();
        }
        for (int step = 0; step < kSteps; ++step) {
            CAPTURE(step);
            const auto& kept = pictures[0][static_cast<std::size_t>(step)];
            const auto& whole = pictures[1][static_cast<std::size_t>(step)];
            if (kept.rgba != whole.rgba) {  // for a look at what differs
                const std::filesystem::path out(PINPOINT_RENDER_TEST_OUT);
                std::filesystem::create_directories(out);
                (void)io::writePng((out / ("window_kept_" + std::to_string(step) + ".png")).string(), {kept.width, kept.height, kept.rgba});
                (void)io::writePng((out / ("window_whole_" + std::to_string(step) + ".png")).string(), {whole.width, whole.height, whole.rgba});
            }
            CHECK(kept.rgba == whole.rgba);
        }
        // The kept image drew far less than whole frames: each image whole once, then the changes.
        CHECK(keptPixels < std::uint64_t{kWidth} * kHeight * (kSteps + kSteps / 3) / 2);
    });
}
