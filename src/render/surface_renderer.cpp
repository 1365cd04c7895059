#include "render/surface_renderer.h"

#include "render/tool_mesh.h"
#include "render/density_changes.h"
#include "render/density_colours.h"

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

namespace pinpoint::render {

namespace {

// The size of a pixel (mm) one millimetre in front of the camera.
float pixelSizeAt1Mm(const Camera& camera, vk::Extent2D extent) {
    return 2.0f * std::tan(0.5f * glm::radians(camera.verticalFovDegrees)) / static_cast<float>(std::max(extent.height, 1u));
}

// Mirrors FrameUniforms in shaders/surface_interface.glsl (std140; every member is a vec4 or mat4).
struct FrameUniforms {
    glm::mat4 viewProjection;
    glm::vec4 cameraPosition;
    glm::vec4 lightDirection[3];
    glm::vec4 lightColour[3];
    glm::vec4 skyColour;
    glm::vec4 groundColour;
    glm::vec4 eyeCentre[2];
    glm::vec4 eyeForward;
    glm::vec4 params;
    glm::vec4 clip;
    glm::vec4 areaColour[kMaxAreas];
    glm::vec4 toolTip;
    glm::vec4 toolAxis;
    glm::vec4 toolAcross;
    glm::vec4 toolColour;
    glm::vec4 areaDensity[kMaxAreas];
    glm::vec4 densityGrid[kDensityGridSize];
    glm::vec4 skinTone;
    glm::vec4 erythema;
    glm::vec4 blood;
};

// Mirrors BleedingPoint in shaders/bleeding.vert.
struct GpuBleedingPoint {
    glm::vec4 position;  // w: seed
    glm::vec4 normal;    // w: the mesh vertex, as float bits
};
static_assert(sizeof(GpuBleedingPoint) == 32);

// Tells the shaders which triangle a draw starting at index `firstIndex` starts with.
void pushFirstTriangle(const vk::raii::CommandBuffer& cmd, vk::PipelineLayout layout, std::uint32_t firstIndex) {
    const SurfaceDraw draw{firstIndex / 3};
    cmd.pushConstants<SurfaceDraw>(layout, vk::ShaderStageFlagBits::eVertex | vk::ShaderStageFlagBits::eFragment, 0, draw);
}

GpuBleedingPoint packed(const core::BleedingPoint& b) {
    GpuBleedingPoint g{glm::vec4(b.position, b.seed), glm::vec4(b.normal, 0.0f)};
    std::memcpy(&g.normal.w, &b.vertex, sizeof(float));
    return g;
}

// A portrait set-up that moves with the camera: a warm key light above and to the camera's left,
// a cool, weaker fill from the right and a rim light from behind.
void setLights(FrameUniforms& u, const Camera& camera) {
    const glm::vec3 back = glm::normalize(camera.eye - camera.target);
    const glm::vec3 right = glm::normalize(glm::cross(camera.up, back));
    const glm::vec3 up = glm::cross(back, right);
    u.lightDirection[0] = glm::vec4(glm::normalize(-0.80f * right + 0.70f * up + 0.50f * back), 0.0f);
    u.lightColour[0] = glm::vec4(1.50f, 1.38f, 1.24f, 0.0f);
    u.lightDirection[1] = glm::vec4(glm::normalize(0.75f * right - 0.05f * up + 0.65f * back), 0.0f);
    u.lightColour[1] = glm::vec4(0.20f, 0.22f, 0.26f, 0.0f);
    u.lightDirection[2] = glm::vec4(glm::normalize(0.45f * right + 0.45f * up - 0.75f * back), 0.0f);
    u.lightColour[2] = glm::vec4(0.55f, 0.55f, 0.60f, 0.0f);
    u.skyColour = glm::vec4(0.17f, 0.18f, 0.21f, 0.0f);
    u.groundColour = glm::vec4(0.06f, 0.055f, 0.05f, 0.0f);
}

// The tool where it meets the skin: its footprint and its shadow are drawn by the skin's shader.
void setToolOnSkin(FrameUniforms& u, const std::optional<ToolShape>& tool) {
    if (!tool) return;  // a zero radius: no tool
    u.toolTip = glm::vec4(tool->tip, footprintRadius(*tool));
    u.toolAxis = glm::vec4(tool->axis, tool->liftMm);
    u.toolAcross = glm::vec4(tool->across, tool->kind == ToolShape::Kind::Roller ? 0.5f * tool->drumWidthMm : 0.0f);
    u.toolColour = glm::vec4(tool->ringColour, shadowReachMm(*tool));
}

}  // namespace

bool poresShow(const Camera& camera, vk::Extent2D extent) {
    // They fade out by 0.16 mm a pixel (surface.frag); the skin nearest the camera is nearer than the
    // point it looks at (the middle of the head).
    return 0.6f * pixelSizeAt1Mm(camera, extent) * glm::distance(camera.eye, camera.target) < 0.16f;
}

vk::Rect2D scissorFor(const PixelRect& area, vk::Extent2D extent) {
    if (area.empty()) return vk::Rect2D({0, 0}, extent);
    const PixelRect r = clampTo(area, static_cast<int>(extent.width), static_cast<int>(extent.height));
    if (r.empty()) return vk::Rect2D({0, 0}, {0, 0});
    return vk::Rect2D({r.x0, r.y0}, {static_cast<std::uint32_t>(r.x1 - r.x0), static_cast<std::uint32_t>(r.y1 - r.y0)});
}

glm::mat4 viewProjection(const Camera& camera, float aspect) {
    glm::mat4 projection =
        glm::perspectiveRH_ZO(glm::radians(camera.verticalFovDegrees), aspect, camera.nearMm, camera.farMm);
    projection[1][1] *= -1.0f;  // Vulkan's clip space has y down
    return projection * glm::lookAtRH(camera.eye, camera.target, camera.up);
}

SurfaceRenderer::SurfaceRenderer(const Context& context, const GpuSurface& surface, vk::RenderPass renderPass,
                                 vk::SampleCountFlagBits samples, std::uint32_t framesInFlight)
    : surface_(&surface), pipeline_(context, renderPass, samples) {
    const std::uint32_t n = std::max(framesInFlight, 1u);
    const std::array<vk::DescriptorPoolSize, 2> sizes = {
        vk::DescriptorPoolSize(vk::DescriptorType::eUniformBuffer, n),
        vk::DescriptorPoolSize(vk::DescriptorType::eStorageBuffer, 5 * n),
    };
    pool_ = vk::raii::DescriptorPool(
        context.device(),
        vk::DescriptorPoolCreateInfo(vk::DescriptorPoolCreateFlagBits::eFreeDescriptorSet, n, sizes));
    const std::size_t vertices = std::max<std::size_t>(surface.meshVertexCount(), 1);
    const std::vector<float> zeros(2 * vertices, 0.0f);
    const std::size_t points = std::max<std::size_t>(surface.sampleCount(), 1);
    const std::vector<float> noPunctures(points, 0.0f);
    for (std::uint32_t i = 0; i < n; ++i) {
        Slot slot{Buffer(context, sizeof(FrameUniforms), vk::BufferUsageFlagBits::eUniformBuffer,
                         vk::MemoryPropertyFlagBits::eHostVisible),
                  Buffer(context, 2 * vertices * sizeof(float), vk::BufferUsageFlagBits::eStorageBuffer,
                         vk::MemoryPropertyFlagBits::eHostVisible),
                  Buffer(context, core::kMaxBleedingPoints * sizeof(GpuBleedingPoint), vk::BufferUsageFlagBits::eStorageBuffer,
                         vk::MemoryPropertyFlagBits::eHostVisible),
                  Buffer(context, points * sizeof(float), vk::BufferUsageFlagBits::eStorageBuffer,
                         vk::MemoryPropertyFlagBits::eHostVisible)};
        slot.density.write(zeros.data(), zeros.size() * sizeof(float));
        slot.samples.write(noPunctures.data(), noPunctures.size() * sizeof(float));
        const vk::DescriptorSetLayout layout = pipeline_.setLayout();
        vk::raii::DescriptorSets sets(context.device(), vk::DescriptorSetAllocateInfo(*pool_, layout));
        slot.set = std::move(sets[0]);

        const vk::DescriptorBufferInfo uniformInfo(slot.uniforms.handle(), 0, VK_WHOLE_SIZE);
        // Bindings kVertexBuffer .. kSampleDensityBuffer, in order.
        const std::array<vk::DescriptorBufferInfo, 5> storage = {
            vk::DescriptorBufferInfo(surface.vertices(), 0, VK_WHOLE_SIZE),
            vk::DescriptorBufferInfo(slot.density.handle(), 0, VK_WHOLE_SIZE),
            vk::DescriptorBufferInfo(slot.bleeding.handle(), 0, VK_WHOLE_SIZE),
            vk::DescriptorBufferInfo(surface.triangles(), 0, VK_WHOLE_SIZE),
            vk::DescriptorBufferInfo(slot.samples.handle(), 0, VK_WHOLE_SIZE),
        };
        std::vector<vk::WriteDescriptorSet> writes;
        writes.emplace_back(*slot.set, kFrameUniforms, 0, vk::DescriptorType::eUniformBuffer, nullptr, uniformInfo);
        for (std::uint32_t b = 0; b < storage.size(); ++b)
            writes.emplace_back(*slot.set, kVertexBuffer + b, 0, vk::DescriptorType::eStorageBuffer, nullptr,
                                storage[b]);
        context.device().updateDescriptorSets(writes, {});
        slots_.push_back(std::move(slot));
    }
}

void SurfaceRenderer::noteDensityChange(const Scene& scene) {
    if (densityRevision_ == scene.densityRevision) return;
    densityRevision_ = scene.densityRevision;
    const std::size_t vertices = surface_->meshVertexCount(), points = surface_->sampleCount();
    std::size_t first = 0, end = vertices;  // empty density: everything goes back to zero
    if (!scene.vertexDensity.empty() && scene.densityChangedCount != SIZE_MAX) {
        first = std::min(scene.densityChangedFirst, vertices);
        end = std::min(first + scene.densityChangedCount, vertices);
    }
    std::size_t sampleFirst = 0, sampleEnd = points;  // the same for the points
    if (!scene.sampleDensity.empty() && scene.densityChangedCount != SIZE_MAX && scene.sampleChangedCount != SIZE_MAX) {
        sampleFirst = std::min(scene.sampleChangedFirst, points);
        sampleEnd = std::min(sampleFirst + scene.sampleChangedCount, points);
    }
    for (Slot& slot : slots_) {
        widenRange(slot.pendingFirst, slot.pendingEnd, first, end);
        widenRange(slot.pendingSampleFirst, slot.pendingSampleEnd, sampleFirst, sampleEnd);
    }
}

void SurfaceRenderer::sendDensity(Slot& slot, const Scene& scene) {
    if (slot.pendingFirst < slot.pendingEnd) {
        // Two floats a vertex: all punctures per cm2, and those that reached the dermis.
        const std::size_t n = surface_->meshVertexCount();
        assert(scene.vertexDensity.empty() || scene.vertexDensity.size() == n);
        assert(scene.vertexBleeding.empty() || scene.vertexBleeding.size() == n);
        std::vector<float> values(2 * (slot.pendingEnd - slot.pendingFirst), 0.0f);
        for (std::size_t v = slot.pendingFirst; v < slot.pendingEnd; ++v) {
            const std::size_t i = 2 * (v - slot.pendingFirst);
            if (scene.vertexDensity.size() == n) values[i] = scene.vertexDensity[v];
            if (scene.vertexBleeding.size() == n) values[i + 1] = scene.vertexBleeding[v];
        }
        const std::size_t bytes = values.size() * sizeof(float);
        slot.density.write(values.data(), bytes, 2 * slot.pendingFirst * sizeof(float));
        densityBytesUploaded_ += bytes;
        slot.pendingFirst = slot.pendingEnd = 0;
    }
    if (slot.pendingSampleFirst < slot.pendingSampleEnd) {
        const std::size_t first = slot.pendingSampleFirst, count = slot.pendingSampleEnd - first;
        const std::size_t bytes = count * sizeof(float);
        if (scene.sampleDensity.size() == surface_->sampleCount()) {
            slot.samples.write(scene.sampleDensity.data() + first, bytes, first * sizeof(float));
        } else {
            assert(scene.sampleDensity.empty());
            const std::vector<float> zeros(count, 0.0f);
            slot.samples.write(zeros.data(), bytes, first * sizeof(float));
        }
        densityBytesUploaded_ += bytes;
        slot.pendingSampleFirst = slot.pendingSampleEnd = 0;
    }
}

void SurfaceRenderer::record(const vk::raii::CommandBuffer& cmd, const Scene& scene, vk::Extent2D extent,
                             std::uint32_t slotIndex, const PixelRect& area) {
    Slot& slot = slots_.at(slotIndex);
    noteDensityChange(scene);
    sendDensity(slot, scene);

    const std::size_t drops = sendBleedingPoints(slot, scene);

    FrameUniforms u{};
    const float aspect = static_cast<float>(extent.width) / static_cast<float>(std::max(extent.height, 1u));
    u.viewProjection = viewProjection(scene.camera, aspect);
    u.cameraPosition = glm::vec4(scene.camera.eye, 1.0f);
    setLights(u, scene.camera);
    for (int side = 0; side < 2; ++side)
        u.eyeCentre[side] = glm::vec4(surface_->eyes()[side].centre, surface_->eyes()[side].radius);
    u.eyeForward = glm::vec4(0.0f, 0.0f, 1.0f, 0.0f);
    const float pixelScale = std::max(1.0f, static_cast<float>(extent.height) / 480.0f);
    u.params = glm::vec4(0.0f, scene.densityFullScale, 1.1f * pixelScale, 7.0f * pixelScale);
    u.clip = glm::vec4(surface_->clipBelowY(), 0.0f, 0.0f, 0.0f);
    const std::vector<AreaStyle>& areas = surface_->areas();
    for (std::size_t i = 0; i < areas.size() && i < kMaxAreas; ++i)
        u.areaColour[i] = glm::vec4(areas[i].colour, areas[i].forbidden ? 1.0f : 0.0f);
    setToolOnSkin(u, scene.tool);
    for (std::size_t i = 0; i < kMaxAreas; ++i) {
        const DensityLandmarks l = scene.densityScale.of(i);
        const bool roller = i < scene.rollerAreas.size() && scene.rollerAreas[i] != 0;
        u.areaDensity[i] = glm::vec4(l.targetPerCm2, l.maxPerCm2, roller ? 1.0f : 0.0f, 0.0f);
    }
    const std::array<glm::vec3, kDensityGridSize> grid = densityGrid();
    for (std::size_t i = 0; i < grid.size(); ++i) u.densityGrid[i] = glm::vec4(grid[i], 0.0f);
    const float pixelAt1Mm = pixelSizeAt1Mm(scene.camera, extent);
    u.skinTone = glm::vec4(scene.skin.tone / kReferenceSkin, 0.0f);
    u.erythema = glm::vec4(scene.skin.erythema / glm::max(scene.skin.tone, glm::vec3(1e-4f)), 0.0f);
    u.blood = glm::vec4(scene.skin.blood, pixelAt1Mm);
    slot.uniforms.write(&u, sizeof(u));

    cmd.bindDescriptorSets(vk::PipelineBindPoint::eGraphics, pipeline_.layout(), 0, *slot.set, {});
    pushFirstTriangle(cmd, pipeline_.layout(), 0);
    cmd.setViewport(0, vk::Viewport(0.0f, 0.0f, static_cast<float>(extent.width),
                                    static_cast<float>(extent.height), 0.0f, 1.0f));
    cmd.setScissor(0, scissorFor(area, extent));
    cmd.bindIndexBuffer(surface_->indices(), 0, vk::IndexType::eUint32);
    drawVisibleClusters(cmd, scene, u.viewProjection, extent, area);
    // The drops show on the skin as it is, not under the heatmap (like the erythema).
    if (drops > 0 && scene.overlay != Overlay::Density) {
        cmd.bindPipeline(vk::PipelineBindPoint::eGraphics, pipeline_.bleeding());
        cmd.draw(static_cast<std::uint32_t>(drops), 1, 0, 0);
    }
    if (scene.tool) drawToolOnSkin(cmd, scene, u.viewProjection, extent, area);
}

void SurfaceRenderer::drawToolOnSkin(const vk::raii::CommandBuffer& cmd, const Scene& scene,
                                     const glm::mat4& viewProjection, vk::Extent2D extent, const PixelRect& area) {
    // Only the skin around the tip is drawn again: the clusters that reach into the box its
    // footprint and shadow stay within.
    const core::Bounds reach = toolOnSkinBounds(*scene.tool);
    const int width = static_cast<int>(extent.width), height = static_cast<int>(extent.height);
    PixelRect drawn = area.empty() ? PixelRect{0, 0, width, height} : area;
    // Only the pixels around the tip: the clusters reach far beyond the footprint and its shadow.
    const PixelRect near = grow(projectBox(reach.min, reach.max, viewProjection, width, height), 2);
    drawn = {std::max(drawn.x0, near.x0), std::max(drawn.y0, near.y0), std::min(drawn.x1, near.x1), std::min(drawn.y1, near.y1)};
    if (drawn.empty()) return;
    cmd.setScissor(0, scissorFor(drawn, extent));
    bool bound = false;
    for (const SurfaceCluster& c : surface_->clusters()) {
        if (c.eyes || glm::any(glm::lessThan(c.hi, reach.min)) || glm::any(glm::greaterThan(c.lo, reach.max))) continue;
        if (facesAway(c, scene.camera.eye) || !projectBox(c.lo, c.hi, viewProjection, width, height).overlaps(drawn)) continue;
        if (!bound) cmd.bindPipeline(vk::PipelineBindPoint::eGraphics, pipeline_.toolOnSkin());
        bound = true;
        pushFirstTriangle(cmd, pipeline_.layout(), c.firstIndex);
        cmd.drawIndexed(c.indexCount, 1, c.firstIndex, 0, 0);
    }
}

std::size_t SurfaceRenderer::sendBleedingPoints(Slot& slot, const Scene& scene) {
    const std::size_t count = std::min(scene.bleedingPoints.size(), core::kMaxBleedingPoints);
    if (slot.bleedingGeneration != scene.bleedingGeneration) {
        slot.bleedingGeneration = scene.bleedingGeneration;
        slot.bleedingSent = 0;
    }
    slot.bleedingSent = std::min(slot.bleedingSent, count);  // a prefix of the list sent before is still right
    if (slot.bleedingSent < count) {
        std::vector<GpuBleedingPoint> points;
        points.reserve(count - slot.bleedingSent);
        for (std::size_t i = slot.bleedingSent; i < count; ++i) points.push_back(packed(scene.bleedingPoints[i]));
        slot.bleeding.write(points.data(), points.size() * sizeof(GpuBleedingPoint), slot.bleedingSent * sizeof(GpuBleedingPoint));
        slot.bleedingSent = count;
    }
    return count;
}

void SurfaceRenderer::drawVisibleClusters(const vk::raii::CommandBuffer& cmd, const Scene& scene,
                                          const glm::mat4& viewProjection, vk::Extent2D extent,
                                          const PixelRect& area) {
    const int width = static_cast<int>(extent.width), height = static_cast<int>(extent.height);
    const PixelRect drawn = area.empty() ? PixelRect{0, 0, width, height} : area;
    const std::vector<SurfaceCluster>& clusters = surface_->clusters();
    std::optional<bool> boundEyes;
    const SurfaceMaterial skin = poresShow(scene.camera, extent) ? SurfaceMaterial::SkinCloseUp : SurfaceMaterial::Skin;
    std::size_t i = 0;
    const auto visible = [&](const SurfaceCluster& c) {
        return !facesAway(c, scene.camera.eye) && projectBox(c.lo, c.hi, viewProjection, width, height).overlaps(drawn);
    };
    while (i < clusters.size()) {
        if (!visible(clusters[i])) {
            ++i;
            continue;
        }
        // A run of visible clusters of one material is one draw.
        const bool eyes = clusters[i].eyes;
        const std::uint32_t first = clusters[i].firstIndex;
        std::uint32_t count = 0;
        while (i < clusters.size() && clusters[i].eyes == eyes && visible(clusters[i])) count += clusters[i++].indexCount;
        if (boundEyes != eyes) {
            cmd.bindPipeline(vk::PipelineBindPoint::eGraphics, pipeline_.pipeline(scene.overlay, eyes ? SurfaceMaterial::Eyes : skin));
            boundEyes = eyes;
        }
        pushFirstTriangle(cmd, pipeline_.layout(), first);
        cmd.drawIndexed(count, 1, first, 0, 0);
        drawnIndices_ += count;
    }
}

}  // namespace pinpoint::render
