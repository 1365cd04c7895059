// `pinpoint render`: a picture of the head, offscreen (no window or display needed), and with
// --bench the renderer's frame time.
#include "cli/commands.h"
#include "cli/load_head.h"
#include "cli/session_input.h"
#include "cli/session_pictures.h"
#include "cli/treatment_context.h"
#include "io/png_file.h"
#include "render/head_surface.h"
#include "render/offscreen_renderer.h"
#include "render/picture_labels.h"
#include "render/scene_builder.h"
#include "render/skin_look.h"
#include "render/views.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

namespace pinpoint::cli {

namespace {

constexpr std::uint32_t kMinSide = 16;
constexpr std::uint32_t kMaxSide = 8192;

struct RenderOptions {
    HeadOptions head;
    std::string view = "front";
    std::string overlay = "none";
    std::string size = "800x600";
    std::string out;
    unsigned msaa = 4;
    bool msaaGiven = false;
    bool demoDensity = false;
    bool legend = false;
    std::string session;
    std::string scenario;
    double at = -1.0;
    bool bench = false;
    unsigned frames = 200;
};

std::optional<std::pair<std::uint32_t, std::uint32_t>> parseSize(const std::string& text) {
    unsigned w = 0, h = 0;
    char x = 0, extra = 0;
    if (std::sscanf(text.c_str(), "%u%c%u%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X')) return std::nullopt;
    if (w < kMinSide || h < kMinSide || w > kMaxSide || h > kMaxSide) return std::nullopt;
    return std::make_pair(w, h);
}

render::Overlay parseOverlay(const std::string& name) {
    if (name == "zones") return render::Overlay::Zones;
    if (name == "density") return render::Overlay::Density;
    return render::Overlay::None;
}

double millisecondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

int fail(const std::string& message) {
    std::cerr << "pinpoint render: " << message << "\n";
    return kExitBadInput;
}

int bench(render::OffscreenRenderer& renderer, render::Scene scene, std::vector<float> density,
          std::vector<float> sampleDensity, unsigned frames, double firstFrameMs) {
    std::vector<double> drawMs;
    const std::vector<float> base = density, sampleBase = sampleDensity;
    std::clock_t cpuStart = 0;
    std::uint64_t drawnBefore = 0;
    for (unsigned f = 0; f < frames + 5; ++f) {
        // Every frame the density changes (as it does while the needles are down) and is re-uploaded.
        const float grow = 1.0f + 0.002f * static_cast<float>(f % 50);
        for (std::size_t v = 0; v < density.size(); ++v) density[v] = base[v] * grow;
        for (std::size_t s = 0; s < sampleDensity.size(); ++s) sampleDensity[s] = sampleBase[s] * grow;
        scene.vertexDensity = density;
        scene.sampleDensity = sampleDensity;
        scene.densityRevision = f + 1;
        if (f == 5) {
            cpuStart = std::clock();
            drawnBefore = renderer.drawnIndices();
        }
        const auto start = std::chrono::steady_clock::now();
        if (!renderer.draw(scene)) return fail("a frame failed");
        if (f >= 5) drawMs.push_back(millisecondsSince(start));  // the first frames warm up caches
    }
    // Processor time of all threads (lavapipe's included): a figure other busy processes disturb less.
    const double cpuMs = 1000.0 * static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC / frames;
    const double drawnTriangles = static_cast<double>(renderer.drawnIndices() - drawnBefore) / 3.0 / frames;
    double withReadback = 0.0;
    for (int i = 0; i < 20; ++i) {
        const auto start = std::chrono::steady_clock::now();
        if (!renderer.render(scene)) return fail("a frame failed");
        withReadback += millisecondsSince(start) / 20.0;
    }
    std::sort(drawMs.begin(), drawMs.end());
    double mean = 0.0;
    for (double ms : drawMs) mean += ms / static_cast<double>(drawMs.size());
    std::printf("first frame (device, upload, draw):  %.1f ms\n", firstFrameMs);
    std::printf("frame time over %u frames:  mean %.2f ms, median %.2f ms, p95 %.2f ms  (%.0f fps)\n", frames, mean,
                drawMs[drawMs.size() / 2], drawMs[drawMs.size() * 95 / 100], 1000.0 / mean);
    std::printf("processor time per frame (all threads):  %.2f ms\n", cpuMs);
    std::printf("surface triangles drawn per frame:  %.0f of %u (the rest face away or lie outside)\n", drawnTriangles,
                renderer.indexCount() / 3);
    std::printf("frame with read-back to memory:  %.2f ms\n", withReadback);
    return kExitOk;
}

int run(const RenderOptions& o) {
    const auto started = std::chrono::steady_clock::now();
    const auto size = parseSize(o.size);
    if (!size)
        return fail("bad --size '" + o.size + "': expected WIDTHxHEIGHT, each side " + std::to_string(kMinSide) +
                    " to " + std::to_string(kMaxSide) + " pixels");
    if (o.out.empty() && !o.bench) return fail("--out FILE.png is required");
    if (!o.session.empty() && o.bench) return fail("--session and --bench cannot be combined");
    // The treatment context (head, devices, rubric): the scene is built as the app builds it.
    const std::unique_ptr<TreatmentContext> treatment = loadTreatmentContext(o.head);
    if (!treatment) return kExitBadInput;
    const core::Head* head = &treatment->head;

    auto context = render::Context::create({});
    if (!context) return fail(context.error().describe());
    render::HeadSurface surface = render::headSurface(*head);
    surface.samples = &treatment->density;
    // Pictures get 4x multisampling; the benchmark times what the interactive window would use.
    const unsigned samples = o.bench && !o.msaaGiven ? (*context)->interactiveSamples() : o.msaa;
    auto renderer = render::OffscreenRenderer::create(**context, surface, {size->first, size->second, samples});
    if (!renderer) return fail(renderer.error().describe());

    std::optional<core::Scenario> scenario;
    if (!o.scenario.empty() && !(scenario = loadScenarioOrReport(*treatment, o.scenario))) return kExitBadInput;
    const render::SceneBuilder builder(*head, *treatment->surface);
    render::SceneInputs frame;
    frame.overlay = parseOverlay(o.overlay);
    const float aspect = static_cast<float>(size->first) / static_cast<float>(size->second);
    frame.camera = render::frameBounds(*render::parseView(o.view), core::meshBounds(head->mesh()), aspect);
    frame.scale = core::heatmapScale(scenario ? &*scenario : nullptr, treatment->rubric, false);
    std::vector<float> density, bleeding;
    core::DrawnSamples points;
    if (scenario) {
        frame.lesions = scenario->lesions;
        frame.skinTones = &treatment->skinTones;
        frame.fitzpatrick = scenario->patient.fitzpatrick;
    }
    std::vector<core::BleedingPoint> bleedingPoints;
    if (o.demoDensity || o.bench) {
        // Up to about the maximum on the forehead: every landmark of the colours shows somewhere.
        density = render::demoDensity(*head, static_cast<float>(frame.scale.maxPerCm2));
        bleeding = density;  // the made-up treatment went deep enough to bleed everywhere
        points.density = render::demoSampleDensity(head->mesh(), treatment->density, density);
    }
    if (!o.session.empty()) {
        const std::optional<LoadedSession> loaded = loadSessionOrReport(o.session, &treatment->tools);
        if (!loaded) return kExitBadInput;
        SessionDensity d = sessionDensity(*treatment, loaded->session, scenario ? &*scenario : nullptr,
                                          o.at >= 0.0 ? std::optional<double>(o.at) : std::nullopt);
        density = std::move(d.perVertex);
        bleeding = std::move(d.dermalPerVertex);
        points = std::move(d.samples);
        frame.scale = d.scale;
        bleedingPoints = std::move(d.bleedingPoints);
        if (o.overlay == "none") frame.overlay = render::Overlay::Density;  // a session's picture shows its treatment
    }
    frame.vertexDensity = density;
    frame.vertexBleeding = bleeding;
    frame.sampleDensity = points.density;
    frame.rollerAreas = points.roller;
    frame.bleedingPoints = bleedingPoints;
    frame.densityRevision = 1;
    const render::Scene scene = builder.build(frame);

    core::Result<render::Picture> picture = (*renderer)->render(scene);
    if (!picture) return fail(picture.error().describe());
    const double firstFrameMs = millisecondsSince(started);
    if (!o.out.empty()) {
        if (scene.overlay == render::Overlay::Zones) render::drawZoneLabels(*picture, scene.camera, builder);
        if (o.legend) render::drawDensityLegend(*picture, scene.densityScale);
        io::RgbaPixels pixels{picture->width, picture->height, std::move(picture->rgba)};
        drawLesionMarkers(pixels, scene.camera, *treatment->surface, scenario ? scenario->lesions : std::vector<core::Lesion>{});
        if (auto written = io::writePng(o.out, pixels); !written) return fail(written.error().describe());
    }
    if (!o.bench) return kExitOk;
    std::printf("device: %s (%s), %ux%u, %ux multisampling\n", (*context)->info().name.c_str(),
                render::deviceTypeName((*context)->info().type), size->first, size->second,
                static_cast<unsigned>((*renderer)->samples()));
    return bench(**renderer, scene, density, points.density, o.frames, firstFrameMs);
}

}  // namespace

Runner addRenderCommand(CLI::App& app) {
    CLI::App* cmd = app.add_subcommand("render", "Render a picture of the head offscreen (no window or display needed)");
    auto o = std::make_shared<RenderOptions>();
    addHeadOptions(*cmd, o->head);
    std::vector<std::string> views;
    for (render::View v : render::kAllViews) views.emplace_back(render::viewName(v));
    cmd->add_option("--view", o->view, "Where the camera looks from (left/right: the patient's)")
        ->check(CLI::IsMember(views))
        ->capture_default_str();
    cmd->add_option("--overlay", o->overlay, "What is drawn on the skin")
        ->check(CLI::IsMember({"none", "zones", "density"}))
        ->capture_default_str();
    cmd->add_option("--size", o->size, "Picture size in pixels, WIDTHxHEIGHT")->capture_default_str();
    cmd->add_option("--out", o->out, "PNG file to write");
    cmd->add_option("--msaa", o->msaa,
                    "Samples per pixel (1, 2, 4 or 8; lowered to what the device offers). With --bench the "
                    "default is what the window uses: 4 on a GPU, 1 on the CPU driver")
        ->check(CLI::IsMember({1u, 2u, 4u, 8u}))
        ->capture_default_str();
    cmd->add_flag("--demo-density", o->demoDensity,
                  "Fill the density overlay with a made-up treatment in progress (until sessions can be rendered)");
    cmd->add_flag("--legend", o->legend,
                  "Draw the density colours' legend along the bottom: target and maximum in punctures per cm2");
    cmd->add_option("--session", o->session,
                    "Show a recorded session's treatment: the density it left on the skin (overlay density)");
    cmd->add_option("--scenario", o->scenario,
                    "The scenario whose targets set the density colours' landmarks; its lesions are drawn and ringed in red");
    cmd->add_option("--at", o->at, "With --session: the moment to show, in seconds from the start (default: the end)")
        ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--bench", o->bench, "Time frames with the density changing every frame; prints ms per frame");
    cmd->add_option("--frames", o->frames, "Frames to time with --bench")->check(CLI::Range(1u, 100000u))
        ->capture_default_str();
    return [o, cmd]() {
        o->msaaGiven = cmd->count("--msaa") > 0;
        return run(*o);
    };
}

}  // namespace pinpoint::cli
